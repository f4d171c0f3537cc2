import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a shard recorded about itself: `.detente/shard` in its output directory, written by
/// `BatchRunner` before any job runs. Text: `shard K/N` then one job name per line.
public struct ShardManifest: Sendable, Equatable {
    public var shard: Shard
    public var jobs: [String]

    public init(shard: Shard, jobs: [String]) {
        self.shard = shard
        self.jobs = jobs
    }

    static func path(_ dir: String) -> String { dir + "/.detente/shard" }

    func write(to dir: String) throws {
        try AtomicFile.write("shard \(shard)\n" + jobs.map { $0 + "\n" }.joined(), to: Self.path(dir))
    }

    /// Reads the manifest of a shard directory; nil when there is none.
    public static func read(from dir: String) throws -> ShardManifest? {
        guard let text = try? String(contentsOfFile: path(dir), encoding: .utf8) else { return nil }
        var lines = text.split(separator: "\n").map(String.init)
        guard let first = lines.first, first.hasPrefix("shard ") else {
            throw BatchError.inconsistentShards("\(path(dir)):1:1: expected 'shard K/N'")
        }
        lines.removeFirst()
        return ShardManifest(shard: try Shard(parsing: String(first.dropFirst(6))), jobs: lines)
    }
}

/// Combines the output directories of the N shards of a batch into one directory holding
/// exactly the files a single-machine run writes (byte-identical: the same job files and the
/// same completion markers).
///
/// Before writing anything it checks that every shard 1...N has a directory with a manifest
/// and that each job the manifest lists has a complete marker; otherwise it throws
/// `BatchError.shardsIncomplete` naming the shards to resubmit. It also reads the recipes of
/// the plan's assembly jobs (`.detente/assemble/`, written by every shard; shards that
/// disagree are `inconsistentShards`) and checks that an assembler is given for each and that
/// their dependencies are among the shards' jobs. Files are copied with `AtomicFile.write`
/// under the output directory's lock; then the assembly jobs run on the merged files, exactly
/// as `BatchRunner` runs them after the plain jobs of a single run, so the result is the same.
/// An interrupted merge can simply be repeated.
///
/// - Complexity: O(total bytes of the shards' files) plus the assemblers' work.
public enum ShardMerger {
    /// Merges `shardDirectories` (any order; each holds one shard's output) into `output`.
    /// `count` is the expected number of shards (from the manifests when nil); `assemblers`
    /// run the assembly jobs the shards recorded (`BatchAssembly`). Returns the merged job
    /// names, sorted.
    @discardableResult
    public static func merge(shardDirectories: [String], count expected: Int? = nil, into output: String,
                             assemblers: [String: BatchAssembler] = [:]) throws -> [String] {
        var byIndex = [Int: (dir: String, manifest: ShardManifest)]()
        var count = expected
        for dir in shardDirectories {
            guard let m = try ShardManifest.read(from: dir) else { continue }
            if let c = count, c != m.shard.count {
                throw BatchError.inconsistentShards("\(dir) is shard \(m.shard) but \(c) shards were expected")
            }
            count = m.shard.count
            if let other = byIndex[m.shard.index] {
                throw BatchError.inconsistentShards("shard \(m.shard.index) appears in both \(other.dir) and \(dir)")
            }
            byIndex[m.shard.index] = (dir, m)
        }
        guard let n = count else {
            throw BatchError.inconsistentShards("no shard manifests (.detente/shard) in \(shardDirectories.joined(separator: ", "))")
        }
        var missing = [Int]()
        var incomplete = [Int: [String]]()
        for k in 1...n {
            guard let (dir, m) = byIndex[k] else { missing.append(k); continue }
            let unfinished = m.jobs.filter { !BatchRunner.isComplete(marker: BatchRunner.markerPath(dir, $0), output: dir) }
            if !unfinished.isEmpty { incomplete[k] = unfinished }
        }
        if !missing.isEmpty || !incomplete.isEmpty {
            throw BatchError.shardsIncomplete(count: n, missing: missing, incomplete: incomplete)
        }
        var assemblies = [String: (dir: String, assembly: BatchAssembly)]()
        for k in 1...n {
            let dir = byIndex[k]!.dir
            for (job, a) in try BatchAssembly.readRecords(in: dir) {
                if let other = assemblies[job], other.assembly != a {
                    throw BatchError.inconsistentShards("the recipe of '\(job)' differs between \(other.dir) and \(dir)")
                }
                assemblies[job] = (dir, a)
            }
        }
        let plainJobs = Set(byIndex.values.flatMap(\.manifest.jobs))
        for job in assemblies.keys.sorted() {
            let a = assemblies[job]!.assembly
            try validateRelativePath(job, job: job, isJobName: true)
            guard assemblers[a.assembler] != nil else {
                throw BatchError.invalidAssembly(job: job, reason: "no assembler '\(a.assembler)' is known to this merge")
            }
            guard !plainJobs.contains(job) else {
                throw BatchError.inconsistentShards("'\(job)' is both a shard's job and an assembly job")
            }
            if let d = a.dependencies.first(where: { !plainJobs.contains($0) }) {
                throw BatchError.inconsistentShards("assembly job '\(job)' depends on '\(d)', which no shard ran")
            }
        }
        let out = (output as NSString).standardizingPath
        try BatchRunner.prepareOutputDirectory(out)
        let lock = try DirectoryLock(directory: out)
        defer { lock.release() }
        AtomicFile.removeStaleTemporaries(under: out)
        var merged = [String]()
        for k in 1...n {
            let (dir, m) = byIndex[k]!
            for job in m.jobs {
                let marker = BatchRunner.markerPath(dir, job)
                let listing = try String(contentsOfFile: marker, encoding: .utf8)
                for line in listing.split(separator: "\n") {
                    let rel = String(line.split(separator: "\t")[0])
                    guard let data = FileManager.default.contents(atPath: dir + "/" + rel) else {
                        throw BatchError.io(path: dir + "/" + rel, operation: "read", reason: "cannot read the file")
                    }
                    try AtomicFile.write([UInt8](data), to: out + "/" + rel)
                }
                try AtomicFile.write(listing, to: BatchRunner.markerPath(out, job))
                merged.append(job)
            }
        }
        for job in assemblies.keys.sorted() {
            let a = assemblies[job]!.assembly
            try BatchRunner.removeMarker(out, job)
            let inputs = try BatchInputs(directory: out, dependencies: a.dependencies, job: job)
            try BatchRunner.commit(try assemblers[a.assembler]!(a.recipe, inputs), job: job, output: out)
            merged.append(job)
        }
        return merged.sorted()
    }
}
