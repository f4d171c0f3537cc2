import Foundation
import Testing
@testable import Analysis

/// Assembly jobs: run after their dependencies from the files those wrote, skipped on resume
/// only when nothing they read ran again, and run by `ShardMerger` for sharded batches.
@Suite(.serialized) struct BatchAssemblyTests {
    /// Four plain jobs writing `n/i.txt` (i²) and an assembly job `total` adding up the files
    /// of jobs 3, 1, 0 (recipe order) into `total.txt`.
    struct Fixture {
        let plainRuns = RunCounter()
        let assemblies = RunCounter()

        func plan(failing: Int? = nil) -> BatchPlan {
            var jobs = (0..<4).map { i in
                BatchJob(name: "n\(i)", estimatedCost: Double(i + 1)) { [plainRuns] in
                    plainRuns.increment()
                    if i == failing { throw AnalysisError.modelFailure("job \(i) fails") }
                    return [BatchOutputFile(path: "n/\(i).txt", text: "\(i * i)\n")]
                }
            }
            jobs.append(BatchJob(name: "sum/total", assembly: BatchAssembly(assembler: "add", dependencies: ["n3", "n1", "n0"],
                                                                            recipe: "total of 3, 1, 0\n")))
            let counter = assemblies
            let add: BatchAssembler = { recipe, inputs in
                counter.increment()
                var lines = [String(recipe.dropLast())]
                var total = 0
                for job in ["n3", "n1", "n0"] {
                    for f in inputs.files(of: job) {
                        let v = Int(try inputs.text(f).dropLast())!
                        lines.append("\(f) \(v)")
                        total += v
                    }
                }
                return [BatchOutputFile(path: "total.txt", text: (lines + ["total \(total)"]).joined(separator: "\n") + "\n")]
            }
            return BatchPlan(jobs: jobs, assemblers: ["add": add])
        }
    }

    @Test func assemblyRunsAfterItsDependenciesFromTheirFiles() throws {
        let dir = temporaryDirectory("assembly")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let f = Fixture()
        let s = try BatchRunner(options: BatchOptions(outputDirectory: dir, jobs: 3, progress: .none)).run(f.plan())
        #expect(s.ran == ["n0", "n1", "n2", "n3", "sum/total"])
        // 9 + 1 + 0 = 10, in the recipe's order.
        let expected = "total of 3, 1, 0\nn/3.txt 9\nn/1.txt 1\nn/0.txt 0\ntotal 10\n"
        #expect(String(decoding: FileManager.default.contents(atPath: dir + "/total.txt")!, as: UTF8.self) == expected)
        #expect(String(decoding: FileManager.default.contents(atPath: dir + "/.detente/done/sum/total.done")!, as: UTF8.self)
                == "total.txt\t\(expected.utf8.count)\n")
        #expect(!FileManager.default.fileExists(atPath: dir + "/.detente/assemble"), "a single run leaves no recipes")
    }

    @Test func resumeReassemblesOnlyWhenADependencyRanAgain() throws {
        let dir = temporaryDirectory("assembly-resume")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let f = Fixture()
        func run() throws -> BatchSummary {
            try BatchRunner(options: BatchOptions(outputDirectory: dir, jobs: 2, resume: true, progress: .none)).run(f.plan())
        }
        _ = try run()
        let reference = tree(dir)
        #expect(f.plainRuns.value == 4 && f.assemblies.value == 1)
        // Everything finished: nothing runs.
        var s = try run()
        #expect(s.ran.isEmpty && s.skipped.count == 5 && f.assemblies.value == 1)
        // A dependency that did not finish (its marker is gone) runs again, and so does the assembly.
        try FileManager.default.removeItem(atPath: dir + "/.detente/done/n1.done")
        s = try run()
        #expect(s.ran == ["n1", "sum/total"] && f.plainRuns.value == 5 && f.assemblies.value == 2)
        #expect(tree(dir) == reference)
        // A job that is not a dependency runs again alone.
        try FileManager.default.removeItem(atPath: dir + "/.detente/done/n2.done")
        s = try run()
        #expect(s.ran == ["n2"] && f.assemblies.value == 2)
        // The assembly's own file lost: only the assembly runs again.
        try FileManager.default.removeItem(atPath: dir + "/total.txt")
        s = try run()
        #expect(s.ran == ["sum/total"] && f.plainRuns.value == 6 && f.assemblies.value == 3)
        #expect(tree(dir) == reference)
    }

    @Test func failedDependencyFailsTheAssembly() throws {
        let dir = temporaryDirectory("assembly-fail")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let f = Fixture()
        #expect(throws: BatchError.jobsFailed(["n1": "model evaluation failed: job 1 fails",
                                               "sum/total": "assembly job 'sum/total': its dependency 'n1' failed"])) {
            try BatchRunner(options: BatchOptions(outputDirectory: dir, jobs: 2, progress: .none)).run(f.plan(failing: 1))
        }
        #expect(f.assemblies.value == 0)
        #expect(!FileManager.default.fileExists(atPath: dir + "/.detente/done/sum/total.done"))
        #expect(FileManager.default.fileExists(atPath: dir + "/.detente/done/n2.done"))
        // Fixed, a resumed run completes it.
        let s = try BatchRunner(options: BatchOptions(outputDirectory: dir, jobs: 2, resume: true, progress: .none)).run(f.plan())
        #expect(s.ran == ["n1", "sum/total"])
    }

    @Test func assemblerReadsOnlyItsDependenciesFiles() throws {
        let dir = temporaryDirectory("assembly-inputs")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let plan = BatchPlan(jobs: [
            BatchJob(name: "a") { [BatchOutputFile(path: "a.txt", text: "a\n")] },
            BatchJob(name: "b") { [BatchOutputFile(path: "b.txt", text: "b\n")] },
            BatchJob(name: "c", assembly: BatchAssembly(assembler: "peek", dependencies: ["a"], recipe: "")),
        ], assemblers: ["peek": { _, inputs in
            #expect(inputs.contains("a.txt") && !inputs.contains("b.txt"))
            return [BatchOutputFile(path: "c.txt", bytes: try inputs.bytes("b.txt"))]
        }])
        #expect(throws: BatchError.jobsFailed(["c": "\(dir)/b.txt: read failed: not a file of the job's dependencies"])) {
            try BatchRunner(options: BatchOptions(outputDirectory: dir, progress: .none)).run(plan)
        }
    }

    @Test func invalidAssembliesAreRefusedBeforeAnyWork() throws {
        let counter = RunCounter()
        let plain = BatchJob(name: "a") { counter.increment(); return [] }
        func check(_ job: BatchJob, _ assemblers: [String: BatchAssembler], _ expected: BatchError) {
            let extra = BatchJob(name: "x", assembly: BatchAssembly(assembler: "noop", dependencies: [], recipe: ""))
            #expect(throws: expected) {
                try BatchRunner(options: BatchOptions(outputDirectory: temporaryDirectory("assembly-bad"), progress: .none))
                    .run(BatchPlan(jobs: [plain, extra, job], assemblers: assemblers))
            }
        }
        let noop: BatchAssembler = { _, _ in [] }
        check(BatchJob(name: "j", assembly: BatchAssembly(assembler: "noop", dependencies: ["a"], recipe: "")), [:],
              .invalidAssembly(job: "x", reason: "the plan has no assembler 'noop'"))
        check(BatchJob(name: "j", assembly: BatchAssembly(assembler: "noop", dependencies: ["missing"], recipe: "")), ["noop": noop],
              .invalidAssembly(job: "j", reason: "dependency 'missing' is not a plain job of the plan"))
        check(BatchJob(name: "j", assembly: BatchAssembly(assembler: "noop", dependencies: ["x"], recipe: "")), ["noop": noop],
              .invalidAssembly(job: "j", reason: "dependency 'x' is not a plain job of the plan"))
        check(BatchJob(name: "j", assembly: BatchAssembly(assembler: "noop", dependencies: ["a", "a"], recipe: "")), ["noop": noop],
              .invalidAssembly(job: "j", reason: "dependency 'a' is listed twice"))
        #expect(counter.value == 0)
        // An assembly job has no produce of its own.
        #expect(throws: BatchError.self) { try BatchJob(name: "x", assembly: BatchAssembly(assembler: "noop", dependencies: [], recipe: "")).produce() }
    }

    @Test func recordRoundTripsAndBadRecordsAreNamed() throws {
        let a = BatchAssembly(assembler: "notebook", dependencies: ["m/s/tornado", "m/s/map"], recipe: "{\n  \"x\": 1\n}\n\nafter y\n")
        #expect(try BatchAssembly(record: a.record, path: "r") == a)
        #expect(throws: BatchError.inconsistentShards("r:2:1: expected 'assembler NAME' or 'after JOB', got 'before x'")) {
            try BatchAssembly(record: "assembler a\nbefore x\n\n", path: "r")
        }
        #expect(throws: BatchError.inconsistentShards("r:1:1: missing 'assembler NAME'")) {
            try BatchAssembly(record: "after x\n\nrecipe", path: "r")
        }
        #expect(throws: BatchError.inconsistentShards("r:2:1: expected an empty line before the recipe")) {
            try BatchAssembly(record: "assembler a\nafter x", path: "r")
        }
    }

    /// Shards run the plain jobs and leave the recipes; the merge runs the assembly on the
    /// merged files and equals a single run, markers included. Shards with different recipes
    /// (different plans) are refused.
    @Test func shardsLeaveAssemblyToTheMerge() throws {
        let root = temporaryDirectory("assembly-shards")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let f = Fixture()
        try BatchRunner(options: BatchOptions(outputDirectory: root + "/single", progress: .none)).run(f.plan())
        let dirs = (1...3).map { root + "/shard-\($0)" }
        var scheduled = [String]()
        for (k, d) in dirs.enumerated() {
            let s = try BatchRunner(options: BatchOptions(outputDirectory: d, jobs: 2, shard: try Shard(index: k + 1, count: 3),
                                                          progress: .none)).run(f.plan())
            scheduled += s.scheduled
            #expect(FileManager.default.fileExists(atPath: d + "/.detente/assemble/sum/total.recipe"))
        }
        #expect(scheduled.sorted() == ["n0", "n1", "n2", "n3"] && f.assemblies.value == 1)
        let merged = try ShardMerger.merge(shardDirectories: dirs, into: root + "/merged", assemblers: f.plan().assemblers)
        #expect(merged == ["n0", "n1", "n2", "n3", "sum/total"] && f.assemblies.value == 2)
        var single = tree(root + "/single"), out = tree(root + "/merged")
        single[".detente/lock"] = nil; out[".detente/lock"] = nil
        #expect(out == single)
        // A shard of another plan (another recipe) is refused.
        try AtomicFile.write("assembler add\nafter n3\n\nother\n", to: dirs[1] + "/.detente/assemble/sum/total.recipe")
        #expect(throws: BatchError.self) {
            try ShardMerger.merge(shardDirectories: dirs, into: root + "/merged2", assemblers: f.plan().assemblers)
        }
        #expect(!FileManager.default.fileExists(atPath: root + "/merged2"))
    }
}
