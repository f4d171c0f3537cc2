import GameTheory

/// A strategy of a two-player repeated game as a Moore machine: in each state the machine
/// intends an action (possibly at random), and moves to the next state as a function of the
/// realised action profile.
///
/// Index convention: the machine's own actions are `0..<actionCount` and the opponent's
/// `0..<opponentActionCount`, in the stage game's order. For the classic machines of the
/// prisoner's dilemma, action 0 is *cooperate* and action 1 is *defect*.
///
/// Transitions are listed as `Transition(from:own:opponent:to:)` where `own` or `opponent`
/// may be `nil` for "any"; the first listed transition that matches is used. Every state
/// must have a transition for every pair of realised actions, or `init` throws
/// `RepeatedGameError.missingTransition` naming the state and the actions.
public struct Automaton: Sendable, Equatable {
    public struct Transition: Sendable, Equatable {
        public var from: Int
        public var own: Int?
        public var opponent: Int?
        public var to: Int
        public init(from: Int, own: Int? = nil, opponent: Int? = nil, to: Int) {
            self.from = from; self.own = own; self.opponent = opponent; self.to = to
        }
    }

    public var name: String
    public var stateNames: [String]
    public var initialState: Int
    public var actionCount: Int
    public var opponentActionCount: Int
    /// `output[s][a]`: probability of intending action a in state s (exact).
    public var output: [[Rational]]
    /// `next[s][own + actionCount · opponent]`: the state after the realised actions.
    public var next: [[Int]]

    public var stateCount: Int { stateNames.count }

    /// A machine with (possibly mixed) intended actions per state.
    public init(name: String, states: [String], initialState: Int = 0, output: [[Rational]],
                transitions: [Transition], actionCount: Int = 2, opponentActionCount: Int = 2) throws {
        guard !states.isEmpty else { throw RepeatedGameError.invalidAutomaton(automaton: name, reason: "it has no states") }
        guard states.indices.contains(initialState) else {
            throw RepeatedGameError.invalidAutomaton(automaton: name, reason: "initial state \(initialState) does not exist")
        }
        guard output.count == states.count else {
            throw RepeatedGameError.invalidAutomaton(automaton: name, reason: "\(output.count) outputs for \(states.count) states")
        }
        for (s, o) in output.enumerated() {
            guard o.count == actionCount, o.allSatisfy({ $0 >= .zero }), o.reduce(Rational.zero, +) == .one else {
                throw RepeatedGameError.invalidAutomaton(
                    automaton: name, reason: "output of state \(states[s]) is \(o.map(\.description)); it must be \(actionCount) probabilities summing to 1")
            }
        }
        for t in transitions where !states.indices.contains(t.from) || !states.indices.contains(t.to)
            || (t.own.map { !(0..<actionCount).contains($0) } ?? false)
            || (t.opponent.map { !(0..<opponentActionCount).contains($0) } ?? false) {
            throw RepeatedGameError.invalidAutomaton(automaton: name, reason: "transition \(t) refers to a state or action that does not exist")
        }
        var next = [[Int]]()
        for s in states.indices {
            var row = [Int]()
            for b in 0..<opponentActionCount {
                for a in 0..<actionCount {
                    guard let t = transitions.first(where: { $0.from == s && ($0.own ?? a) == a && ($0.opponent ?? b) == b }) else {
                        throw RepeatedGameError.missingTransition(automaton: name, state: states[s], own: a, opponent: b)
                    }
                    row.append(t.to)
                }
            }
            next.append(row)
        }
        // `row` was filled opponent-major, own fastest: index own + actionCount · opponent.
        self.name = name
        self.stateNames = states
        self.initialState = initialState
        self.actionCount = actionCount
        self.opponentActionCount = opponentActionCount
        self.output = output
        self.next = next
    }

    /// A machine with a pure intended action per state.
    public init(name: String, states: [String], initialState: Int = 0, actions: [Int],
                transitions: [Transition], actionCount: Int = 2, opponentActionCount: Int = 2) throws {
        guard actions.allSatisfy({ (0..<actionCount).contains($0) }) else {
            throw RepeatedGameError.invalidAutomaton(automaton: name, reason: "actions \(actions) out of range 1…\(actionCount)")
        }
        try self.init(name: name, states: states, initialState: initialState,
                      output: actions.map { a in (0..<actionCount).map { $0 == a ? .one : .zero } },
                      transitions: transitions, actionCount: actionCount, opponentActionCount: opponentActionCount)
    }

    // MARK: The classic machines of the prisoner's dilemma (action 0 = C, 1 = D).

    /// Always cooperate.
    public static let alwaysCooperate = try! Automaton(name: "ALLC", states: ["C"], actions: [0], transitions: [.init(from: 0, to: 0)])
    /// Always defect.
    public static let alwaysDefect = try! Automaton(name: "ALLD", states: ["D"], actions: [1], transitions: [.init(from: 0, to: 0)])
    /// Grim trigger: cooperate until either player has defected, then defect forever (the
    /// subgame-perfect form: a player also punishes after its own defection).
    public static let grimTrigger = try! Automaton(name: "GRIM", states: ["C", "D"], actions: [0, 1], transitions: [
        .init(from: 0, own: 0, opponent: 0, to: 0), .init(from: 0, to: 1), .init(from: 1, to: 1)])
    /// Tit-for-tat: cooperate first, then copy the opponent's last action
    /// (Axelrod & Hamilton 1981, Science 211, 1390–1396, doi:10.1126/science.7466396).
    public static let titForTat = try! Automaton(name: "TFT", states: ["C", "D"], actions: [0, 1], transitions: [
        .init(from: 0, opponent: 0, to: 0), .init(from: 0, opponent: 1, to: 1),
        .init(from: 1, opponent: 0, to: 0), .init(from: 1, opponent: 1, to: 1)])
    /// Win-stay, lose-shift (Pavlov): cooperate after both played the same action, defect
    /// otherwise (Nowak & Sigmund 1993, Nature 364, 56–58, doi:10.1038/364056a0).
    public static let winStayLoseShift = try! Automaton(name: "WSLS", states: ["C", "D"], actions: [0, 1], transitions: [
        .init(from: 0, own: 0, opponent: 0, to: 0), .init(from: 0, own: 1, opponent: 1, to: 0), .init(from: 0, to: 1),
        .init(from: 1, own: 0, opponent: 0, to: 0), .init(from: 1, own: 1, opponent: 1, to: 0), .init(from: 1, to: 1)])

    /// Generous tit-for-tat: like TFT, but after the opponent's defection cooperate with
    /// probability `forgiveness`.
    ///
    /// - References: M. A. Nowak and K. Sigmund (1992), "Tit for tat in heterogeneous
    ///   populations", Nature 355, 250–253. doi:10.1038/355250a0
    public static func generousTitForTat(forgiveness g: Rational) throws -> Automaton {
        guard g >= .zero, g <= .one else { throw RepeatedGameError.probabilityOutOfRange(name: "forgiveness", value: "\(g)") }
        return try Automaton(name: "GTFT(\(g))", states: ["C", "F"], output: [[.one, .zero], [g, .one - g]], transitions: [
            .init(from: 0, opponent: 0, to: 0), .init(from: 0, opponent: 1, to: 1),
            .init(from: 1, opponent: 0, to: 0), .init(from: 1, opponent: 1, to: 1)])
    }

    /// Nowak and Sigmund's (1992) largest forgiveness probability that keeps generous TFT
    /// stable, for prisoner's-dilemma payoffs T > R > P > S:
    /// `g = min(1 − (T − R)/(R − S), (R − P)/(T − P))`.
    ///
    /// - References: M. A. Nowak and K. Sigmund (1992), Nature 355, 250–253. doi:10.1038/355250a0
    public static func generousForgiveness(temptation t: Rational, reward r: Rational, punishment p: Rational,
                                           sucker s: Rational) throws -> Rational {
        guard t > r, r > p, p > s else {
            throw RepeatedGameError.domainMismatch("payoffs T=\(t), R=\(r), P=\(p), S=\(s) are not a prisoner's dilemma (T > R > P > S)")
        }
        return min(.one - (t - r) / (r - s), (r - p) / (t - p))
    }
}
