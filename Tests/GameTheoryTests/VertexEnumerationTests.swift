import Foundation
import Testing
@testable import GameTheory

/// Exact strategy pairs of a report, as a set.
func exactSet(_ report: EquilibriumReport) -> Set<[[Rational]]> {
    Set(report.equilibria.map { $0.exactStrategies! })
}

func r(_ n: Int, _ d: Int = 1) -> Rational { Rational(n, d) }

/// The 3×2 game of von Stengel (2007), Algorithmic Game Theory ch. 3, Fig. 3.2 / eq. (3.3).
let stengel3x2 = try! NormalFormGame.bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
/// Its degenerate variant (ibid., §3.6, Fig. 3.7): B's first row becomes [3, 3].
let stengel3x2Degenerate = try! NormalFormGame.bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])

/// The 6×6 game with 75 equilibria: B. von Stengel (1999), "New maximal numbers of equilibria in
/// bimatrix games", Discrete Comput. Geom. 21:557–568, doi:10.1007/PL00009438. Payoffs as in
/// Gambit's catalog, contrib/games/stengel.nfg (payoff pairs per profile, row player fastest).
let stengel6x6: NormalFormGame = {
    let pairs: [Int] = [
        9504, 72336, -111771, -461736, 397584, 1227336, 171204, -1718376, 1303104, 1303104, 737154, -453420,
        -660, 48081, 31680, -300036, -113850, 774576, -45936, -1039236, -453420, 737154, -227040, -227040,
        19976, 29216, -130944, -178761, 451176, 451176, 208626, -586476, 1227336, 397584, 774576, -113850,
        -20526, 14124, 168124, -84436, -586476, 208626, -263076, -263076, -1718376, 171204, -1039236, -45936,
        1776, 1776, -8514, -8976, 29216, 19976, 14124, -20526, 72336, 9504, 48081, -660,
        -8976, -8514, 52764, 52764, -178761, -130944, -84436, 168124, -461736, -111771, -300036, 31680,
    ]
    let a = (0..<36).map { Rational(pairs[2 * $0]) }, b = (0..<36).map { Rational(pairs[2 * $0 + 1]) }
    let names = (1...6).map(String.init)
    return try! NormalFormGame(players: ["1", "2"], actions: [names, names], exactPayoffs: [a, b])
}()

/// The n×n coordination game with identity payoffs for both players.
func coordination(_ n: Int) -> NormalFormGame {
    let id = (0..<n).map { i in (0..<n).map { $0 == i ? 1 : 0 } }
    return try! NormalFormGame.bimatrix(id, id)
}

@Suite struct VertexEnumerationTests {
    @Test func vonStengel3x2HasExactlyThreeEquilibria() throws {
        let report = try VertexEnumeration().solve(stengel3x2)
        #expect(exactSet(report) == [
            [[1, 0, 0], [1, 0]],
            [[r(4, 5), r(1, 5), 0], [r(2, 3), r(1, 3)]],
            [[0, r(1, 3), r(2, 3)], [r(1, 3), r(2, 3)]],
        ])
        #expect(report.equilibria.count == 3)
        #expect(report.isDegenerate == false)
        #expect(report.arithmetic == .exact)
        #expect(report.equilibria.allSatisfy { $0.exactRegret == 0 })
        // By hand: against y = (2/3, 1/3) rows T and M both pay 3; against x = (4/5, 1/5, 0)
        // columns l and r both pay 14/5.
        let mixed = report.equilibria.first { $0.exactStrategies![0] == [r(4, 5), r(1, 5), 0] }!
        #expect(mixed.exactPayoffs == [3, r(14, 5)])
    }

    @Test func degenerateVariantHasAComponent() throws {
        let report = try VertexEnumeration(components: true).solve(stengel3x2Degenerate)
        // (T, l) and (T, (2/3, 1/3)) are the ends of the segment {T} × conv{l, (2/3,1/3)}.
        #expect(exactSet(report) == [
            [[1, 0, 0], [1, 0]],
            [[1, 0, 0], [r(2, 3), r(1, 3)]],
            [[0, r(1, 3), r(2, 3)], [r(1, 3), r(2, 3)]],
        ])
        #expect(report.isDegenerate == true)
        let comps = try #require(report.components)
        let asSets = Set(comps.map { c in Set(c.map { report.equilibria[$0].exactStrategies! }) })
        #expect(asSets == [
            [[[1, 0, 0], [1, 0]], [[1, 0, 0], [r(2, 3), r(1, 3)]]],
            [[[0, r(1, 3), r(2, 3)], [r(1, 3), r(2, 3)]]],
        ])
    }

    @Test func vonStengel6x6Has75Equilibria() throws {
        let report = try VertexEnumeration().solve(stengel6x6)
        #expect(report.equilibria.count == 75)
        #expect(report.isDegenerate == false)
        #expect(report.equilibria.allSatisfy { $0.exactRegret == 0 })
        #expect(exactSet(report).count == 75)
    }

    @Test(arguments: 2...6) func coordinationGameHas2ToTheNMinus1Equilibria(n: Int) throws {
        let report = try VertexEnumeration().solve(coordination(n))
        // Each non-empty subset S of actions gives the equilibrium "both uniform on S".
        var expected = Set<[[Rational]]>()
        for mask in 1..<(1 << n) {
            let k = mask.nonzeroBitCount
            let s = (0..<n).map { mask & (1 << $0) != 0 ? Rational(1, k) : Rational(0) }
            expected.insert([s, s])
        }
        #expect(report.equilibria.count == (1 << n) - 1)
        #expect(exactSet(report) == expected)
    }

    /// Kreps's trust game (D. M. Kreps 1990, "Corporate culture and economic theory", in Alt &
    /// Shepsle (eds.), Perspectives on Positive Political Economy, CUP, pp. 90–143): the trustor
    /// plays No trust (0, 0) or Trust; the trustee then Honors (1, 1) or Abuses (−1, 2). By hand:
    /// Trust with positive probability makes Abuse the unique best reply, so the trustor never
    /// trusts; No trust is a best reply iff P(Honor) ≤ 1/2. One component, two extreme points.
    @Test func krepsTrustGameIsOneComponent() throws {
        let game = try NormalFormGame.bimatrix([[0, 0], [1, -1]], [[0, 0], [1, 2]])
        let report = try VertexEnumeration(components: true).solve(game)
        #expect(exactSet(report) == [[[1, 0], [0, 1]], [[1, 0], [r(1, 2), r(1, 2)]]])
        #expect(report.isDegenerate == true)
        #expect(report.components?.count == 1)
        #expect(report.components?.first?.count == 2)
    }

    /// Entry deterrence: (In, Accommodate), and Out with P(Fight) ≥ 1/2 (a segment).
    @Test func entryDeterrenceComponents() throws {
        let report = try VertexEnumeration(components: true).solve(try PeerFixtures.game("degen_entry"))
        let comps = try #require(report.components)
        let asSets = Set(comps.map { c in Set(c.map { report.equilibria[$0].exactStrategies! }) })
        #expect(asSets == [
            [[[0, 1], [0, 1]]],
            [[[1, 0], [1, 0]], [[1, 0], [r(1, 2), r(1, 2)]]],
        ])
    }

    @Test func allZeroGameIsOneComponentOfAllPureProfiles() throws {
        let game = try NormalFormGame.bimatrix([[0, 0, 0], [0, 0, 0]], [[0, 0, 0], [0, 0, 0]])
        let report = try VertexEnumeration(components: true).solve(game)
        #expect(report.equilibria.count == 6)
        #expect(report.components == [Array(0..<6)])
        #expect(report.isDegenerate == true)
    }

    /// Floating-point payoffs are solved exactly as the binary64 values given: A/4 and B/8 are
    /// exact in binary and have the same equilibria as von Stengel's game.
    @Test func floatingPointPayoffsAreSolvedExactly() throws {
        let a: [[Double]] = [[3, 3], [2, 5], [0, 6]].map { $0.map { $0 / 4 } }
        let b: [[Double]] = [[3, 2], [2, 6], [3, 1]].map { $0.map { $0 / 8 } }
        let report = try VertexEnumeration().solve(try NormalFormGame.bimatrix(a, b))
        #expect(exactSet(report) == exactSet(try VertexEnumeration().solve(stengel3x2)))
        #expect(report.notes.contains { $0.contains("binary64") })
    }

    @Test func rejectsMoreThanTwoPlayers() throws {
        let g = try NormalFormGame(players: ["a", "b", "c"], actions: [["x"], ["x"], ["x"]],
                                   payoffs: [[0], [0], [0]])
        #expect(throws: GameError.self) { try VertexEnumeration().solve(g) }
    }

    /// Every game of the peer suite: the exact set equals pygambit enummixed (rational) and
    /// lrsnash, including the degenerate games.
    @Test func matchesPygambitAndLrsnashOnPeerSuite() throws {
        let refs = try PeerFixtures.references()
        #expect(refs.count == 28)
        for (name, ref) in refs.sorted(by: { $0.key < $1.key }) {
            let report = try VertexEnumeration().solve(try PeerFixtures.game(name))
            #expect(exactSet(report) == PeerFixtures.exactSet(ref), "\(name)")
            #expect(report.equilibria.count == ref.n_equilibria, "\(name)")
            #expect(report.notes.isEmpty, "\(name): \(report.notes)")
        }
    }
}

@Suite struct VertexEnumerationDegenerateCrossCheckTests {
    struct Fixture: Decodable {
        struct Game: Decodable { var A: [[Int]]; var B: [[Int]]; var equilibria: [[[String]]]; var agree_with_pygambit: Bool }
        var seed: Int
        var games: [Game]
    }

    /// 60 seeded random small games with many ties: the exact set of extreme equilibria equals
    /// lrsnash's (which agreed with pygambit enummixed on every one). See Fixtures/lrsnash.
    @Test func matchesLrsnashOnRandomDegenerateGames() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/lrsnash/random_degenerate", withExtension: "json"))
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        print("VertexEnumerationDegenerateCrossCheckTests seed \(fixture.seed)")
        #expect(fixture.games.count == 60)
        var degenerate = 0
        for (k, g) in fixture.games.enumerated() {
            #expect(g.agree_with_pygambit)
            let report = try VertexEnumeration().solve(try NormalFormGame.bimatrix(g.A, g.B))
            let expected = Set(g.equilibria.map { eq in eq.map { s in s.map { Rational(parsing: $0)! } } })
            #expect(exactSet(report) == expected, "game \(k): A=\(g.A) B=\(g.B)")
            if report.isDegenerate == true { degenerate += 1 }
        }
        #expect(degenerate >= 30, "most of these games should be degenerate; \(degenerate) were")
    }
}
