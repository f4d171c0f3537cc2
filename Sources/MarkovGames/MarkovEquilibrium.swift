import GameTheory

/// A stationary Markov perfect equilibrium as reported to users, with its own check.
///
/// Can only be made by `init(game:profile:)`, which evaluates the profile exactly
/// (`MarkovGame.evaluate`) and computes the one-shot deviation gain of every player in every
/// state from the game, not from the solver that proposed it.
public struct MarkovEquilibrium: Sendable, Equatable {
    public let profile: StationaryProfile
    /// `values[p][s]`: player p's discounted value from state s.
    public let values: [[Double]]
    /// `deviationGains[s][p]`: player p's best one-shot deviation gain in state s.
    public let deviationGains: [[Double]]
    /// The largest deviation gain over states and players.
    public let regret: Double

    public init(game: MarkovGame, profile: StationaryProfile) throws {
        let ev = try game.evaluate(profile)
        self.profile = profile
        values = ev.values
        deviationGains = try game.deviationGains(profile, evaluation: ev)
        regret = deviationGains.flatMap { $0 }.max() ?? 0
    }

    /// Whether every player plays one action in every state.
    public var isPure: Bool { profile.pureActions != nil }

    /// Whether two equilibria play the same strategies within `tolerance` everywhere.
    public func isClose(to other: MarkovEquilibrium, tolerance: Double) -> Bool {
        zip(profile.strategies, other.profile.strategies).allSatisfy { a, b in
            zip(a, b).allSatisfy { x, y in zip(x, y).allSatisfy { abs($0 - $1) <= tolerance } }
        }
    }
}

/// What an equilibrium search on a Markov game found, how, and how complete the answer is.
public struct MarkovEquilibriumReport: Sendable {
    /// The algorithm that ran (`"pure-exhaustive"`, `"shapley-value-iteration"`,
    /// `"markov-value-iteration"`, `"logit-markov-qre-homotopy"`).
    public var method: String
    /// Equilibria whose regret is at most `tolerance` in every state.
    public var equilibria: [MarkovEquilibrium]
    /// Whether `equilibria` holds every equilibrium described by `scope`.
    public var isComplete: Bool
    /// What was searched, in words.
    public var scope: String
    /// The regret tolerance every reported equilibrium meets.
    public var tolerance: Double
    /// Whether the iteration converged (always true for exhaustive searches that finished).
    public var converged: Bool
    public var iterations: Int
    /// What may be missing, candidates rejected by the regret check, limits hit.
    public var notes: [String]

    public init(method: String, equilibria: [MarkovEquilibrium], isComplete: Bool, scope: String,
                tolerance: Double, converged: Bool, iterations: Int, notes: [String] = []) {
        self.method = method
        self.equilibria = equilibria
        self.isComplete = isComplete
        self.scope = scope
        self.tolerance = tolerance
        self.converged = converged
        self.iterations = iterations
        self.notes = notes
    }

    /// The largest regret among the reported equilibria.
    public var maximumRegret: Double { equilibria.map(\.regret).max() ?? 0 }
}
