import GameTheory

/// A finite stochastic (Markov) game: states, a stage game per state, transition
/// probabilities per state and pure action profile, and discount factors.
///
/// Index conventions:
/// - states are numbered `0..<stateCount` in the order given;
/// - `stageGames[s]` is the normal-form game played in state `s`; every state's game has the
///   same players (in the same order), but action sets may differ between states;
/// - `transitions[s][k][t]` is the probability that the next state is `t` when profile `k` is
///   played in state `s`, where `k` is the stage game's flat profile index (Gambit order,
///   player 0 fastest, see `NormalFormGame`);
/// - `discountFactors[p]` is player p's discount factor δₚ ∈ [0, 1).
///
/// Payoffs are discounted sums `Σₜ δₚᵗ uₚ(sₜ, aₜ)` (use `normalizedValues` for the
/// `(1 − δ)`-normalised average used in the repeated-game literature).
///
/// Validation rejects, with the state, profile and bad value named in the message: a state
/// with no stage game, stage games whose players differ, transition tables of the wrong shape,
/// negative or non-finite probabilities, rows that do not sum to one (within
/// `rowSumTolerance` in floating point, exactly with `Rational` transitions) and discount
/// factors outside [0, 1).
///
/// - References: L. S. Shapley, "Stochastic games", *Proc. Natl. Acad. Sci. USA* 39(10):
///   1095–1100, 1953. doi:10.1073/pnas.39.10.1095
public struct MarkovGame: Sendable, Equatable {
    /// State names, for messages and reports.
    public let states: [String]
    public let stageGames: [NormalFormGame]
    /// `transitions[s][k][t]`: probability of moving from `s` to `t` under profile `k`.
    public let transitions: [[[Double]]]
    /// The same probabilities exactly, when given as `Rational`.
    public let exactTransitions: [[[Rational]]]?
    /// `discountFactors[p]`: player p's discount factor.
    public let discountFactors: [Double]
    /// `sparseTransitions[s][k]`: the non-zero entries of `transitions[s][k]`, for the
    /// O(non-zeros) kernels (chain construction, iterative evaluation, pruning bounds).
    public let sparseTransitions: [[SparseRow]]

    /// The tolerance on row sums of floating-point transition tables.
    public static let rowSumTolerance = 1e-9

    public var stateCount: Int { states.count }
    public var playerCount: Int { stageGames.first?.playerCount ?? 0 }
    public var players: [String] { stageGames.first?.players ?? [] }
    /// The index of the state called `name`, or `nil`.
    public func stateIndex(named name: String) -> Int? { states.firstIndex(of: name) }

    /// Whether all players share one discount factor.
    public var hasCommonDiscountFactor: Bool { Set(discountFactors).count <= 1 }

    /// A game with floating-point transition probabilities.
    ///
    /// - Parameters:
    ///   - states: state names (unique, non-empty list).
    ///   - stageGames: one game per state; `nil` marks a state declared without a stage game
    ///     (rejected with `MarkovGameError.missingStageGame`).
    ///   - transitions: `transitions[s][k][t]` as described on the type.
    ///   - discountFactors: one per player, or a single common one.
    public init(states: [String], stageGames: [NormalFormGame?], transitions: [[[Double]]],
                discountFactors: [Double]) throws {
        let games = try MarkovGame.validateStructure(states: states, stageGames: stageGames,
                                                     transitionShape: transitions.map { $0.map(\.count) })
        for s in transitions.indices {
            for (k, row) in transitions[s].enumerated() {
                var total = 0.0
                for (t, x) in row.enumerated() {
                    guard x.isFinite else {
                        throw MarkovGameError.invalidProbability(state: states[s], profile: MarkovGame.profileName(games[s], k),
                                                                 nextState: states[t], value: "\(x)")
                    }
                    guard x >= 0 else {
                        throw MarkovGameError.negativeProbability(state: states[s], profile: MarkovGame.profileName(games[s], k),
                                                                  nextState: states[t], value: "\(x)")
                    }
                    total += x
                }
                guard abs(total - 1) <= MarkovGame.rowSumTolerance else {
                    throw MarkovGameError.rowSumNotOne(state: states[s], profile: MarkovGame.profileName(games[s], k),
                                                       sum: "\(total)")
                }
            }
        }
        self.states = states
        self.stageGames = games
        self.transitions = transitions
        self.exactTransitions = nil
        self.sparseTransitions = transitions.map { $0.map(SparseRow.init) }
        self.discountFactors = try MarkovGame.validateDiscount(discountFactors, players: games[0].playerCount)
    }

    /// A game with exact transition probabilities: rows must sum to exactly one.
    public init(states: [String], stageGames: [NormalFormGame?], exactTransitions: [[[Rational]]],
                discountFactors: [Double]) throws {
        let games = try MarkovGame.validateStructure(states: states, stageGames: stageGames,
                                                     transitionShape: exactTransitions.map { $0.map(\.count) })
        for s in exactTransitions.indices {
            for (k, row) in exactTransitions[s].enumerated() {
                var total = Rational.zero
                for (t, x) in row.enumerated() {
                    guard x.signum() >= 0 else {
                        throw MarkovGameError.negativeProbability(state: states[s], profile: MarkovGame.profileName(games[s], k),
                                                                  nextState: states[t], value: x.description)
                    }
                    total += x
                }
                guard total == .one else {
                    throw MarkovGameError.rowSumNotOne(state: states[s], profile: MarkovGame.profileName(games[s], k),
                                                       sum: total.description)
                }
            }
        }
        self.states = states
        self.stageGames = games
        self.exactTransitions = exactTransitions
        self.transitions = exactTransitions.map { $0.map { $0.map(\.doubleValue) } }
        self.sparseTransitions = self.transitions.map { $0.map(SparseRow.init) }
        self.discountFactors = try MarkovGame.validateDiscount(discountFactors, players: games[0].playerCount)
    }

    /// `"(a, b)"`: the action names of profile `k` of `game`, for messages.
    static func profileName(_ game: NormalFormGame, _ k: Int) -> String {
        let prof = game.profile(at: k)
        return "(" + prof.enumerated().map { p, a in game.actions[p][a] }.joined(separator: ", ") + ")"
    }

    private static func validateStructure(states: [String], stageGames: [NormalFormGame?],
                                          transitionShape: [[Int]]) throws -> [NormalFormGame] {
        guard !states.isEmpty else { throw MarkovGameError.noStates }
        var seen = Set<String>()
        for s in states where !seen.insert(s).inserted { throw MarkovGameError.duplicateState(s) }
        guard stageGames.count == states.count else {
            throw MarkovGameError.shapeMismatch("\(states.count) states but \(stageGames.count) stage games")
        }
        var games = [NormalFormGame]()
        for (s, g) in stageGames.enumerated() {
            guard let g else { throw MarkovGameError.missingStageGame(state: states[s]) }
            games.append(g)
        }
        let players = games[0].players
        for (s, g) in games.enumerated() where g.players != players {
            throw MarkovGameError.shapeMismatch(
                "state \(states[s]) has players \(g.players); state \(states[0]) has \(players)")
        }
        guard transitionShape.count == states.count else {
            throw MarkovGameError.shapeMismatch("\(states.count) states but transitions for \(transitionShape.count)")
        }
        for (s, rows) in transitionShape.enumerated() {
            guard rows.count == games[s].profileCount else {
                throw MarkovGameError.shapeMismatch(
                    "state \(states[s]) has \(games[s].profileCount) action profiles but \(rows.count) transition rows")
            }
            for (k, c) in rows.enumerated() where c != states.count {
                throw MarkovGameError.shapeMismatch(
                    "state \(states[s]), profile \(profileName(games[s], k)): transition row has \(c) entries; the game has \(states.count) states")
            }
        }
        return games
    }

    private static func validateDiscount(_ d: [Double], players: Int) throws -> [Double] {
        let full: [Double]
        if d.count == 1 { full = Array(repeating: d[0], count: players) }
        else if d.count == players { full = d }
        else {
            throw MarkovGameError.shapeMismatch("\(d.count) discount factors for \(players) players (give one or one per player)")
        }
        for (p, x) in full.enumerated() where !(x >= 0 && x < 1) {
            throw MarkovGameError.invalidDiscountFactor(player: p, value: "\(x)")
        }
        return full
    }
}

/// The non-zero entries of a probability row: `values[i]` is the probability of state
/// `indices[i]`, indices increasing.
public struct SparseRow: Sendable, Equatable {
    public let indices: [Int]
    public let values: [Double]

    public init(_ dense: [Double]) {
        var i = [Int](), v = [Double]()
        for (t, x) in dense.enumerated() where x != 0 { i.append(t); v.append(x) }
        indices = i
        values = v
    }

    init(indices: [Int], values: [Double]) {
        self.indices = indices
        self.values = values
    }

    /// `Σᵢ values[i] · x[indices[i]]`.
    @inlinable
    public func dot(_ x: [Double]) -> Double {
        var s = 0.0
        for i in indices.indices { s += values[i] * x[indices[i]] }
        return s
    }
}

/// A construction error of a `MarkovGame`. Messages name the state, profile and bad value;
/// the model-file layer adds the file position.
public enum MarkovGameError: Error, Sendable, Equatable, CustomStringConvertible {
    case noStates
    case duplicateState(String)
    case missingStageGame(state: String)
    case shapeMismatch(String)
    case negativeProbability(state: String, profile: String, nextState: String, value: String)
    case invalidProbability(state: String, profile: String, nextState: String, value: String)
    case rowSumNotOne(state: String, profile: String, sum: String)
    case invalidDiscountFactor(player: Int, value: String)
    case invalidStrategy(String)

    public var description: String {
        switch self {
        case .noStates: return "the Markov game has no states"
        case .duplicateState(let s): return "state \(s) is declared twice"
        case .missingStageGame(let s): return "state \(s) has no stage game"
        case .shapeMismatch(let m): return m
        case .negativeProbability(let s, let k, let t, let v):
            return "state \(s), profile \(k): probability of moving to \(t) is \(v); probabilities must be non-negative"
        case .invalidProbability(let s, let k, let t, let v):
            return "state \(s), profile \(k): probability of moving to \(t) is \(v); probabilities must be finite numbers"
        case .rowSumNotOne(let s, let k, let sum):
            return "state \(s), profile \(k): transition probabilities sum to \(sum), not 1"
        case .invalidDiscountFactor(let p, let v):
            return "discount factor of player \(p + 1) is \(v); it must lie in [0, 1)"
        case .invalidStrategy(let m): return m
        }
    }
}
