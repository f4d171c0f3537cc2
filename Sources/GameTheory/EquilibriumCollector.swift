import BigInt

/// Collects candidate equilibria of a two-player game from a solver: builds each through
/// `Equilibrium(game:exact:)` or `Equilibrium(game:strategies:)` (so its regret is computed
/// from the game), drops any whose regret is above tolerance with a note, and deduplicates.
struct EquilibriumCollector {
    let game: NormalFormGame
    private(set) var equilibria: [Equilibrium] = []
    private(set) var notes: [String] = []
    private var exactSeen = Set<[[Rational]]>()
    /// Whether every kept equilibrium is exact.
    var allExact: Bool { equilibria.allSatisfy { $0.exactStrategies != nil } }

    /// Floating-point regret tolerance: 10⁻⁹ × the payoff range (10⁻⁹ for a constant game).
    /// Not floored at 10⁻⁹ absolute: with payoffs of order 10⁻⁹ such a floor accepted every
    /// pure profile as an equilibrium.
    var tolerance: Double {
        // One plain pass (max and min over `joined()` were a quarter of a 50×50 Lemke–Howson run).
        var lo = Double.infinity, hi = -Double.infinity
        for row in game.payoffTable {
            for v in row {
                lo = Swift.min(lo, v)
                hi = Swift.max(hi, v)
            }
        }
        let range = lo <= hi ? hi - lo : 0
        return 1e-9 * (range > 0 ? range : 1)
    }

    init(game: NormalFormGame) { self.game = game }

    mutating func add(exact s: [[Rational]], origin: String) {
        guard !exactSeen.contains(s) else { return }
        let e = Equilibrium(game: game, exact: s)
        if e.exactRegret == 0 {
            exactSeen.insert(s)
            equilibria.append(e)
        } else {
            notes.append("\(origin): dropped candidate \(s) with exact regret \(e.exactRegret!)")
        }
    }

    mutating func add(floatingPoint s: [[Double]], origin: String) {
        let e = Equilibrium(game: game, strategies: s)
        guard e.regret <= tolerance else {
            notes.append("\(origin): dropped floating-point candidate \(s) with regret \(e.regret)")
            return
        }
        let duplicate = equilibria.contains { old in
            zip(old.strategies, s).allSatisfy { a, b in zip(a, b).allSatisfy { abs($0 - $1) <= 1e-9 } }
        }
        if !duplicate { equilibria.append(e) }
    }

    /// A floating-point Lemke–Howson result with its final bases: re-solved exactly when the
    /// game has exact payoffs (the tight constraints of each final basis form a square system),
    /// else checked by its floating-point regret.
    mutating func addFloatingPoint(x: [Double], y: [Double], basisX: [Int], basisY: [Int], origin: String) {
        if game.hasExactPayoffs, let s = exactFromBases(basisX: basisX, basisY: basisY) {
            let before = notes.count
            add(exact: s, origin: origin)
            if notes.count == before { return }
            notes.append("\(origin): the exact re-solution failed; trying the floating-point point")
        } else if game.hasExactPayoffs {
            notes.append("\(origin): the final basis is singular in exact arithmetic; floating-point point checked by regret")
        }
        add(floatingPoint: [x, y], origin: origin)
    }

    /// Exact strategies of the final Lemke–Howson bases. With X the basic x labels and J the
    /// nonbasic slack labels of the x-tableau (|X| = |J|), x solves Σᵢ∈X B[i][j] xᵢ = u for
    /// j ∈ J and Σ xᵢ = 1; y likewise from the y-tableau with A. Only the (small) support
    /// submatrices are touched, so this costs little even for 200×200 games.
    func exactFromBases(basisX: [Int], basisY: [Int]) -> [[Rational]]? {
        guard let table = game.exactPayoffTable else { return nil }
        let m = game.shape[0], n = game.shape[1]
        let bx = Set(basisX), by = Set(basisY)
        let xs = (0..<m).filter { bx.contains($0) }
        let js = (0..<n).filter { !bx.contains(m + $0) }
        let ys = (0..<n).filter { by.contains(m + $0) }
        let rows = (0..<m).filter { !by.contains($0) }
        guard xs.count == js.count, ys.count == rows.count, !xs.isEmpty, !ys.isEmpty else { return nil }
        // Unknowns (x_X…, u): rows j ∈ J: Σ B[i][j] xᵢ − u = 0; last row: Σ xᵢ = 1.
        var mx = js.map { j in xs.map { i in table[1][i + m * j] } + [Rational(-1)] }
        mx.append([Rational](repeating: 1, count: xs.count) + [0])
        var my = rows.map { i in ys.map { j in table[0][i + m * j] } + [Rational(-1)] }
        my.append([Rational](repeating: 1, count: ys.count) + [0])
        let rx = [Rational](repeating: 0, count: js.count) + [1]
        let ry = [Rational](repeating: 0, count: rows.count) + [1]
        guard let xv = solveRational(mx, rx), let yv = solveRational(my, ry) else { return nil }
        var x = [Rational](repeating: 0, count: m), y = [Rational](repeating: 0, count: n)
        for (k, i) in xs.enumerated() { x[i] = xv[k] }
        for (k, j) in ys.enumerated() { y[j] = yv[k] }
        guard x.allSatisfy({ $0 >= 0 }), y.allSatisfy({ $0 >= 0 }) else { return nil }
        return [x, y]
    }
}

/// Solves the square system `M z = rhs` exactly by Gaussian elimination; `nil` when singular.
func solveRational(_ mat: [[Rational]], _ rhs: [Rational]) -> [Rational]? {
    let s = mat.count
    guard s > 0, rhs.count == s, mat.allSatisfy({ $0.count == s }) else { return nil }
    var t = zip(mat, rhs).map { $0 + [$1] }
    for k in 0..<s {
        guard let p = (k..<s).first(where: { !t[$0][k].isZero }) else { return nil }
        if p != k { t.swapAt(p, k) }
        let inv = Rational.one / t[k][k]
        for j in k...s where !t[k][j].isZero { t[k][j] = t[k][j] * inv }
        for i in 0..<s where i != k && !t[i][k].isZero {
            let f = t[i][k]
            for j in k...s where !t[k][j].isZero { t[i][j] = t[i][j] - f * t[k][j] }
        }
    }
    return t.map { $0[s] }
}

/// Solves `M z = 1` exactly for a square integer matrix by fraction-free (Bareiss) elimination;
/// `nil` when M is singular.
func solveExactly(_ mat: [[BigInt]]) -> [Rational]? {
    let s = mat.count
    guard s > 0, mat.allSatisfy({ $0.count == s }) else { return nil }
    var t = mat.map { $0 + [BigInt(1)] }
    var prev = BigInt(1)
    for k in 0..<s {
        guard let p = (k..<s).first(where: { !t[$0][k].isZero }) else { return nil }
        if p != k { t.swapAt(p, k) }
        for i in (k + 1)..<s {
            for j in (k + 1)...s { t[i][j] = (t[i][j] * t[k][k] - t[i][k] * t[k][j]) / prev }
            t[i][k] = 0
        }
        prev = t[k][k]
    }
    var z = [Rational](repeating: 0, count: s)
    for i in stride(from: s - 1, through: 0, by: -1) {
        var acc = Rational(t[i][s])
        for j in (i + 1)..<s where !t[i][j].isZero { acc = acc - Rational(t[i][j]) * z[j] }
        z[i] = acc / Rational(t[i][i])
    }
    return z
}
