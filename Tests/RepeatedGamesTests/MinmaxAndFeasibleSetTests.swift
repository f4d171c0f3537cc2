import Testing
@testable import GameTheory
@testable import RepeatedGames

@Suite struct MinmaxTests {
    typealias Q = Rational
    let pennies = try! NormalFormGame.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])

    /// Matching pennies: the mixed minmax is the value 0 with the punisher mixing 1/2–1/2; in
    /// pure strategies the punished player always matches or mismatches, so it is 1.
    @Test func matchingPennies() throws {
        let mixed = try pennies.mixedMinmax(Q.self)
        #expect(mixed.map(\.value) == [0, 0])
        #expect(mixed[0].punishment[1] == [Q(1, 2), Q(1, 2)])
        #expect(mixed[1].punishment[0] == [Q(1, 2), Q(1, 2)])
        #expect(pennies.pureMinmax(Q.self).map(\.value) == [1, 1])
        let fp = try pennies.mixedMinmax(Double.self)
        #expect(abs(fp[0].value) < 1e-12 && abs(fp[1].punishment[0][0] - 0.5) < 1e-12)
    }

    /// Prisoner's dilemma: defection is dominant, so both minmax values are P = 3, punished by D.
    @Test func prisonersDilemmaMinmaxIsDefection() throws {
        #expect(try prisonersDilemma.mixedMinmax(Q.self).map(\.value) == [3, 3])
        let pure = prisonersDilemma.pureMinmax(Q.self)
        #expect(pure.map(\.value) == [3, 3])
        #expect(pure[0].punishment == [[0, 1], [0, 1]])
    }

    /// A 2×3 game where mixing punishes harder than any pure action (hand-solved):
    /// row payoffs A = [[3, 0, 2], [0, 3, 2]]: pure minmax min(3, 3, 2) = 2; mixing the first
    /// two columns 1/2–1/2 holds the row player to 3/2.
    @Test func mixingPunishesHarder() throws {
        let g = try NormalFormGame.bimatrix([[3, 0, 2], [0, 3, 2]], [[0, 0, 0], [0, 0, 0]])
        let mm = try g.mixedMinmax(Q.self)
        #expect(mm[0].value == Q(3, 2))
        #expect(mm[0].punishment[1] == [Q(1, 2), Q(1, 2), 0])
        #expect(g.pureMinmax(Q.self)[0].value == 2)
    }

    @Test func mixedMinmaxNeedsTwoPlayers() throws {
        let g = try NormalFormGame(players: ["a", "b", "c"], actions: [["x"], ["y"], ["z"]], exactPayoffs: [[1], [1], [1]])
        #expect(throws: RepeatedGameError.needsTwoPlayers(method: "mixed minmax", players: 3)) { try g.mixedMinmax(Double.self) }
        #expect(g.pureMinmax(Double.self).map(\.value) == [1, 1, 1])
    }
}

@Suite struct FeasibleSetTests {
    typealias Q = Rational

    /// The prisoner's dilemma's payoffs (9,9), (1,10), (10,1), (3,3) are all extreme; the
    /// individually rational part (u ≥ 3) cuts the edges from (10,1) and (1,10) to (9,9) at
    /// u = 3, i.e. at 10 − (3 − 1)/8 = 39/4 (hand computation).
    @Test func prisonersDilemmaHullAndIRSet() throws {
        let f = try prisonersDilemma.feasiblePayoffSet(Q.self)
        #expect(f == [PayoffPoint(1, 10), PayoffPoint(3, 3), PayoffPoint(10, 1), PayoffPoint(9, 9)])
        let ir = try prisonersDilemma.individuallyRationalSet(Q.self)
        #expect(ir == [PayoffPoint(3, 3), PayoffPoint(Q(39, 4), 3), PayoffPoint(9, 9), PayoffPoint(3, Q(39, 4))])
    }

    @Test func degenerateHulls() {
        #expect(convexHull([PayoffPoint<Q>]()).isEmpty)
        #expect(convexHull([PayoffPoint<Q>(1, 1), PayoffPoint(1, 1)]) == [PayoffPoint(1, 1)])
        #expect(convexHull([PayoffPoint<Q>(0, 0), PayoffPoint(2, 2), PayoffPoint(1, 1)]) == [PayoffPoint(0, 0), PayoffPoint(2, 2)])
    }

    /// Matching pennies: u₁ + u₂ = 0 on the feasible segment, pure minmax 1 each: no
    /// individually rational payoff.
    @Test func emptyIRSet() throws {
        let mp = try NormalFormGame.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        #expect(try mp.individuallyRationalSet(Q.self).isEmpty)
    }
}
