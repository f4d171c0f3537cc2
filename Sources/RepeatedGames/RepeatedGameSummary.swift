import GameTheory

/// The `repeated` section of `detente solve GAME --delta X --format json` (DESIGN.md §5) for a
/// two-player game: minmax values, the feasible set and the pure-strategy SPE payoff set.
///
/// Encoded with `JSONEncoder.outputFormatting = [.sortedKeys]` the output is deterministic:
/// ```json
/// {"delta": 0.9, "exact_delta": "9/10", "minmax": [3, 3], "pure_minmax": [3, 3],
///  "payoff_set": {"vertices": [[3, 3], [9.75, 3], [9, 9], [3, 9.75]],
///                 "exact_vertices": [["3", "3"], ["39/4", "3"], ["9", "9"], ["3", "39/4"]], ...}, ...}
/// ```
/// `minmax` is the mixed minmax value (the punishers mix, found by LP); `pure_minmax` the
/// bound that pure-strategy equilibria respect. Exact fields (fractions as strings) appear
/// only when the game's payoffs are exact.
public struct RepeatedGameSummary: Codable, Sendable, Equatable {
    public struct PayoffSet: Codable, Sendable, Equatable {
        public var vertices: [[Double]]
        public var exactVertices: [[String]]?
        public var isEmpty: Bool
        public var method: String
        public var iterations: Int
        public var converged: Bool
        public var tolerance: Double
        /// Each player's worst SPE payoff (the optimal-penal-code punishment).
        public var worstPayoffs: [Double]?
        public var notes: [String]

        enum CodingKeys: String, CodingKey {
            case vertices, method, iterations, converged, tolerance, notes
            case exactVertices = "exact_vertices", isEmpty = "empty", worstPayoffs = "worst_payoffs"
        }
    }

    public struct PolygonSet: Codable, Sendable, Equatable {
        public var vertices: [[Double]]
        public var exactVertices: [[String]]?
        enum CodingKeys: String, CodingKey { case vertices, exactVertices = "exact_vertices" }
    }

    public var delta: Double
    public var exactDelta: String
    public var minmax: [Double]
    public var exactMinmax: [String]?
    public var minmaxStrategies: [[[Double]]]
    public var pureMinmax: [Double]
    public var feasibleSet: PolygonSet
    public var individuallyRationalSet: PolygonSet
    public var payoffSet: PayoffSet
    /// Critical discount factors of target or Pareto-improving pure profiles (see
    /// `init(game:delta:equilibria:targets:)`); `nil` when not asked for.
    public var thresholds: [ProfileThresholds]?

    enum CodingKeys: String, CodingKey {
        case delta, minmax, thresholds
        case exactDelta = "exact_delta", exactMinmax = "exact_minmax", minmaxStrategies = "minmax_strategies"
        case pureMinmax = "pure_minmax", feasibleSet = "feasible_set"
        case individuallyRationalSet = "individually_rational_set", payoffSet = "payoff_set"
    }

    /// Computes the summary of the repeated `game` at discount factor `delta` (read as the
    /// decimal it prints as: 0.9 is 9/10).
    ///
    /// - Throws: `RepeatedGameError` for a δ outside (0, 1) or a game without two players.
    public init(game: NormalFormGame, delta: Double, solver: AbreuSannikov = AbreuSannikov()) throws {
        guard game.playerCount == 2 else { throw RepeatedGameError.needsTwoPlayers(method: "the repeated-game summary", players: game.playerCount) }
        try validateDiscountFactor(delta)
        let exact = game.hasExactPayoffs
        let set = try solver.solve(game, delta: delta)
        self.delta = delta
        exactDelta = set.delta.description
        func point<T: GameScalar>(_ p: PayoffPoint<T>) -> [Double] { [p.x.doubleValue, p.y.doubleValue] }
        func text(_ p: PayoffPoint<Rational>) -> [String] { [p.x.description, p.y.description] }
        if exact {
            let mm = try game.mixedMinmax(Rational.self)
            minmax = mm.map(\.value.doubleValue)
            exactMinmax = mm.map(\.value.description)
            minmaxStrategies = mm.map { $0.punishment.map { $0.map(\.doubleValue) } }
            pureMinmax = game.pureMinmax(Rational.self).map(\.value.doubleValue)
            let f = try game.feasiblePayoffSet(Rational.self)
            feasibleSet = PolygonSet(vertices: f.map(point), exactVertices: f.map(text))
            let ir = try game.individuallyRationalSet(Rational.self)
            individuallyRationalSet = PolygonSet(vertices: ir.map(point), exactVertices: ir.map(text))
        } else {
            let mm = try game.mixedMinmax(Double.self)
            minmax = mm.map(\.value)
            exactMinmax = nil
            minmaxStrategies = mm.map(\.punishment)
            pureMinmax = game.pureMinmax(Double.self).map(\.value)
            feasibleSet = PolygonSet(vertices: try game.feasiblePayoffSet(Double.self).map(point), exactVertices: nil)
            individuallyRationalSet = PolygonSet(vertices: try game.individuallyRationalSet(Double.self).map(point), exactVertices: nil)
        }
        payoffSet = PayoffSet(vertices: set.vertices.map(point), exactVertices: set.exactVertices?.map(text),
                              isEmpty: set.isEmpty, method: "abreu-sannikov", iterations: set.iterations,
                              converged: set.converged, tolerance: set.tolerance, worstPayoffs: set.worstPayoffs,
                              notes: set.notes)
    }
}
