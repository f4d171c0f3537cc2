/// One file a batch job produces: a path relative to the output directory and its bytes.
public struct BatchOutputFile: Sendable, Equatable {
    public var path: String
    public var bytes: [UInt8]
    public init(path: String, bytes: [UInt8]) { self.path = path; self.bytes = bytes }
    public init(path: String, text: String) { self.init(path: path, bytes: Array(text.utf8)) }
}

/// A named unit of batch work that produces a set of files.
///
/// A plain job's `produce` must be deterministic (same files, same bytes, on every run) and
/// must not write anything itself: the runner writes the files atomically and then marks the
/// job finished, so `resume` can skip it. `estimatedCost` (any positive unit, e.g. expected
/// model evaluations) balances shards and weights the progress display.
///
/// An assembly job (`assembly` set, made with `init(name:estimatedCost:assembly:)`) has no
/// `produce` of its own: it runs after its dependencies and builds its files from theirs with
/// an assembler of the plan (`BatchAssembly`).
public struct BatchJob: Sendable {
    /// Unique within the plan: letters, digits, `.`, `_`, `-`, and `/` between components.
    public var name: String
    public var estimatedCost: Double
    public var produce: @Sendable () throws -> [BatchOutputFile]
    /// Set for an assembly job.
    public var assembly: BatchAssembly?

    public init(name: String, estimatedCost: Double = 1, produce: @escaping @Sendable () throws -> [BatchOutputFile]) {
        self.name = name
        self.estimatedCost = estimatedCost
        self.produce = produce
        self.assembly = nil
    }

    /// An assembly job: its files are built by the plan's assembler `assembly.assembler` from
    /// the files of `assembly.dependencies`, after those have finished.
    public init(name: String, estimatedCost: Double = 1, assembly: BatchAssembly) {
        self.name = name
        self.estimatedCost = estimatedCost
        self.assembly = assembly
        self.produce = { [name] in
            throw BatchError.io(path: name, operation: "produce", reason: "an assembly job runs through its plan's assembler, after its dependencies")
        }
    }
}

/// The jobs of a batch, in plan order, and the assemblers its assembly jobs name.
public struct BatchPlan: Sendable {
    public var jobs: [BatchJob]
    /// Assemblers by name (`BatchAssembly.assembler`).
    public var assemblers: [String: BatchAssembler]

    public init(jobs: [BatchJob], assemblers: [String: BatchAssembler] = [:]) {
        self.jobs = jobs
        self.assemblers = assemblers
    }

    /// Throws for an empty plan, a duplicate name, a name that is not a safe relative path, an
    /// assembly job whose assembler the plan lacks, or whose dependency is not a plain job of
    /// the plan.
    public func validate() throws {
        guard !jobs.isEmpty else { throw BatchError.emptyPlan }
        var seen = Set<String>()
        for j in jobs {
            try validateRelativePath(j.name, job: j.name, isJobName: true)
            guard seen.insert(j.name).inserted else { throw BatchError.duplicateJob(j.name) }
        }
        let plain = Set(jobs.filter { $0.assembly == nil }.map(\.name))
        for j in jobs {
            guard let a = j.assembly else { continue }
            guard assemblers[a.assembler] != nil else {
                throw BatchError.invalidAssembly(job: j.name, reason: "the plan has no assembler '\(a.assembler)'")
            }
            var deps = Set<String>()
            for d in a.dependencies {
                guard plain.contains(d) else {
                    throw BatchError.invalidAssembly(job: j.name, reason: "dependency '\(d)' is not a plain job of the plan")
                }
                guard deps.insert(d).inserted else {
                    throw BatchError.invalidAssembly(job: j.name, reason: "dependency '\(d)' is listed twice")
                }
            }
        }
    }

    /// The jobs of `shard` (all jobs when nil), in plan order. A shard gets plain jobs only:
    /// assembly jobs run in `detente merge`, once every shard's files are together.
    public func jobs(in shard: Shard?) -> [BatchJob] {
        guard let shard else { return jobs }
        let plain = jobs.filter { $0.assembly == nil }
        let a = Shard.assignment(names: plain.map(\.name), costs: plain.map(\.estimatedCost), count: shard.count)
        return a[shard.index - 1].map { plain[$0] }
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
