import Foundation
import Testing
@testable import GameTheory

@Suite struct PolynomialEnumerationTests {
    @Test func mckelveyMcLennanHasExactlyNineEquilibria() throws {
        // Gambit contrib/games/2x2x2.nfg: "9 Nash equilibria, 2 totally mixed".
        let g = try NPlayerFixtures.load("mckelvey_mclennan_2x2x2")
        let r = try PolynomialEnumeration().solve(g)
        print("enumpoly 2x2x2: \(r.report.equilibria.count) eq., \(r.systemsSolved) systems, \(r.paths) paths, notes \(r.report.notes)")
        #expect(r.report.equilibria.count == 9)
        #expect(r.report.isComplete)
        #expect(r.failedPaths == 0 && r.singularEndpoints == 0)
        for e in r.report.equilibria {
            #expect(e.regret <= 1e-9)
            // each is recovered exactly and verified with exact regret 0
            let exact = try #require(e.exactStrategies)
            #expect(e.exactRegret == 0)
            #expect(NPlayerFixtures.mckelveyMcLennanEquilibria.contains(exact), "\(exact)")
        }
        for expected in NPlayerFixtures.mckelveyMcLennanEquilibria {
            #expect(r.report.equilibria.contains { $0.exactStrategies == expected }, "missing \(expected)")
        }
        #expect(r.report.equilibria.filter { e in e.supports.allSatisfy { $0.count == 2 } }.count == 2)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func nineForOtherGammaSeeds(seed: UInt64) throws {
        let g = try NPlayerFixtures.load("mckelvey_mclennan_2x2x2")
        let r = try PolynomialEnumeration(seed: seed).solve(g)
        #expect(r.report.equilibria.count == 9, "seed \(seed)")
    }

    @Test func nauUniqueIrrationalEquilibrium() throws {
        // Nau, Gomez Canovas & Hansen (2004), §4: r = (√601 − 23)/4, p = (3 − 2r)/(4 − r), q = (2 − r)/(3 + r).
        let g = try NPlayerFixtures.load("nau2004_irrational")
        let r = try PolynomialEnumeration().solve(g)
        print("enumpoly Nau: \(r.paths) paths, notes \(r.report.notes)")
        #expect(r.report.equilibria.count == 1)
        #expect(r.report.isComplete)
        let e = try #require(r.report.equilibria.first)
        let r3 = (601.0.squareRoot() - 23) / 4
        let p = (3 - 2 * r3) / (4 - r3), q = (2 - r3) / (3 + r3)
        #expect(e.regret <= 1e-12)
        #expect(abs(e.strategies[0][0] - p) < 1e-12 && abs(e.strategies[1][0] - q) < 1e-12 && abs(e.strategies[2][0] - r3) < 1e-12)
        #expect(e.exactStrategies == nil)   // irrational: no fraction passes the exact check
    }

    @Test func unanimityHasThreeEquilibria() throws {
        var flat = [[Int]]()
        for k in 0..<8 { let same = k == 0 || k == 7; flat.append([Int](repeating: same ? 1 : 0, count: 3)) }
        let g = try NPlayerFixtures.game(shape: [2, 2, 2], flat: flat)
        let r = try PolynomialEnumeration().solve(g)
        print("enumpoly unanimity: notes \(r.report.notes)")
        let h = Rational(1, 2)
        let expected: [[[Rational]]] = [[[1, 0], [1, 0], [1, 0]], [[0, 1], [0, 1], [0, 1]], [[h, h], [h, h], [h, h]]]
        #expect(r.report.equilibria.count == 3)
        for x in expected { #expect(r.report.equilibria.contains { $0.exactStrategies == x }, "missing \(x)") }
    }

    @Test func twoPlayerGamesAgreeWithVertexEnumeration() throws {
        let seed: UInt64 = 20261130
        print("PolynomialEnumerationTests.twoPlayer seed = \(seed)")
        var rng = SplitMix64(seed: seed)
        var compared = 0
        for shape in [[2, 2], [3, 3], [3, 4], [4, 4], [5, 3]] {
            for _ in 0..<6 {
                let count = shape.reduce(1, *)
                // payoffs drawn from a wide range: ties (degeneracy) have negligible chance
                let flat = (0..<count).map { _ in (0..<2).map { _ in Int(rng.next() % 2001) - 1000 } }
                let g = try NPlayerFixtures.game(shape: shape, flat: flat)
                let reference = try solveEquilibria(g, method: .vertexEnumeration)
                guard reference.isDegenerate != true else { continue }
                let r = try PolynomialEnumeration().solve(g)
                #expect(r.report.equilibria.count == reference.equilibria.count, "shape \(shape) \(flat)")
                for e in reference.equilibria {
                    // exact fractions with large denominators are compared in floating point
                    let x = try #require(e.exactStrategies)
                    #expect(NPlayerFixtures.isAmong(e.strategies, [x], tolerance: 1e-9) &&
                            r.report.equilibria.contains { NPlayerFixtures.isAmong($0.strategies, [x], tolerance: 1e-9) },
                            "missing \(x) in \(flat)")
                }
                compared += 1
            }
        }
        #expect(compared >= 20)
    }

    /// Property: on random 3-player games (generic: an odd number of equilibria, Wilson 1971)
    /// every equilibrium that global Newton reaches from three rays is among enumpoly's, and
    /// enumpoly's count is odd.
    @Test func randomThreePlayerGamesContainGlobalNewtonEquilibria() throws {
        let seed: UInt64 = 77
        print("PolynomialEnumerationTests.threePlayer seed = \(seed)")
        var rng = SplitMix64(seed: seed)
        var checked = 0, mixed = 0
        for shape in [[2, 2, 2], [2, 3, 2], [3, 2, 2]] {
            for _ in 0..<4 {
                let count = shape.reduce(1, *)
                let flat = (0..<count).map { _ in (0..<3).map { _ in Int(rng.next() % 2001) - 1000 } }
                let g = try NPlayerFixtures.game(shape: shape, flat: flat)
                let r = try PolynomialEnumeration().solve(g)
                #expect(r.report.isComplete, "\(flat): \(r.report.notes)")
                #expect(r.report.equilibria.count % 2 == 1, "\(flat): \(r.report.equilibria.count)")
                for e in r.report.equilibria { #expect(e.regret <= 1e-9) }
                mixed += r.report.equilibria.filter { !$0.isPure }.count
                for raySeed in [UInt64(0), 1, 2] {
                    for e in try GlobalNewton(seed: raySeed).solve(g).report.equilibria {
                        #expect(r.report.equilibria.contains { GlobalNewton.distance($0.strategies, e.strategies) < 1e-6 },
                                "global Newton found \(e.strategies) in \(flat)")
                        checked += 1
                    }
                }
            }
        }
        print("checked \(checked) global Newton equilibria; enumpoly found \(mixed) mixed ones")
        #expect(checked >= 12 && mixed > 0)
    }

    @Test func continuumIsReportedInNotes() throws {
        // Players 1 and 2 play a coordination game; player 3's payoff is always 0, so every
        // σ₃ completes (A, A, σ₃), (B, B, σ₃) and (½, ½, σ₃): three segments of equilibria.
        var flat = [[Int]]()
        for k in 0..<8 { let a0 = k & 1, a1 = (k >> 1) & 1; let c = a0 == a1 ? 1 : 0; flat.append([c, c, 0]) }
        let g = try NPlayerFixtures.game(shape: [2, 2, 2], flat: flat)
        let r = try PolynomialEnumeration().solve(g)
        print("enumpoly continuum: \(r.report.equilibria.map(\.strategies)) notes \(r.report.notes)")
        #expect(!r.report.isComplete)
        #expect(r.report.notes.contains { $0.contains("continuum") })
        #expect(!r.report.equilibria.isEmpty)
        for e in r.report.equilibria { #expect(e.regret <= 1e-9) }
    }

    @Test func rankDeficientContinuumIsReportedInNotes() throws {
        // Players 1 and 2 each want to match player 3; player 3 gets 1 from (A, 1 plays A) or
        // (B, 2 plays A). On full supports the indifference equations are 2x₃ − 1 (twice) and
        // x₁ − x₂: no equation is identically zero, but the solution set is the segment
        // {(t, t, ½)}, where the Jacobian is rank-deficient.
        var flat = [[Int]]()
        for k in 0..<8 {
            let a0 = k & 1, a1 = (k >> 1) & 1, a2 = (k >> 2) & 1
            let u3 = (a2 == 0 && a0 == 0) || (a2 == 1 && a1 == 0) ? 1 : 0
            flat.append([a0 == a2 ? 1 : 0, a1 == a2 ? 1 : 0, u3])
        }
        let g = try NPlayerFixtures.game(shape: [2, 2, 2], flat: flat)
        let r = try PolynomialEnumeration().solve(g)
        print("enumpoly segment: \(r.report.equilibria.map(\.strategies)) singular \(r.singularEndpoints) notes \(r.report.notes)")
        #expect(!r.report.isComplete)
        #expect(r.report.notes.contains { $0.contains("continuum") && $0.contains("[[0, 1], [0, 1], [0, 1]]") })
        for e in r.report.equilibria { #expect(e.regret <= 1e-9) }
        // every reported equilibrium with σ₃ = (½, ½) lies on the segment (the sample point
        // may be one of its ends, (A, A, ½) or (B, B, ½), which are also found on smaller supports)
        let mixedThird = r.report.equilibria.filter { abs($0.strategies[2][0] - 0.5) < 1e-9 }
        #expect(!mixedThird.isEmpty)
        for e in mixedThird { #expect(abs(e.strategies[0][0] - e.strategies[1][0]) < 1e-9) }
        // the pure equilibria (A, A, A) and (B, B, B) are isolated and found
        #expect(r.report.equilibria.contains { $0.exactStrategies == [[1, 0], [1, 0], [1, 0]] })
        #expect(r.report.equilibria.contains { $0.exactStrategies == [[0, 1], [0, 1], [0, 1]] })
    }

    @Test func refusesGamesAboveThePathLimit() throws {
        let g = try NPlayerFixtures.load("mckelvey_mclennan_2x2x2")
        #expect(throws: NPlayerSolverError.self) { try PolynomialEnumeration(maximumPaths: 5).solve(g) }
    }

    @Test func facadeReportsCompleteAnswer() throws {
        let g = try NPlayerFixtures.load("mckelvey_mclennan_2x2x2")
        let r = try solveNPlayer(g, method: .polynomial)
        #expect(r.method == "enumpoly")
        #expect(r.equilibria.count == 9)
        #expect(r.isComplete)
        #expect(NPlayerMethod(rawValue: "enumpoly") == .polynomial)
    }
}
