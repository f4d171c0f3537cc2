// `detente-timing repeated` (Abreu–Sannikov SPE payoff sets, against quantecon
// `RepeatedGame.equilibrium_payoffs(method='AS')`) and `detente-timing tournament` (payoff
// matrix of a round robin among noisy automata).
import ArgumentParser
import BenchSupport
import CBLASBench
import Detente

extension DetenteTiming {
    struct RepeatedTiming: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "repeated",
            abstract: "Time AbreuSannikov().solve on a stage game at one discount factor.",
            discussion: """
                Prints the vertices so that the runner can compare them with QuantEcon's.
                Example: detente-timing repeated --delta 9/10 Games/repeated/pd_qe.json
                """)

        @Option(help: "Common discount factor, a decimal or a fraction (e.g. 9/10).")
        var delta: String

        @Option(help: "Hausdorff tolerance of the iteration (QuantEcon's default tol is 1e-12).")
        var tolerance: Double = 1e-12

        @Flag(inversion: .prefixedNo, help: "Check the converged polygon in exact arithmetic (games with exact payoffs).")
        var exactCheck = true

        @OptionGroup var options: TimingOptions

        @Argument(help: "Stage-game files (.nfg or .json).")
        var files: [String]

        func validate() throws {
            guard let d = Rational(parsing: delta), d > .zero, d < .one else {
                throw ValidationError("--delta must be a number in (0, 1), got '\(delta)'")
            }
        }

        func run() throws {
            openblas_set_num_threads(Int32(options.blasThreads))
            let d = Rational(parsing: delta)!
            let solver = AbreuSannikov(tolerance: tolerance, exactCheck: exactCheck)
            for path in files {
                var record: [String: JSONValue] = [
                    "tool": .string("detente"), "game": .string(baseName(path)), "method": .string("abreu-sannikov"),
                    "delta": .string(delta), "exact_check": .bool(exactCheck), "tolerance": .number(tolerance),
                ]
                do {
                    let game = try readGame(atPath: path)
                    let result = try timeCase(options) { try solver.solve(game, delta: d) }
                    let set = result.value
                    record["times"] = .array(result.times.map(JSONValue.number))
                    record["best"] = .number(result.times.min()!)
                    record["warmup"] = .number(result.warmup)
                    record["vertices"] = .array(set.vertices.map { .array([.number($0.x), .number($0.y)]) })
                    record["exact"] = .bool(set.exactVertices != nil)
                    record["iterations"] = .int(set.iterations)
                    record["converged"] = .bool(set.converged)
                    record["error"] = .null
                } catch {
                    record["error"] = .string("\(error)")
                }
                emit(record)
            }
        }
    }

    struct TournamentTiming: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tournament",
            abstract: "Time the payoff matrix of a round-robin tournament among noisy automata.",
            discussion: """
                The automata are ALLC, ALLD, GRIM, TFT, WSLS and seeded random Moore machines of \
                1–4 states (BenchSupport.tournamentAutomata) in the prisoner's dilemma (3, 0, 5, 1).
                Example: detente-timing tournament --automata 100 --noise 0.01 --delta 0.95
                """)

        @Option(help: "Number of automata.")
        var automata: Int = 100

        @Option(help: "Implementation-error probability ε.")
        var noise: Double = 0.01

        @Option(help: "Discount factor.")
        var delta: Double = 0.95

        @OptionGroup var options: TimingOptions

        func validate() throws {
            guard automata >= 1 else { throw ValidationError("--automata must be at least 1, got \(automata)") }
        }

        func run() throws {
            openblas_set_num_threads(Int32(options.blasThreads))
            var record: [String: JSONValue] = [
                "tool": .string("detente"), "method": .string("tournament"), "automata": .int(automata),
                "noise": .number(noise), "delta": .number(delta),
            ]
            do {
                let machines = try tournamentAutomata(count: automata)
                let game = try tournamentStageGame()
                let result = try timeCase(options) {
                    try Tournament(machines, game: game, delta: delta, noise: noise)
                }
                // Spot check outside the timed region: entry (TFT, WSLS) against a fresh solve.
                let (i, j) = (min(3, automata - 1), min(4, automata - 1))
                let direct: [Double] = try discountedPayoffs(machines[i], machines[j], in: game, delta: delta, noise: noise)
                record["times"] = .array(result.times.map(JSONValue.number))
                record["best"] = .number(result.times.min()!)
                record["warmup"] = .number(result.warmup)
                record["matches"] = .int(automata * (automata + 1) / 2)
                record["state_pairs_max"] = .int(machines.map(\.stateCount).max()! * machines.map(\.stateCount).max()!)
                record["spot_check_difference"] = .number(abs(direct[0] - result.value.payoffs[i][j]))
                record["error"] = .null
            } catch {
                record["error"] = .string("\(error)")
            }
            emit(record)
        }
    }
}
