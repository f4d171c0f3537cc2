import Testing
@testable import GameTheory
@testable import RepeatedGames

@Suite struct OuterApproximationTests {
    @Test func prisonersDilemmaOuterSetContainsSPESet() throws {
        let outer = try OuterApproximation(directionCount: 16, tolerance: 1e-6).solve(prisonersDilemma, delta: 0.75)
        #expect(outer.converged && !outer.isEmpty)
        let inner = try AbreuSannikov().solve(prisonersDilemma, delta: 0.75)
        for v in inner.vertices { #expect(outer.contains(v)) }
        // Not the feasible hull: (10, 1) and (1, 10) are cut away (they are not IR).
        #expect(!outer.contains(PayoffPoint(10, 1)) && !outer.contains(PayoffPoint(1, 10)))
        // Outer and inner differ by the coarseness of 16 directions: near (9.75, 3) the
        // outer polygon is cut by x ≤ 9.75 and the 22.5° line through (9, 9), which meet at
        // y = 3 + (9·cos 22.5° + 9·sin 22.5° − 9.75·cos 22.5° − 3·sin 22.5°)/sin 22.5° ≈ 7.19,
        // a point ≈ 0.5196 from the edge (9.75, 3)–(9, 9) (hand computation). The JYC fixed
        // point contains this circumscribed 16-gon, so its gap is at least that.
        let gap = hausdorffDistance(outer.vertices, inner.vertices)
        #expect(gap > 0.5196 - 1e-4 && gap < 1, "gap \(gap)")
    }

    @Test func matchingPenniesOuterSetIsEmpty() throws {
        let mp = try NormalFormGame.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        #expect(try OuterApproximation(directionCount: 8).solve(mp, delta: 0.5).isEmpty)
    }

    /// Seeded property: on random 2×2 and 3×3 integer games, the Abreu–Sannikov set lies in
    /// the JYC outer set, in the feasible set and in the pure individually rational set.
    @Test func abreuSannikovInsideOuterAndIRSets() throws {
        let seed: UInt64 = 3_141_592
        print("abreuSannikovInsideOuterAndIRSets seed \(seed)")
        var rng = SplitMix64(seed: seed)
        var nonEmpty = 0
        for trial in 0..<10 {
            let m = trial < 5 ? 2 : 3
            let a = (0..<m).map { _ in (0..<m).map { _ in Int.random(in: -4...4, using: &rng) } }
            let b = (0..<m).map { _ in (0..<m).map { _ in Int.random(in: -4...4, using: &rng) } }
            let delta = [0.3, 0.6, 0.8][trial % 3]
            let game = try NormalFormGame.bimatrix(a, b)
            let set = try AbreuSannikov(tolerance: 1e-10, exactCheck: false).solve(game, delta: delta)
            let outer = try OuterApproximation(directionCount: 8, tolerance: 1e-5).solve(game, delta: delta)
            let feasible = try game.feasiblePayoffSet(Double.self)
            let ir = try game.individuallyRationalSet(Double.self)
            if outer.isEmpty { #expect(set.isEmpty, "seed \(seed) trial \(trial): outer empty, inner not") }
            if !set.isEmpty { nonEmpty += 1 }
            for v in set.vertices {
                #expect(outer.contains(v, tolerance: 1e-6), "seed \(seed) trial \(trial) A=\(a) B=\(b) δ=\(delta): \(v) outside JYC")
                #expect(contains(feasible, v, tolerance: 1e-7), "seed \(seed) trial \(trial): \(v) not feasible")
                #expect(contains(ir, v, tolerance: 1e-7), "seed \(seed) trial \(trial): \(v) not individually rational")
            }
        }
        #expect(nonEmpty > 0)
    }
}
