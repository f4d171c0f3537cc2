// Markov-game workloads of 10, 100 and 1000 states (issue 7: 1000-state policy evaluation in
// milliseconds). Moved here from the former stand-alone Benchmarks/MarkovBenchmark executable.
import Detente

/// A random game: 2×2 stage games with integer payoffs 0…9 and, per state and profile, a
/// transition row spread evenly over 1–3 random states; δ = 0.95.
public func randomMarkovGame(states n: Int, seed: UInt64) throws -> MarkovGame {
    var rng = SplitMix64(seed: seed)
    var games = [NormalFormGame?](), transitions = [[[Double]]]()
    for _ in 0..<n {
        let payoffs = (0..<2).map { _ in (0..<4).map { _ in Double(rng.next() % 10) } }
        games.append(try NormalFormGame(players: ["A", "B"], actions: [["C", "D"], ["C", "D"]], payoffs: payoffs))
        transitions.append((0..<4).map { _ in
            var row = [Double](repeating: 0, count: n)
            let k = 1 + Int(rng.next() % 3)
            for _ in 0..<k { row[Int(rng.next() % UInt64(n))] += 1.0 / Double(k) }
            return row
        })
    }
    return try MarkovGame(states: (0..<n).map { "s\($0)" }, stageGames: games, transitions: transitions,
                          discountFactors: [0.95])
}

/// A "ladder" of integration levels 0…n−1: (C, C) moves up a level with probability 0.3, each
/// defector moves it down with probability 0.2; the stage game is a prisoner's dilemma whose
/// stakes grow with the level; δ = 0.9.
public func ladderMarkovGame(states n: Int) throws -> MarkovGame {
    var games = [NormalFormGame?](), transitions = [[[Double]]]()
    for s in 0..<n {
        let x = 1 + Double(s) / Double(max(1, n - 1))
        games.append(try NormalFormGame.bimatrix([[3 * x, 0], [3 * x + 1, 1]], [[3 * x, 3 * x + 1], [0, 1]],
                                                 actions: [["C", "D"], ["C", "D"]]))
        transitions.append((0..<4).map { k in
            var row = [Double](repeating: 0, count: n)
            let defectors = [0, 1, 1, 2][k]
            if defectors == 0 {
                row[min(n - 1, s + 1)] += 0.3; row[s] += 0.7
            } else {
                row[max(0, s - 1)] += 0.2 * Double(defectors); row[s] += 1 - 0.2 * Double(defectors)
            }
            return row
        })
    }
    return try MarkovGame(states: (0..<n).map { "level\($0)" }, stageGames: games, transitions: transitions,
                          discountFactors: [0.9])
}

/// The same mixed stationary profile in every state: player A plays C with probability 1/2,
/// player B with probability 3/10.
public func benchmarkMixedProfile(states n: Int) -> StationaryProfile {
    StationaryProfile(Array(repeating: [[0.5, 0.5], [0.3, 0.7]], count: n))
}
