import ArgumentParser
import Detente
import Foundation

/// `detente batch`: every model, scenario and analysis of a batch spec (or of a models
/// directory with the default analyses) into an output directory.
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Run the analyses of a batch spec, or of every model in a directory, into tables, figures and notebooks.",
        discussion: """
        With no argument, runs every model in Models/ at its baseline and every scenario with \
        the default analyses (tornado, regime map over the two most influential parameters, \
        regime thresholds, Sobol indices, comparative statics) into out/. A spec file \
        (YAML) lists models, scenarios, analyses and formats (docs/BATCH.md).
        Every file is written atomically; --resume skips jobs that finished; --shard K/N runs \
        a deterministic slice (for `detente slurm` and `detente merge`). Outputs are \
        byte-identical for any --jobs and across runs.

        Examples:
          detente batch
          detente batch Models --output out --jobs 2
          detente batch study.yaml --output results --resume
          detente batch study.yaml --shard 3/8 --output results/shard-3
        """
    )

    @Argument(help: ArgumentHelp("A batch spec (.yaml) or a directory of model files (default: Models), e.g. study.yaml.", valueName: "spec-or-dir"))
    var input: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Output directory (default: the spec's 'output', else out), e.g. --output results.", valueName: "dir"))
    var output: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Jobs run at once, one thread each (default: the number of cores), e.g. --jobs 2.", valueName: "n"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("Run only shard K of N (deterministic, balanced by estimated cost), e.g. --shard 2/4.", valueName: "K/N"))
    var shard: String?

    @Flag(help: "Skip jobs whose outputs are complete from an earlier run (e.g. after a crash).")
    var resume = false

    @Option(help: ArgumentHelp("Sizes of the default analyses for a models directory: standard or small (quick look), e.g. --sizes small.", valueName: "sizes"))
    var sizes: AnalysisSizes = .standard

    @Option(help: ArgumentHelp("Progress display on standard error: auto, bar, lines or none (e.g. --progress lines).", valueName: "style"))
    var progress: ProgressChoice = .auto

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        if let shard { do { _ = try Shard(parsing: shard) } catch { throw ValidationError("\(error)") } }
    }

    func run() throws {
        do {
            let (spec, outputDir) = try loadBatch(input: input, output: output, sizes: sizes)
            let plan = try spec.plan(detenteVersion: detenteVersion)
            let options = BatchOptions(outputDirectory: outputDir, jobs: jobs, shard: try shard.map { try Shard(parsing: $0) },
                                       resume: resume, progress: progress.style)
            let summary = try BatchRunner(options: options).run(plan)
            printError("detente batch: \(summary.ran.count) job(s) run, \(summary.skipped.count) skipped; output in \(outputDir)")
        } catch let e as BatchSpecDiagnostic {
            printError(e.description)
            throw ExitCode.failure
        } catch let e as ValidationError {
            throw e
        } catch {
            printError("detente batch: \(error)")
            throw ExitCode.failure
        }
    }
}

/// The batch spec of `input` (a spec file or a models directory) and the output directory.
func loadBatch(input: String?, output: String?, sizes: AnalysisSizes) throws -> (BatchSpec, String) {
    let path = input ?? "Models"
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw BatchSpecDiagnostic(path: path, line: 1, column: 1,
                                  message: input == nil ? "no Models/ directory here; give a batch spec or a models directory" : "no such file or directory")
    }
    if isDirectory.boolValue {
        let prefix = path.hasSuffix("/") ? String(path.dropLast()) : path
        let spec = try defaultBatchSpec(modelsDirectory: path, settings: sizes.settings, modelPathPrefix: prefix)
        return (spec, output ?? "out")
    }
    let spec = try readBatchSpec(path: path)
    return (spec, output ?? spec.outputDirectory ?? "out")
}

enum AnalysisSizes: String, ExpressibleByArgument, CaseIterable {
    case standard, small
    var settings: DefaultAnalysisSettings { self == .standard ? .standard : .small }
}

enum ProgressChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, bar, lines, none
    var style: ProgressStyle {
        switch self {
        case .auto: return .automatic
        case .bar: return .bar
        case .lines: return .lines
        case .none: return .none
        }
    }
}
