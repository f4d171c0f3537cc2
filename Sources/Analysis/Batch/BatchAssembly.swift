import Foundation

/// Builds an assembly job's files from the files its dependencies wrote.
///
/// `recipe` is the job's own description (`BatchAssembly.recipe`, e.g. JSON); `inputs` reads
/// the dependencies' finished files. Must be deterministic: the same recipe and input bytes
/// give the same files, whether it runs in `BatchRunner` or in `ShardMerger`.
public typealias BatchAssembler = @Sendable (_ recipe: String, _ inputs: BatchInputs) throws -> [BatchOutputFile]

/// What makes a job an assembly job: it runs after `dependencies` (plain jobs of the same
/// plan) have finished and builds its files from theirs with the plan's assembler named
/// `assembler`, given `recipe`.
///
/// The job is described by data, not a closure, so that `detente merge` can run it after the
/// shards of a sharded batch are combined (a shard cannot: the dependencies may be spread
/// over several shards). Each shard writes the recipes of the plan's assembly jobs to
/// `.detente/assemble/JOB.recipe`; `ShardMerger` reads them and runs the assemblers it is
/// given on the merged files.
public struct BatchAssembly: Sendable, Equatable {
    /// The key of the assembler in `BatchPlan.assemblers` (and in `ShardMerger.merge`'s).
    public var assembler: String
    /// Names of the plain jobs whose files the assembler reads, in the order given.
    public var dependencies: [String]
    /// The job's description, passed to the assembler unchanged.
    public var recipe: String

    public init(assembler: String, dependencies: [String], recipe: String) {
        self.assembler = assembler
        self.dependencies = dependencies
        self.recipe = recipe
    }

    /// The record a shard writes: `assembler NAME`, one `after JOB` line per dependency, an
    /// empty line, then the recipe.
    var record: String {
        "assembler \(assembler)\n" + dependencies.map { "after \($0)\n" }.joined() + "\n" + recipe
    }

    /// Parses `record`; `path` names the file in errors.
    init(record: String, path: String) throws {
        var assembler: String?
        var dependencies = [String]()
        var rest = Substring(record)
        var line = 1
        while true {
            guard let nl = rest.firstIndex(of: "\n") else {
                throw BatchError.inconsistentShards("\(path):\(line):1: expected an empty line before the recipe")
            }
            let text = rest[..<nl]
            rest = rest[rest.index(after: nl)...]
            if text.isEmpty { break }
            if text.hasPrefix("assembler "), assembler == nil {
                assembler = String(text.dropFirst(10))
            } else if text.hasPrefix("after ") {
                dependencies.append(String(text.dropFirst(6)))
            } else {
                throw BatchError.inconsistentShards("\(path):\(line):1: expected 'assembler NAME' or 'after JOB', got '\(text)'")
            }
            line += 1
        }
        guard let assembler, !assembler.isEmpty else {
            throw BatchError.inconsistentShards("\(path):1:1: missing 'assembler NAME'")
        }
        self.init(assembler: assembler, dependencies: dependencies, recipe: String(rest))
    }

    static func recordPath(_ dir: String, _ job: String) -> String { dir + "/.detente/assemble/" + job + ".recipe" }

    /// Every record under `dir/.detente/assemble`, by job name (empty when there is none).
    static func readRecords(in dir: String) throws -> [String: BatchAssembly] {
        let root = dir + "/.detente/assemble"
        guard let e = FileManager.default.enumerator(atPath: root) else { return [:] }
        var result = [String: BatchAssembly]()
        while let rel = e.nextObject() as? String {
            guard rel.hasSuffix(".recipe"), !(rel as NSString).lastPathComponent.hasPrefix(".") else { continue }
            let path = root + "/" + rel
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else { continue }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw BatchError.io(path: path, operation: "read", reason: "cannot read the file")
            }
            result[String(rel.dropLast(7))] = try BatchAssembly(record: String(decoding: data, as: UTF8.self), path: path)
        }
        return result
    }
}

/// Read-only access, for an assembler, to the finished files of an assembly job's
/// dependencies in an output directory: only the files their completion markers list, so an
/// assembler never sees a stale file of an unrelated or unfinished job.
public struct BatchInputs: Sendable {
    /// The output directory.
    public let directory: String
    /// Each dependency's files (paths relative to `directory`, sorted), by job name.
    public let filesByJob: [String: [String]]
    private let allowed: Set<String>

    /// Reads the dependencies' markers in the output directory `directory`. Throws
    /// `BatchError.io` naming a dependency that has no complete marker (not finished, or a
    /// listed file is missing or has another size); `job` names the assembly job in it.
    public init(directory: String, dependencies: [String], job: String) throws {
        var files = [String: [String]]()
        for d in dependencies {
            let marker = BatchRunner.markerPath(directory, d)
            guard BatchRunner.isComplete(marker: marker, output: directory),
                  let listing = try? String(contentsOfFile: marker, encoding: .utf8) else {
                throw BatchError.io(path: marker, operation: "assemble '\(job)'", reason: "its dependency '\(d)' has not finished")
            }
            files[d] = listing.split(separator: "\n").map { String($0.split(separator: "\t")[0]) }.sorted()
        }
        self.directory = directory
        self.filesByJob = files
        self.allowed = Set(files.values.joined())
    }

    /// The files of dependency `job` (empty for a job that is not a dependency).
    public func files(of job: String) -> [String] { filesByJob[job] ?? [] }

    /// Whether a dependency wrote `path`.
    public func contains(_ path: String) -> Bool { allowed.contains(path) }

    /// The bytes of `path`, a file one of the dependencies wrote.
    ///
    /// - Throws: `BatchError.io` when no dependency wrote `path` or it cannot be read.
    public func bytes(_ path: String) throws -> [UInt8] {
        guard allowed.contains(path) else {
            throw BatchError.io(path: directory + "/" + path, operation: "read", reason: "not a file of the job's dependencies")
        }
        guard let data = FileManager.default.contents(atPath: directory + "/" + path) else {
            throw BatchError.io(path: directory + "/" + path, operation: "read", reason: "cannot read the file")
        }
        return [UInt8](data)
    }

    /// The text (UTF-8) of `path`, a file one of the dependencies wrote.
    public func text(_ path: String) throws -> String { String(decoding: try bytes(path), as: UTF8.self) }
}
