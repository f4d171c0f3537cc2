/// One file a batch job produces: a path relative to the output directory and its bytes.
public struct BatchOutputFile: Sendable, Equatable {
    public var path: String
    public var bytes: [UInt8]
    public init(path: String, bytes: [UInt8]) { self.path = path; self.bytes = bytes }
    public init(path: String, text: String) { self.init(path: path, bytes: Array(text.utf8)) }
}

/// A named unit of batch work that produces a set of files.
///
/// `produce` must be deterministic (same files, same bytes, on every run) and must not write
/// anything itself: the runner writes the files atomically and then marks the job finished,
/// so `resume` can skip it. `estimatedCost` (any positive unit, e.g. expected model
/// evaluations) balances shards and weights the progress display.
public struct BatchJob: Sendable {
    /// Unique within the plan: letters, digits, `.`, `_`, `-`, and `/` between components.
    public var name: String
    public var estimatedCost: Double
    public var produce: @Sendable () throws -> [BatchOutputFile]

    public init(name: String, estimatedCost: Double = 1, produce: @escaping @Sendable () throws -> [BatchOutputFile]) {
        self.name = name
        self.estimatedCost = estimatedCost
        self.produce = produce
    }
}

/// The jobs of a batch, in plan order.
public struct BatchPlan: Sendable {
    public var jobs: [BatchJob]
    public init(jobs: [BatchJob]) { self.jobs = jobs }

    /// Throws for an empty plan, a duplicate name, or a name that is not a safe relative path.
    public func validate() throws {
        guard !jobs.isEmpty else { throw BatchError.emptyPlan }
        var seen = Set<String>()
        for j in jobs {
            try validateRelativePath(j.name, job: j.name, isJobName: true)
            guard seen.insert(j.name).inserted else { throw BatchError.duplicateJob(j.name) }
        }
    }

    /// The jobs of `shard` (all jobs when nil), in plan order.
    public func jobs(in shard: Shard?) -> [BatchJob] {
        guard let shard else { return jobs }
        let a = Shard.assignment(names: jobs.map(\.name), costs: jobs.map(\.estimatedCost), count: shard.count)
        return a[shard.index - 1].map { jobs[$0] }
    }
}

func validateRelativePath(_ path: String, job: String, isJobName: Bool) throws {
    func fail(_ reason: String) -> BatchError {
        isJobName ? .invalidJobName(path, reason: reason) : .fileOutsideOutput(job: job, path: path)
    }
    guard !path.isEmpty, !path.hasPrefix("/") else { throw fail("must be a non-empty relative path") }
    for component in path.split(separator: "/", omittingEmptySubsequences: false) {
        guard !component.isEmpty, component != ".", component != ".." else {
            throw fail("components must be non-empty and not '.' or '..'")
        }
        if isJobName {
            guard component.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) else {
                throw fail("use only letters, digits, '.', '_', '-' (and '/' between components)")
            }
        }
        if component.hasPrefix(".detente") || component.contains(AtomicFile.marker) {
            throw fail("names beginning with '.detente' are reserved")
        }
    }
}
