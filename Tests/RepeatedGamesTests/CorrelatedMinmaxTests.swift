import Testing
import GameTheory
@testable import RepeatedGames

@Suite struct CorrelatedMinmaxTests {
    /// Two players: the correlated minmax is the mixed minmax. Matching pennies: 0 for both,
    /// punishment (1/2, 1/2); a game with a pure saddle: A = [[3, 1], [4, 2]] → player 1's
    /// value 2 (column 2, best response row 2).
    @Test func twoPlayersEqualsMixedMinmax() throws {
        let mp = try NormalFormGame.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        let c = try mp.correlatedMinmax(Rational.self)
        #expect(c.map(\.value) == [0, 0])
        #expect(c[0].punishment == [Rational(1, 2), Rational(1, 2)])
        let m = try mp.mixedMinmax(Rational.self)
        #expect(c.map(\.value) == m.map(\.value))
        let g = try NormalFormGame.bimatrix([[3, 1], [4, 2]], [[0, 0], [0, 0]])
        let v = try g.correlatedMinmax(Rational.self)
        #expect(v[0].value == 2)
        #expect(v[0].punishment == [0, 1])
        #expect(v[0].bestResponse == 1)
    }

    /// Three players, L/R each: player 1 gets 1 unless both others match its choice.
    /// Correlated punishment ½(L, L) + ½(R, R) holds it to 1/2 (u₁(L) + u₁(R) = 2 − z(LL) −
    /// z(RR) ≥ 1 for any z, so no lower); independent mixing only to 3/4 (p = q = 1/2), and
    /// pure punishment not below 1. The others' payoffs are zero.
    @Test func threePlayersCorrelationHelpsThePunishers() throws {
        var flat = [[Int]]()
        for k in 0..<8 {
            let a1 = k & 1, a2 = (k >> 1) & 1, a3 = (k >> 2) & 1
            flat.append([(a2 == a1 && a3 == a1) ? 0 : 1, 0, 0])
        }
        let g = try NormalFormGame(players: ["1", "2", "3"], actions: [["L", "R"], ["L", "R"], ["L", "R"]],
                                   exactPayoffs: (0..<3).map { p in flat.map { Rational($0[p]) } })
        let c = try g.correlatedMinmax(Rational.self)
        #expect(c[0].value == Rational(1, 2))
        #expect(c[0].punishment == [Rational(1, 2), 0, 0, Rational(1, 2)])
        #expect(c[1].value == 0 && c[2].value == 0)
        #expect(g.pureMinmax(Rational.self)[0].value == 1)
        let d = try g.correlatedMinmax(Double.self)
        #expect(abs(d[0].value - 0.5) < 1e-12)
    }
}
