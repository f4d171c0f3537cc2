import Foundation
import Testing
@testable import Analysis

@Suite struct SobolIndicesTests {
    /// f = Σ aᵢ xᵢ with xᵢ ~ U(0, 1): V(aᵢxᵢ) = aᵢ²/12, so Sᵢ = S_Tᵢ = aᵢ² / Σ aⱼ² (no
    /// interactions). 99% intervals: the test checks 8 (random) intervals at once, so by
    /// Bonferroni all contain their value with probability ≥ 92% for a random seed.
    @Test func additiveFunctionMatchesAnalyticValuesWithinTheInterval() throws {
        let a = [1.0, 2.0, 3.0, 0.5]
        let sum2 = a.reduce(0) { $0 + $1 * $1 }
        let model = FunctionModel(parameterNames: ["x1", "x2", "x3", "x4"], baseline: [0.5, 0.5, 0.5, 0.5]) { x in
            zip(a, x).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let params = (1...4).map { ParameterSpec(name: "x\($0)", baseline: 0.5, low: 0, high: 1) }
        for sampling in [SaltelliDesign.Sampling.random, .sobolSequence] {
            let seed: UInt64 = 42
            print("additive Sobol indices: sampling \(sampling.rawValue), seed \(seed)")
            let r = try sobolIndices(model, parameters: params, baseSamples: 4096, sampling: sampling, seed: seed,
                                     bootstrapResamples: 400, confidenceLevel: 0.99) { $0 }
            for (i, e) in r.estimates.enumerated() {
                let exact = a[i] * a[i] / sum2
                if sampling == .random {
                    // Bootstrap intervals are valid for independent rows only.
                    #expect(e.firstOrderInterval.contains(exact), "S_\(i + 1) = \(exact) not in \(e.firstOrderInterval)")
                    #expect(e.totalInterval.contains(exact), "S_T\(i + 1) = \(exact) not in \(e.totalInterval)")
                } else {
                    #expect(abs(e.total - exact) < 0.01, "S_T\(i + 1): \(e.total) vs \(exact)")
                }
                #expect(abs(e.firstOrder - exact) < 0.03)
                #expect(e.firstOrderInterval.upperBound - e.firstOrderInterval.lowerBound < 0.1)
            }
            #expect(r.evaluations == 4096 * 6)
        }
    }

    /// Ishigami function f = sin x₁ + a sin² x₂ + b x₃⁴ sin x₁, xᵢ ~ U(−π, π), a = 7, b = 0.1.
    /// Analytic indices (Ishigami and Homma 1990; Sobol' and Levitan 1999): V = a²/8 + bπ⁴/5 +
    /// b²π⁸/18 + ½, V₁ = ½(1 + bπ⁴/5)², V₂ = a²/8, V₁₃ = b²π⁸(1/18 − 1/50), so S₁ = 0.3139,
    /// S₂ = 0.4424, S₃ = 0, S_T1 = 0.5576, S_T2 = 0.4424, S_T3 = 0.2437.
    /// References: T. Ishigami and T. Homma (1990), doi:10.1109/ISUMA.1990.151285.
    @Test func ishigamiMatchesAnalyticValuesWithinTheInterval() throws {
        let a = 7.0, b = 0.1, pi = Double.pi
        let v = a * a / 8 + b * pow(pi, 4) / 5 + b * b * pow(pi, 8) / 18 + 0.5
        let v1 = 0.5 * pow(1 + b * pow(pi, 4) / 5, 2)
        let v2 = a * a / 8
        let v13 = b * b * pow(pi, 8) * (1.0 / 18 - 1.0 / 50)
        let first = [v1 / v, v2 / v, 0]
        let total = [(v1 + v13) / v, v2 / v, v13 / v]
        #expect(abs(first[0] - 0.3139) < 1e-4 && abs(total[2] - 0.2437) < 1e-4) // the published values
        let model = FunctionModel(parameterNames: ["x1", "x2", "x3"], baseline: [0, 0, 0]) { x in
            sin(x[0]) + a * sin(x[1]) * sin(x[1]) + b * pow(x[2], 4) * sin(x[0])
        }
        let params = (1...3).map { ParameterSpec(name: "x\($0)", baseline: 0, low: -pi, high: pi) }
        let seed: UInt64 = 1990
        print("Ishigami Sobol indices: seed \(seed)")
        let r = try sobolIndices(model, parameters: params, baseSamples: 8192, sampling: .random, seed: seed,
                                 bootstrapResamples: 400, confidenceLevel: 0.99) { $0 }
        for (i, e) in r.estimates.enumerated() {
            print("  \(e.parameter): S = \(e.firstOrder) \(e.firstOrderInterval), ST = \(e.total) \(e.totalInterval)")
            #expect(e.firstOrderInterval.contains(first[i]), "S_\(i + 1) = \(first[i]) not in \(e.firstOrderInterval)")
            #expect(e.totalInterval.contains(total[i]), "S_T\(i + 1) = \(total[i]) not in \(e.totalInterval)")
        }
    }

    @Test func resultsDoNotDependOnWorkerCount() throws {
        let model = FunctionModel(parameterNames: ["x", "y"], baseline: [0, 0]) { x in exp(x[0]) * x[1] + x[1] * x[1] }
        let params = [ParameterSpec(name: "x", baseline: 0, low: 0, high: 1), ParameterSpec(name: "y", baseline: 0, low: -1, high: 2)]
        let one = try sobolIndices(model, parameters: params, baseSamples: 1000, seed: 3, bootstrapResamples: 50,
                                   evaluator: ParallelEvaluator(workers: 1, chunkSize: 64)) { $0 }
        let four = try sobolIndices(model, parameters: params, baseSamples: 1000, seed: 3, bootstrapResamples: 50,
                                    evaluator: ParallelEvaluator(workers: 4, chunkSize: 64)) { $0 }
        #expect(one == four)
    }

    @Test func constantOutputIsReportedAsDegenerate() {
        let model = FunctionModel(parameterNames: ["x"], baseline: [0]) { _ in 1.0 }
        #expect(throws: AnalysisError.self) {
            try sobolIndices(model, parameters: [ParameterSpec(name: "x", baseline: 0, low: 0, high: 1)], baseSamples: 16) { $0 }
        }
    }
}

@Suite struct OneAtATimeTests {
    @Test func tornadoOrdersBySwing() throws {
        // y = 3a − b + 0.5c²: swings 3·2, 1·4, 0.5·(9 − 1).
        let model = FunctionModel(parameterNames: ["a", "b", "c"], baseline: [1, 0, 1]) { x in 3 * x[0] - x[1] + 0.5 * x[2] * x[2] }
        let t = try tornado(model, parameters: [ParameterSpec(name: "a", baseline: 1, low: 0, high: 2),
                                                ParameterSpec(name: "b", baseline: 0, low: -2, high: 2),
                                                ParameterSpec(name: "c", baseline: 1, low: 1, high: 3)]) { $0 }
        #expect(t.baselineOutput == 3.5)
        #expect(t.bars.map(\.parameter) == ["a", "b", "c"] || t.bars.map(\.parameter) == ["a", "c", "b"])
        #expect(t.bars.map(\.swing).sorted(by: >) == [6, 4, 4])
        #expect(t.bars[0].outputAtLow == 0.5 && t.bars[0].outputAtHigh == 6.5)
    }

    @Test func comparativeStaticsOfKnownFunctions() throws {
        // y = exp(a)·sin(b) at (a, b) = (0.3, 1.1): ∂y/∂a = exp(a) sin b, ∂y/∂b = exp(a) cos b.
        let model = FunctionModel(parameterNames: ["a", "b"], baseline: [0.3, 1.1]) { x in exp(x[0]) * sin(x[1]) }
        let d = try comparativeStatics(model, parameters: ["a", "b"]) { $0 }
        #expect(abs(d[0].value - exp(0.3) * sin(1.1)) < 1e-9)
        #expect(abs(d[1].value - exp(0.3) * cos(1.1)) < 1e-9)
        #expect(d.allSatisfy { $0.errorEstimate < 1e-7 })
        #expect(throws: AnalysisError.unknownParameter("z", known: ["a", "b"])) {
            try comparativeStatics(model, parameters: ["z"]) { $0 }
        }
    }
}
