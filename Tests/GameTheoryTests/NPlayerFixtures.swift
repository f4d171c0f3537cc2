import Foundation
@testable import GameTheory

/// Test games for the N-player solvers, loaded from Fixtures/nplayer (see SOURCE.md there).
enum NPlayerFixtures {
    /// Reads a game in the peers JSON layout: `payoffs[p][a₀][a₁]…` with integer payoffs.
    static func load(_ name: String) throws -> NormalFormGame {
        let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/nplayer/\(name).json")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        let players = object["players"] as! [String]
        let actions = object["actions"] as! [[String]]
        let payoffs = object["payoffs"] as! [Any]
        let shape = actions.map(\.count)
        let count = shape.reduce(1, *)
        var tables = [[Rational]]()
        for p in players.indices {
            var table = [Rational](repeating: 0, count: count)
            for k in 0..<count {
                var node: Any = payoffs[p]
                var rest = k
                for n in shape {
                    node = (node as! [Any])[rest % n]
                    rest /= n
                }
                table[k] = Rational((node as! NSNumber).intValue)
            }
            tables.append(table)
        }
        return try NormalFormGame(title: object["title"] as! String, players: players, actions: actions,
                                  exactPayoffs: tables)
    }

    /// A game from a flat payoff list in Gambit order (player 0 fastest): `flat[k][p]`.
    static func game(shape: [Int], flat: [[Int]]) throws -> NormalFormGame {
        let n = shape.count
        return try NormalFormGame(players: (1...n).map(String.init),
                                  actions: shape.map { (1...$0).map(String.init) },
                                  exactPayoffs: (0..<n).map { p in flat.map { Rational($0[p]) } })
    }

    /// The McKelvey–McLennan 2×2×2 game's nine equilibria (Gambit contrib/games/2x2x2.nfg,
    /// "9 Nash equilibria, 2 totally mixed"), as exact fractions (the list pygambit's enumpoly
    /// prints; each is re-verified with exact regret 0 in the tests).
    static let mckelveyMcLennanEquilibria: [[[Rational]]] = {
        func s(_ a: Rational) -> [Rational] { [a, 1 - a] }
        return [
            [s(1), s(1), s(1)], [s(1), s(0), s(0)], [s(0), s(1), s(0)], [s(0), s(0), s(1)],
            [s(Rational(1, 2)), s(Rational(1, 2)), s(1)],
            [s(Rational(1, 3)), s(1), s(Rational(1, 4))],
            [s(0), s(Rational(1, 4)), s(Rational(1, 3))],
            [s(Rational(1, 2)), s(Rational(2, 5)), s(Rational(1, 4))],
            [s(Rational(2, 5)), s(Rational(1, 2)), s(Rational(1, 3))],
        ]
    }()

    /// Whether `sigma` lies within `tolerance` (max norm) of one of `list`.
    static func isAmong(_ sigma: [[Double]], _ list: [[[Rational]]], tolerance: Double = 1e-6) -> Bool {
        list.contains { e in
            zip(e, sigma).allSatisfy { zip($0, $1).allSatisfy { abs($0.doubleValue - $1) <= tolerance } }
        }
    }

    /// The anti-coordination game of QuantEcon.py as published there (the docstring example of
    /// `quantecon.game_theory.mclennan_tourky` and `tests/test_mclennan_tourky.py`, QuantEcon.py
    /// 0.11.4): action 0 is safe and pays 1; action 1 pays `v` if no other player plays 1, else
    /// 0. Every player has the same payoff function of (own action, others' actions).
    static func quantEconAntiCoordination(players n: Int, v: Int) throws -> NormalFormGame {
        var flat = [[Int]]()
        for k in 0..<(1 << n) {
            let acts = (0..<n).map { (k >> $0) & 1 }
            flat.append((0..<n).map { p in
                if acts[p] == 0 { return 1 }
                return (0..<n).allSatisfy { $0 == p || acts[$0] == 0 } ? v : 0
            })
        }
        return try game(shape: [Int](repeating: 2, count: n), flat: flat)
    }

    /// The anti-coordination game used for the v^(−1/(N−1)) test (see LogitQRETests).
    static func antiCoordination(players n: Int, v: Int) throws -> NormalFormGame {
        let shape = [Int](repeating: 2, count: n)
        let count = 1 << n
        var flat = [[Int]]()
        for k in 0..<count {
            let acts = (0..<n).map { (k >> $0) & 1 }   // 0 = In, 1 = Out
            flat.append((0..<n).map { p in
                if acts[p] == 1 { return 1 }
                return (0..<n).allSatisfy { $0 == p || acts[$0] == 1 } ? v : 0
            })
        }
        return try game(shape: shape, flat: flat)
    }
}
