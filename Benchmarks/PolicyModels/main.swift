// Measures batched payoff evaluation of a policy model (issue 4: one million parameter
// points of a two-domain model in under a second on one core), and prints model reports.
//
//   swift run -c release policy-models-benchmark [POINTS]        # the measurement
//   swift run policy-models-benchmark solve MODEL.yaml [SCENARIO]  # text report (dev aid)
//
// Run with OPENBLAS_NUM_THREADS=1 for the one-core figure.
import Foundation
import LinearAlgebra
import PolicyModels

let args = CommandLine.arguments
if args.count >= 3 && (args[1] == "solve" || args[1] == "json" || args[1] == "check") {
    if args[1] == "check" {
        let d = check(path: args[2])
        print(d.isEmpty ? "\(args[2]): ok" : d.map(\.description).joined(separator: "\n"))
        exit(d.isEmpty ? 0 : 1)
    }
    do {
        let model = try loadModel(path: args[2])
        let report = try solve(model: model, scenario: args.count > 3 ? args[3] : nil)
        print(args[1] == "json" ? report.jsonString() : report.text())
    } catch {
        FileHandle.standardError.write("\(error)\n".data(using: .utf8)!)
        exit(1)
    }
    exit(0)
}

let points = args.count > 1 ? Int(args[1]) ?? 1_000_000 : 1_000_000
// A two-domain model (prisoner's dilemma in technology, stag hunt in climate) with eight
// parameters; every payoff is affine in them.
let yaml = """
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
func measure(_ yaml: String, label: String) {
let model = try! loadModel(yaml: yaml, path: "benchmark.yaml")
let batch = PayoffBatch(model: model)
let k = batch.parameterCount
var rng = SystemRandomNumberGenerator()
var theta = Matrix(rows: points, columns: k)
for i in 0..<theta.storage.count { theta.storage[i] = Double.random(in: 0..<10, using: &rng) }
_ = try! batch.evaluate(points: Matrix(rows: 1000, columns: k, columnMajor: Array(theta.storage.prefix(1000 * k))))
var best = Double.infinity, bestCPU = Double.infinity
var result = Matrix(rows: 0, columns: 0)
for _ in 0..<3 {
    let c0 = clock()
    let t0 = DispatchTime.now().uptimeNanoseconds
    result = try! batch.evaluate(points: theta)
    let t1 = DispatchTime.now().uptimeNanoseconds
    let c1 = clock()
    best = min(best, Double(t1 - t0) / 1e9)
    bestCPU = min(bestCPU, Double(c1 - c0) / Double(CLOCKS_PER_SEC))
}
// Spot-check against the scalar evaluator.
var worst = 0.0
for i in stride(from: 0, to: points, by: max(1, points / 1000)) {
    let point = (0..<k).map { theta[i, $0] }
    for (e, v) in batch.evaluate(point: point).enumerated() { worst = max(worst, abs(v - result[i, e])) }
}
print("\(label): points: \(points), parameters: \(k), payoff entries: \(batch.entryCount), affine: \(batch.isAffine)")
print("batched evaluation: best of 3 wall \(String(format: "%.3f", best)) s, CPU \(String(format: "%.3f", bestCPU)) s (\(String(format: "%.1f", Double(points) / bestCPU / 1e6)) M points per CPU second); max |batch − scalar| = \(worst)")
}
measure(yaml, label: "affine two-domain model (BLAS path)")
// The same model with one multiplicative interaction per payoff: the bytecode path.
let nonlinear = yaml.replacingOccurrences(of: "0.25*r1", with: "0.25*r1*s1").replacingOccurrences(of: "0.5*p2", with: "p2*p2/2")
    .replacingOccurrences(of: "[r1, r1]", with: "[r1*t1/5, r1*t1/5]").replacingOccurrences(of: "0.1*r1", with: "0.1*r1*p1")
    .replacingOccurrences(of: "t2 - s2", with: "t2 - s2*r2").replacingOccurrences(of: "2*p2 - s2", with: "2*p2 - s2*t2")
measure(nonlinear, label: "non-affine two-domain model (bytecode path)")
