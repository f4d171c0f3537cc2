import Testing
@testable import GameTheory

@Suite struct SupportEnumerationTests {
    @Test func vonStengel3x2() throws {
        let report = try SupportEnumeration().solve(stengel3x2)
        #expect(exactSet(report) == [
            [[1, 0, 0], [1, 0]],
            [[r(4, 5), r(1, 5), 0], [r(2, 3), r(1, 3)]],
            [[0, r(1, 3), r(2, 3)], [r(1, 3), r(2, 3)]],
        ])
    }

    /// Incomplete on degenerate games, by design: in the degenerate variant the extreme
    /// equilibrium (T, (2/3, 1/3)) has supports of sizes 1 and 2, so equal-size support
    /// enumeration cannot find it; it finds the other two extreme equilibria.
    @Test func degenerateVariantMissesTheUnequalSupportEquilibrium() throws {
        let report = try SupportEnumeration().solve(stengel3x2Degenerate)
        #expect(exactSet(report) == [
            [[1, 0, 0], [1, 0]],
            [[0, r(1, 3), r(2, 3)], [r(1, 3), r(2, 3)]],
        ])
    }

    /// von Stengel's (1999) nondegenerate 6×6 game: support enumeration finds all 75
    /// equilibria, the same set as vertex enumeration.
    @Test func vonStengel6x6Has75Equilibria() throws {
        let report = try SupportEnumeration().solve(stengel6x6)
        #expect(report.equilibria.count == 75)
        #expect(exactSet(report) == exactSet(try VertexEnumeration().solve(stengel6x6)))
    }

    @Test(arguments: 2...5) func coordinationGame(n: Int) throws {
        let report = try SupportEnumeration().solve(coordination(n))
        #expect(report.equilibria.count == (1 << n) - 1)
        #expect(report.equilibria.allSatisfy { $0.exactRegret == 0 })
    }

    /// Nondegenerate peer games up to 8×8: the set equals pygambit enummixed / lrsnash exactly,
    /// in exact mode; floating-point mode finds as many, each with regret below 1e-9.
    @Test func matchesReferenceOnNondegeneratePeerGames() throws {
        let refs = try PeerFixtures.references()
        for (name, ref) in refs.sorted(by: { $0.key < $1.key }) where ref.group != "degenerate" {
            let game = try PeerFixtures.game(name)
            guard game.shape.max()! <= 8 else { continue }
            let report = try SupportEnumeration().solve(game)
            #expect(exactSet(report) == PeerFixtures.exactSet(ref), "\(name)")
            let fp = try SupportEnumeration(arithmetic: .floatingPoint).solve(game)
            #expect(fp.equilibria.count == ref.n_equilibria, "\(name)")
            #expect(fp.maximumRegret <= 1e-9, "\(name)")
        }
    }

    @Test func combinationsAreLexicographic() {
        #expect(combinations(4, 2) == [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]])
        #expect(combinations(3, 0) == [[]])
        #expect(combinations(2, 3) == [])
    }
}
