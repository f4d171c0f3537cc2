// `detente-timing nplayer`: solveNPlayer (logit QRE path, global Newton) on N-player games,
// against pygambit logit_solve / gnm_solve / simpdiv_solve.
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

        @OptionGroup var options: TimingOptions

        @Argument(help: "Game files (.nfg or .json).")
        var files: [String]

        func validate() throws {
            guard NPlayerMethod(rawValue: method) != nil else {
                throw ValidationError("unknown --method '\(method)'; one of \(NPlayerMethod.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() throws {
            openblas_set_num_threads(Int32(options.blasThreads))
            let method = NPlayerMethod(rawValue: method)!
            for path in files {
                var record: [String: JSONValue] = [
                    "tool": .string("detente"), "game": .string(baseName(path)),
                    "method": .string(method.rawValue), "include_pure": .bool(includePure),
                ]
                do {
                    let game = try readGame(atPath: path)
                    let result = try timeCase(options) {
                        try solveNPlayer(game, method: method, includePureEquilibria: includePure)
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
