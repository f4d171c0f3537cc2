import Testing
@testable import GameTheory

@Suite struct LemkeHowsonTests {
    /// From every label, exact LH on von Stengel's 3×2 game ends at one of its three published
    /// equilibria (AGT ch. 3), and each result has exact regret 0.
    @Test func vonStengel3x2EveryLabelGivesAPublishedEquilibrium() throws {
        let published: Set<[[Rational]]> = [
            [[1, 0, 0], [1, 0]],
            [[r(4, 5), r(1, 5), 0], [r(2, 3), r(1, 3)]],
            [[0, r(1, 3), r(2, 3)], [r(1, 3), r(2, 3)]],
        ]
        let report = try LemkeHowson().solve(stengel3x2)
        #expect(!report.equilibria.isEmpty)
        #expect(exactSet(report).isSubset(of: published))
        #expect(report.equilibria.allSatisfy { $0.exactRegret == 0 })
        #expect(report.isComplete == false)
        // Floating point reaches the same points (re-solved exactly from the final bases).
        let fp = try LemkeHowson(arithmetic: .floatingPoint).solve(stengel3x2)
        #expect(exactSet(fp) == exactSet(report))
    }

    /// A degenerate 3×4 game (payoffs in {0, 1, 2}; found by searching small random games for
    /// one where the naive rule cycles). With ties in the minimum-ratio test broken by the first
    /// row, the path for missing label 0 returns to a tableau state it has visited (the rule is
    /// deterministic, so it would loop forever); with the lexicographic rule every path ends at
    /// an equilibrium with exact regret 0, one of the game's extreme equilibria.
    @Test func lexicographicRuleEndsWhereNaiveTieBreakingCycles() throws {
        let game = try NormalFormGame.bimatrix([[1, 2, 0, 1], [2, 0, 0, 2], [2, 2, 2, 0]],
                                               [[1, 1, 0, 0], [1, 0, 2, 1], [1, 2, 2, 1]])
        let naive = try LemkeHowson(tieBreaking: .firstRow).path(game, missingLabel: 0, Rational.self)
        guard case .cycled = naive else {
            Issue.record("expected the naive rule to cycle, got \(naive)")
            return
        }
        let all = exactSet(try VertexEnumeration().solve(game))
        for k in 0..<7 {
            let end = try LemkeHowson().path(game, missingLabel: k, Rational.self)
            guard case .equilibrium(let x, let y, _, _, _) = end else {
                Issue.record("label \(k): \(end)")
                continue
            }
            #expect(game.regret([x, y]) == 0, "label \(k)")
            #expect(all.contains([x, y]), "label \(k)")
        }
        // Floating point with the lexicographic rule ends too.
        let fp = try LemkeHowson(arithmetic: .floatingPoint).solve(game)
        #expect(!fp.equilibria.isEmpty)
        #expect(fp.notes.isEmpty, "\(fp.notes)")
    }

    /// Every equilibrium LH finds on the peer suite (nondegenerate games) is in the reference
    /// set of pygambit enummixed / lrsnash.
    @Test func peerSuiteResultsAreReferenceEquilibria() throws {
        let refs = try PeerFixtures.references()
        for (name, ref) in refs.sorted(by: { $0.key < $1.key }) where ref.group != "degenerate" {
            let game = try PeerFixtures.game(name)
            let report = try LemkeHowson(arithmetic: .floatingPoint).solve(game)
            #expect(!report.equilibria.isEmpty, "\(name)")
            #expect(exactSet(report).isSubset(of: PeerFixtures.exactSet(ref)), "\(name)")
            #expect(report.arithmetic == .exact, "\(name): results re-solved exactly")
        }
    }

    /// The single-path variant on an unfiltered 50×50 random game (ties present): one
    /// equilibrium, re-solved exactly, exact regret 0.
    @Test func singlePathOnLargeGameIsExactlyVerified() throws {
        let game = try PeerFixtures.game("lh_050x050_0")
        let report = try LemkeHowson().solveOneFloatingPoint(game)
        #expect(report.equilibria.count == 1)
        #expect(report.equilibria.first?.exactRegret == 0)
        #expect(report.arithmetic == .exact)
        let one = try LemkeHowson().solveOneFloatingPoint(game, missingLabel: 0)
        #expect(one.equilibria.first?.exactRegret == 0)
    }

    @Test func coordinationGamesFromEveryLabelArePureOrMixedEquilibria() throws {
        for n in 2...4 {
            let report = try LemkeHowson().solve(coordination(n))
            #expect(!report.equilibria.isEmpty)
            #expect(report.equilibria.allSatisfy { $0.exactRegret == 0 })
        }
    }

    @Test func rejectsBadLabel() {
        #expect(throws: GameError.self) { try LemkeHowson().path(stengel3x2, missingLabel: 5, Rational.self) }
    }
}
