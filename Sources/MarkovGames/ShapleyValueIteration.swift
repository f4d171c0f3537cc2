import GameTheory

/// Shapley's value iteration for two-player zero-sum discounted stochastic games.
///
/// Definition: with `Gₛ(V)[i][j] = u₀(s, i, j) + δ Σₜ P(t | s, i, j) V(t)` (row player 0
/// maximises, player 1 receives `−u₀`), the operator `(T V)(s) = val Gₛ(V)` is a contraction
/// of modulus δ in the sup norm, so `Vₖ₊₁ = T Vₖ` converges to the unique value V* from any
/// start, and `‖V* − Vₖ₊₁‖∞ ≤ δ/(1 − δ) ‖Vₖ₊₁ − Vₖ‖∞`. Iteration stops when that bound is
/// below `tolerance`. Each state's matrix game is solved exactly by `ZeroSumMatrixGame`
/// (simplex). The stationary profile formed by the optimal strategies of the last auxiliary
/// games is then evaluated exactly (LU) and checked by one-shot deviation in every state; it
/// is reported only if its regret is at most `regretTolerance`.
///
/// Values are discounted sums (`(1 − δ) V` is the per-period average).
///
/// Degenerate inputs: states whose matrix game has several optimal strategies get one of them;
/// the value is unique regardless. Games that are not zero-sum (`u₀ + u₁ ≠ 0` beyond 1e-12
/// relative) or whose players discount differently are rejected with
/// `MarkovSolverError.notZeroSum` / `.unequalDiscountFactors`.
///
/// - Complexity: O(log(tolerance (1 − δ)/‖r‖) / log δ) iterations, each solving S matrix
///   games and O(S · Σₛ |Aₛ|) for the continuation sums.
/// - References: L. S. Shapley, "Stochastic games", *Proc. Natl. Acad. Sci. USA* 39(10):
///   1095–1100, 1953. doi:10.1073/pnas.39.10.1095
public struct ShapleyValueIteration: Sendable {
    public var tolerance: Double
    public var maximumIterations: Int
    public var regretTolerance: Double

    public init(tolerance: Double = 1e-10, maximumIterations: Int = 100_000, regretTolerance: Double = 1e-7) {
        self.tolerance = tolerance
        self.maximumIterations = maximumIterations
        self.regretTolerance = regretTolerance
    }

    /// The result: the value of every state (row player's discounted sum), the optimal
    /// stationary strategies and the verified equilibrium.
    public struct Result: Sendable {
        /// `values[s]`: the row player's value from state s (the column player's is `−values[s]`).
        public let values: [Double]
        /// The a-posteriori bound on `‖values − V*‖∞`.
        public let errorBound: Double
        public let report: MarkovEquilibriumReport
    }

    public func solve(_ game: MarkovGame) throws -> Result {
        guard game.playerCount == 2 else { throw MarkovSolverError.notTwoPlayer(game.playerCount) }
        guard game.discountFactors[0] == game.discountFactors[1] else {
            throw MarkovSolverError.unequalDiscountFactors(game.discountFactors)
        }
        for (s, g) in game.stageGames.enumerated() {
            for k in 0..<g.profileCount {
                let a = g.payoffTable[0][k], b = g.payoffTable[1][k]
                if abs(a + b) > 1e-12 * max(1, abs(a), abs(b)) {
                    throw MarkovSolverError.notZeroSum(state: game.states[s], profile: MarkovGame.profileName(g, k),
                                                       payoffs: [a, b])
                }
            }
        }
        let delta = game.discountFactors[0]
        let n = game.stateCount
        var v = [Double](repeating: 0, count: n)
        var strategies = [[[Double]]](repeating: [], count: n)
        var iterations = 0
        var bound = Double.infinity
        var converged = false
        while iterations < maximumIterations {
            iterations += 1
            var next = v
            for s in 0..<n {
                let sol = ZeroSumMatrixGame.solve(matrix(game, state: s, values: v))
                next[s] = sol.value
                strategies[s] = [sol.rowStrategy, sol.columnStrategy]
            }
            var diff = 0.0
            for s in 0..<n { diff = max(diff, abs(next[s] - v[s])) }
            v = next
            bound = delta == 0 ? 0 : delta / (1 - delta) * diff
            if bound <= tolerance { converged = true; break }
        }
        // Strategies optimal in the games built from the final values.
        for s in 0..<n {
            let sol = ZeroSumMatrixGame.solve(matrix(game, state: s, values: v))
            strategies[s] = [sol.rowStrategy, sol.columnStrategy]
        }
        let eq = try MarkovEquilibrium(game: game, profile: StationaryProfile(strategies))
        var notes = [String]()
        var eqs = [eq]
        if eq.regret > regretTolerance {
            eqs = []
            notes.append("the optimal strategies of the final auxiliary games have regret \(eq.regret) > \(regretTolerance); not reported")
        }
        if !converged { notes.append("stopped after \(iterations) iterations with error bound \(bound)") }
        let report = MarkovEquilibriumReport(
            method: "shapley-value-iteration", equilibria: eqs, isComplete: false,
            scope: "the value is unique; one pair of optimal stationary strategies (others may exist when a state's matrix game has several optimal strategies)",
            tolerance: regretTolerance, converged: converged, iterations: iterations, notes: notes)
        return Result(values: v, errorBound: bound, report: report)
    }

    private func matrix(_ game: MarkovGame, state s: Int, values v: [Double]) -> [[Double]] {
        let g = game.stageGames[s]
        let m = g.actions[0].count, k = g.actions[1].count
        let d = game.discountFactors[0]
        var a = [[Double]](repeating: [Double](repeating: 0, count: k), count: m)
        for j in 0..<k {
            for i in 0..<m {
                let idx = i + m * j
                a[i][j] = g.payoffTable[0][idx] + d * game.sparseTransitions[s][idx].dot(v)
            }
        }
        return a
    }
}

/// Why an equilibrium method cannot run on a game.
public enum MarkovSolverError: Error, Sendable, Equatable, CustomStringConvertible {
    case notTwoPlayer(Int)
    case notZeroSum(state: String, profile: String, payoffs: [Double])
    case unequalDiscountFactors([Double])

    public var description: String {
        switch self {
        case .notTwoPlayer(let n): return "the method needs a two-player game; this one has \(n) players"
        case .notZeroSum(let s, let k, let u):
            return "state \(s), profile \(k): payoffs \(u) do not sum to zero; Shapley iteration needs a zero-sum game"
        case .unequalDiscountFactors(let d):
            return "discount factors \(d) differ; a zero-sum stochastic game needs one common discount factor"
        }
    }
}
