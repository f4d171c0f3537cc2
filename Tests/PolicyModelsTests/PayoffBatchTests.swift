import Foundation
import Testing
import LinearAlgebra
import GameTheory
@testable import PolicyModels

@Suite("Batched payoff evaluation")
struct PayoffBatchTests {
    func randomPoints(_ model: PolicyModel, count: Int, seed: UInt64) -> Matrix {
        var rng = SplitMix64(seed: seed)
        var m = Matrix(rows: count, columns: model.parameters.count)
        for (j, p) in model.parameters.enumerated() {
            let lo = p.lowerBound ?? p.value - 1, hi = p.upperBound ?? p.value + 1
            for i in 0..<count { m[i, j] = lo + (hi - lo) * Double(rng.next() % 1_000_001) / 1_000_000 }
        }
        return m
    }

    @Test("batched evaluation equals scalar evaluation for every bundled model", arguments: BundledModelsTests.names)
    func batchEqualsScalar(name: String) throws {
        let seed = UInt64(4242)
        print("PayoffBatchTests \(name) seed \(seed)")
        let model = try bundledModel(name)
        let batch = PayoffBatch(model: model)
        let points = randomPoints(model, count: 1100, seed: seed)   // three blocks of 512, the last partial
        let result = try batch.evaluate(points: points)
        #expect(result.rows == 1100 && result.columns == batch.entryCount)
        for i in 0..<points.rows {
            let theta = (0..<points.columns).map { points[i, $0] }
            for (e, v) in batch.evaluate(point: theta).enumerated() {
                #expect(Swift.abs(result[i, e] - v) <= 1e-12 * (1 + Swift.abs(v)))
            }
            // and the same as the model's own expressions, entry by entry
            for (d, dom) in model.domains.enumerated() {
                for p in model.players.indices {
                    for k in 0..<dom.profileCount {
                        let v = dom.payoffs[p][k].evaluate(theta)
                        #expect(Swift.abs(result[i, batch.entry(domain: d, player: p, profile: k)] - v) <= 1e-12 * (1 + Swift.abs(v)))
                    }
                }
            }
        }
    }

    @Test("affine detection: linear models are one matrix product; c·w² is not affine")
    func affineDetection() throws {
        #expect(PayoffBatch(model: try bundledModel("relative-gains")).isAffine == false)      // (1 + k)*T
        #expect(PayoffBatch(model: try bundledModel("science-diplomacy")).isAffine)
        #expect(PayoffBatch(model: try bundledModel("us-china-technology")).isAffine == false)  // sec*(1 + 2*k)
        #expect(PayoffBatch(model: try bundledModel("supply-chain-deterrence")).isAffine == false)
        #expect(PayoffBatch(model: try bundledModel("us-japan-semiconductors")).isAffine)
    }

    @Test("a wrong number of parameter columns is an error")
    func wrongShape() throws {
        let batch = PayoffBatch(model: try bundledModel("security-dilemma"))
        #expect(throws: LinearAlgebraError.self) { _ = try batch.evaluate(points: Matrix(rows: 2, columns: 1)) }
    }
}
