/// Nash equilibria of a two-player game by enumerating pairs of equal-size supports.
///
/// Definition (von Stengel 2007, §3.4). For supports I ⊆ {0…m−1} and J ⊆ {0…n−1} with
/// |I| = |J| = s, solve the indifference systems Σⱼ∈J A[i][j] yⱼ = v (i ∈ I), Σ yⱼ = 1 and
/// Σᵢ∈I B[i][j] xᵢ = u (j ∈ J), Σ xᵢ = 1; (x, y) is an equilibrium when x, y > 0 on I, J and
/// no action outside the support pays more than v (resp. u).
///
/// Completeness: in a **nondegenerate** game every equilibrium has equal-size supports and a
/// unique solution of these systems, so this finds all equilibria. In a degenerate game it
/// finds only the equilibria whose support systems are nonsingular with equal sizes: it may
/// miss equilibria (unequal supports, continua). Use `VertexEnumeration` for those games.
///
/// Arithmetic: each system is first solved in floating point as a filter (with loose
/// tolerances: 10⁻⁶ for probabilities, 10⁻⁶ × the payoff range for payoffs), then, in exact mode, every surviving candidate is solved again in
/// `Rational` and kept only if it is exactly an equilibrium. A support pair whose floating-point
/// system is near-singular is solved exactly directly.
///
/// - Complexity: Σₛ C(m, s)·C(n, s) systems of size s + 1, each O(s³) — exponential.
///
/// References:
/// - B. von Stengel (2007), "Equilibrium computation for two-player games in strategic and
///   extensive form", *Algorithmic Game Theory* ch. 3, CUP. doi:10.1017/CBO9780511800481.005
/// - O. L. Mangasarian (1964), "Equilibrium points of bimatrix games", *Journal of the SIAM*
///   12(4):778–780. doi:10.1137/0112064
public struct SupportEnumeration: Sendable {
    public var arithmetic: Arithmetic

    public init(arithmetic: Arithmetic = .exact) { self.arithmetic = arithmetic }

    public func solve(_ game: NormalFormGame) throws -> EquilibriumReport {
        guard game.playerCount == 2 else {
            throw GameError.unsupported("support enumeration needs a two-player game; this one has \(game.playerCount) players")
        }
        let m = game.shape[0], n = game.shape[1]
        let exact = arithmetic == .exact
        let (a, b) = game.bimatrixRows(Double.self)
        let flat = game.payoffTable.joined()
        // Payoff tolerance relative to the payoff range (not floored at 1: payoffs of order
        // 1e-9 would otherwise pass every candidate); probabilities use 1e-6 absolute.
        let range = (flat.max() ?? 0) - (flat.min() ?? 0)
        let tol = 1e-6 * (range > 0 ? range : 1)
        var found = EquilibriumCollector(game: game)
        var skippedNearSingular = 0
        let (ea, eb): ([[Rational]], [[Rational]]) = exact ? game.bimatrixRows(Rational.self) : ([], [])
        for s in 1...min(m, n) {
            for rows in combinations(m, s) {
                for cols in combinations(n, s) {
                    // y on J: rows i ∈ I of A; x on I: columns j ∈ J of B.
                    let ySys = rows.map { i in cols.map { j in a[i][j] } }
                    let xSys = cols.map { j in rows.map { i in b[i][j] } }
                    let fy = solveIndifference(ySys), fx = solveIndifference(xSys)
                    if let (y, v) = fy, let (x, u) = fx {
                        if y.contains(where: { $0 < -1e-6 }) || x.contains(where: { $0 < -1e-6 }) { continue }
                        var full = [[Double]](repeating: [], count: 2)
                        full[0] = [Double](repeating: 0, count: m)
                        full[1] = [Double](repeating: 0, count: n)
                        for (k, i) in rows.enumerated() { full[0][i] = x[k] }
                        for (k, j) in cols.enumerated() { full[1][j] = y[k] }
                        let rowPay = (0..<m).map { i in cols.indices.reduce(0.0) { $0 + a[i][cols[$1]] * y[$1] } }
                        let colPay = (0..<n).map { j in rows.indices.reduce(0.0) { $0 + b[rows[$1]][j] * x[$1] } }
                        if rowPay.contains(where: { $0 > v + tol }) || colPay.contains(where: { $0 > u + tol }) { continue }
                        if !exact {
                            if x.allSatisfy({ $0 > 0 }) && y.allSatisfy({ $0 > 0 }) {
                                found.add(floatingPoint: full, origin: "supports \(rows), \(cols)")
                            }
                            continue
                        }
                    } else if !exact {
                        skippedNearSingular += 1
                        continue   // near-singular in floating point: skipped (exact mode re-solves it)
                    }
                    // Exact confirmation.
                    let eySys = rows.map { i in cols.map { j in ea[i][j] } }
                    let exSys = cols.map { j in rows.map { i in eb[i][j] } }
                    guard let (ey, _) = solveIndifferenceExactly(eySys),
                          let (ex, _) = solveIndifferenceExactly(exSys),
                          ey.allSatisfy({ $0 > 0 }), ex.allSatisfy({ $0 > 0 }) else { continue }
                    var xs = [Rational](repeating: 0, count: m), ys = [Rational](repeating: 0, count: n)
                    for (k, i) in rows.enumerated() { xs[i] = ex[k] }
                    for (k, j) in cols.enumerated() { ys[j] = ey[k] }
                    let e = Equilibrium(game: game, exact: [xs, ys])
                    if e.exactRegret == 0 { found.add(exact: [xs, ys], origin: "supports \(rows), \(cols)") }
                }
            }
        }
        return EquilibriumReport(
            method: "support-enumeration", arithmetic: exact ? .exact : .floatingPoint,
            equilibria: found.equilibria, isComplete: false,
            scope: "the equilibria with equal-size supports and nonsingular indifference systems (all equilibria when the game is nondegenerate)",
            notes: found.notes + (skippedNearSingular == 0 ? [] : [
                "\(skippedNearSingular) support pair(s) had near-singular indifference systems in floating point and were skipped; exact arithmetic solves them"]))
    }
}

/// The s-element subsets of 0..<n in lexicographic order.
func combinations(_ n: Int, _ s: Int) -> [[Int]] {
    guard s <= n, s >= 0 else { return [] }
    var out = [[Int]]()
    var c = Array(0..<s)
    while true {
        out.append(c)
        var i = s - 1
        while i >= 0 && c[i] == n - s + i { i -= 1 }
        if i < 0 { return out }
        c[i] += 1
        for k in (i + 1)..<s { c[k] = c[k - 1] + 1 }
    }
}

/// Solves Σⱼ M[i][j] zⱼ = w (all rows i), Σ zⱼ = 1 in floating point, for a square M;
/// `nil` when the (s+1)-system is near-singular.
private func solveIndifference(_ mat: [[Double]]) -> (z: [Double], w: Double)? {
    let s = mat.count
    // Payoffs are divided by their largest magnitude first (z is unchanged, w scales back):
    // the system mixes payoff entries with the ±1 of the value column and the probability row,
    // and with payoffs of order 1e9 the pivot test below rejected every nonsingular system.
    var magnitude = 0.0
    for r in mat { for v in r { magnitude = max(magnitude, abs(v)) } }
    let unit = magnitude > 0 ? magnitude : 1
    var t = mat.map { $0.map { $0 / unit } + [-1, 0] }
    t.append([Double](repeating: 1, count: s) + [0, 1])
    let size = s + 1
    var scale = 0.0
    for r in t { for v in r { scale = max(scale, abs(v)) } }
    for k in 0..<size {
        var p = k
        for i in k..<size where abs(t[i][k]) > abs(t[p][k]) { p = i }
        if abs(t[p][k]) < 1e-12 * max(scale, 1) { return nil }
        t.swapAt(p, k)
        for i in 0..<size where i != k && t[i][k] != 0 {
            let f = t[i][k] / t[k][k]
            for j in k...size { t[i][j] -= f * t[k][j] }
        }
    }
    let sol = (0..<size).map { t[$0][size] / t[$0][$0] }
    return (Array(sol[0..<s]), sol[s] * unit)
}

/// The same system in exact arithmetic; `nil` when singular.
private func solveIndifferenceExactly(_ mat: [[Rational]]) -> (z: [Rational], w: Rational)? {
    let s = mat.count
    var sys = mat.map { $0 + [Rational(-1)] }
    sys.append([Rational](repeating: 1, count: s) + [0])
    guard let sol = solveRational(sys, [Rational](repeating: 0, count: s) + [1]) else { return nil }
    return (Array(sol[0..<s]), sol[s])
}
