// `detente-timing lemke-howson-one`: one Lemke–Howson path in floating point, the like-for-like
// counterpart of pygambit `lcp_solve(stop_after=1, rational=False)` and quantecon
// `lemke_howson(init_pivot=0)`.
import ArgumentParser
import CBLASBench
import Detente

extension DetenteTiming {
    struct LemkeHowsonOne: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lemke-howson-one",
            abstract: "Time LemkeHowson().solveOneFloatingPoint on game files.",
            discussion: """
                --label K follows the path that drops label K (0 = the row player's first action, \
                as the peers' label 0); --label lockstep runs labels 0…3 in turn and stops at the \
                first path that ends. --payoffs exact keeps the file's rational payoffs, so the \
                final basis is re-solved and verified exactly; --payoffs floating-point converts \
                the game first (verification by floating-point regret, as the peers do).
                Example: detente-timing lemke-howson-one --label 0 Games/lh_100x100_0.nfg
                """)

        @Option(help: "Missing label (0…m+n−1) or 'lockstep'.")
        var label: String = "0"

        @Option(help: "exact (verify the final basis exactly) or floating-point.")
        var payoffs: String = "exact"

        @OptionGroup var options: TimingOptions

        @Argument(help: "Game files (.nfg or .json).")
        var files: [String]

        func validate() throws {
            guard label == "lockstep" || (Int(label).map { $0 >= 0 } ?? false) else {
                throw ValidationError("--label must be a non-negative integer or 'lockstep', got '\(label)'")
            }
            guard payoffs == "exact" || payoffs == "floating-point" else {
                throw ValidationError("--payoffs must be exact or floating-point, got '\(payoffs)'")
            }
        }

        func run() throws {
            openblas_set_num_threads(Int32(options.blasThreads))
            let missing = Int(label)
            for path in files {
                var record: [String: JSONValue] = [
                    "tool": .string("detente"), "game": .string(baseName(path)),
                    "method": .string("lemke-howson-one"), "label": .string(label),
                    "payoffs": .string(payoffs), "blas_threads": .int(options.blasThreads),
                ]
                do {
                    var game = try readGame(atPath: path)
                    if payoffs == "floating-point" { game = game.floatingPoint }
                    let result = try timeCase(options) {
                        try LemkeHowson().solveOneFloatingPoint(game, missingLabel: missing)
                    }
                    record["times"] = .array(result.times.map(JSONValue.number))
                    record["best"] = .number(result.times.min()!)
                    record["warmup"] = .number(result.warmup)
                    record["equilibria"] = .int(result.value.equilibria.count)
                    record["max_regret"] = .number(result.value.maximumRegret)
                    record["scope"] = .string(result.value.scope)
                    record["error"] = result.value.equilibria.isEmpty
                        ? .string("no equilibrium: \(result.value.notes.joined(separator: "; "))") : .null
                } catch {
                    record["error"] = .string("\(error)")
                }
                emit(record)
            }
        }
    }
}
