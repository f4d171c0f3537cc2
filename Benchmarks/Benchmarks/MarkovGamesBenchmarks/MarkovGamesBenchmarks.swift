// Markov games: policy evaluation (automatic solver and dense LU) and state-chain analysis on
// random games of 10, 100 and 1000 states; pure MPE search on 10 states.
import Benchmark
import BenchSupport
import Detente

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal], timeUnits: .microseconds,
        warmupIterations: 1, maxDuration: .seconds(2), maxIterations: 200)
    for n in [10, 100, 1000] {
        Benchmark("policy evaluation automatic \(n) states", configuration: configuration) { benchmark, game in
            setBenchmarkBLASThreads(1)
            for _ in benchmark.scaledIterations { blackHole(try game.evaluate(benchmarkMixedProfile(states: n))) }
        } setup: { try randomMarkovGame(states: n, seed: UInt64(n)) }
        Benchmark("policy evaluation dense LU \(n) states", configuration: configuration) { benchmark, game in
            setBenchmarkBLASThreads(1)
            for _ in benchmark.scaledIterations {
                blackHole(try game.evaluate(benchmarkMixedProfile(states: n), method: .denseLU))
            }
        } setup: { try randomMarkovGame(states: n, seed: UInt64(n)) }
        Benchmark("state chain \(n) states", configuration: configuration) { benchmark, chain in
            setBenchmarkBLASThreads(1)
            for _ in benchmark.scaledIterations { blackHole(try StateChain(transition: chain)) }
        } setup: {
            try randomMarkovGame(states: n, seed: UInt64(n)).evaluate(benchmarkMixedProfile(states: n)).chain
        }
    }
    Benchmark("pure MPE search ladder 10 states", configuration: configuration) { benchmark, game in
        for _ in benchmark.scaledIterations { blackHole(try PureMarkovPerfectEquilibria(maximumNodes: 20_000).solve(game)) }
    } setup: { try ladderMarkovGame(states: 10) }
}
