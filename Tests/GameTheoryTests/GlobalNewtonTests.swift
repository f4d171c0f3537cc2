import Foundation
import Testing
@testable import GameTheory

@Suite struct GlobalNewtonTests {
    @Test(arguments: [UInt64(0), 1, 2, 3, 4])
    func mckelveyMcLennanEquilibriaAreAmongTheNine(seed: UInt64) throws {
        // The full count of nine (Gambit contrib/games/2x2x2.nfg) is for an all-equilibria
        // method (polynomial systems); global Newton finds an odd number on one ray.
        let g = try NPlayerFixtures.load("mckelvey_mclennan_2x2x2")
        let r = try GlobalNewton(seed: seed).solve(g)
        print("gnm seed \(seed): \(r.report.equilibria.count) equilibria, steps \(r.steps), crossings \(r.crossings), cells \(r.cellChanges), notes \(r.report.notes)")
        #expect(!r.report.equilibria.isEmpty)
        #expect(r.report.equilibria.count % 2 == 1 || !r.report.notes.isEmpty)
        for e in r.report.equilibria {
            #expect(e.regret <= 1e-9)
            #expect(NPlayerFixtures.isAmong(e.strategies, NPlayerFixtures.mckelveyMcLennanEquilibria))
        }
    }

    @Test func nauIrrationalEquilibrium() throws {
        let g = try NPlayerFixtures.load("nau2004_irrational")
        let r3 = (601.0.squareRoot() - 23) / 4
        let p = (3 - 2 * r3) / (4 - r3), q = (2 - r3) / (3 + r3)
        let result = try GlobalNewton().solve(g)
        #expect(result.report.equilibria.count == 1)
        let e = try #require(result.report.equilibria.first)
        #expect(e.regret <= 1e-9)
        #expect(abs(e.strategies[0][0] - p) < 1e-9 && abs(e.strategies[1][0] - q) < 1e-9 && abs(e.strategies[2][0] - r3) < 1e-9)
    }

    @Test(arguments: [2, 3, 4])
    func antiCoordinationEquilibriaVerified(players n: Int) throws {
        let g = try NPlayerFixtures.antiCoordination(players: n, v: 3)
        let r = try GlobalNewton().solve(g)
        #expect(!r.report.equilibria.isEmpty)
        for e in r.report.equilibria { #expect(e.regret <= 1e-9) }
    }

    @Test func rejectsRayWithoutUniqueMaximum() throws {
        let g = try NPlayerFixtures.load("nau2004_irrational")
        #expect(throws: NPlayerSolverError.self) { try GlobalNewton(ray: [1, 1, 0, 1, 0, 1]).solve(g) }
    }
}
