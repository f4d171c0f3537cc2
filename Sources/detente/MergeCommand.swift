import ArgumentParser
import Detente
import Foundation

/// `detente merge`: combines the shard directories of a batch into the files of a single run.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the shard outputs (DIR/shard-K) of a sharded batch into one output directory.",
        discussion: """
        The merged files are byte-identical to those of a single-machine run of the same spec. \
        Missing or unfinished shards are reported by number, to resubmit (sbatch --array=3,7).

        Examples:
          detente merge results
          detente merge results --output merged
        """
    )

    @Argument(help: ArgumentHelp("Directory holding the shard directories shard-1, shard-2, ..., e.g. results.", valueName: "dir"))
    var directory: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Where the merged files go (default: DIR itself), e.g. --output merged.", valueName: "dir"))
    var output: String?

    @Option(help: ArgumentHelp("Expected number of shards (default: from the shard manifests), e.g. --tasks 4.", valueName: "n"))
    var tasks: Int?

    func run() throws {
        do {
            let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            let shards = names.filter { $0.hasPrefix("shard-") }.sorted().map { (directory as NSString).appendingPathComponent($0) }
            guard !shards.isEmpty else {
                printError("\(directory): no shard directories (shard-K) to merge")
                throw ExitCode.failure
            }
            let files = try ShardMerger.merge(shardDirectories: shards, count: tasks, into: output ?? directory,
                                              assemblers: BatchNotebook.assemblers)
            printError("detente merge: \(files.count) file(s) from \(shards.count) shard(s) into \(output ?? directory)")
        } catch let e as ExitCode {
            throw e
        } catch {
            printError("detente merge: \(error)")
            throw ExitCode.failure
        }
    }
}
