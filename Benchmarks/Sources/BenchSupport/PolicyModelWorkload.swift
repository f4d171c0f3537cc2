// The policy-model payoff-evaluation workload (issue 4: one two-domain model at 1 000 000
// parameter points in under a second on one core). Moved here from the former stand-alone
// Benchmarks/PolicyModels executable so that the package-benchmark suite and detente-timing
// time the same thing.
import Detente
import Foundation

/// A two-domain model (a prisoner's dilemma in technology, a stag hunt in climate) with nine
/// parameters; every payoff is affine in them, so all points are one `dgemm`
/// (`[1 | Θ] (points × 10) · C (10 × 16)`).
public let affineBenchmarkModelYAML = """
format: 1
title: benchmark
players: [A, B]
parameters: {r1: 3, t1: 5, s1: 0, p1: 1, r2: 4, t2: 3, s2: 0, p2: 1, delta: 0.9}
discount: delta
domains:
  tech:
    actions: [C, D]
    payoffs:
      C, C: [r1, r1]
      C, D: [s1 - 0.5*t1, t1 + 0.25*r1]
      D, C: [t1 + 0.25*r1, s1 - 0.5*t1]
      D, D: [p1 + 0.1*r1, p1 + 0.1*r1]
    cooperative: [C, C]
  climate:
    actions: [C, D]
    payoffs:
      C, C: [r2 + 0.5*p2, r2 + 0.5*p2]
      C, D: [s2, t2 - s2]
      D, C: [t2 - s2, s2]
      D, D: [p2, 2*p2 - s2]
    cooperative: [C, C]
"""

/// The same model with a product of parameters in most payoffs, so those entries run through
/// the block-wise bytecode evaluator instead of BLAS.
public let nonAffineBenchmarkModelYAML = affineBenchmarkModelYAML
    .replacingOccurrences(of: "0.25*r1", with: "0.25*r1*s1")
    .replacingOccurrences(of: "0.5*p2", with: "p2*p2/2")
    .replacingOccurrences(of: "[r1, r1]", with: "[r1*t1/5, r1*t1/5]")
    .replacingOccurrences(of: "0.1*r1", with: "0.1*r1*p1")
    .replacingOccurrences(of: "t2 - s2", with: "t2 - s2*r2")
    .replacingOccurrences(of: "2*p2 - s2", with: "2*p2 - s2*t2")

/// `count` parameter points, uniform on [0, 10) in every parameter, as a points × parameters
/// matrix (the layout `PayoffBatch.evaluate(points:)` takes).
public func benchmarkParameterPoints(count: Int, parameters: Int, seed: UInt64 = 4) -> Matrix {
    var rng = SplitMix64(seed: seed)
    var points = Matrix(rows: count, columns: parameters)
    for i in 0..<points.storage.count { points.storage[i] = Double(rng.next() >> 11) / Double(1 << 53) * 10 }
    return points
}

/// Largest |batched − scalar| over every `stride`-th point: the check that the batched path
/// computes the model, run outside the timed region.
public func payoffBatchDiscrepancy(_ batch: PayoffBatch, points: Matrix, result: Matrix, stride step: Int) -> Double {
    var worst = 0.0
    for i in stride(from: 0, to: points.rows, by: max(1, step)) {
        let point = (0..<points.columns).map { points[i, $0] }
        for (e, v) in batch.evaluate(point: point).enumerated() { worst = max(worst, abs(v - result[i, e])) }
    }
    return worst
}
