import Foundation
import LinearAlgebra
#if canImport(Glibc)
import Glibc
#endif

/// Options of a batch run.
public struct BatchOptions: Sendable {
    public var outputDirectory: String
    /// Jobs run at once (≥ 1); each job runs on one thread with one OpenBLAS thread.
    public var jobs: Int
    public var shard: Shard?
    /// Skip jobs whose completion marker and files are present.
    public var resume: Bool
    public var progress: ProgressStyle

    public init(outputDirectory: String, jobs: Int = 1, shard: Shard? = nil, resume: Bool = false,
                progress: ProgressStyle = .automatic) {
        self.outputDirectory = outputDirectory
        self.jobs = jobs
        self.shard = shard
        self.resume = resume
        self.progress = progress
    }
}

/// What a batch run did.
public struct BatchSummary: Sendable, Equatable {
    /// Jobs of this shard, in plan order.
    public var scheduled: [String]
    /// Jobs run now (sorted).
    public var ran: [String]
    /// Jobs skipped because they were finished (resume).
    public var skipped: [String]
    /// Stale temporary files of a killed earlier run that were removed.
    public var removedTemporaries: [String]
}

/// Runs a `BatchPlan` into an output directory: in parallel, atomically, resumably.
///
/// The output directory holds the jobs' files and a `.detente/` directory with `lock` and one
/// completion marker per finished job (`.detente/done/JOB.done`, listing its files and sizes).
/// A run:
/// 1. validates everything before any job starts (plan, `jobs`, shard, output directory
///    creatable and writable) and throws `BatchError` with the path and reason;
/// 2. takes an exclusive `flock` on `.detente/lock` (released by the kernel even when the
///    process is killed; a second run into the same directory fails with `.locked`);
/// 3. removes temporary files a killed run left behind;
/// 4. without `resume`, removes the markers of its jobs (everything is recomputed); with
///    `resume`, skips every job whose marker lists files that are all present with their sizes;
/// 5. for a shard, writes `.detente/shard` (its number, count and job names) so that
///    `ShardMerger` can tell a missing shard from an incomplete one, and the recipe of every
///    assembly job of the plan (`.detente/assemble/JOB.recipe`): a shard runs plain jobs only,
///    and `ShardMerger` runs the assembly jobs on the merged files;
/// 6. runs the remaining plain jobs on `jobs` worker threads; each job's files are written
///    with `AtomicFile.write`, then its marker (also atomically). A job that throws is reported
///    and its marker not written; the others continue, and the run throws `.jobsFailed` at the
///    end;
/// 7. then runs the assembly jobs (unsharded runs), which read their dependencies' finished
///    files through `BatchInputs`. With `resume` an assembly job is skipped only when its
///    marker is complete and none of its dependencies ran again; one whose dependency failed
///    fails too.
///
/// Killing the process at any instant therefore leaves only complete files, every job with a
/// marker complete, and `resume` finishes the rest; as jobs and assemblers are deterministic
/// the result is byte-identical to an uninterrupted run.
public struct BatchRunner: Sendable {
    public var options: BatchOptions

    public init(options: BatchOptions) { self.options = options }

    @discardableResult
    public func run(_ plan: BatchPlan) throws -> BatchSummary {
        try plan.validate()
        guard options.jobs >= 1 else { throw BatchError.invalidJobCount(options.jobs) }
        let out = (options.outputDirectory as NSString).standardizingPath
        try Self.prepareOutputDirectory(out)
        let lock = try DirectoryLock(directory: out)
        defer { lock.release() }

        setBLASThreadCount(1)
        let removed = AtomicFile.removeStaleTemporaries(under: out)
        let mine = plan.jobs(in: options.shard)
        if let shard = options.shard {
            try ShardManifest(shard: shard, jobs: mine.map(\.name)).write(to: out)
            // The assembly jobs run in `detente merge`: leave their recipes for it.
            for job in plan.jobs { if let a = job.assembly { try AtomicFile.write(a.record, to: BatchAssembly.recordPath(out, job.name)) } }
        }
        var todo = [BatchJob]()
        var assemblies = [BatchJob]()
        var skipped = [String]()
        for job in mine where job.assembly == nil {
            if options.resume, Self.isComplete(marker: Self.markerPath(out, job.name), output: out) {
                skipped.append(job.name)
            } else {
                try Self.removeMarker(out, job.name)
                todo.append(job)
            }
        }
        // An assembly job is finished only if none of its dependencies runs again now.
        let rerun = Set(todo.map(\.name))
        for job in mine {
            guard let a = job.assembly else { continue }
            if options.resume, !a.dependencies.contains(where: rerun.contains), Self.isComplete(marker: Self.markerPath(out, job.name), output: out) {
                skipped.append(job.name)
            } else {
                try Self.removeMarker(out, job.name)
                assemblies.append(job)
            }
        }

        let progress = BatchProgress(style: options.progress, totalJobs: todo.count + assemblies.count,
                                     totalCost: (todo + assemblies).reduce(0) { $0 + max(0, $1.estimatedCost) })
        let failures = FailureLog()
        // Plain jobs first, then the assembly jobs, which read the plain jobs' finished files.
        runInParallel(todo, progress: progress, failures: failures) { job in
            let files = try job.produce()
            try Self.commit(files, job: job.name, output: out)
        }
        let assemblers = plan.assemblers
        runInParallel(assemblies, progress: progress, failures: failures) { job in
            let a = job.assembly!
            if let failed = a.dependencies.first(where: { failures.contains($0) }) {
                throw BatchError.invalidAssembly(job: job.name, reason: "its dependency '\(failed)' failed")
            }
            let inputs = try BatchInputs(directory: out, dependencies: a.dependencies, job: job.name)
            try Self.commit(try assemblers[a.assembler]!(a.recipe, inputs), job: job.name, output: out)
        }
        let failed = failures.all
        if !failed.isEmpty { throw BatchError.jobsFailed(failed) }
        return BatchSummary(scheduled: mine.map(\.name), ran: (todo + assemblies).map(\.name).sorted(),
                            skipped: skipped.sorted(), removedTemporaries: removed)
    }

    /// Runs `body` for each job on up to `options.jobs` threads, recording failures and progress.
    private func runInParallel(_ jobs: [BatchJob], progress: BatchProgress, failures: FailureLog,
                               _ body: @escaping @Sendable (BatchJob) throws -> Void) {
        let next = ChunkCounter()
        let work: @Sendable () -> Void = {
            while let i = next.take(below: jobs.count) {
                let job = jobs[i]
                do {
                    try body(job)
                    progress.finished(job: job.name, cost: max(0, job.estimatedCost), failed: false)
                } catch {
                    failures.add(job.name, "\(error)")
                    progress.finished(job: job.name, cost: max(0, job.estimatedCost), failed: true)
                }
            }
        }
        let workers = min(options.jobs, max(1, jobs.count))
        if workers <= 1 {
            work()
        } else {
            let group = DispatchGroup()
            for _ in 0..<workers {
                let t = Thread { work(); group.leave() }
                group.enter()
                t.start()
            }
            group.wait()
        }
    }

    /// Checks a job's files (relative paths inside the output, each once), writes each
    /// atomically, then the job's completion marker listing them with their sizes.
    static func commit(_ files: [BatchOutputFile], job: String, output out: String) throws {
        var seen = Set<String>()
        for f in files {
            try validateRelativePath(f.path, job: job, isJobName: false)
            guard seen.insert(f.path).inserted else {
                throw BatchError.io(path: f.path, operation: "write", reason: "job '\(job)' produced this file twice")
            }
        }
        for f in files { try AtomicFile.write(f.bytes, to: out + "/" + f.path) }
        let listing = files.map(\.path).sorted().map { p in
            "\(p)\t\(files.first { $0.path == p }!.bytes.count)\n"
        }.joined()
        try AtomicFile.write(listing, to: markerPath(out, job))
    }

    static func removeMarker(_ out: String, _ job: String) throws {
        let marker = markerPath(out, job)
        if unlink(marker) != 0 && errno != ENOENT {
            throw BatchError.io(path: marker, operation: "remove marker", reason: String(cString: strerror(errno)))
        }
    }

    static func markerPath(_ out: String, _ job: String) -> String {
        out + "/.detente/done/" + job + ".done"
    }

    /// Whether the marker exists and every file it lists exists with the listed size.
    static func isComplete(marker: String, output: String) -> Bool {
        guard let text = try? String(contentsOfFile: marker, encoding: .utf8) else { return false }
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\t")
            guard parts.count == 2, let size = Int(parts[1]) else { return false }
            var st = stat()
            guard stat(output + "/" + parts[0], &st) == 0, Int(st.st_size) == size else { return false }
        }
        return true
    }

    /// Creates the directory if needed and proves it writable by creating and removing a file.
    static func prepareOutputDirectory(_ out: String) throws {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: out, isDirectory: &isDir), !isDir.boolValue {
            throw BatchError.outputNotWritable(path: out, reason: "it exists and is not a directory")
        }
        do {
            try FileManager.default.createDirectory(atPath: out + "/.detente/done", withIntermediateDirectories: true)
        } catch {
            // Name what could not be created: for an existing directory on a read-only file
            // system "cannot create it" read as if the directory were missing.
            throw BatchError.outputNotWritable(path: out, reason: "cannot create \(out)/.detente/done: \(error.localizedDescription)")
        }
        // Named like an atomic write's temporary file, so that a run killed between the
        // create and the unlink leaves nothing the next run does not sweep away.
        let probe = out + "/.detente/.write-probe" + AtomicFile.marker + "\(getpid())"
        let fd = open(probe, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw BatchError.outputNotWritable(path: out, reason: String(cString: strerror(errno)))
        }
        close(fd)
        unlink(probe)
    }
}

/// An exclusive advisory lock (`flock`) on `DIR/.detente/lock`, held for the life of a run.
/// The kernel drops it when the process exits or is killed, so a crash never leaves a stale lock.
final class DirectoryLock: @unchecked Sendable {
    private var fd: Int32

    init(directory: String) throws {
        let path = directory + "/.detente/lock"
        fd = open(path, O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else { throw BatchError.io(path: path, operation: "open lock", reason: String(cString: strerror(errno))) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let e = errno
            close(fd)
            fd = -1
            if e == EWOULDBLOCK { throw BatchError.locked(path: directory) }
            throw BatchError.io(path: path, operation: "lock", reason: String(cString: strerror(e)))
        }
    }

    func release() {
        if fd >= 0 { flock(fd, LOCK_UN); close(fd); fd = -1 }
    }

    deinit { release() }
}

/// Failures of jobs by name, collected from worker threads.
final class FailureLog: @unchecked Sendable {
    private var map = [String: String]()
    private let lock = NSLock()
    func add(_ job: String, _ message: String) { lock.lock(); map[job] = message; lock.unlock() }
    var all: [String: String] { lock.lock(); defer { lock.unlock() }; return map }
    func contains(_ job: String) -> Bool { lock.lock(); defer { lock.unlock() }; return map[job] != nil }
}
