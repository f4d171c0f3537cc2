import Testing
@testable import GameTheory

@Suite struct IteratedDominanceTests {
    /// Gibbons (1992), Game Theory for Applied Economists, Figure 1.1.1: rows Up/Down, columns
    /// Left/Middle/Right. Right is strictly dominated by Middle, then Down by Up, then Left by
    /// Middle, leaving (Up, Middle).
    @Test func gibbonsFigure111EliminationOrder() throws {
        let g = try NormalFormGame.bimatrix([[1, 1, 0], [0, 0, 2]], [[0, 2, 1], [3, 1, 0]])
        let r = IteratedDominance(kind: .strict).solve(g)
        #expect(r.survivors == [[0], [1]])
        #expect(r.rounds == 3)
        #expect(r.arithmetic == .exact)
        #expect(r.eliminations.map { [$0.round, $0.player, $0.action] } == [[1, 1, 2], [2, 0, 1], [3, 1, 0]])
        #expect(r.eliminations[0].dominator == [0, 1, 0])
    }

    @Test func weakDominanceRemovesWhatStrictKeeps() throws {
        // Row: Top pays (1, 1), Bottom (1, 0): Top weakly, not strictly, dominates Bottom.
        let g = try NormalFormGame.bimatrix([[1, 1], [1, 0]], [[1, 1], [1, 1]])
        #expect(IteratedDominance(kind: .strict).solve(g).survivors == [[0, 1], [0, 1]])
        let weak = IteratedDominance(kind: .weak).solve(g)
        #expect(weak.survivors == [[0], [0, 1]])
        #expect(weak.eliminations == [.init(round: 1, player: 0, action: 1, dominator: [1, 0])])
    }

    @Test func duplicatedActionsBothSurviveWeakDominance() throws {
        let g = try NormalFormGame.bimatrix([[2, 0], [2, 0]], [[1, 0], [0, 1]])
        #expect(IteratedDominance(kind: .weak).solve(g).survivors == [[0, 1], [0, 1]])
    }

    @Test func threePlayersFloatingPoint() throws {
        // Player 3's first action pays 1 and the second 0 whatever the others do; given that,
        // player 1 (payoff = 1 if it matches player 3's action index 0) keeps only action 0.
        var flat = [[Int]]()
        for k in 0..<8 {
            let a0 = k & 1, a2 = (k >> 2) & 1
            flat.append([a0 == a2 ? 1 : 0, 0, a2 == 0 ? 1 : 0])
        }
        let g = try NPlayerFixtures.game(shape: [2, 2, 2], flat: flat).floatingPoint
        let r = IteratedDominance(kind: .strict).solve(g)
        #expect(r.arithmetic == .floatingPoint)
        #expect(r.survivors == [[0], [0, 1], [0]])
        #expect(r.eliminations.map { [$0.round, $0.player, $0.action] } == [[1, 2, 1], [2, 0, 1]])
    }
}
