// The automaton tournament workload (issue 3: a tournament of 100 automata with implementation
// noise, exact payoffs in well under a second).
import Detente

/// The prisoner's dilemma (R, S, T, P) = (3, 0, 5, 1) of Axelrod's tournaments.
public func tournamentStageGame() throws -> NormalFormGame {
    try NormalFormGame.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], actions: [["C", "D"], ["C", "D"]])
}

/// `count` automata: the five classic machines (ALLC, ALLD, GRIM, TFT, WSLS) followed by
/// random Moore machines of 1–4 states (SplitMix64 seeded with `seed`), each state with a pure
/// intended action and a random successor for each of the four realised action pairs.
public func tournamentAutomata(count: Int, seed: UInt64 = 100) throws -> [Automaton] {
    var machines: [Automaton] = [.alwaysCooperate, .alwaysDefect, .grimTrigger, .titForTat, .winStayLoseShift]
    machines = Array(machines.prefix(count))
    var rng = SplitMix64(seed: seed)
    while machines.count < count {
        let states = 1 + Int(rng.next() % 4)
        let actions = (0..<states).map { _ in Int(rng.next() % 2) }
        var transitions = [Automaton.Transition]()
        for s in 0..<states {
            for own in 0..<2 {
                for opponent in 0..<2 {
                    transitions.append(.init(from: s, own: own, opponent: opponent, to: Int(rng.next() % UInt64(states))))
                }
            }
        }
        machines.append(try Automaton(name: "M\(machines.count)", states: (0..<states).map { "q\($0)" },
                                      actions: actions, transitions: transitions))
    }
    return machines
}
