import GameTheory
import LinearAlgebra
@testable import MarkovGames

/// Small constructors shared by the tests.
enum TestGames {
    /// A game where every player has one action: payoffs `u[p]`.
    static func trivial(_ u: [Double], players: [String] = ["1", "2"]) -> NormalFormGame {
        try! NormalFormGame(players: players, actions: players.map { _ in ["-"] }, payoffs: u.map { [$0] })
    }

    /// Two states: "integrated" (a 2×2 game) and "bifurcated" (one action each).
    ///
    /// State 0 payoffs (player 0, player 1): (C,C) = (3,3), (D,C) = (5,0), (C,D) = (0,5),
    /// (D,D) = (1,1). Probability of moving to state 1: (C,C) 0, (D,C) 0.2, (C,D) 0.2,
    /// (D,D) 0.4. State 1 pays (1, 1) and returns to state 0 with probability 0.3.
    static func twoState(delta: [Double]) throws -> MarkovGame {
        let g0 = try NormalFormGame.bimatrix([[3.0, 0], [5, 1]], [[3.0, 5], [0, 1]],
                                             actions: [["C", "D"], ["C", "D"]])
        let g1 = trivial([1, 1])
        // Flat order (player 0 fastest): (C,C), (D,C), (C,D), (D,D).
        let t0: [[Double]] = [[1, 0], [0.8, 0.2], [0.8, 0.2], [0.6, 0.4]]
        let t1: [[Double]] = [[0.3, 0.7]]
        return try MarkovGame(states: ["integrated", "bifurcated"], stageGames: [g0, g1],
                              transitions: [t0, t1], discountFactors: delta)
    }

    /// Random Markov game with `states` states, two-player (or `players`) stage games with
    /// `actions` actions each, payoffs uniform integers in 0...9 and transition rows that
    /// put mass on at most `support` random states.
    static func random(states n: Int, players: Int = 2, actions: Int = 2, support: Int = 3,
                       delta: Double, rng: inout SplitMix64, zeroSum: Bool = false,
                       perPlayerDeltas: [Double]? = nil) throws -> MarkovGame {
        var games = [NormalFormGame?]()
        var trans = [[[Double]]]()
        let names = (0..<players).map { "P\($0)" }
        for _ in 0..<n {
            let profiles = Int(pow(Double(actions), Double(players)))
            var table = (0..<players).map { _ in (0..<profiles).map { _ in Double(rng.next() % 10) } }
            if zeroSum { table[1] = table[0].map { -$0 } }
            games.append(try NormalFormGame(players: names,
                                            actions: names.map { _ in (0..<actions).map { "a\($0)" } },
                                            payoffs: table))
            var rows = [[Double]]()
            for _ in 0..<profiles {
                var row = [Double](repeating: 0, count: n)
                let k = 1 + Int(rng.next() % UInt64(min(support, n)))
                var w = [Double]()
                for _ in 0..<k { w.append(Double(1 + rng.next() % 4)) }
                let total = w.reduce(0, +)
                for x in w { row[Int(rng.next() % UInt64(n))] += x / total }
                rows.append(row)
            }
            trans.append(rows)
        }
        return try MarkovGame(states: (0..<n).map { "s\($0)" }, stageGames: games, transitions: trans,
                              discountFactors: perPlayerDeltas ?? [delta])
    }
}

func pow(_ x: Double, _ y: Double) -> Double {
    var r = 1.0
    for _ in 0..<Int(y) { r *= x }
    return r
}
