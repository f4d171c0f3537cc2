// Matrix products and small linear systems: where does BLAS/LAPACK beat a plain Swift loop?
//
// The answer sets `smallProductThreshold` in Sources/LinearAlgebra/Products.swift (products of
// at most that many multiply-adds use the Swift loop) and the advice in DESIGN.md §4 to use
// `solveSmall` for the 2×2–8×8 systems of small supports. Each size is measured three ways:
// - `multiply`: LinearAlgebra's public product (Swift loop below the threshold, dgemm above);
// - `loop`: a plain column-major Swift triple loop, always;
// - `cblas`: `cblas_dgemm` called directly, always.
// Inputs are built in the setup closure, outside the timed region.
import Benchmark
import BenchSupport
import CBLASBench
import Detente

let productSizes = [2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64]
let systemSizes = [2, 3, 4, 6, 8, 12, 16, 32, 64]

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal],
        timeUnits: .nanoseconds,
        warmupIterations: 3,
        scalingFactor: .kilo,
        maxDuration: .milliseconds(300),
        maxIterations: 1_000
    )
    // One OpenBLAS thread, as in the solvers' workers (DESIGN.md §4); OPENBLAS_NUM_THREADS
    // in the environment is overridden here so the numbers compare like with like.
    openblas_set_num_threads(1)

    for n in productSizes {
        let tag = "\(n)x\(n)"
        Benchmark("gemm \(tag) multiply") { benchmark, operands in
            for _ in benchmark.scaledIterations { blackHole(try multiply(operands.0, operands.1)) }
        } setup: { (benchMatrix(n, seed: 1), benchMatrix(n, seed: 2)) }
        Benchmark("gemm \(tag) loop") { benchmark, operands in
            var c = [Double](repeating: 0, count: n * n)
            for _ in benchmark.scaledIterations {
                loopProduct(operands.0, operands.1, into: &c)
                blackHole(c)
            }
        } setup: { (benchMatrix(n, seed: 1), benchMatrix(n, seed: 2)) }
        Benchmark("gemm \(tag) cblas") { benchmark, operands in
            var c = [Double](repeating: 0, count: n * n)
            for _ in benchmark.scaledIterations {
                cblasProduct(operands.0, operands.1, into: &c)
                blackHole(c)
            }
        } setup: { (benchMatrix(n, seed: 1), benchMatrix(n, seed: 2)) }
    }

    for n in systemSizes {
        let tag = "\(n)x\(n)"
        Benchmark("solve \(tag) LAPACK dgesv (solve)") { benchmark, system in
            for _ in benchmark.scaledIterations { blackHole(try solve(system.0, system.1)) }
        } setup: { (benchMatrix(n, seed: 3), (0..<n).map { Double($0 + 1) }) }
        Benchmark("solve \(tag) solveSmall") { benchmark, system in
            for _ in benchmark.scaledIterations { blackHole(try solveSmall(system.0, system.1)) }
        } setup: { () -> ([Double], [Double]) in
            let a = benchMatrix(n, seed: 3)
            return (a.rowArrays.flatMap { $0 }, (0..<n).map { Double($0 + 1) })
        }
    }
}
