/// Best-response dynamics for N-player games, integrated by Euler steps: every player's mixed
/// strategy moves towards a pure best response.
///
/// Definition (index convention: `actions[p]`): `σ̇ₚ = bₚ(σ₋ₚ) − σₚ` with `bₚ` a pure best
/// response (ties to the lowest action index, a selection from the best-response
/// correspondence of the differential inclusion). Euler's method with step `step` gives
/// `σₚ ← (1 − step) σₚ + step · bₚ`. The run stops as soon as the regret of σ, computed from the
/// game, is at most `tolerance`, or after `maximumSteps`. With a constant step the iterates can
/// only come within O(step) of a mixed equilibrium; they reach a strict pure one exactly.
///
/// - Complexity: O(maximumSteps · N · ∏ nᵢ).
///
/// References:
/// - Gilboa, I. & Matsui, A. (1991). Social stability and equilibrium. Econometrica 59(3),
///   859–867. doi:10.2307/2938230
/// - Hofbauer, J. & Sigmund, K. (2003). Evolutionary game dynamics. Bulletin of the American
///   Mathematical Society 40(4), 479–519. doi:10.1090/S0273-0979-03-00988-1
public struct BestResponseDynamics: Sendable {
    public var step: Double
    public var maximumSteps: Int
    public var tolerance: Double

    public init(step: Double = 0.01, maximumSteps: Int = 100_000, tolerance: Double = 1e-6) {
        self.step = step
        self.maximumSteps = maximumSteps
        self.tolerance = tolerance
    }

    public struct Result: Sendable {
        public let state: [[Double]]
        public let steps: Int
        public let regret: Double
        /// The final state as an equilibrium when its regret meets the tolerance.
        public let report: EquilibriumReport
    }

    /// Runs from `start` (default: the uniform profile).
    public func run(_ game: NormalFormGame, from start: [[Double]]? = nil) throws -> Result {
        guard step > 0, step <= 1 else { throw NPlayerSolverError.invalidParameter(name: "step", value: "\(step)") }
        let shape = game.shape
        var sigma = start ?? shape.map { [Double](repeating: 1 / Double($0), count: $0) }
        guard game.isValidProfile(sigma) else {
            throw NPlayerSolverError.invalidParameter(name: "start", value: "\(sigma) is not a mixed profile of shape \(shape)")
        }
        let table = game.payoffTable
        var steps = 0
        while game.regret(sigma) > tolerance && steps < maximumSteps {
            let targets = (0..<shape.count).map { p -> Int in
                let v = game.actionPayoffs(of: p, against: sigma, table: table)
                var best = 0
                for a in 1..<max(1, v.count) where v[a] > v[best] { best = a }
                return best
            }
            for p in 0..<shape.count {
                for a in 0..<shape[p] { sigma[p][a] *= 1 - step }
                sigma[p][targets[p]] += step
            }
            steps += 1
        }
        let eq = Equilibrium(game: game, strategies: sigma)
        let ok = eq.regret <= tolerance
        let report = EquilibriumReport(
            method: "best-response-dynamics", arithmetic: .floatingPoint, equilibria: ok ? [eq] : [], isComplete: false,
            scope: "the state best-response dynamics reached",
            notes: ok ? [] : ["after \(steps) steps the state has regret \(eq.regret) > tolerance \(tolerance); no equilibrium reported"])
        return Result(state: sigma, steps: steps, regret: eq.regret, report: report)
    }
}
