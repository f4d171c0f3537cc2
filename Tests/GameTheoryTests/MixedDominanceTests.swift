import Testing
@testable import GameTheory

@Suite struct MixedDominanceTests {
    /// Rows (3, 0), (0, 3), (1, 1): no pure strategy dominates the third row, but ½–½ of the
    /// first two earns (3/2, 3/2) > (1, 1). The column player's payoffs B = [[1, 0], [1, 0],
    /// [0, 5]] make column 2 worth keeping only against row 3; once row 3 is gone column 1
    /// dominates column 2, and then row 1 (3) dominates row 2 (0).
    @Test func dominatedOnlyByAMixture() throws {
        let g = try NormalFormGame.bimatrix([[3, 0], [0, 3], [1, 1]], [[1, 0], [1, 0], [0, 5]])
        let pure = IteratedDominance(kind: .strict).solve(g)
        #expect(pure.survivors == [[0, 1, 2], [0, 1]])
        let mixed = IteratedDominance(kind: .strict, dominators: .mixedStrategies).solve(g)
        #expect(mixed.survivors == [[0], [0]])
        #expect(mixed.eliminations.map { [$0.round, $0.player, $0.action] } == [[1, 0, 2], [2, 1, 1], [3, 0, 1]])
        #expect(mixed.eliminations[0].dominator == [0.5, 0.5, 0])
        #expect(mixed.eliminations[1].dominator == [1, 0])
        #expect(mixed.arithmetic == .exact)
    }

    /// Rows (2, 0, 1), (0, 2, 1), (1, 1, 0): ½–½ gives (1, 1, 1), equal in two columns and
    /// better in the third, so row 3 is weakly but not strictly dominated (strictness would
    /// need 2σ₁ > 1 and 2σ₂ > 1).
    @Test func weakButNotStrict() throws {
        let zero = [[Int]](repeating: [0, 0, 0], count: 3)
        let g = try NormalFormGame.bimatrix([[2, 0, 1], [0, 2, 1], [1, 1, 0]], zero)
        #expect(IteratedDominance(kind: .strict, dominators: .mixedStrategies).solve(g).survivors == [[0, 1, 2], [0, 1, 2]])
        let weak = IteratedDominance(kind: .weak, dominators: .mixedStrategies).solve(g)
        #expect(weak.survivors == [[0, 1], [0, 1, 2]])
        #expect(weak.eliminations == [.init(round: 1, player: 0, action: 2, dominator: [0.5, 0.5, 0])])
    }

    /// An exact tie with a mixture (row 3 = ½ row 1 + ½ row 2) is not dominated at all.
    @Test func exactTieIsNotDominated() throws {
        let zero = [[Int]](repeating: [0, 0], count: 3)
        let g = try NormalFormGame.bimatrix([[2, 0], [0, 2], [1, 1]], zero)
        #expect(IteratedDominance(kind: .weak, dominators: .mixedStrategies).solve(g).survivors == [[0, 1, 2], [0, 1]])
    }

    @Test func floatingPointMatches() throws {
        let g = try NormalFormGame.bimatrix([[3, 0], [0, 3], [1, 1]], [[1, 0], [1, 0], [0, 5]]).floatingPoint
        let r = IteratedDominance(kind: .strict, dominators: .mixedStrategies).solve(g)
        #expect(r.arithmetic == .floatingPoint)
        #expect(r.survivors == [[0], [0]])
    }
}
