// `detente-timing policy` (batched payoff evaluation of a two-domain policy model) and
// `detente-timing markov` (policy evaluation, state-chain analysis and equilibrium search on
// Markov games of 10, 100 and 1000 states). These replace the former stand-alone executables
// Benchmarks/PolicyModels and Benchmarks/MarkovBenchmark.
import ArgumentParser
import BenchSupport
import CBLASBench
import Detente

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// CPU seconds of this process so far (user + system), to report beside the wall time.
func processCPUSeconds() -> Double {
    var usage = rusage()
    #if canImport(Glibc)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
}

extension DetenteTiming {
    struct Policy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time PayoffBatch.evaluate(points:) on a two-domain model (affine and non-affine payoffs).",
            discussion: "Example: detente-timing policy --points 1000000")

        @Option(help: "Number of parameter points.")
        var points: Int = 1_000_000

        @OptionGroup var options: TimingOptions

        func validate() throws {
            guard points >= 1 else { throw ValidationError("--points must be at least 1, got \(points)") }
        }

        func run() throws {
            openblas_set_num_threads(Int32(options.blasThreads))
            for (name, yaml) in [("affine", affineBenchmarkModelYAML), ("non-affine", nonAffineBenchmarkModelYAML)] {
                var record: [String: JSONValue] = [
                    "tool": .string("detente"), "method": .string("policy-model"), "model": .string(name),
                    "points": .int(points), "blas_threads": .int(options.blasThreads),
                ]
                do {
                    let model = try loadModel(yaml: yaml, path: "benchmark-\(name).yaml")
                    let batch = PayoffBatch(model: model)
                    let theta = benchmarkParameterPoints(count: points, parameters: batch.parameterCount)
                    var cpu = [Double]()
                    let result = try timeCase(options) { () throws -> Matrix in
                        let c0 = processCPUSeconds()
                        let r = try batch.evaluate(points: theta)
                        cpu.append(processCPUSeconds() - c0)
                        return r
                    }
                    record["times"] = .array(result.times.map(JSONValue.number))
                    record["best"] = .number(result.times.min()!)
                    record["cpu_best"] = .number(cpu.dropFirst(cpu.count > 1 ? 1 : 0).min()!)
                    record["parameters"] = .int(batch.parameterCount)
                    record["entries"] = .int(batch.entryCount)
                    record["affine"] = .bool(batch.isAffine)
                    record["max_discrepancy"] = .number(payoffBatchDiscrepancy(batch, points: theta, result: result.value,
                                                                               stride: max(1, points / 1000)))
                    record["error"] = .null
                } catch {
                    record["error"] = .string("\(error)")
                }
                emit(record)
            }
        }
    }

    struct Markov: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time Markov-game policy evaluation, state-chain analysis and pure MPE search.",
            discussion: "Example: detente-timing markov --states 10,100,1000")

        @Option(help: "Comma-separated state counts.")
        var states: String = "10,100,1000"

        @Option(help: "Largest state count at which the (exponential) pure MPE search and value iteration run.")
        var searchLimit: Int = 100

        @OptionGroup var options: TimingOptions

        func run() throws {
            setBenchmarkBLASThreads(options.blasThreads)
            let sizes = try states.split(separator: ",").map { item -> Int in
                guard let n = Int(item), n >= 1 else { throw ValidationError("bad state count '\(item)' in '\(states)'") }
                return n
            }
            for n in sizes {
                func record(_ what: String, _ body: () throws -> [String: JSONValue]) {
                    var r: [String: JSONValue] = ["tool": .string("detente"), "method": .string("markov"),
                                                  "case": .string(what), "states": .int(n)]
                    do { r.merge(try body()) { $1 } } catch { r["error"] = .string("\(error)") }
                    if r["error"] == nil { r["error"] = .null }
                    emit(r)
                }
                let game: MarkovGame
                do { game = try randomMarkovGame(states: n, seed: UInt64(n)) } catch {
                    emit(["tool": .string("detente"), "method": .string("markov"), "states": .int(n), "error": .string("\(error)")])
                    continue
                }
                let profile = benchmarkMixedProfile(states: n)
                record("policy evaluation (automatic)") {
                    let t = try timeCase(options) { try game.evaluate(profile) }
                    return ["best": .number(t.times.min()!), "times": .array(t.times.map(JSONValue.number)),
                            "solver": .string(t.value.method.rawValue), "residual": .number(t.value.residual)]
                }
                record("policy evaluation (dense LU)") {
                    let t = try timeCase(options) { try game.evaluate(profile, method: .denseLU) }
                    return ["best": .number(t.times.min()!), "times": .array(t.times.map(JSONValue.number)),
                            "solver": .string(t.value.method.rawValue), "residual": .number(t.value.residual)]
                }
                let evaluation = try game.evaluate(profile)
                record("state chain (stationary distribution, absorption)") {
                    let t = try timeCase(options) { try StateChain(transition: evaluation.chain) }
                    _ = t.value
                    return ["best": .number(t.times.min()!), "times": .array(t.times.map(JSONValue.number))]
                }
                record("one-shot deviation gains") {
                    let t = try timeCase(options) { try game.deviationGains(profile, evaluation: evaluation) }
                    _ = t.value
                    return ["best": .number(t.times.min()!), "times": .array(t.times.map(JSONValue.number))]
                }
                if n <= searchLimit {
                    let ladder = try ladderMarkovGame(states: n)
                    // The random games have no pure MPE to prune towards; their search runs to the
                    // node limit, so it gets a smaller one (20 000 nodes took ~15 s at 10 states).
                    for (label, g, nodes) in [("ladder", ladder, n <= 10 ? 20_000 : 1_000), ("random", game, 1_000)] {
                        record("pure MPE search, \(label), ≤ \(nodes) nodes") {
                            let t = try timeCase(options) { try PureMarkovPerfectEquilibria(maximumNodes: nodes).solve(g) }
                            return ["best": .number(t.times.min()!), "times": .array(t.times.map(JSONValue.number)),
                                    "equilibria": .int(t.value.equilibria.count), "complete": .bool(t.value.isComplete)]
                        }
                    }
                }
            }
        }
    }
}
