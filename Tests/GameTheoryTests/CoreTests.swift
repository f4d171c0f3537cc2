import Testing
@testable import GameTheory

@Suite struct RationalTests {
    @Test func parsesIntegersFractionsDecimals() {
        #expect(Rational(parsing: "-7/21") == Rational(-1, 3))
        #expect(Rational(parsing: "0.125") == Rational(1, 8))
        #expect(Rational(parsing: "-2.5E2") == Rational(-250))
        #expect(Rational(parsing: "1e-3") == Rational(1, 1000))
        #expect(Rational(parsing: ".5") == Rational(1, 2))
        for bad in ["", "abc", "1/0", "nan", "inf", "1.2.3", "--1", "1e", "."] {
            #expect(Rational(parsing: bad) == nil, "\(bad) should not parse")
        }
    }

    @Test func exactDoubleConversion() {
        #expect(Rational(exactly: 0.1)!.doubleValue == 0.1)
        #expect(Rational(exactly: -0.75) == Rational(-3, 4))
        #expect(Rational(exactly: .nan) == nil)
        #expect(Rational(1, 3).doubleValue == 1.0 / 3.0)
    }
}

@Suite struct NormalFormGameTests {
    // Prisoner's dilemma: C/D with T=10, R=9, P=3, S=1.
    let pd = try! NormalFormGame.bimatrix([[9, 1], [10, 3]], [[9, 10], [1, 3]])

    @Test func pureEquilibriumOfPrisonersDilemmaIsDefection() {
        let report = PureEquilibria().solve(pd)
        #expect(report.equilibria.count == 1)
        #expect(report.equilibria[0].exactStrategies == [[0, 1], [0, 1]])
        #expect(report.equilibria[0].exactPayoffs == [3, 3])
        #expect(report.equilibria[0].exactRegret == 0)
    }

    @Test func regretOfMatchingPenniesMix() {
        let mp = try! NormalFormGame.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        let half = Rational(1, 2)
        #expect(mp.regret([[half, half], [half, half]]) == 0)
        // Row plays Heads for sure: column's best deviation gains 1 over the mix's 0.
        #expect(mp.regret([[1, 0], [half, half]]) == 1)
        #expect(PureEquilibria().solve(mp).equilibria.isEmpty)
    }

    @Test func threePlayerProfilesIndexPlayerZeroFastest() throws {
        let g = try NormalFormGame(players: ["a", "b", "c"], actions: [["x", "y"], ["x", "y"], ["x", "y"]],
                                   payoffs: (0..<3).map { _ in (0..<8).map(Double.init) })
        #expect(g.profileIndex([1, 0, 0]) == 1)
        #expect(g.profileIndex([0, 1, 0]) == 2)
        #expect(g.profile(at: 6) == [0, 1, 1])
    }

    @Test func rejectsBadShapes() {
        #expect(throws: GameError.noPlayers) { try NormalFormGame(players: [], actions: [], payoffs: []) }
        #expect(throws: GameError.noActions(player: "2")) {
            try NormalFormGame(players: ["1", "2"], actions: [["a"], []], payoffs: [[], []])
        }
        #expect(throws: GameError.self) {
            try NormalFormGame(players: ["1"], actions: [["a"]], payoffs: [[.nan]])
        }
    }
}
