// Repeated games: Abreu–Sannikov SPE payoff sets on the three stage games QuantEcon was timed on
// (Games/repeated, see its SOURCE.md), and a tournament of 100 noisy automata.
import Benchmark
import BenchSupport
import Detente

/// Benchmarks/Games/repeated, found from this source file (the benchmark runs from the build folder).
let repeatedDirectory: String = {
    var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)  // RepeatedGamesBenchmarks.swift, RepeatedGamesBenchmarks, Benchmarks
    return parts.joined(separator: "/") + "/Games/repeated"
}()

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal], timeUnits: .milliseconds,
        warmupIterations: 1, maxDuration: .seconds(3), maxIterations: 100)
    let cases: [(String, String, Rational)] = [("pd_delta0.9", "pd_qe", Rational(9) / Rational(10)),
                                               ("as2014_delta0.3", "as2014", Rational(3) / Rational(10)),
                                               ("cournot15_delta0.8", "cournot15", Rational(4) / Rational(5))]
    for (label, file, delta) in cases {
        let game: NormalFormGame
        do { game = try readGame(atPath: "\(repeatedDirectory)/\(file).json") } catch {
            print("RepeatedGamesBenchmarks: cannot read \(file).json: \(error)")
            continue
        }
        for exactCheck in [true, false] {
            Benchmark("abreu-sannikov \(label)\(exactCheck ? " exact check" : " floating-point")",
                      configuration: configuration) { benchmark in
                setBenchmarkBLASThreads(1)
                for _ in benchmark.scaledIterations {
                    blackHole(try AbreuSannikov(exactCheck: exactCheck).solve(game, delta: delta))
                }
            }
        }
    }
    Benchmark("tournament 100 automata noise 0.01", configuration: configuration) { benchmark, inputs in
        setBenchmarkBLASThreads(1)  // as detente-timing: one OpenBLAS thread for the per-match LU
        for _ in benchmark.scaledIterations {
            blackHole(try Tournament(inputs.0, game: inputs.1, delta: 0.95, noise: 0.01))
        }
    } setup: {
        (try tournamentAutomata(count: 100), try tournamentStageGame())
    }
}
