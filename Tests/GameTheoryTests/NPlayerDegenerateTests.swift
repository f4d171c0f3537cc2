import Foundation
import Testing
@testable import GameTheory

@Suite struct NPlayerDegenerateTests {
    @Test func onePlayerGameEveryMethodPicksTheBestAction() throws {
        let g = try NormalFormGame(players: ["Solo"], actions: [["a", "b", "c"]], exactPayoffs: [[3, 1, 2]])
        for method in NPlayerMethod.allCases {
            let r = try solveNPlayer(g, method: method, includePureEquilibria: false)
            let e = try #require(r.equilibria.first, "\(method.rawValue): \(r.notes)")
            #expect(e.regret <= 1e-9)
            #expect(abs(e.strategies[0][0] - 1) < 1e-9, "\(method.rawValue)")
        }
        #expect(IteratedDominance().solve(g).survivors == [[0]])
    }

    @Test func playerWithOneActionIsHandled() throws {
        // Player 2 has a single action; player 1 and 3 play matching pennies against each other.
        var flat = [[Int]]()
        for k in 0..<4 {
            let a0 = k & 1, a2 = (k >> 1) & 1
            flat.append([a0 == a2 ? 1 : -1, 0, a0 == a2 ? -1 : 1])
        }
        let g = try NPlayerFixtures.game(shape: [2, 1, 2], flat: flat)
        for method in [NPlayerMethod.logit, .globalNewton, .simplicialSubdivision] {
            let e = try #require(try solveNPlayer(g, method: method).equilibria.first)
            #expect(e.regret <= 1e-9)
            #expect(abs(e.strategies[0][0] - 0.5) < 1e-9 && abs(e.strategies[2][0] - 0.5) < 1e-9)
        }
    }

    @Test func recordedLogitPathSatisfiesTheLogitEquations() throws {
        let g = try NPlayerFixtures.load("nau2004_irrational")
        let r = try LogitQRE().solve(g, recordPath: true)
        #expect(r.path.count == r.steps + 1)
        for pt in r.path {
            for p in 0..<3 {
                let u = g.actionPayoffs(of: p, against: pt.strategies)
                let w = u.map { exp(pt.lambda * ($0 - u.max()!)) }
                let total = w.reduce(0, +)
                for a in 0..<2 { #expect(abs(pt.strategies[p][a] - w[a] / total) < 1e-8) }
            }
        }
    }
}
