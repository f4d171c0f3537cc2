import GameTheory

/// The value and optimal strategies of a two-player zero-sum matrix game.
///
/// Index convention: `a[i][j]` is the row player's payoff (the column player's loss) when
/// the row player plays i and the column player j. The row player maximises.
public struct MatrixGameSolution<T: GameScalar>: Sendable {
    /// `maxₓ min_y xᵀ A y`.
    public let value: T
    /// An optimal (maximin) strategy of the row player.
    public let rowStrategy: [T]
    /// An optimal (minimax) strategy of the column player.
    public let columnStrategy: [T]
    /// Number of simplex pivots.
    public let pivots: Int
}

/// Solves a zero-sum matrix game by the simplex method on von Neumann's linear program.
///
/// After shifting the matrix by `c = 1 − minᵢⱼ aᵢⱼ` so every entry of `B = A + c` is at least
/// one, the column player's program `max Σⱼ yⱼ s.t. B y ≤ 1, y ≥ 0` has optimum `z = 1/val(B)`;
/// the column strategy is `y / z`, the row strategy is the dual solution (the objective-row
/// entries of the slack columns) divided by `z`, and `val(A) = 1/z − c`. Bland's rule
/// (smallest index enters and leaves) prevents cycling, so the method terminates on every
/// input, degenerate ones included. Generic over the arithmetic: with `Rational` the value and
/// strategies are exact; with `Double` pivots smaller than `1e-12 · max|B|` count as zero.
///
/// Degenerate inputs: games with several optimal strategies return one of them (a vertex of
/// the optimal polytope); a 1×1 game returns its entry.
///
/// - Complexity: each pivot is O(m (m + n)); the number of pivots is finite (Bland) and in
///   practice small for the stage games of policy models.
/// - References: G. B. Dantzig, "A proof of the equivalence of the programming problem and
///   the game problem", in T. C. Koopmans (ed.), *Activity Analysis of Production and
///   Allocation*, Wiley, 1951, 330–335; R. G. Bland, "New finite pivoting rules for the
///   simplex method", *Math. Oper. Res.* 2(2):103–107, 1977. doi:10.1287/moor.2.2.103
public enum ZeroSumMatrixGame {
    public static func solve<T: GameScalar>(_ a: [[T]]) -> MatrixGameSolution<T> {
        let m = a.count
        let n = a.first?.count ?? 0
        precondition(m > 0 && n > 0 && a.allSatisfy { $0.count == n }, "matrix game must be a non-empty rectangle")
        var lo = a[0][0]
        for row in a { for x in row where x < lo { lo = x } }
        let c = T.one - lo
        // Tableau rows 0..<m: [B | I | 1]; row m: objective [−1… | 0… | 0].
        let width = n + m + 1
        var tab = [[T]](repeating: [T](repeating: T.zero, count: width), count: m + 1)
        var scale = 1.0
        for i in 0..<m {
            for j in 0..<n { tab[i][j] = a[i][j] + c; scale = max(scale, abs(tab[i][j].doubleValue)) }
            tab[i][n + i] = T.one
            tab[i][width - 1] = T.one
        }
        for j in 0..<n { tab[m][j] = -T.one }
        var basis = (0..<m).map { n + $0 }
        let eps = T.isExact ? 0 : 1e-12 * scale
        func positive(_ x: T) -> Bool { T.isExact ? x > T.zero : x.doubleValue > eps }
        func negative(_ x: T) -> Bool { T.isExact ? x < T.zero : x.doubleValue < -eps }
        var pivots = 0
        while true {
            guard let enter = (0..<(n + m)).first(where: { negative(tab[m][$0]) }) else { break }
            var leave = -1
            var bestRatio = T.zero
            for i in 0..<m where positive(tab[i][enter]) {
                let r = tab[i][width - 1] / tab[i][enter]
                if leave < 0 || r < bestRatio || (r == bestRatio && basis[i] < basis[leave]) {
                    leave = i; bestRatio = r
                }
            }
            // The program is bounded (B > 0), so an entering column always has a positive entry.
            precondition(leave >= 0, "simplex: unbounded column in a bounded program")
            let piv = tab[leave][enter]
            for j in 0..<width { tab[leave][j] = tab[leave][j] / piv }
            for i in 0...m where i != leave {
                let f = tab[i][enter]
                if f == T.zero { continue }
                for j in 0..<width { tab[i][j] = tab[i][j] - f * tab[leave][j] }
            }
            basis[leave] = enter
            pivots += 1
        }
        let z = tab[m][width - 1]
        var y = [T](repeating: T.zero, count: n)
        for i in 0..<m where basis[i] < n { y[basis[i]] = tab[i][width - 1] / z }
        let x = (0..<m).map { i -> T in
            let d = tab[m][n + i]
            return (T.isExact || d.doubleValue > 0) ? d / z : T.zero
        }
        return MatrixGameSolution(value: T.one / z - c, rowStrategy: normalized(x), columnStrategy: normalized(y),
                                  pivots: pivots)
    }

    private static func normalized<T: GameScalar>(_ v: [T]) -> [T] {
        if T.isExact { return v }
        let v2 = v.map { $0 < T.zero ? T.zero : $0 }
        let s = v2.reduce(T.zero, +)
        return v2.map { $0 / s }
    }
}
