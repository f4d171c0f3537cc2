// swift-tools-version:6.1
// Detente's benchmarks: a separate package so that `swift build` / `swift test` at the root
// never build package-benchmark. Run from here with `swift package benchmark`, or the peer
// comparison with `bash peers/run.sh` (see docs/PERFORMANCE.md at the root).
import PackageDescription

let package = Package(
    name: "DetenteBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Detente", path: ".."),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.0",
                 traits: ["MallocInterposer"]),
    ],
    targets: [
        // cblas_dgemm called directly, to measure BLAS against the Swift loop and against
        // LinearAlgebra.multiply (the root package keeps its C shim private).
        .systemLibrary(
            name: "CBLASBench",
            path: "Sources/CBLASBench",
            providers: [.apt(["libopenblas-dev"])]
        ),
        // Test matrices and reference kernels shared by the benchmarks and detente-timing.
        .target(
            name: "BenchSupport",
            dependencies: [.product(name: "Detente", package: "Detente"), "CBLASBench"],
            path: "Sources/BenchSupport"
        ),
        // Loads game files and times solveEquilibria in-process (best of k), printing JSON;
        // driven by peers/compare.py.
        .executableTarget(
            name: "detente-timing",
            dependencies: [.product(name: "Detente", package: "Detente"), "CBLASBench", "BenchSupport",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/detente-timing"
        ),
        .executableTarget(
            name: "LinearAlgebraBenchmarks",
            dependencies: [.product(name: "Detente", package: "Detente"), "CBLASBench", "BenchSupport",
                           .product(name: "Benchmark", package: "package-benchmark")],
            path: "Benchmarks/LinearAlgebraBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "EquilibriumBenchmarks",
            dependencies: [.product(name: "Detente", package: "Detente"),
                           .product(name: "Benchmark", package: "package-benchmark")],
            path: "Benchmarks/EquilibriumBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "GameIOBenchmarks",
            dependencies: [.product(name: "Detente", package: "Detente"),
                           .product(name: "Benchmark", package: "package-benchmark")],
            path: "Benchmarks/GameIOBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "RepeatedGamesBenchmarks",
            dependencies: [.product(name: "Detente", package: "Detente"), "BenchSupport",
                           .product(name: "Benchmark", package: "package-benchmark")],
            path: "Benchmarks/RepeatedGamesBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "PolicyModelsBenchmarks",
            dependencies: [.product(name: "Detente", package: "Detente"), "BenchSupport",
                           .product(name: "Benchmark", package: "package-benchmark")],
            path: "Benchmarks/PolicyModelsBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "MarkovGamesBenchmarks",
            dependencies: [.product(name: "Detente", package: "Detente"), "BenchSupport",
                           .product(name: "Benchmark", package: "package-benchmark")],
            path: "Benchmarks/MarkovGamesBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ]
)
