// detente-timing: in-process timings of Detente for the peer comparison (peers/compare.py).
//
// Every timing is the wall time of one call, best of k runs after one warm-up call, measured
// with the monotonic clock inside this process (so no process start-up, no file reading in
// the timed region). Output is one JSON object per line, keys sorted, for the runner to read.
import ArgumentParser
import BenchSupport
import CBLASBench
import Detente

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@main
struct DetenteTiming: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detente-timing",
        abstract: "Time Detente's solvers, readers and linear algebra in-process; print JSON lines.",
        subcommands: [Solve.self, LemkeHowsonOne.self, NPlayer.self, RepeatedTiming.self, TournamentTiming.self,
                      Policy.self, Markov.self, Read.self, LinearAlgebraTimings.self]
    )
}

/// Options shared by the timing commands.
struct TimingOptions: ParsableArguments {
    @Option(name: .customLong("repeat"), help: "Timed runs per case after one warm-up (best of these is reported).")
    var repeats: Int = 5

    @Option(help: "A case whose warm-up took at least this many seconds is timed once (the warm-up).")
    var single: Double = 2.0

    @Option(help: "OpenBLAS threads (1 is the workers' setting; 2 uses both cores).")
    var blasThreads: Int = 1

    func validate() throws {
        guard repeats >= 1 else { throw ValidationError("--repeat must be at least 1, got \(repeats)") }
        guard blasThreads >= 1 else { throw ValidationError("--blas-threads must be at least 1, got \(blasThreads)") }
    }
}

/// Seconds taken by `body` (monotonic clock).
@inline(never)
func seconds<T>(_ body: () throws -> T) rethrows -> (Double, T) {
    let clock = ContinuousClock()
    let start = clock.now
    let value = try body()
    let elapsed = clock.now - start
    let (s, attoseconds) = elapsed.components
    return (Double(s) + Double(attoseconds) * 1e-18, value)
}

/// Warm-up, then up to `repeats` timed runs; returns all times (the warm-up alone when slow).
func timeCase<T>(_ options: TimingOptions, _ body: () throws -> T) rethrows -> (times: [Double], warmup: Double, value: T) {
    let (warm, first) = try seconds(body)
    if warm >= options.single { return ([warm], warm, first) }
    var times: [Double] = []
    var last = first
    for _ in 0..<options.repeats {
        let (t, v) = try seconds(body)
        times.append(t)
        last = v
    }
    return (times, warm, last)
}

/// A JSON value, printed with sorted keys and fixed number formatting.
enum JSONValue {
    case string(String), number(Double), int(Int), bool(Bool), null
    case array([JSONValue]), object([String: JSONValue])

    var text: String {
        switch self {
        case .string(let s):
            var out = "\""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                default:
                    if scalar.value < 0x20 {
                        out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                            + String(scalar.value, radix: 16)
                    } else { out.unicodeScalars.append(scalar) }
                }
            }
            return out + "\""
        case .number(let x): return x.isFinite ? "\(x)" : "null"
        case .int(let i): return "\(i)"
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let xs): return "[" + xs.map(\.text).joined(separator: ",") + "]"
        case .object(let o):
            return "{" + o.keys.sorted().map { JSONValue.string($0).text + ":" + o[$0]!.text }
                .joined(separator: ",") + "}"
        }
    }
}

func emit(_ object: [String: JSONValue]) {
    print(JSONValue.object(object).text)
    fflush(nil)  // all streams: one line per case reaches the runner at once
}

func baseName(_ path: String) -> String {
    let file = path.split(separator: "/").last.map(String.init) ?? path
    if let dot = file.lastIndex(of: ".") { return String(file[..<dot]) }
    return file
}

extension DetenteTiming {
    struct Solve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time solveEquilibria on game files.",
            discussion: "Example: detente-timing solve --method vertex-enumeration --arithmetic exact Games/rand_08x08_0.nfg")

        @Option(help: "Equilibrium method: \(EquilibriumMethod.allCases.map(\.rawValue).joined(separator: ", ")).")
        var method: String = "vertex-enumeration"

        @Option(help: "exact or floating-point.")
        var arithmetic: String = "exact"

        @OptionGroup var options: TimingOptions

        @Argument(help: "Game files (.nfg or .json).")
        var files: [String]

        func validate() throws {
            guard EquilibriumMethod(rawValue: method) != nil else {
                throw ValidationError("unknown --method '\(method)'; one of \(EquilibriumMethod.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard Arithmetic(rawValue: arithmetic) != nil else {
                throw ValidationError("unknown --arithmetic '\(arithmetic)'; exact or floating-point")
            }
        }

        func run() throws {
            openblas_set_num_threads(Int32(options.blasThreads))
            let method = EquilibriumMethod(rawValue: method)!
            let arithmetic = Arithmetic(rawValue: arithmetic)!
            for path in files {
                var record: [String: JSONValue] = [
                    "tool": .string("detente"), "game": .string(baseName(path)),
                    "method": .string(method.rawValue), "arithmetic": .string(arithmetic.rawValue),
                    "blas_threads": .int(options.blasThreads),
                ]
                do {
                    var game = try readGame(atPath: path)
                    if arithmetic == .floatingPoint { game = game.floatingPoint }
                    let result = try timeCase(options) {
                        try solveEquilibria(game, method: method, arithmetic: arithmetic)
                    }
                    record["times"] = .array(result.times.map(JSONValue.number))
                    record["best"] = .number(result.times.min()!)
                    record["warmup"] = .number(result.warmup)
                    record["equilibria"] = .int(result.value.equilibria.count)
                    record["max_regret"] = .number(result.value.maximumRegret)
                    record["complete"] = .bool(result.value.isComplete)
                    record["error"] = .null
                } catch {
                    record["error"] = .string("\(error)")
                }
                emit(record)
            }
        }
    }

    struct Read: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time parsing game files (bytes already in memory).",
            discussion: "Example: detente-timing read Games/lh_200x200_0.nfg Games/lh_200x200_0.json")

        @OptionGroup var options: TimingOptions

        @Argument(help: "Game files (.nfg or .json).")
        var files: [String]

        func run() throws {
            for path in files {
                var record: [String: JSONValue] = ["tool": .string("detente"), "game": .string(baseName(path)),
                                                   "method": .string("read"), "file": .string(path)]
                do {
                    guard let format = GameFileFormat(path: path) else {
                        throw ValidationError("\(path): not a .nfg or .json file")
                    }
                    let bytes = try readFileBytes(atPath: path)
                    let result = try timeCase(options) { try format.read(bytes, path: path) }
                    record["times"] = .array(result.times.map(JSONValue.number))
                    record["best"] = .number(result.times.min()!)
                    record["bytes"] = .int(bytes.count)
                    record["error"] = .null
                } catch {
                    record["error"] = .string("\(error)")
                }
                emit(record)
            }
        }
    }
}

extension DetenteTiming {
    struct LinearAlgebraTimings: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "linalg",
            abstract: "Time n×n products (multiply, Swift loop, cblas_dgemm) and solves (LAPACK, solveSmall).",
            discussion: "Example: detente-timing linalg --sizes 2,4,8,16,32,64 --blas-threads 1")

        @Option(help: "Comma-separated matrix sizes.")
        var sizes: String = "2,3,4,6,8,12,16,24,32,48,64"

        @Option(help: "Comma-separated sizes at which only cblas_dgemm and LAPACK solve are timed (thread comparison).")
        var largeSizes: String = ""

        @OptionGroup var options: TimingOptions

        /// Best over `options.repeats` batches of the per-call time, each batch ≥ about 2 ms.
        func perCall(_ body: () throws -> Void) rethrows -> Double {
            var calls = 1
            while true {
                let (t, _) = try seconds { for _ in 0..<calls { try body() } }
                if t >= 2e-3 || calls >= 1 << 24 { break }
                calls *= 2
            }
            var best = Double.infinity
            for _ in 0..<max(options.repeats, 3) {
                let (t, _) = try seconds { for _ in 0..<calls { try body() } }
                best = min(best, t / Double(calls))
            }
            return best
        }

        func parse(_ list: String) throws -> [Int] {
            try list.split(separator: ",").map { item in
                guard let n = Int(item), n >= 1 else {
                    throw ValidationError("bad size '\(item)' in '\(list)'")
                }
                return n
            }
        }

        func run() throws {
            setBenchmarkBLASThreads(options.blasThreads)
            var sink = 0.0
            for (n, full) in try parse(sizes).map({ ($0, true) }) + parse(largeSizes).map({ ($0, false) }) {
                let a = benchMatrix(n, seed: 1), b = benchMatrix(n, seed: 2)
                var c = [Double](repeating: 0, count: n * n)
                var record: [String: JSONValue] = ["tool": .string("detente"), "method": .string("linalg"),
                                                   "n": .int(n), "blas_threads": .int(options.blasThreads)]
                record["cblas_dgemm"] = .number(perCall { cblasProduct(a, b, into: &c); sink += c[0] })
                let rhs = (0..<n).map { Double($0 + 1) }
                record["lapack_solve"] = .number(try perCall { sink += try solve(a, rhs)[0] })
                if full {
                    record["multiply"] = .number(try perCall { sink += try multiply(a, b)[0, 0] })
                    record["swift_loop"] = .number(perCall { loopProduct(a, b, into: &c); sink += c[0] })
                    let rowMajor = a.rowArrays.flatMap { $0 }
                    record["solve_small"] = .number(try perCall { sink += try solveSmall(rowMajor, rhs)[0] })
                }
                emit(record)
            }
            if sink.isNaN { print("") }  // keeps the results observable to the optimiser
        }
    }
}
