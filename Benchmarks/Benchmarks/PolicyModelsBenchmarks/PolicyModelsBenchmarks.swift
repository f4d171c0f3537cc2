// Policy models: batched payoff evaluation of a two-domain model at 10⁴ and 10⁶ parameter
// points, with affine payoffs (one dgemm) and with products of parameters (bytecode blocks).
import Benchmark
import BenchSupport
import Detente

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal], timeUnits: .milliseconds,
        warmupIterations: 1, maxDuration: .seconds(3), maxIterations: 50)
    for (name, yaml) in [("affine", affineBenchmarkModelYAML), ("non-affine", nonAffineBenchmarkModelYAML)] {
        for points in [10_000, 1_000_000] {
            Benchmark("PayoffBatch.evaluate \(name) \(points) points", configuration: configuration) { (benchmark: Benchmark, inputs: (PayoffBatch, Matrix)) in
                setBenchmarkBLASThreads(1)
                for _ in benchmark.scaledIterations {
                    blackHole(try inputs.0.evaluate(points: inputs.1))
                }
            } setup: { () throws -> (PayoffBatch, Matrix) in
                let batch = PayoffBatch(model: try loadModel(yaml: yaml, path: "benchmark-\(name).yaml"))
                return (batch, benchmarkParameterPoints(count: points, parameters: batch.parameterCount))
            }
        }
    }
}
