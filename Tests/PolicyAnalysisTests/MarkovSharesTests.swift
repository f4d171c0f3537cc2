import Analysis
import LinearAlgebra
import PolicyModels
import Testing
@testable import PolicyAnalysis

@Suite struct MarkovSharesTests {
    /// `share/STATE` scalars of Models/decoupling-dynamics.yaml over a 2 × 2 grid in the
    /// security externality e ∈ {1, 6} and climate cooperation c ∈ {0, 2}, checked at two
    /// points against the hand derivations of Tests/PolicyModelsTests/ModelMarkovTests.swift:
    /// - e = 1, c = 2 (baseline): the selected MPE opens in integrated and partly decoupled;
    ///   integrated → partly w.p. shock = 0.05, back w.p. r = 0.1, so π_I · 0.05 = π_P · 0.1:
    ///   shares (2/3, 1/3, 0);
    /// - e = 6 > g = 4, c = 0: every Open payoff is negative and Restrict pays 0, so the unique
    ///   pure MPE restricts everywhere; with reintegration 0 bifurcated is absorbing and reached
    ///   almost surely: shares (0, 0, 1).
    @Test func sweepOverSecurityExternalityReproducesClosedForms() throws {
        let model = try loadModel(path: modelsDirectory + "/decoupling-dynamics.yaml")
        let m = try PolicyAnalysisModel(model: model)
        let names = ["integrated", "partly-decoupled", "bifurcated"].map { "share/" + $0 }
        let idx = try names.map { n in try #require(m.scalarNames.firstIndex(of: n), "\(n) in \(m.scalarNames)") }
        let params = [ParameterSpec(name: "e", baseline: 1, low: 1, high: 6),
                      ParameterSpec(name: "c", baseline: 2, low: 0, high: 2)]
        let result = try sweep(m, parameters: params, design: .grid(steps: [2, 2]))
        let ie = result.design.names.firstIndex(of: "e")!, ic = result.design.names.firstIndex(of: "c")!
        func shares(e: Double, c: Double) throws -> [Double] {
            let i = try #require(result.design.points.firstIndex { $0[ie] == e && $0[ic] == c })
            return idx.map { result.outputs[i].values[$0] }
        }
        let base = try shares(e: 1, c: 2)
        #expect(abs(base[0] - 2.0 / 3) < 1e-12 && abs(base[1] - 1.0 / 3) < 1e-12 && abs(base[2]) < 1e-12, "\(base)")
        let split = try shares(e: 6, c: 0)
        #expect(abs(split[0]) < 1e-12 && abs(split[1]) < 1e-12 && abs(split[2] - 1) < 1e-12, "\(split)")
    }
}
