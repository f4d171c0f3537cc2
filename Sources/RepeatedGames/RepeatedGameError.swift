import GameTheory

/// Invalid input to a repeated-game computation; each message names the offending value.
public enum RepeatedGameError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A discount factor outside the open interval (0, 1).
    case discountFactorOutOfRange(String)
    /// A per-player list of discount factors whose length is not the number of players.
    case discountFactorCount(given: Int, players: Int)
    /// The method needs a two-player game.
    case needsTwoPlayers(method: String, players: Int)
    /// A profile with the wrong number of entries or an action index out of range.
    case invalidProfile([Int])
    /// An automaton lacks the transition for a state and an action pair.
    case missingTransition(automaton: String, state: String, own: Int, opponent: Int)
    /// An automaton is malformed (states, outputs, indices).
    case invalidAutomaton(automaton: String, reason: String)
    /// A probability outside [0, 1] (noise, forgiveness).
    case probabilityOutOfRange(name: String, value: String)
    /// Domains of a linked game that do not fit together.
    case domainMismatch(String)
    /// An underlying linear-algebra or linear-programming failure.
    case numerical(String)

    public var description: String {
        switch self {
        case .discountFactorOutOfRange(let d): return "discount factor \(d) is outside the open interval (0, 1)"
        case .discountFactorCount(let g, let p):
            return "\(g) discount factors given for a game with \(p) players; give one, or one per player"
        case .needsTwoPlayers(let m, let p): return "\(m) needs a two-player game; this game has \(p) players"
        case .invalidProfile(let p): return "action profile \(p) does not fit the game"
        case .missingTransition(let a, let s, let o, let q):
            return "automaton \(a) has no transition from state \(s) after own action \(o + 1) and opponent action \(q + 1)"
        case .invalidAutomaton(let a, let r): return "automaton \(a): \(r)"
        case .probabilityOutOfRange(let n, let v): return "\(n) = \(v) is not a probability in [0, 1]"
        case .domainMismatch(let s): return s
        case .numerical(let s): return s
        }
    }
}

/// Checks a discount factor is in (0, 1).
func validateDiscountFactor<T: GameScalar>(_ delta: T) throws {
    guard delta > T.zero, delta < T.one, !(T.isExact == false && !delta.doubleValue.isFinite) else {
        throw RepeatedGameError.discountFactorOutOfRange("\(delta)")
    }
}

/// One discount factor per player from a common one or a per-player list, validated.
public func perPlayerDiscountFactors(_ deltas: [Double], players: Int) throws -> [Double] {
    guard deltas.count == 1 || deltas.count == players else {
        throw RepeatedGameError.discountFactorCount(given: deltas.count, players: players)
    }
    for d in deltas { try validateDiscountFactor(d) }
    return deltas.count == 1 ? [Double](repeating: deltas[0], count: players) : deltas
}
