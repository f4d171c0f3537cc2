/// Discrete-time fictitious play for N-player games: every period each player best-responds
/// to the empirical frequencies of the others' past play.
///
/// Definition (index convention: `actions[p]`, game order): with `cₚ(a)` the number of times
/// p played a in periods 1…t (period 1 plays `initialProfile`), every player simultaneously
/// plays a pure best response to the others' empirical mixtures `σ₋ₚ = c₋ₚ / t`; ties go to
/// the lowest action index. The output is the empirical profile after `iterations` periods.
/// Fictitious play converges to the set of equilibria in two-player zero-sum games (Robinson
/// 1951), in 2 × n games and potential games, not in general (Shapley's 3 × 3 example cycles).
/// The empirical profile is reported as an equilibrium only when its regret, computed from the
/// game, is at most `tolerance`; otherwise the report is empty and says what the regret was.
///
/// - Complexity: O(iterations · N · ∏ nᵢ).
///
/// References:
/// - Brown, G. W. (1951). Iterative solution of games by fictitious play. In T. C. Koopmans (ed.),
///   Activity Analysis of Production and Allocation, 374–376. Wiley.
/// - Robinson, J. (1951). An iterative method of solving a game. Annals of Mathematics 54(2),
///   296–301. doi:10.2307/1969530
public struct FictitiousPlay: Sendable {
    public var iterations: Int
    /// Largest regret of a reported equilibrium.
    public var tolerance: Double
    /// The first period's pure profile (default: every player's first action).
    public var initialProfile: [Int]?

    public init(iterations: Int = 10_000, tolerance: Double = 1e-3, initialProfile: [Int]? = nil) {
        self.iterations = iterations
        self.tolerance = tolerance
        self.initialProfile = initialProfile
    }

    public struct Result: Sendable {
        /// Empirical frequencies `empirical[p][a]` after `iterations` periods.
        public let empirical: [[Double]]
        /// Regret of the empirical profile, computed from the game.
        public let regret: Double
        /// The empirical profile as an equilibrium when its regret meets the tolerance.
        public let report: EquilibriumReport
    }

    public func run(_ game: NormalFormGame) throws -> Result {
        guard iterations > 0 else { throw NPlayerSolverError.invalidParameter(name: "iterations", value: "\(iterations)") }
        let shape = game.shape
        var current = initialProfile ?? [Int](repeating: 0, count: shape.count)
        guard current.count == shape.count, zip(current, shape).allSatisfy({ $0 >= 0 && $0 < $1 }) else {
            throw NPlayerSolverError.invalidParameter(name: "initialProfile", value: "\(current) for shape \(shape)")
        }
        var counts = shape.map { [Double](repeating: 0, count: $0) }
        let table = game.payoffTable
        for t in 1...iterations {
            for p in 0..<shape.count { counts[p][current[p]] += 1 }
            if t == iterations { break }
            let beliefs = counts.map { c in c.map { $0 / Double(t) } }
            current = (0..<shape.count).map { p in
                let v = game.actionPayoffs(of: p, against: beliefs, table: table)
                var best = 0
                for a in 1..<max(1, v.count) where v[a] > v[best] { best = a }
                return best
            }
        }
        let empirical = counts.map { c in c.map { $0 / Double(iterations) } }
        let eq = Equilibrium(game: game, strategies: empirical)
        let ok = eq.regret <= tolerance
        let report = EquilibriumReport(
            method: "fictitious-play", arithmetic: .floatingPoint, equilibria: ok ? [eq] : [], isComplete: false,
            scope: "the empirical frequencies of fictitious play after \(iterations) periods",
            notes: ok ? [] : ["after \(iterations) periods the empirical profile has regret \(eq.regret) > tolerance \(tolerance); no equilibrium reported"])
        return Result(empirical: empirical, regret: eq.regret, report: report)
    }
}
