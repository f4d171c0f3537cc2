import ArgumentParser
import Detente
import Foundation

/// `detente sweep`: one model over a grid or sample of parameter values.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Sweep a model over parameter ranges: regime, critical discount factors and payoffs at every point.",
        discussion: """
        Writes OUTPUT/STEM/SCENARIO/sweep.csv (one row per point: the varied parameters, the \
        regime, critical_delta/DOMAIN alone, linked_delta, joint_payoff, payoff/PLAYER, \
        cooperating_domains, equilibria/DOMAIN; share/STATE for models with states; \
        negotiation/PLAYER and negotiated_in_scope/DOMAIN for models with a negotiation \
        section), the same as JSON and Markdown, and for a grid \
        over two parameters the regime map sweep.svg. A critical δ of 1 means not sustainable \
        for any δ < 1. Files record the model hash, scenario, ranges, seed and Detente version.

        Examples:
          detente sweep Models/relative-gains.yaml --vary k=0:10:101
          detente sweep Models/us-china-technology.yaml --vary k=0:3:201 --vary m=0:5:201 --output out/sweeps
          detente sweep Models/security-dilemma.yaml --vary o=-3:5 --vary x=0:20 --design lhs --samples 5000 --seed 7
        """
    )

    @Argument(help: ArgumentHelp("The model file (.yaml), e.g. Models/relative-gains.yaml.", valueName: "model"))
    var model: String

    @Option(name: .customLong("vary"), help: ArgumentHelp("A parameter range NAME=LOW:HIGH[:STEPS] (repeat for several), e.g. --vary k=0:3:61.", valueName: "range"))
    var vary: [String] = []

    @Option(help: ArgumentHelp("Design: grid, random, lhs or sobol (e.g. --design lhs).", valueName: "design"))
    var design: DesignChoice = .grid

    @Option(help: ArgumentHelp("Points of a random, lhs or sobol design, e.g. --samples 10000.", valueName: "n"))
    var samples: Int?

    @Option(help: ArgumentHelp("Seed of random designs (recorded in every file), e.g. --seed 7.", valueName: "seed"))
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Scenario of the model (default: baseline), e.g. --scenario realist.", valueName: "name"))
    var scenario: String = "baseline"

    @Option(name: .shortAndLong, help: ArgumentHelp("Output directory (default: out), e.g. --output sweeps.", valueName: "dir"))
    var output: String = "out"

    @Option(help: ArgumentHelp("Formats, comma-separated: csv, json, markdown, latex, svg (default: csv,json,markdown,svg), e.g. --format csv,svg.", valueName: "list"))
    var format: String = "csv,json,markdown,svg"

    @Option(name: .shortAndLong, help: ArgumentHelp("Worker threads (default: the number of cores), e.g. --jobs 2.", valueName: "n"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Measure: evaluate the sweep, print points per second to standard error and write no files.")
    var benchmark = false

    func validate() throws {
        guard !vary.isEmpty else { throw ValidationError("give at least one --vary NAME=LOW:HIGH[:STEPS]") }
        if design != .grid && samples == nil { throw ValidationError("--design \(design.rawValue) needs --samples N") }
        if let samples, samples < 1 { throw ValidationError("--samples must be at least 1, got \(samples)") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
    }

    func run() throws {
        do {
            let policy: PolicyModel
            do { policy = try loadModel(path: model) } catch {
                printError(error.diagnostics.map(\.description).joined(separator: "\n"))
                throw ExitCode.failure
            }
            let compiled = try PolicyAnalysisModel(model: policy, scenario: scenario)
            let ranges = try vary.map { try parseRange($0, model: compiled) }
            var formats = Set<BatchOutputFormat>()
            for f in format.split(separator: ",") {
                guard let v = BatchOutputFormat(rawValue: String(f)), v != .notebook else {
                    throw ValidationError(unknownNameMessage(String(f), known: ["csv", "json", "markdown", "latex", "svg"], kind: "format"))
                }
                formats.insert(v)
            }
            let d: SamplingDesign?
            switch design {
            case .grid: d = nil
            case .random: d = .random(samples: samples!)
            case .lhs: d = .latinHypercube(samples: samples!)
            case .sobol: d = .sobol(samples: samples!)
            }
            let request = AnalysisRequest(name: "sweep", kind: .sweep(varying: ranges, design: d))
            _ = try request.validate(against: compiled)
            if benchmark {
                let specs = try ranges.map { try AnalysisRequest.resolve($0, in: compiled) }
                let clock = ContinuousClock()
                var points = 0
                let elapsed = try clock.measure {
                    let r = try Analysis.sweep(compiled, parameters: specs, design: d ?? .grid(steps: ranges.map { $0.steps ?? 11 }),
                                               seed: seed, evaluator: ParallelEvaluator(workers: jobs, chunkSize: 4096))
                    points = r.outputs.count
                }
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                printError("detente sweep --benchmark: \(points) points in \(String(format: "%.3f", seconds)) s with \(jobs) worker(s): \(String(format: "%.0f", Double(points) / seconds)) points/s (design generation included)")
                return
            }
            let bytes = FileManager.default.contents(atPath: model).map { [UInt8]($0) } ?? []
            let stem = ((model as NSString).lastPathComponent as NSString).deletingPathExtension
            let target = BatchTarget(model: model, stem: stem, modelHash: Provenance.contentHash(of: bytes), scenario: scenario,
                                     compiled: compiled, analyses: [request])
            let spec = BatchSpec(path: model, seed: seed, formats: formats, outputDirectory: output, targets: [target])
            let plan = try spec.plan(detenteVersion: detenteVersion, workersPerJob: jobs)
            _ = try BatchRunner(options: BatchOptions(outputDirectory: output, jobs: 1, progress: .none)).run(plan)
            printError("detente sweep: \(output)/\(stem)/\(scenario)/sweep.*")
        } catch let e as ExitCode {
            throw e
        } catch let e as ValidationError {
            printError("\(model): \(e.message)")
            throw ExitCode.validationFailure
        } catch {
            printError("\(model): \(error)")
            throw ExitCode.failure
        }
    }

    /// `NAME=LOW:HIGH[:STEPS]`.
    func parseRange(_ text: String, model: PolicyAnalysisModel) throws -> ParameterRange {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw ValidationError("--vary \(text): expected NAME=LOW:HIGH[:STEPS]") }
        guard model.parameterNames.contains(parts[0]) else {
            throw ValidationError("--vary \(text): " + unknownNameMessage(parts[0], known: model.parameterNames, kind: "parameter"))
        }
        let fields = parts[1].split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 2 || fields.count == 3, let low = Double(fields[0]), let high = Double(fields[1]), low.isFinite, high.isFinite else {
            throw ValidationError("--vary \(text): expected NAME=LOW:HIGH[:STEPS] with numbers")
        }
        guard low <= high else { throw ValidationError("--vary \(text): empty range, low \(fields[0]) > high \(fields[1])") }
        var steps: Int?
        if fields.count == 3 {
            guard let s = Int(fields[2]), s >= 1 else { throw ValidationError("--vary \(text): steps must be a positive integer, got '\(fields[2])'") }
            steps = s
        }
        return ParameterRange(parts[0], low: low, high: high, steps: steps)
    }
}

enum DesignChoice: String, ExpressibleByArgument, CaseIterable {
    case grid, random, lhs, sobol
}
