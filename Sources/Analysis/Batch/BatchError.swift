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
    /// Jobs that threw; every other job ran to completion and is marked finished.
    case jobsFailed([String: String])

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
        case let .jobsFailed(m):
            return "\(m.count) job(s) failed:\n" + m.keys.sorted().map { "  \($0): \(m[$0]!)" }.joined(separator: "\n")
        }
    }
}
