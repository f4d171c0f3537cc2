// Reading game files: the Gambit .nfg reader and the game JSON reader on the peers' suite
// (Benchmarks/Games), from bytes already in memory (the parse, not the disk).
import Benchmark
import Detente

/// Benchmarks/Games, found from this source file (the benchmark runs from the build folder).
let gamesDirectory: String = {
    var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)  // GameIOBenchmarks.swift, GameIOBenchmarks, Benchmarks
    return parts.joined(separator: "/") + "/Games"
}()

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal],
        timeUnits: .microseconds,
        warmupIterations: 2,
        maxDuration: .milliseconds(500),
        maxIterations: 500
    )
    for name in ["rand_04x04_0", "rand_12x12_0", "lh_050x050_0", "lh_200x200_0"] {
        for ext in ["nfg", "json"] {
            let path = "\(gamesDirectory)/\(name).\(ext)"
            Benchmark("read \(name).\(ext)") { benchmark, bytes in
                let format = GameFileFormat(path: path)!
                for _ in benchmark.scaledIterations { blackHole(try format.read(bytes, path: path)) }
            } setup: { try readFileBytes(atPath: path) }
        }
    }
}
