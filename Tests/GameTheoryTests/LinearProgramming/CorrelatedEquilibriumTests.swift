import Testing
@testable import GameTheory

/// Chicken as in Aumann (1974, J. Math. Econ. 1:67–96, doi:10.1016/0304-4068(74)90037-8),
/// with payoffs (D,D) = (0,0), (D,C) = (7,2), (C,D) = (2,7), (C,C) = (6,6); actions [D, C].
/// Flat indices (player 1 fastest): 0 = (D,D), 1 = (C,D), 2 = (D,C), 3 = (C,C).
///
/// Hand derivation. With x = (a, b, c, d) on ((D,D), (D,C), (C,D), (C,C)) the CE constraints
/// are b ≥ 2a, 2c ≥ d (player 1 told D, told C) and c ≥ 2a, 2b ≥ d (player 2). Welfare
/// 0a + 9b + 9c + 12d is maximised at a = 0, b = c = 1/4, d = 1/2 (welfare 21/2). The polytope
/// has five vertices: the two pure equilibria, (0, 1/4, 1/4, 1/2), (1/5, 2/5, 2/5, 0) and the
/// mixed equilibrium's product (1/9, 2/9, 2/9, 4/9) (each from three tight constraints among
/// the four above, a ≥ 0 and d ≥ 0). The Nash equilibria's welfares are 9, 9 and 28/3 (the
/// mixed one: each player dares with probability 1/3 and gets 14/3).
@Suite struct CorrelatedEquilibriumTests {
    static func chicken() throws -> NormalFormGame {
        try NormalFormGame.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]], title: "Chicken",
                                    actions: [["D", "C"], ["D", "C"]])
    }

    static func r(_ n: Int, _ d: Int = 1) -> Rational { Rational(n, d) }

    @Test func aumannChickenWelfareOptimum() throws {
        let g = try Self.chicken()
        let res = try CorrelatedEquilibriumSolver().solve(g)
        #expect(res.arithmetic == .exact)
        #expect(res.optimum.exactProbabilities == [0, Self.r(1, 4), Self.r(1, 4), Self.r(1, 2)])
        #expect(res.exactObjectiveValue == Self.r(21, 2))
        #expect(res.optimum.exactWelfare == Self.r(21, 2))
        #expect(res.optimum.exactPayoffs == [Self.r(21, 4), Self.r(21, 4)])
        #expect(res.optimum.exactRegret == 0)
        #expect(res.optimum.isVerified)
        #expect(res.optimum.support == [1, 2, 3])
    }

    @Test func correlationBeatsEveryNashEquilibrium() throws {
        let g = try Self.chicken()
        let ce = try CorrelatedEquilibriumSolver().solve(g).optimum
        let nash = try solveEquilibria(g)
        #expect(nash.equilibria.count == 3)
        let welfares = nash.equilibria.map { $0.exactPayoffs!.reduce(0, +) }.sorted()
        #expect(welfares == [9, 9, Self.r(28, 3)])
        #expect(welfares.allSatisfy { $0 < ce.exactWelfare! })
    }

    @Test func chickenVertices() throws {
        let g = try Self.chicken()
        let res = try CorrelatedEquilibriumSolver(vertices: true).solve(g)
        let vertices = try #require(res.vertices)
        let expected: Set<[Rational]> = [
            [0, 0, 1, 0], [0, 1, 0, 0], [0, Self.r(1, 4), Self.r(1, 4), Self.r(1, 2)],
            [Self.r(1, 5), Self.r(2, 5), Self.r(2, 5), 0], [Self.r(1, 9), Self.r(2, 9), Self.r(2, 9), Self.r(4, 9)],
        ]
        #expect(Set(vertices.map { $0.exactProbabilities! }) == expected)
        #expect(vertices.count == 5)
        #expect(vertices.allSatisfy { $0.isVerified && $0.exactRegret == 0 })
    }

    /// Other linear objectives: player 1's payoff is at most 7, reached only at (D, C).
    @Test func playerObjectiveAndWeights() throws {
        let g = try Self.chicken()
        let p1 = try CorrelatedEquilibriumSolver(objective: .player(0)).solve(g)
        #expect(p1.exactObjectiveValue == 7)
        #expect(p1.optimum.exactProbabilities == [0, 0, 1, 0])
        let w = try CorrelatedEquilibriumSolver(objective: .weights([1, 0])).solve(g)
        #expect(w.exactObjectiveValue == 7)
        // Minimising welfare = maximising −welfare: the worst CE is (1/5, 2/5, 2/5, 0), welfare 36/5.
        let worst = try CorrelatedEquilibriumSolver(objective: .weights([-1, -1])).solve(g)
        #expect(worst.exactObjectiveValue == Self.r(-36, 5))
        // A vector over profiles: the probability of (D, D) is at most 1/5.
        let dd = try CorrelatedEquilibriumSolver(objective: .profileCoefficients([1, 0, 0, 0])).solve(g)
        #expect(dd.exactObjectiveValue == Self.r(1, 5))
        #expect(throws: SolutionConceptError.self) { try CorrelatedEquilibriumSolver(objective: .player(2)).solve(g) }
        #expect(throws: SolutionConceptError.self) { try CorrelatedEquilibriumSolver(objective: .weights([1])).solve(g) }
    }

    /// The verification is computed from the game and can fail: all mass on (D, D) gives
    /// player 1, told D, a gain of 2 from swerving.
    @Test func verificationDetectsViolations() throws {
        let g = try Self.chicken()
        let bad = CorrelatedEquilibrium(game: g, kind: .correlated, exact: [1, 0, 0, 0])
        #expect(bad.exactRegret == 2)
        #expect(!bad.isVerified)
        let notDistribution = CorrelatedEquilibrium(game: g, kind: .correlated, exact: [0, 1, 1, 0])
        #expect(!notDistribution.isVerified)
    }

    /// CCE ⊇ CE: every CE vertex passes the coarse constraints, and the best CCE welfare is at
    /// least the best CE welfare.
    @Test func coarseContainsCorrelated() throws {
        let g = try Self.chicken()
        let ce = try CorrelatedEquilibriumSolver(vertices: true).solve(g)
        for v in ce.vertices! {
            #expect(CorrelatedEquilibrium(game: g, kind: .coarseCorrelated, exact: v.exactProbabilities!).isVerified)
        }
        let cce = try CorrelatedEquilibriumSolver(kind: .coarseCorrelated).solve(g)
        #expect(cce.optimum.isVerified)
        #expect(cce.exactObjectiveValue! >= ce.exactObjectiveValue!)
        // Matching pennies' only CCE-relevant bound: player 1's CCE payoff is its value 0.
        let mp = try NormalFormGame.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        #expect(try CorrelatedEquilibriumSolver(kind: .coarseCorrelated, objective: .player(0)).solve(mp).exactObjectiveValue == 0)
    }

    /// Three players: Chicken between players 1 and 2, and a player 3 whose first action pays
    /// 1 and second 0 whatever happens. Player 3's constraint forces all mass onto its first
    /// action, so the CE polytope is Chicken's (five vertices) and the welfare optimum is
    /// Aumann's distribution with welfare 21/2 + 1 = 23/2.
    @Test func threePlayers() throws {
        let chicken: [[Int]] = [[0, 0], [2, 7], [7, 2], [6, 6]]   // flat (a0, a1): payoffs of players 1, 2
        var flat = [[Int]]()
        for k in 0..<8 { flat.append(chicken[k % 4] + [k < 4 ? 1 : 0]) }
        let g = try NPlayerFixtures.game(shape: [2, 2, 2], flat: flat)
        let res = try CorrelatedEquilibriumSolver(vertices: true).solve(g)
        #expect(res.optimum.exactProbabilities == [0, Self.r(1, 4), Self.r(1, 4), Self.r(1, 2), 0, 0, 0, 0])
        #expect(res.exactObjectiveValue == Self.r(23, 2))
        #expect(res.vertices?.count == 5)
        #expect(res.vertices!.allSatisfy { $0.isVerified })
        let cce = try CorrelatedEquilibriumSolver(kind: .coarseCorrelated).solve(g)
        #expect(cce.exactObjectiveValue! >= Self.r(23, 2))
    }

    @Test func floatingPoint() throws {
        let g = try Self.chicken().floatingPoint
        let res = try CorrelatedEquilibriumSolver(vertices: true).solve(g)
        #expect(res.arithmetic == .floatingPoint)
        #expect(abs(res.objectiveValue - 10.5) < 1e-9)
        #expect(res.optimum.isVerified)
        #expect(res.vertices?.count == 5)
    }

    /// The route for larger exact games (floating-point simplex, then the vertex solved and
    /// verified exactly) gives the same exact optimum.
    @Test func floatingPointBasisThenExactVertex() throws {
        let g = try Self.chicken()
        let res = try CorrelatedEquilibriumSolver(exactSimplexProfileLimit: 0).solve(g)
        #expect(res.optimum.exactProbabilities == [0, Self.r(1, 4), Self.r(1, 4), Self.r(1, 2)])
        #expect(res.exactObjectiveValue == Self.r(21, 2))
        #expect(res.optimum.isVerified)
        #expect(res.notes.contains { $0.contains("optimal basis found in floating point") })
        let worst = try CorrelatedEquilibriumSolver(objective: .weights([-1, -1]), exactSimplexProfileLimit: 0).solve(g)
        #expect(worst.exactObjectiveValue == Self.r(-36, 5))
    }

    @Test func vertexLimitIsReported() throws {
        let g = try Self.chicken()
        #expect(throws: SolutionConceptError.vertexLimit(bases: 2, profiles: 4)) {
            try CorrelatedEquilibriumSolver(vertices: true, maximumBases: 2).solve(g)
        }
    }
}
