import Foundation
import Testing
@testable import GameTheory

@Suite struct FictitiousPlayTests {
    /// Robinson (1951): in a zero-sum game, min_j (x̄ᵀA)_j ≤ v ≤ max_i (A ȳ)_i for the empirical
    /// mixtures, and both bounds converge to the value. A = [[3, −1], [−2, 1]] has value 1/7
    /// (row mixes 3/7, column 2/7, by the 2 × 2 formula).
    @Test func zeroSumBoundsConvergeToValue() throws {
        let g = try NormalFormGame.bimatrix([[3, -1], [-2, 1]], [[-3, 1], [2, -1]])
        let r = try FictitiousPlay(iterations: 20_000).run(g)
        let value = 1.0 / 7
        let upper = g.actionPayoffs(of: 0, against: r.empirical).max()!
        let lower = -g.actionPayoffs(of: 1, against: r.empirical).max()!
        #expect(lower <= value + 1e-12 && value <= upper + 1e-12)
        #expect(upper - lower < 0.02)
        #expect(abs(r.empirical[0][0] - 3.0 / 7) < 0.02 && abs(r.empirical[1][0] - 2.0 / 7) < 0.02)
    }

    @Test func rockPaperScissorsValueZero() throws {
        let a = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
        let g = try NormalFormGame.bimatrix(a, a.map { $0.map { -$0 } })
        let r = try FictitiousPlay(iterations: 20_000).run(g)
        let upper = g.actionPayoffs(of: 0, against: r.empirical).max()!
        let lower = -g.actionPayoffs(of: 1, against: r.empirical).max()!
        #expect(lower <= 0 && 0 <= upper && upper - lower < 0.05)
        let report = try solveNPlayer(g, method: .fictitiousPlay)
        let e = try #require(report.equilibria.first)
        #expect(e.regret <= 1e-9 && abs(e.payoffs[0]) < 1e-9)
        for p in 0..<2 { for x in e.strategies[p] { #expect(abs(x - 1.0 / 3) < 1e-9) } }
    }

    @Test func rejectsBadInitialProfile() throws {
        let g = try NormalFormGame.bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
        #expect(throws: NPlayerSolverError.self) { try FictitiousPlay(initialProfile: [0, 2]).run(g) }
    }
}

@Suite struct BestResponseDynamicsTests {
    @Test func prisonersDilemmaReachesDefection() throws {
        let g = try NormalFormGame.bimatrix([[9, 1], [10, 3]], [[9, 10], [1, 3]])
        let r = try BestResponseDynamics(step: 0.05).run(g)
        let e = try #require(r.report.equilibria.first)
        #expect(e.regret <= 1e-6)
        #expect(e.strategies[0][1] > 0.999 && e.strategies[1][1] > 0.999)
    }
}

@Suite struct ReplicatorDynamicsTests {
    let rps: NormalFormGame = {
        let a = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
        return try! NormalFormGame.bimatrix(a, a.transposedRows())
    }()

    /// Rock–paper–scissors: rest points are the three vertices and the centre (1/3, 1/3, 1/3);
    /// at the centre the linearisation is (1/3)·A on the simplex, with eigenvalues ±i/√3
    /// (A has eigenvalues 0, ±i√3), so the centre is a centre (nonhyperbolic).
    @Test func rockPaperScissorsRestPoints() throws {
        let (points, skipped) = try ReplicatorDynamics().restPoints(rps)
        #expect(skipped.isEmpty)
        #expect(points.count == 4)
        let centre = try #require(points.first { $0.support == [0, 1, 2] })
        for x in centre.state { #expect(abs(x - 1.0 / 3) < 1e-12) }
        #expect(centre.isNashEquilibrium)
        #expect(centre.stability == .nonhyperbolic)
        #expect(centre.eigenvalues.count == 2)
        for ev in centre.eigenvalues {
            #expect(abs(ev.real) < 1e-12)
            #expect(abs(abs(ev.imaginary) - 1 / 3.0.squareRoot()) < 1e-12)
        }
        for v in points where v.support.count == 1 {
            #expect(!v.isNashEquilibrium)
            #expect(v.stability == .unstable)
        }
    }

    /// Hawk–dove with V = 2, C = 4: A = [[−1, 2], [0, 1]]; ẋ = x(1−x)(1−2x), so x = 1/2 is
    /// asymptotically stable (f′(1/2) = −1/2) and both vertices unstable (f′ = 1).
    @Test func hawkDoveMixedRestPointIsStable() throws {
        let g = try NormalFormGame.bimatrix([[-1, 2], [0, 1]], [[-1, 0], [2, 1]])
        let (points, _) = try ReplicatorDynamics().restPoints(g)
        #expect(points.count == 3)
        let mixed = try #require(points.first { $0.support == [0, 1] })
        #expect(abs(mixed.state[0] - 0.5) < 1e-12)
        #expect(mixed.stability == .asymptoticallyStable)
        #expect(abs(mixed.eigenvalues[0].real + 0.5) < 1e-12)
        for v in points where v.support.count == 1 {
            #expect(v.stability == .unstable && abs(v.eigenvalues[0].real - 1) < 1e-12)
        }
        let end = try ReplicatorDynamics().evolveSymmetric(g, from: [0.9, 0.1], duration: 60)
        #expect(abs(end.state[0][0] - 0.5) < 1e-8)
    }

    /// Two-population replicator dynamics of matching pennies conserve
    /// H = Σ log xᵢ + Σ log yⱼ (Hofbauer & Sigmund 1998, zero-sum bimatrix games with interior
    /// equilibrium (1/2, 1/2)); the integrator must keep it to its tolerance.
    @Test func matchingPenniesConservesConstantOfMotion() throws {
        let g = try NormalFormGame.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        let start: [[Double]] = [[0.8, 0.2], [0.3, 0.7]]
        func h(_ s: [[Double]]) -> Double { s.flatMap { $0 }.reduce(0) { $0 + log($1) } }
        let end = try ReplicatorDynamics().evolve(g, from: start, duration: 20)
        #expect(abs(h(end.state) - h(start)) < 1e-7)
        #expect(end.time == 20)
    }

    @Test func coordinationConvergesToThePureEquilibriumOfItsBasin() throws {
        // A = B = [[2, 0], [0, 1]]: interior equilibrium at 1/3; starting above it, both
        // populations go to the first action.
        let g = try NormalFormGame.bimatrix([[2, 0], [0, 1]], [[2, 0], [0, 1]])
        let end = try ReplicatorDynamics().evolve(g, from: [[0.6, 0.4], [0.6, 0.4]], duration: 60)
        #expect(end.state[0][0] > 1 - 1e-8 && end.state[1][0] > 1 - 1e-8)
    }

    @Test func constantGameHasAContinuumNamedNotEnumerated() throws {
        // Every state of a constant game is a rest point: the vertices are found, the edge is
        // a continuum (singular, consistent system) and is named instead.
        let g = try NormalFormGame.bimatrix([[1, 1], [1, 1]], [[1, 1], [1, 1]])
        let (points, skipped) = try ReplicatorDynamics().restPoints(g)
        #expect(points.map(\.support) == [[0], [1]])
        #expect(skipped == [[0, 1]])
    }

    @Test func asymmetricGameRejectedForSinglePopulation() throws {
        let g = try NormalFormGame.bimatrix([[1, 0], [0, 1]], [[0, 1], [1, 0]])
        #expect(throws: NPlayerSolverError.self) { try ReplicatorDynamics().restPoints(g) }
    }
}

extension Array where Element == [Int] {
    /// The transpose of a list of rows.
    func transposedRows() -> [[Int]] {
        guard let first else { return [] }
        return first.indices.map { j in self.map { $0[j] } }
    }
}
