import Foundation
import Testing
@testable import PolicyAnalysis

/// Runs the built `detente` binary.
enum Detente {
    static let binary: String = {
        var candidates = [String]()
        if let exe = Bundle.main.executableURL {
            var dir = exe.deletingLastPathComponent()
            for _ in 0..<2 { candidates.append(dir.appendingPathComponent("detente").path); dir = dir.deletingLastPathComponent() }
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/detente").path)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }()

    struct Result { var status: Int32; var stdout: String; var stderr: String }

    static func process(_ arguments: [String], cwd: String? = nil) -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = arguments
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        return p
    }

    static func run(_ arguments: [String], cwd: String? = nil) throws -> Result {
        let p = process(arguments, cwd: cwd)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("detente-batch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Every file under `dir` (relative paths, `.detente` bookkeeping excluded) with its bytes.
    static func tree(_ dir: String) throws -> [String: Data] {
        var result = [String: Data]()
        let e = FileManager.default.enumerator(atPath: dir)!
        while let rel = e.nextObject() as? String {
            if rel.hasPrefix(".detente") || rel.hasPrefix("shard-") { continue }
            var isDir: ObjCBool = false
            let full = dir + "/" + rel
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue {
                result[rel] = FileManager.default.contents(atPath: full)!
            }
        }
        return result
    }
}

@Suite(.serialized) struct BatchCLITests {
    /// A grid sweep through the CLI: the grim-trigger threshold of the prisoner's dilemma with
    /// absolute gains (scenario `absolute`, k = 0) is (T − R)/(T − P) at every point.
    @Test func sweepMatchesGrimTriggerThreshold() throws {
        let dir = try Detente.temporaryDirectory()
        let r = try Detente.run(["sweep", "Models/relative-gains.yaml", "--scenario", "absolute", "--vary", "T=3.5:8:10",
                                 "--vary", "P=0.25:2.5:10", "--output", dir], cwd: packageRoot.path)
        #expect(r.status == 0, "\(r.stderr)")
        let csv = try String(contentsOfFile: dir + "/relative-gains/absolute/sweep.csv", encoding: .utf8)
        let lines = csv.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("# ") }
        try #require(lines.count == 101)
        let header = lines[0].split(separator: ",").map(String.init)
        let (iT, iP, iD) = (header.firstIndex(of: "T")!, header.firstIndex(of: "P")!, header.firstIndex(of: "critical_delta/cooperation")!)
        for line in lines.dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            let (T, P, d) = (Double(f[iT])!, Double(f[iP])!, Double(f[iD])!)
            #expect(abs(d - (T - 3) / (T - P)) <= 1e-12, "T=\(T) P=\(P): \(d)")
        }
        #expect(csv.contains("# model sha256: ") && csv.contains("# scenario: absolute") && csv.contains("# seed: 1") && csv.contains("# detente version: "))
        #expect(FileManager.default.fileExists(atPath: dir + "/relative-gains/absolute/sweep.svg"))
    }

    /// The default batch over the bundled models (small sizes): byte-identical across two runs
    /// and across --jobs 1 and 2; the shards merged by `detente merge` equal the single run.
    @Test func defaultBatchIsDeterministicAndShardsMerge() throws {
        let root = try Detente.temporaryDirectory()
        func batch(_ out: String, _ extra: [String]) throws {
            let r = try Detente.run(["batch", "Models", "--sizes", "small", "--progress", "none", "--output", root + "/" + out] + extra,
                                    cwd: packageRoot.path)
            #expect(r.status == 0, "\(r.stderr)")
        }
        try batch("a", ["--jobs", "1"])
        try batch("b", ["--jobs", "1"])
        try batch("c", ["--jobs", "2"])
        try batch("s/shard-1", ["--jobs", "2", "--shard", "1/2"])
        try batch("s/shard-2", ["--jobs", "2", "--shard", "2/2"])
        let m = try Detente.run(["merge", root + "/s", "--output", root + "/m"])
        #expect(m.status == 0, "\(m.stderr)")
        let a = try Detente.tree(root + "/a")
        #expect(a.count > 300)
        #expect(a["us-china-technology/baseline/regime-map.svg"] != nil)
        #expect(a["relative-gains/realist/notebook.ipynb"] != nil)
        for other in ["b", "c", "m"] {
            let t = try Detente.tree(root + "/" + other)
            #expect(t.keys.sorted() == a.keys.sorted(), "\(other)")
            let differing = a.keys.filter { t[$0] != a[$0] }.sorted()
            #expect(differing.isEmpty, "\(other) differs in \(differing.prefix(5))")
        }
    }

    /// A batch killed with SIGKILL part-way and resumed with --resume writes exactly the files
    /// of an uninterrupted run (kill moments spread over the measured length of a run, the last
    /// near the end, when the notebooks are assembled from the finished analyses' files).
    @Test func killedBatchResumesToIdenticalOutput() throws {
        let root = try Detente.temporaryDirectory()
        let args = ["batch", "Models", "--sizes", "small", "--progress", "none", "--jobs", "2"]
        let start = Date()
        let full = try Detente.run(args + ["--output", root + "/full"], cwd: packageRoot.path)
        #expect(full.status == 0, "\(full.stderr)")
        let length = Date().timeIntervalSince(start)
        let reference = try Detente.tree(root + "/full")
        // The notebooks compared below embed the tables and figures (not only links to them).
        let notebooks = reference.keys.filter { $0.hasSuffix("/notebook.ipynb") }
        #expect(notebooks.count == 32)
        let nb = String(decoding: reference["us-china-technology/baseline/notebook.ipynb"] ?? Data(), as: UTF8.self)
        #expect(nb.contains("`tornado.csv`, all ") && nb.contains("\"regime-map.svg\": {\n          \"image/svg+xml\": \""),
                "notebook without embedded tables and figures")
        var killedMidRun = 0
        for (i, fraction) in [0.2, 0.45, 0.7, 0.93].enumerated() {
            let out = root + "/k\(i)"
            let p = Detente.process(args + ["--output", out], cwd: packageRoot.path)
            p.standardOutput = FileHandle.nullDevice; p.standardError = FileHandle.nullDevice
            try p.run()
            Thread.sleep(forTimeInterval: length * fraction)
            if p.isRunning { kill(p.processIdentifier, SIGKILL); killedMidRun += 1 }
            p.waitUntilExit()
            let r = try Detente.run(args + ["--output", out, "--resume"], cwd: packageRoot.path)
            #expect(r.status == 0, "\(r.stderr)")
            let t = try Detente.tree(out)
            #expect(t.keys.sorted() == reference.keys.sorted())
            #expect(reference.keys.filter { t[$0] != reference[$0] }.isEmpty, "kill at \(fraction)")
        }
        #expect(killedMidRun >= 1, "no kill landed during a run (run length \(length) s)")
    }

    /// Spec errors: reported as PATH:LINE:COLUMN before any work starts (no output written).
    @Test(arguments: [
        ("models:\n  - path: missing.yaml\n", "spec.yaml:2:11: model file", "does not exist"),
        ("models:\n  - path: MODELS/relative-gains.yaml\n    scenarios: [baseline, realst]\n", "spec.yaml:3:27: unknown scenario 'realst'", "did you mean 'realist'?"),
        ("models:\n  - path: MODELS/relative-gains.yaml\n    analyses:\n      - name: g\n        sweep: {vary: {kk: [0, 1, 3]}}\n", "spec.yaml:5:24: unknown parameter 'kk'", "did you mean 'k'?"),
        ("models:\n  - path: MODELS/relative-gains.yaml\n    analyses:\n      - name: g\n        sweep: {vary: {k: [2, 1, 3]}}\n", "spec.yaml:5:27: empty range for 'k'", "low 2 > high 1"),
        ("models:\n  - path: MODELS/relative-gains.yaml\n    analyses:\n      - name: s\n        sobol: {vary: [k], output: linked_dleta}\n", "spec.yaml:5:36: unknown output 'linked_dleta'", "did you mean 'linked_delta'?"),
        ("seed: 1\nmodel: []\n", "spec.yaml:2:1: unknown key 'model'", "did you mean 'models'?"),
    ])
    func specErrors(_ text: String, _ prefix: String, _ detail: String) throws {
        let dir = try Detente.temporaryDirectory()
        let spec = dir + "/spec.yaml"
        try text.replacingOccurrences(of: "MODELS", with: packageRoot.path + "/Models").write(toFile: spec, atomically: true, encoding: .utf8)
        let r = try Detente.run(["batch", spec, "--output", dir + "/out"])
        #expect(r.status != 0)
        #expect(r.stderr.hasPrefix(dir + "/" + prefix), "\(r.stderr)")
        #expect(r.stderr.contains(detail), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
    }

    /// An output directory that cannot be created fails before any job runs.
    @Test func unwritableOutputDirectory() throws {
        let dir = try Detente.temporaryDirectory()
        try "not a directory".write(toFile: dir + "/file", atomically: true, encoding: .utf8)
        let r = try Detente.run(["batch", "Models", "--sizes", "small", "--output", dir + "/file/out"], cwd: packageRoot.path)
        #expect(r.status != 0)
        #expect(r.stderr.contains(dir + "/file/out"), "\(r.stderr)")
        #expect(!r.stderr.contains("job(s) run"))
    }

    /// A spec with its own analyses runs and writes the requested formats only.
    @Test func specRunsItsAnalyses() throws {
        let dir = try Detente.temporaryDirectory()
        let spec = dir + "/spec.yaml"
        try """
        seed: 7
        formats: [csv, svg]
        models:
          - path: \(packageRoot.path)/Models/relative-gains.yaml
            scenarios: [realist]
            analyses:
              - name: map
                sweep: {vary: {k: [0, 4, 9], delta: [0.5, 0.95, 4]}}
              - name: lhs
                sweep: {vary: [k], design: lhs, samples: 20}
              - name: tornado
                tornado: {output: linked_delta, vary: [k, T]}
        """.write(toFile: spec, atomically: true, encoding: .utf8)
        let r = try Detente.run(["batch", spec, "--output", dir + "/out", "--progress", "none"])
        #expect(r.status == 0, "\(r.stderr)")
        let files = try Detente.tree(dir + "/out").keys.sorted()
        #expect(files == ["relative-gains/realist/lhs.csv", "relative-gains/realist/map.csv", "relative-gains/realist/map.svg",
                          "relative-gains/realist/tornado.csv", "relative-gains/realist/tornado.svg"])
        let lhs = try String(contentsOfFile: dir + "/out/relative-gains/realist/lhs.csv", encoding: .utf8)
        #expect(lhs.contains("# seed: 7"))
    }
}

/// `detente slurm` writes an array script; running its tasks (here with SLURM_ARRAY_TASK_ID set
/// by hand, as sbatch would) and `detente merge` gives the files of a single run.
@Test func slurmScriptTasksMergeToSingleRun() throws {
    let dir = try Detente.temporaryDirectory()
    let spec = dir + "/spec.yaml"
    try """
    models:
      - path: \(packageRoot.path)/Models/security-dilemma.yaml
        analyses:
          - name: map
            sweep: {vary: {o: [-3, 5, 9], x: [0, 20, 5]}}
          - name: tornado
            tornado: {output: linked_delta}
          - name: sobol
            sobol: {vary: [o, R], output: linked_delta, samples: 16, bootstrap: 10}
    """.write(toFile: spec, atomically: true, encoding: .utf8)
    let single = try Detente.run(["batch", spec, "--output", dir + "/single", "--progress", "none"])
    #expect(single.status == 0, "\(single.stderr)")
    let s = try Detente.run(["slurm", spec, "--tasks", "3", "--output", dir + "/array", "--script", dir + "/job.sbatch"])
    #expect(s.status == 0, "\(s.stderr)")
    #expect(FileManager.default.fileExists(atPath: dir + "/array/logs"))
    for k in 1...3 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [dir + "/job.sbatch"]
        var env = ProcessInfo.processInfo.environment
        env["SLURM_ARRAY_TASK_ID"] = "\(k)"
        env["PATH"] = (Detente.binary as NSString).deletingLastPathComponent + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        p.environment = env
        p.standardOutput = FileHandle.nullDevice; p.standardError = FileHandle.nullDevice
        try p.run(); p.waitUntilExit()
        #expect(p.terminationStatus == 0, "task \(k)")
    }
    let m = try Detente.run(["merge", dir + "/array", "--output", dir + "/merged"])
    #expect(m.status == 0, "\(m.stderr)")
    let a = try Detente.tree(dir + "/single"), b = try Detente.tree(dir + "/merged")
    #expect(!a.isEmpty && a.keys.sorted() == b.keys.filter { !$0.hasPrefix("logs") }.sorted())
    #expect(a.keys.filter { a[$0] != b[$0] }.isEmpty)
}

/// `detente sweep` argument errors name the model and the bad value, with a suggestion.
@Test(arguments: [
    (["--vary", "kk=0:1:3"], "Models/relative-gains.yaml: --vary kk=0:1:3: unknown parameter 'kk'; did you mean 'k'?"),
    (["--vary", "k=2:1:3"], "Models/relative-gains.yaml: --vary k=2:1:3: empty range, low 2 > high 1"),
    (["--vary", "k=0:1:0"], "Models/relative-gains.yaml: --vary k=0:1:0: steps must be a positive integer, got '0'"),
])
func sweepArgumentErrors(_ extra: [String], _ message: String) throws {
    let r = try Detente.run(["sweep", "Models/relative-gains.yaml"] + extra + ["--output", try Detente.temporaryDirectory()],
                            cwd: packageRoot.path)
    #expect(r.status != 0)
    #expect(r.stderr.hasPrefix(message), "\(r.stderr)")
}
