import Testing
@testable import GameTheory

@Suite struct ZeroSumGameTests {
    static func zeroSum(_ a: [[Int]]) throws -> NormalFormGame {
        try NormalFormGame.bimatrix(a, a.map { $0.map { -$0 } })
    }

    /// Rock–paper–scissors: value 0, both players (1/3, 1/3, 1/3) (the unique optimum).
    @Test func rockPaperScissors() throws {
        let g = try Self.zeroSum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
        let s = try solveZeroSum(g)
        #expect(s.exactValue == 0)
        #expect(s.value == 0)
        let e = try #require(s.report.equilibria.first)
        let third = Rational(1, 3)
        #expect(e.exactStrategies == [[third, third, third], [third, third, third]])
        #expect(e.exactRegret == 0)
        #expect(s.report.arithmetic == .exact)
    }

    /// A 2×2 game without a saddle point, A = [[2, −3], [−3, 4]]: by hand, equalising
    /// 2x − 3(1 − x) = −3x + 4(1 − x) gives x = 7/12, and the same for y; the value is
    /// 2·7/12 − 3·5/12 = −1/12.
    @Test func textbookTwoByTwo() throws {
        let g = try Self.zeroSum([[2, -3], [-3, 4]])
        let s = try solveZeroSum(g)
        #expect(s.exactValue == Rational(-1, 12))
        let e = try #require(s.report.equilibria.first)
        #expect(e.exactStrategies == [[Rational(7, 12), Rational(5, 12)], [Rational(7, 12), Rational(5, 12)]])
        #expect(e.exactPayoffs == [Rational(-1, 12), Rational(1, 12)])
        #expect(e.exactRegret == 0)
    }

    /// A 3×3 game with a dominated row and column: row 3 (−1, −1, 1) is strictly dominated
    /// by row 1 (3, 0, 4), column 3 is dominated for the minimiser by column 1; the reduced
    /// game [[3, 0], [0, 3]] has value 3/2 with (1/2, 1/2) for both, and these are optimal in
    /// the full game (row 3 earns −1 against (1/2, 1/2, 0); column 3 costs 4 against
    /// (1/2, 1/2, 0)).
    @Test func threeByThreeWithDominatedRow() throws {
        let g = try Self.zeroSum([[3, 0, 4], [0, 3, 4], [-1, -1, 1]])
        let s = try solveZeroSum(g)
        #expect(s.exactValue == Rational(3, 2))
        let e = try #require(s.report.equilibria.first)
        let half = Rational(1, 2)
        #expect(e.exactStrategies == [[half, half, 0], [half, half, 0]])
        #expect(e.exactRegret == 0)
    }

    @Test func floatingPointAgrees() throws {
        let g = try Self.zeroSum([[2, -3], [-3, 4]]).floatingPoint
        let s = try solveZeroSum(g)
        #expect(s.exactValue == nil)
        #expect(abs(s.value + 1.0 / 12) < 1e-12)
        #expect(s.report.equilibria[0].regret < 1e-12)
        #expect(s.report.arithmetic == .floatingPoint)
    }

    /// Constant-sum games are accepted (value for player 1); others are refused by name.
    @Test func constantSumAndRefusals() throws {
        let cs = try NormalFormGame.bimatrix([[3, 0], [0, 3]], [[2, 5], [5, 2]])
        #expect(try solveZeroSum(cs).exactValue == Rational(3, 2))
        let pd = try NormalFormGame.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        #expect(throws: SolutionConceptError.notConstantSum(profile: [2, 1], sum: "5", expected: "6")) { try solveZeroSum(pd) }
        let three = try NormalFormGame(players: ["a", "b", "c"], actions: [["x"], ["y"], ["z"]], exactPayoffs: [[0], [0], [0]])
        #expect(throws: SolutionConceptError.needsTwoPlayers(method: "zero-sum", players: 3)) { try solveZeroSum(three) }
    }
}
