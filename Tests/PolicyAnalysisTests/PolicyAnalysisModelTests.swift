import Foundation
import Analysis
import LinearAlgebra
import PolicyModels
import Testing
@testable import PolicyAnalysis

/// The repository root (for the bundled models).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let modelsDirectory = packageRoot.appendingPathComponent("Models").path

@Suite struct PolicyAnalysisModelTests {
    /// The batch path agrees with the model solver (`solve(model:scenario:)`, a separate
    /// implementation on `NormalFormGame` and the general equilibrium solver) at the baseline
    /// and every scenario of every bundled model: regime, each domain's critical δ alone, the
    /// linked δ of all domains and the joint payoff of the best sustainable set.
    @Test func agreesWithModelSolverOnBundledModels() throws {
        for file in try modelFiles(in: modelsDirectory) {
            let model = try loadModel(path: file)
            for scenario in ["baseline"] + model.scenarios.map(\.name) {
                let report = try solve(model: model, scenario: scenario)
                let m = try PolicyAnalysisModel(model: model, scenario: scenario)
                let r = try m.evaluate(points: Matrix(rows: 1, columns: m.baseline.count, columnMajor: m.baseline))[0]
                let expectedRegime = report.regime.linkageDependent ? "linkage-dependent" : report.regime.name.replacingOccurrences(of: "-", with: " ")
                #expect(r.regime.rawValue == expectedRegime, "\(file) \(scenario)")
                for (d, dom) in report.domains.enumerated() {
                    let expected = dom.cooperative.alone.map { $0.criticalDelta ?? 1 } ?? .nan
                    #expect(abs(r.values[d] - expected) <= 1e-12, "\(file) \(scenario) \(dom.name): \(r.values[d]) vs \(expected)")
                    // The closed form also finds the completely mixed equilibrium of 2×2 games, which
                    // the general solver reports only when the two-player solvers are present.
                    let count = r.values[m.scalarNames.firstIndex(of: "equilibria/" + dom.name)!]
                    #expect(count == Double(dom.equilibria.count) || (count == 3 && dom.equilibria.count == 2), "\(file) \(dom.name)")
                }
                let linked = m.scalarNames.firstIndex(of: "linked_delta")!
                #expect(abs(r.values[linked] - (report.linked?.criticalDelta ?? 1)) <= 1e-12, "\(file) \(scenario)")
                let joint = m.scalarNames.firstIndex(of: "joint_payoff")!
                #expect(abs(r.values[joint] - (report.regime.jointPayoff ?? .nan)) <= 1e-9, "\(file) \(scenario)")
            }
        }
    }

    /// Grieco's relative-gains prisoner's dilemma: δ*(k) = (T − R + k(T − S)) / (T − P + k(T − S))
    /// (the model file's own derivation, from the grim-trigger incentive constraint) at every
    /// point of a grid over k and T, evaluated in chunks of the batch evaluator.
    @Test func relativeGainsThresholdOnAGrid() throws {
        let model = try loadModel(path: modelsDirectory + "/relative-gains.yaml")
        let m = try PolicyAnalysisModel(model: model)
        let (R, S, P) = (3.0, 0.0, 1.0)
        var points = [[Double]]()
        for i in 0...20 { for j in 0...10 { points.append([Double(i) * 0.5, 3.25 + Double(j) * 0.5]) } }
        let out = try ParallelEvaluator(workers: 2, chunkSize: 17).evaluate(m, varying: ["k", "T"], values: points)
        for (p, o) in zip(points, out) {
            let (k, T) = (p[0], p[1])
            let expected = (T - R + k * (T - S)) / (T - P + k * (T - S))
            #expect(abs(o.values[0] - expected) <= 1e-12 * max(1, expected), "k=\(k) T=\(T)")
            #expect(o.regime == (0.75 >= expected ? PolicyRegime.fullCooperation : .decoupling), "k=\(k) T=\(T)")
        }
    }

    /// The stag hunt (security dilemma) has two pure equilibria and a mixed one; the closed form
    /// finds all three and they are Nash equilibria (zero regret checked from the payoffs).
    @Test func stagHuntHasThreeEquilibria() throws {
        let m = try PolicyAnalysisModel(model: try loadModel(path: modelsDirectory + "/security-dilemma.yaml"))
        var eq = [Double]()
        // Stag hunt: (R,R)=4, sucker 0, temptation 3, mutual defection 2 (flat order, player 0 fastest).
        #expect(m.stage2x2((4, 3, 0, 2), (4, 0, 3, 2), into: &eq))
        #expect(eq.count == 6)
        #expect(Array(eq[0..<4]) == [4, 4, 2, 2])
        // Mixed: each plays the first action with probability 2/3, payoff 8/3.
        #expect(abs(eq[4] - 8.0 / 3) < 1e-12 && abs(eq[5] - 8.0 / 3) < 1e-12)
        // A degenerate game (row indifferent) is left to the general solver.
        var eq2 = [Double]()
        #expect(!m.stage2x2((1, 1, 0, 2), (1, 0, 3, 2), into: &eq2))
    }
}
