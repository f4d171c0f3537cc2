import LinearAlgebra

/// Equilibria of a small bimatrix game by enumeration of equal-size support pairs, in
/// floating point — the inner step of `MarkovValueIteration`.
///
/// Index convention: `a[i][j]`, `b[i][j]` are the row and column player's payoffs. For each
/// pair of supports I, J with |I| = |J| = k (smallest first), solves the indifference systems
/// `Σ_{j∈J} a[i][j] yⱼ = u (i ∈ I), Σ yⱼ = 1` and `Σ_{i∈I} b[i][j] xᵢ = w (j ∈ J), Σ xᵢ = 1`
/// and keeps the pair when both are probability vectors and no action outside the supports
/// does better (within `tolerance`).
///
/// Degenerate games: equilibria whose supports differ in size are not found; in a
/// nondegenerate game every equilibrium is found. The caller verifies by regret.
///
/// - Complexity: O(Σₖ C(m,k) C(n,k) k³).
/// - References: B. von Stengel, "Equilibrium computation for two-player games in strategic
///   and extensive form", in N. Nisan et al. (eds.), *Algorithmic Game Theory*, Cambridge
///   University Press, 2007, ch. 3, 53–78. doi:10.1017/CBO9780511800481.005
enum BimatrixSupportEnumeration {
    static func equilibria(_ a: [[Double]], _ b: [[Double]], tolerance: Double = 1e-10) -> [([Double], [Double])] {
        let m = a.count, n = a[0].count
        var out = [([Double], [Double])]()
        let maxK = min(m, n)
        for k in 1...maxK {
            for rowMask in 1..<(1 << m) where rowMask.nonzeroBitCount == k {
                let rows = (0..<m).filter { rowMask & (1 << $0) != 0 }
                for colMask in 1..<(1 << n) where colMask.nonzeroBitCount == k {
                    let cols = (0..<n).filter { colMask & (1 << $0) != 0 }
                    guard let y = indifference(rows.map { i in cols.map { a[i][$0] } }),
                          let x = indifference(cols.map { j in rows.map { b[$0][j] } }) else { continue }
                    var xs = [Double](repeating: 0, count: m), ys = [Double](repeating: 0, count: n)
                    for (t, i) in rows.enumerated() { xs[i] = x[t] }
                    for (t, j) in cols.enumerated() { ys[j] = y[t] }
                    if isEquilibrium(a, b, xs, ys, tolerance: tolerance) { out.append((xs, ys)) }
                }
            }
        }
        return out
    }

    /// Solves `M z = u 1, Σ z = 1` for a k×k matrix M (rows: the indifferent player's actions,
    /// columns: the opponent's support); `nil` if singular or z has a negative entry.
    private static func indifference(_ mRows: [[Double]]) -> [Double]? {
        let k = mRows.count
        var sys = [Double](repeating: 0, count: (k + 1) * (k + 1))
        var rhs = [Double](repeating: 0, count: k + 1)
        for i in 0..<k {
            for j in 0..<k { sys[i * (k + 1) + j] = mRows[i][j] }
            sys[i * (k + 1) + k] = -1
        }
        for j in 0..<k { sys[k * (k + 1) + j] = 1 }
        rhs[k] = 1
        guard let z = try? solveSmall(sys, rhs) else { return nil }
        let probs = Array(z[0..<k])
        guard probs.allSatisfy({ $0 >= -1e-12 && $0.isFinite }) else { return nil }
        let clipped = probs.map { max(0, $0) }
        let s = clipped.reduce(0, +)
        return clipped.map { $0 / s }
    }

    static func isEquilibrium(_ a: [[Double]], _ b: [[Double]], _ x: [Double], _ y: [Double], tolerance: Double) -> Bool {
        let m = a.count, n = a[0].count
        let rowPay = (0..<m).map { i in (0..<n).reduce(0.0) { $0 + a[i][$1] * y[$1] } }
        let colPay = (0..<n).map { j in (0..<m).reduce(0.0) { $0 + b[$1][j] * x[$1] } }
        let u = zip(x, rowPay).reduce(0.0) { $0 + $1.0 * $1.1 }
        let w = zip(y, colPay).reduce(0.0) { $0 + $1.0 * $1.1 }
        let scale = max(1, (a + b).flatMap { $0 }.map(abs).max() ?? 1)
        return rowPay.max()! <= u + tolerance * scale && colPay.max()! <= w + tolerance * scale
    }
}
