/// Errors of the linear-programming solution concepts (zero-sum games, correlated
/// equilibria, dominance by mixed strategies).
public enum SolutionConceptError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The method needs two players.
    case needsTwoPlayers(method: String, players: Int)
    /// The payoffs do not sum to a constant; the first offending profile (1-based actions).
    case notConstantSum(profile: [Int], sum: String, expected: String)
    /// A linear program ended without an optimum (`"infeasible"` or `"unbounded"`).
    case linearProgram(what: String, outcome: String)
    /// A bad objective or parameter.
    case invalidParameter(name: String, value: String)
    /// Vertex enumeration visited more bases than allowed.
    case vertexLimit(bases: Int, profiles: Int)

    public var description: String {
        switch self {
        case .needsTwoPlayers(let m, let n):
            return "\(m) needs a two-player game; this game has \(n) players"
        case .notConstantSum(let p, let s, let e):
            return "the game is not zero-sum (constant-sum): payoffs at profile (\(p.map(String.init).joined(separator: ", "))) sum to \(s), at the first profile to \(e)"
        case .linearProgram(let w, let o):
            return "the linear program for \(w) is \(o)"
        case .invalidParameter(let n, let v): return "invalid \(n): \(v)"
        case .vertexLimit(let b, let k):
            return "vertex enumeration of the correlated-equilibrium polytope stopped after \(b) bases (game with \(k) pure profiles); use a smaller game or raise the limit"
        }
    }
}

/// The solution of a two-player zero-sum (or constant-sum) game: its value and a pair of
/// optimal (maximin, minimax) strategies, reported as a verified `Equilibrium`.
public struct ZeroSumSolution: Sendable {
    /// Player 1's value `max_x min_y xᵀAy` (player 2 gets `constant − value`).
    public let value: Double
    /// The exact value when the arithmetic was exact.
    public let exactValue: Rational?
    /// `u₁ + u₂` at every profile (0 for a zero-sum game).
    public let constant: Double
    /// One equilibrium: player 1's maximin and player 2's minimax strategy, with payoffs and
    /// regret computed from the game.
    public let report: EquilibriumReport
}

/// Solves a two-player zero-sum (or constant-sum) game by two linear programs.
///
/// Definition: with `A[i][j] = u₁(i, j)` and `u₁ + u₂ = c` at every profile, the value is
/// `v = maxₓ minⱼ Σᵢ xᵢ A[i][j] = min_y maxᵢ Σⱼ A[i][j] yⱼ` (von Neumann 1928). Player 1's
/// program: maximise v s.t. `Σᵢ xᵢ A[i][j] ≥ v` for every column j, `Σ xᵢ = 1`, `x ≥ 0`,
/// v free; player 2's program is the mirror image. Both optima are checked to agree (exactly
/// in `Rational`), and the strategy pair is reported as an `Equilibrium`, whose regret is
/// computed from the game (zero exactly in exact arithmetic).
///
/// In exact arithmetic (the default on games with exact payoffs) the value and strategies
/// are exact rationals. Degenerate games with several optimal strategies get one of them (a
/// vertex of the optimal set, by Bland's rule).
///
/// - Complexity: two simplex runs on programs with m + 1 and n + 1 rows.
/// - Throws: `SolutionConceptError.needsTwoPlayers`, `.notConstantSum` (naming the first
///   profile whose sum differs), `.linearProgram` (cannot happen for a valid game, but an
///   LP outcome other than optimal is reported, never hidden). A floating-point simplex
///   failure (a false "infeasible", the pivot limit) is retried in exact arithmetic, noted.
/// - References: J. von Neumann (1928), "Zur Theorie der Gesellschaftsspiele", Mathematische
///   Annalen 100, 295–320. doi:10.1007/BF01448847. G. B. Dantzig (1951), "A proof of the
///   equivalence of the programming problem and the game problem", in T. C. Koopmans (ed.),
///   *Activity Analysis of Production and Allocation*, Wiley, 330–335.
public func solveZeroSum(_ game: NormalFormGame, arithmetic: Arithmetic = .exact,
                         tolerance: Double = 1e-9) throws -> ZeroSumSolution {
    guard game.playerCount == 2 else {
        throw SolutionConceptError.needsTwoPlayers(method: "zero-sum", players: game.playerCount)
    }
    if arithmetic == .exact && game.hasExactPayoffs { return try zeroSum(game, Rational.self, tolerance: tolerance) }
    do {
        return try zeroSum(game, Double.self, tolerance: tolerance)
    } catch let error as SolutionConceptError {
        guard case .linearProgram = error else { throw error }
        // Both programs are always feasible and bounded, so a floating-point failure is
        // numerical: solve exactly (each double is a dyadic rational) and say so.
        let exact = try zeroSum(game, Rational.self, tolerance: tolerance)
        var report = exact.report
        report.notes.insert("the floating-point simplex failed (\(error)); solved in exact arithmetic", at: 0)
        return ZeroSumSolution(value: exact.value, exactValue: exact.exactValue, constant: exact.constant, report: report)
    } catch is LinearProgramError {
        let exact = try zeroSum(game, Rational.self, tolerance: tolerance)
        var report = exact.report
        report.notes.insert("the floating-point simplex hit its pivot limit; solved in exact arithmetic", at: 0)
        return ZeroSumSolution(value: exact.value, exactValue: exact.exactValue, constant: exact.constant, report: report)
    }
}

private func zeroSum<T: GameScalar>(_ game: NormalFormGame, _: T.Type, tolerance: Double) throws -> ZeroSumSolution {
    let t = game.table(T.self)
    let c = t[0][0] + t[1][0]
    for k in 0..<game.profileCount {
        let s = t[0][k] + t[1][k]
        let off = T.isExact ? s != c : abs((s - c).doubleValue) > tolerance * max(1, abs(c.doubleValue))
        if off {
            throw SolutionConceptError.notConstantSum(profile: game.profile(at: k).map { $0 + 1 },
                                                      sum: "\(s)", expected: "\(c)")
        }
    }
    let (a, _) = game.bimatrixRows(T.self)
    let m = game.shape[0], n = game.shape[1]
    // Player 1: variables x_0…x_{m−1}, v (free); maximise v.
    var rows1 = [LinearProgram<T>.Constraint]()
    for j in 0..<n { rows1.append(.init((0..<m).map { a[$0][j] } + [-T.one], .greaterOrEqual, T.zero)) }
    rows1.append(.init([T](repeating: T.one, count: m) + [T.zero], .equal, T.one))
    let lp1 = LinearProgram<T>(sense: .maximize, objective: [T](repeating: T.zero, count: m) + [T.one],
                               constraints: rows1, freeVariables: [m])
    // Player 2: variables y_0…y_{n−1}, w (free); minimise w.
    var rows2 = [LinearProgram<T>.Constraint]()
    for i in 0..<m { rows2.append(.init((0..<n).map { a[i][$0] } + [-T.one], .lessOrEqual, T.zero)) }
    rows2.append(.init([T](repeating: T.one, count: n) + [T.zero], .equal, T.one))
    let lp2 = LinearProgram<T>(sense: .minimize, objective: [T](repeating: T.zero, count: n) + [T.one],
                               constraints: rows2, freeVariables: [n])
    let r1 = try lp1.solve(), r2 = try lp2.solve()
    guard case .optimal(let x, let v1, _) = r1 else {
        throw SolutionConceptError.linearProgram(what: "player 1's maximin strategy", outcome: outcomeName(r1))
    }
    guard case .optimal(let y, let v2, _) = r2 else {
        throw SolutionConceptError.linearProgram(what: "player 2's minimax strategy", outcome: outcomeName(r2))
    }
    var notes = [String]()
    if T.isExact ? v1 != v2 : abs((v1 - v2).doubleValue) > tolerance * max(1, abs(v1.doubleValue)) {
        notes.append("the two programs' optima differ: \(v1) and \(v2)")
    }
    let xs = Array(x[0..<m]), ys = Array(y[0..<n])
    let eq: Equilibrium
    if T.isExact {
        eq = Equilibrium(game: game, exact: [xs as! [Rational], ys as! [Rational]])
    } else {
        // Clip rounding noise below zero and renormalise before the regret check.
        func clean(_ s: [T]) -> [Double] {
            let d = s.map { max(0, $0.doubleValue) }
            let total = d.reduce(0, +)
            return d.map { $0 / total }
        }
        eq = Equilibrium(game: game, strategies: [clean(xs), clean(ys)])
    }
    let report = EquilibriumReport(
        method: "zero-sum", arithmetic: T.isExact ? .exact : .floatingPoint, equilibria: [eq],
        isComplete: false, scope: "one pair of optimal (maximin, minimax) strategies; every equilibrium of a zero-sum game has the same value",
        notes: notes)
    return ZeroSumSolution(value: v1.doubleValue, exactValue: T.isExact ? (v1 as! Rational) : nil,
                           constant: c.doubleValue, report: report)
}

/// `"infeasible"`, `"unbounded"` or `"optimal"`.
func outcomeName<T>(_ r: LinearProgramResult<T>) -> String {
    switch r {
    case .optimal: return "optimal"
    case .infeasible: return "infeasible"
    case .unbounded: return "unbounded"
    }
}
