/// A Nash equilibrium as reported to users: strategies, payoffs and the verified regret.
///
/// An `Equilibrium` can only be made by `init(game:exact:)` or `init(game:strategies:)`, which
/// compute the payoffs and the regret from the game itself, so every reported equilibrium
/// carries its own check. In exact arithmetic the regret is exactly zero.
public struct Equilibrium: Sendable, Equatable {
    /// `strategies[p][a]`: probability that player p plays action a (file order).
    public let strategies: [[Double]]
    /// The exact probabilities, when the solver ran in exact arithmetic.
    public let exactStrategies: [[Rational]]?
    public let payoffs: [Double]
    public let exactPayoffs: [Rational]?
    /// The largest unilateral deviation gain, computed from the game (not by the solver).
    public let regret: Double
    /// The exact regret (zero for a verified exact equilibrium).
    public let exactRegret: Rational?

    /// Builds and verifies an equilibrium from exact strategies.
    public init(game: NormalFormGame, exact: [[Rational]]) {
        exactStrategies = exact
        strategies = exact.map { $0.map(\.doubleValue) }
        let u: [Rational], r: Rational
        if game.playerCount == 2 && exact.count == 2 && exact[0].count == game.shape[0]
            && exact[1].count == game.shape[1] {
            // Two players: the same exact values over common denominators (far fewer gcds).
            (u, r) = game.exactBimatrixEvaluation(exact[0], exact[1])
        } else {
            u = game.expectedPayoffs(exact)
            r = game.regret(exact)
        }
        exactPayoffs = u
        payoffs = u.map(\.doubleValue)
        exactRegret = r
        regret = r.doubleValue
    }

    /// Builds and verifies an equilibrium from floating-point strategies.
    public init(game: NormalFormGame, strategies: [[Double]]) {
        self.strategies = strategies
        exactStrategies = nil
        payoffs = game.expectedPayoffs(strategies)
        exactPayoffs = nil
        regret = game.regret(strategies)
        exactRegret = nil
    }

    /// Supports: the actions each player uses with positive probability.
    public var supports: [[Int]] {
        if let e = exactStrategies { return e.map { s in s.indices.filter { !s[$0].isZero } } }
        return strategies.map { s in s.indices.filter { s[$0] > 0 } }
    }

    /// Whether every player plays a single action.
    public var isPure: Bool { supports.allSatisfy { $0.count == 1 } }
}

/// The verdict of a solver on a game: what it found, how, and how complete the answer is.
public struct EquilibriumReport: Sendable {
    /// The algorithm that ran (for example `"vertex-enumeration"`, `"lemke-howson"`).
    public var method: String
    public var arithmetic: Arithmetic
    public var equilibria: [Equilibrium]
    /// Whether the method guarantees that `equilibria` holds every equilibrium of its kind
    /// (all extreme equilibria, or all pure ones); false for path-following methods.
    public var isComplete: Bool
    /// What `isComplete` refers to, in words ("all extreme equilibria", "all pure equilibria",
    /// "the equilibria reached from every starting label").
    public var scope: String
    /// Whether the game is degenerate (nil when the method did not determine it).
    public var isDegenerate: Bool?
    /// Maximal Nash subsets (convex components), as index sets into `equilibria`, when asked for.
    public var components: [[Int]]?
    /// The largest regret among the equilibria (zero in exact arithmetic).
    public var maximumRegret: Double { equilibria.map(\.regret).max() ?? 0 }
    /// Anything the user should know: equilibria rejected by the regret check, limits hit.
    public var notes: [String]

    public init(method: String, arithmetic: Arithmetic, equilibria: [Equilibrium], isComplete: Bool,
                scope: String, isDegenerate: Bool? = nil, components: [[Int]]? = nil, notes: [String] = []) {
        self.method = method
        self.arithmetic = arithmetic
        self.equilibria = equilibria
        self.isComplete = isComplete
        self.scope = scope
        self.isDegenerate = isDegenerate
        self.components = components
        self.notes = notes
    }
}
