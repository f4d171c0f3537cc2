import Foundation
import Testing
import LinearAlgebra
import Analysis
@testable import Reports

/// The prisoner's dilemma with parameters T, R, P, δ (S = 0) as an analysable model: regime
/// "cooperation" when δ ≥ (T − R)/(T − P) (grim trigger, Friedman 1971), else "defection".
struct GrimTriggerModel: AnalyzableModel {
    struct Output: Sendable { var threshold: Double; var delta: Double; var joint: Double }
    let parameterSpecs: [ParameterSpec]
    var parameterNames: [String] { parameterSpecs.map(\.name) }
    var baseline: [Double] { parameterSpecs.map(\.baseline) }
    let scalarNames = ["critical_delta", "joint_payoff"]

    init(delta: Double = 0.6) {
        parameterSpecs = [ParameterSpec(name: "T", baseline: 5, low: 3.5, high: 8),
                          ParameterSpec(name: "R", baseline: 3, low: 2, high: 3.4),
                          ParameterSpec(name: "P", baseline: 1, low: 0, high: 1.9),
                          ParameterSpec(name: "delta", baseline: delta, low: 0.05, high: 0.95)]
    }

    func evaluate(points: Matrix) throws -> [Output] {
        (0..<points.rows).map { i in
            let t = points[i, 0], r = points[i, 1], p = points[i, 2], d = points[i, 3]
            let threshold = (t - r) / (t - p)
            return Output(threshold: threshold, delta: d, joint: d >= threshold ? 2 * r : 2 * p)
        }
    }
    func scalars(_ o: Output) -> [Double] { [o.threshold, o.joint] }
    func regime(_ o: Output) -> String { o.delta >= o.threshold ? "cooperation" : "defection" }
}

@Suite(.serialized) struct BatchAssemblerTests {
    let analyses = [
        AnalysisRequest(name: "regime map", kind: .sweep(varying: [ParameterRange("T", steps: 9), ParameterRange("delta", steps: 7)], design: nil)),
        AnalysisRequest(name: "lhs", kind: .sweep(varying: [ParameterRange("T"), ParameterRange("P")], design: .latinHypercube(samples: 50))),
        AnalysisRequest(name: "sobol", kind: .sobol(varying: [ParameterRange("T"), ParameterRange("R"), ParameterRange("P")],
                                                    output: "critical_delta", baseSamples: 256, sampling: .random, bootstrapResamples: 50)),
        AnalysisRequest(name: "tornado", kind: .tornado(varying: [], output: "critical_delta")),
        AnalysisRequest(name: "thresholds", kind: .thresholds(along: ParameterRange("T", low: 3.01, high: 30),
                                                              over: ParameterRange("delta", low: 0.1, high: 0.8, steps: 5),
                                                              scanSteps: 15, tolerance: 1e-6)),
        AnalysisRequest(name: "statics", kind: .comparativeStatics(parameters: [], output: "critical_delta")),
    ]

    func targets() -> [BatchTarget] {
        [BatchTarget(model: "Models/pd.yaml", stem: "pd", modelHash: SHA256.hex("pd model"), scenario: "baseline",
                     compiled: GrimTriggerModel(), analyses: analyses),
         BatchTarget(model: "Models/pd.yaml", stem: "pd", modelHash: SHA256.hex("pd model"), scenario: "patient",
                     compiled: GrimTriggerModel(delta: 0.9), analyses: analyses)]
    }

    @Test func batchOfAnalysesIsDeterministicAndComplete() throws {
        let root = NSTemporaryDirectory() + "detente-assembler-\(getpid())"
        try? FileManager.default.removeItem(atPath: root)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let plan = try makeBatchPlan(targets: targets(), seed: 11, detenteVersion: "0.1.0")
        #expect(plan.jobs.count == 14)
        try BatchRunner(options: BatchOptions(outputDirectory: root + "/a", jobs: 2, progress: .none)).run(plan)
        try BatchRunner(options: BatchOptions(outputDirectory: root + "/b", jobs: 1, progress: .none)).run(plan)
        let fm = FileManager.default
        let files = (fm.enumerator(atPath: root + "/a")?.allObjects as? [String] ?? []).filter { !$0.hasPrefix(".detente") }.sorted()
        for f in files where !f.hasSuffix("/") {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: root + "/a/" + f, isDirectory: &isDir), !isDir.boolValue {
                #expect(fm.contents(atPath: root + "/a/" + f) == fm.contents(atPath: root + "/b/" + f), "\(f) differs between 2 jobs and 1")
            }
        }
        for name in ["regime_map.svg", "regime_map.csv", "lhs.csv", "sobol.tex", "tornado.svg", "thresholds.svg", "statics.md", "notebook.ipynb"] {
            #expect(fm.fileExists(atPath: root + "/a/pd/baseline/" + name), "\(name)")
        }
        // Threshold curve: T*(δ) = (R − δP)/(1 − δ) at R = 3, P = 1.
        let csv = try String(contentsOfFile: root + "/a/pd/baseline/thresholds.csv", encoding: .utf8)
        let rows = csv.components(separatedBy: "\r\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.dropFirst()
        #expect(rows.count == 5)
        for row in rows {
            let f = row.split(separator: ",")
            let delta = Double(f[0])!, t = Double(f[1])!
            #expect(abs(t - (3 - delta) / (1 - delta)) < 1e-6, "δ = \(delta)")
        }
        // The generated notebook validates and runs against the CSV and SVG files beside it.
        let python = (ProcessInfo.processInfo.environment["DETENTE_VENV"] ?? (NSHomeDirectory() + "/.cache/detente-venv")) + "/bin/python"
        guard fm.isExecutableFile(atPath: python) else {
            Issue.record("\(python) not found: run `bash scripts/ensure-python-deps.sh`")
            return
        }
        let script = """
        import nbformat, nbclient
        nb = nbformat.read("notebook.ipynb", as_version=4)
        nbformat.validate(nb)
        nbclient.NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": "."}}).execute()
        print("ok")
        """
        let (status, log) = try run(python, ["-c", script], in: root + "/a/pd/baseline")
        #expect(status == 0 && log.contains("ok"), "\(log.suffix(3000))")
    }

    @Test func specErrorsComeBeforeAnyWork() {
        func plan(_ a: AnalysisRequest) throws -> BatchPlan {
            try makeBatchPlan(targets: [BatchTarget(model: "Models/pd.yaml", stem: "pd", modelHash: "h", scenario: "baseline",
                                                    compiled: GrimTriggerModel(), analyses: [a])], seed: 0, detenteVersion: "0.1.0")
        }
        #expect(throws: BatchSpecError.self) { try plan(AnalysisRequest(name: "x", kind: .tornado(varying: [ParameterRange("tariff")], output: "critical_delta"))) }
        #expect(throws: BatchSpecError.self) { try plan(AnalysisRequest(name: "x", kind: .sweep(varying: [ParameterRange("T", low: 5, high: 4)], design: nil))) }
        #expect(throws: BatchSpecError.self) { try plan(AnalysisRequest(name: "x", kind: .sweep(varying: [ParameterRange("T", steps: 0)], design: nil))) }
        #expect(throws: BatchSpecError.self) { try plan(AnalysisRequest(name: "x", kind: .comparativeStatics(parameters: [], output: "welfare"))) }
        do {
            _ = try plan(AnalysisRequest(name: "bad", kind: .tornado(varying: [ParameterRange("tariff")], output: "critical_delta")))
        } catch {
            #expect("\(error)" == "Models/pd.yaml scenario 'baseline' analysis 'bad': unknown parameter 'tariff'; the model has: T, R, P, delta")
        }
    }
}
