import ArgumentParser
import Detente
import Foundation

/// `detente slurm`: writes the sbatch job-array script of a batch spec.
struct SlurmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Write a Slurm job-array script in which task K runs `detente batch SPEC --shard K/N`.",
        discussion: """
        Each task writes into OUTPUT/shard-K with --resume, so a failed task can be resubmitted \
        alone (sbatch --array=3). When all tasks finish, `detente merge OUTPUT` combines them. \
        The spec is checked first: a spec with errors writes no script. OUTPUT/logs is created \
        (Slurm opens the task logs there before the script starts).

        Examples:
          detente slurm study.yaml --tasks 8 > study.sbatch
          detente slurm study.yaml --tasks 8 --partition short --time 01:00:00 --cpus-per-task 4 --output results
        """
    )

    @Argument(help: ArgumentHelp("The batch spec (.yaml) or models directory, e.g. study.yaml.", valueName: "spec"))
    var spec: String

    @Option(help: ArgumentHelp("Number of array tasks (shards), e.g. --tasks 8.", valueName: "n"))
    var tasks: Int

    @Option(help: ArgumentHelp("Slurm partition, e.g. --partition short.", valueName: "name"))
    var partition: String?

    @Option(help: ArgumentHelp("Time limit per task, e.g. --time 01:00:00.", valueName: "time"))
    var time: String?

    @Option(help: ArgumentHelp("CPUs per task (the batch's --jobs), e.g. --cpus-per-task 4.", valueName: "n"))
    var cpusPerTask: Int = 1

    @Option(name: .shortAndLong, help: ArgumentHelp("Output directory of the shards (default: the spec's 'output', else out), e.g. --output results.", valueName: "dir"))
    var output: String?

    @Option(help: ArgumentHelp("Write the script to this file instead of standard output, e.g. --script study.sbatch.", valueName: "path"))
    var script: String?

    func run() throws {
        do {
            let (_, outputDir) = try loadBatch(input: spec, output: output, sizes: .standard)
            let s = try SlurmArrayScript(spec: spec, tasks: tasks, outputDirectory: outputDir, partition: partition,
                                         timeLimit: time, cpusPerTask: cpusPerTask)
            // Slurm opens the log files before the script runs: their directory must exist.
            try s.createLogDirectory()
            if let script { try AtomicFile.write(Array(s.text.utf8), to: script) } else { FileHandle.standardOutput.write(Data(s.text.utf8)) }
        } catch let e as BatchSpecDiagnostic {
            printError(e.description)
            throw ExitCode.failure
        } catch {
            printError("detente slurm: \(error)")
            throw ExitCode.failure
        }
    }
}
