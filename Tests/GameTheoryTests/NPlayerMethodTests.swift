import Foundation
import Testing
@testable import GameTheory

@Suite struct NPlayerMethodTests {
    @Test(arguments: NPlayerMethod.allCases)
    func mckelveyMcLennanThroughFacade(method: NPlayerMethod) throws {
        let g = try NPlayerFixtures.load("mckelvey_mclennan_2x2x2")
        let r = try solveNPlayer(g, method: method)
        print("\(method.rawValue): \(r.equilibria.count) equilibria; notes \(r.notes)")
        #expect(r.method == method.rawValue)
        // the four pure equilibria are always there
        #expect(r.equilibria.filter(\.isPure).count == 4)
        for e in r.equilibria {
            #expect(e.regret <= 1e-9)
            #expect(NPlayerFixtures.isAmong(e.strategies, NPlayerFixtures.mckelveyMcLennanEquilibria))
        }
    }

    /// Property: on random games every reported equilibrium has regret ≤ tolerance, and the
    /// logit, global Newton and simplicial subdivision methods report at least one equilibrium
    /// (generic games).
    @Test func randomGamesEveryReportedEquilibriumVerified() throws {
        let seed: UInt64 = 20261130
        print("NPlayerMethodTests.randomGames seed = \(seed)")
        var rng = SplitMix64(seed: seed)
        for (i, shape) in [[2, 2, 2], [2, 3, 2], [3, 3, 2], [2, 2, 2, 2], [3, 2], [4, 4]].enumerated() {
            for rep in 0..<8 {
                let count = shape.reduce(1, *)
                let flat = (0..<count).map { _ in (0..<shape.count).map { _ in Int(rng.next() % 21) - 10 } }
                let g = try NPlayerFixtures.game(shape: shape, flat: flat)
                for method in [NPlayerMethod.logit, .globalNewton, .simplicialSubdivision] {
                    let r = try solveNPlayer(g, method: method, includePureEquilibria: false)
                    #expect(!r.equilibria.isEmpty, "seed \(seed) game \(i).\(rep) \(shape) \(method): \(r.notes)")
                    for e in r.equilibria {
                        #expect(e.regret <= 1e-9, "seed \(seed) game \(i).\(rep) \(method): regret \(e.regret)")
                        #expect(g.isValidProfile(e.strategies))
                    }
                }
            }
        }
    }

    @Test func invalidToleranceThrows() throws {
        let g = try NPlayerFixtures.load("nau2004_irrational")
        #expect(throws: NPlayerSolverError.self) { try solveNPlayer(g, method: .logit, tolerance: 0) }
    }
}
