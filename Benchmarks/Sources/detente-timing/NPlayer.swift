// `detente-timing nplayer`: solveNPlayer (logit QRE path, global Newton) on N-player games,
// against pygambit logit_solve / gnm_solve / simpdiv_solve. `--method simpdiv --start centroid`
// times `SimplicialSubdivision` from the centroid, pygambit simpdiv_solve's start in the peers' run.
import ArgumentParser
import CBLASBench
import Detente

extension DetenteTiming {
    struct NPlayer: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "nplayer",
            abstract: "Time solveNPlayer on game files.",
            discussion: "Example: detente-timing nplayer --method logit Games/unanimity3.nfg")

        @Option(help: "N-player method: \(NPlayerMethod.allCases.map(\.rawValue).joined(separator: ", ")).")
        var method: String = "logit"

        @Flag(help: "Also enumerate the pure equilibria (solveNPlayer's default); off by default, as the peers' path methods do not.")
        var includePure = false

        @Option(help: "With --method simpdiv: start from 'first' (every player's first action, solveNPlayer's choice) or 'centroid' (uniform mixing, pygambit's start in the peers' run).")
        var start: String = "first"

        @Option(help: "Regret tolerance (solveNPlayer's default 1e-9).")
        var tolerance: Double = 1e-9

        @OptionGroup var options: TimingOptions

        @Argument(help: "Game files (.nfg or .json).")
        var files: [String]

        func validate() throws {
            guard NPlayerMethod(rawValue: method) != nil else {
                throw ValidationError("unknown --method '\(method)'; one of \(NPlayerMethod.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard start == "first" || start == "centroid" else {
                throw ValidationError("--start must be 'first' or 'centroid', got '\(start)'")
            }
            guard start == "first" || method == NPlayerMethod.simplicialSubdivision.rawValue else {
                throw ValidationError("--start applies to --method simpdiv")
            }
        }

        func run() throws {
            openblas_set_num_threads(Int32(options.blasThreads))
            let method = NPlayerMethod(rawValue: method)!
            for path in files {
                var record: [String: JSONValue] = [
                    "tool": .string("detente"), "game": .string(baseName(path)),
                    "method": .string(method.rawValue), "include_pure": .bool(includePure),
                    "start": .string(start), "tolerance": .number(tolerance),
                ]
                do {
                    let game = try readGame(atPath: path)
                    let centroid = game.shape.map { n in [Rational](repeating: Rational(1, n), count: n) }
                    let result = try timeCase(options) {
                        if start == "centroid" {
                            return try SimplicialSubdivision(tolerance: tolerance, start: centroid).solve(game).report
                        }
                        return try solveNPlayer(game, method: method, tolerance: tolerance, includePureEquilibria: includePure)
                    }
                    record["times"] = .array(result.times.map(JSONValue.number))
                    record["best"] = .number(result.times.min()!)
                    record["warmup"] = .number(result.warmup)
                    record["equilibria"] = .int(result.value.equilibria.count)
                    record["max_regret"] = .number(result.value.maximumRegret)
                    record["error"] = .null
                } catch {
                    record["error"] = .string("\(error)")
                }
                emit(record)
            }
        }
    }
}
