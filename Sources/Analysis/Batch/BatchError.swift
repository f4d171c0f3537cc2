/// Errors of a batch run. Configuration errors are raised before any job starts.
public enum BatchError: Error, Equatable, CustomStringConvertible, Sendable {
    case emptyPlan
    case duplicateJob(String)
    case invalidJobName(String, reason: String)
    case invalidJobCount(Int)
    case invalidShard(String, reason: String)
    case outputNotWritable(path: String, reason: String)
    /// Another run holds the lock on the output directory.
    case locked(path: String)
    case fileOutsideOutput(job: String, path: String)
    case io(path: String, operation: String, reason: String)
    /// Shards that never ran (no manifest) or did not finish (jobs without a marker), by
    /// number; resubmit them, e.g. `sbatch --array=3,7`.
    case shardsIncomplete(count: Int, missing: [Int], incomplete: [Int: [String]])
    /// Shard directories that disagree (different shard counts, a shard number twice...).
    case inconsistentShards(String)
    /// A value that cannot be written into a Slurm job-array script.
    case invalidSlurmScript(String)
    /// Jobs that threw; every other job ran to completion and is marked finished.
    case jobsFailed([String: String])
    /// An assembly job the plan (or `detente merge`) cannot run: unknown assembler, or a
    /// dependency that is not a plain job.
    case invalidAssembly(job: String, reason: String)

    public var description: String {
        switch self {
        case .emptyPlan: return "the batch plan has no jobs"
        case let .duplicateJob(n): return "job '\(n)' appears twice in the batch plan"
        case let .invalidJobName(n, r): return "invalid job name '\(n)': \(r)"
        case let .invalidJobCount(n): return "--jobs must be at least 1, got \(n)"
        case let .invalidShard(s, r): return "invalid shard '\(s)': \(r)"
        case let .outputNotWritable(p, r): return "\(p): output directory is not writable: \(r)"
        case let .locked(p): return "\(p): another detente run is writing into this directory (lock held on \(p)/.detente/lock)"
        case let .fileOutsideOutput(j, p): return "job '\(j)' tried to write '\(p)', which is not a relative path inside the output directory"
        case let .io(p, op, r): return "\(p): \(op) failed: \(r)"
        case let .shardsIncomplete(n, missing, incomplete):
            let bad = (missing + incomplete.keys).sorted()
            var text = "\(bad.count) of \(n) shards are missing or incomplete; resubmit with --array=\(bad.map(String.init).joined(separator: ","))"
            if !missing.isEmpty { text += "\n  never ran: " + missing.map(String.init).joined(separator: ", ") }
            for k in incomplete.keys.sorted() {
                let jobs = incomplete[k]!
                text += "\n  shard \(k): \(jobs.count) unfinished job(s): " + jobs.prefix(5).joined(separator: ", ") + (jobs.count > 5 ? ", ..." : "")
            }
            return text
        case let .inconsistentShards(d): return "inconsistent shard directories: \(d)"
        case let .invalidSlurmScript(r): return "cannot write the Slurm script: \(r)"
        case let .invalidAssembly(j, r): return "assembly job '\(j)': \(r)"
        case let .jobsFailed(m):
            return "\(m.count) job(s) failed:\n" + m.keys.sorted().map { "  \($0): \(m[$0]!)" }.joined(separator: "\n")
        }
    }
}
