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
        AnalysisRequest(name: "T line", kind: .sweep(varying: [ParameterRange("T", steps: 30)], design: nil)),
        AnalysisRequest(name: "delta changes", kind: .thresholds(along: ParameterRange("delta"), over: nil, scanSteps: 15, tolerance: 1e-6)),
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
        #expect(plan.jobs.count == 18)
        #expect(plan.jobs.filter { $0.assembly != nil }.map(\.name) == ["pd/baseline/notebook", "pd/patient/notebook"])
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
        try checkNotebookEmbedsTheFiles(root + "/a/pd/baseline")
        // Above the size limit a figure is linked, not embedded.
        let job = try #require(plan.jobs.first { $0.name == "pd/baseline/notebook" }?.assembly)
        let inputs = try BatchInputs(directory: root + "/a", dependencies: job.dependencies, job: "pd/baseline/notebook")
        let limited = try BatchNotebook.assemble(recipe: try BatchNotebook.Recipe.decode(job.recipe), inputs: inputs, svgEmbedLimit: 4000)
        let text = String(decoding: limited.bytes, as: UTF8.self)
        let tornadoSize = try #require(fm.contents(atPath: root + "/a/pd/baseline/tornado.svg")).count
        #expect(tornadoSize > 4000 && text.contains("**tornado.svg, as the batch drew it** (\(tornadoSize) bytes: linked, not embedded"))
        #expect(text.contains("![tornado.svg](tornado.svg)") && !text.contains("\"tornado.svg\": {"))
        #expect(limited.bytes != Array(fm.contents(atPath: root + "/a/pd/baseline/notebook.ipynb")!))
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
        figures = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.outputs if "image/png" in o.get("data", {}))
        errors = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.get("output_type") == "error" or o.get("name") == "stderr")
        print("ok", figures, "figures", errors, "errors or warnings")
        """
        let (status, log) = try run(python, ["-c", script], in: root + "/a/pd/baseline")
        // One matplotlib figure per analysis, and nothing on stderr (no warning from pandas or matplotlib).
        #expect(status == 0 && log.contains("ok 8 figures 0 errors or warnings"), "\(log.suffix(3000))")
    }

    /// The notebook shows each CSV's header and first rows (at most 25) exactly as the CSV
    /// has them, embeds each SVG the batch wrote byte for byte, and has a pandas cell and a
    /// matplotlib redraw cell for each analysis.
    func checkNotebookEmbedsTheFiles(_ dir: String) throws {
        let fm = FileManager.default
        let data = try #require(fm.contents(atPath: dir + "/notebook.ipynb"))
        let nb = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cells = try #require(nb["cells"] as? [[String: Any]])
        let markdown = cells.filter { $0["cell_type"] as? String == "markdown" }.compactMap { $0["source"] as? String }
        let code = cells.filter { $0["cell_type"] as? String == "code" }.compactMap { $0["source"] as? String }
        func unescape(_ cell: String) -> String {
            var out = "", escaped = false
            for ch in cell {
                if !escaped && ch == "\\" { escaped = true; continue }
                escaped = false
                out.append(ch)
            }
            return out
        }
        let shown: [String: Int] = ["regime_map": 25, "lhs": 25, "sobol": 3, "tornado": 4, "thresholds": 5, "statics": 4,
                                    "T_line": 25, "delta_changes": 1]
        for (stem, rowsShown) in shown {
            let csv = try String(contentsOfFile: dir + "/" + stem + ".csv", encoding: .utf8)
            let lines = csv.components(separatedBy: "\r\n").filter { !$0.hasPrefix("# ") && !$0.isEmpty }
            let table = try #require(markdown.first { $0.hasPrefix("`\(stem).csv`") }, "\(stem): no table cell")
            var rows = table.components(separatedBy: "\n").filter { $0.hasPrefix("| ") }
            #expect(rows.count >= 2 && rows[1] == "|" + String(repeating: " --- |", count: lines[0].split(separator: ",").count), "\(stem)")
            rows.remove(at: 1)
            // Header + rows: each cell the CSV's field (no field here needs quoting), numbers with
            // a fraction within the 6-significant-digit rounding of the CSV's value.
            let shownCells = rows.map { r in r.dropFirst(2).dropLast(2).components(separatedBy: " | ").map(unescape) }
            let csvCells = lines.prefix(1 + rowsShown).map { $0.components(separatedBy: ",") }
            #expect(shownCells.count == csvCells.count, "\(stem)")
            for (shownRow, csvRow) in zip(shownCells, csvCells) {
                #expect(shownRow.count == csvRow.count, "\(stem)")
                for (a, b) in zip(shownRow, csvRow) where a != b {
                    let x = try #require(Double(a), "\(stem): \(a) shown for \(b)"), y = try #require(Double(b), "\(stem): \(b)")
                    #expect(b.contains(".") || b.contains("e"), "\(stem): integer \(b) shown as \(a)")
                    #expect(abs(x - y) <= 5e-6 * abs(y), "\(stem): \(a) shown for \(b)")
                }
            }
            // Every number with a fraction is shown with at most 6 significant digits.
            for cell in shownCells.dropFirst().joined() where cell.contains(".") {
                if let x = Double(cell) { #expect(Double(String(format: "%.6g", x)) == x, "\(stem): \(cell) not rounded") }
            }
            #expect(table.contains("rounded to 6 significant digits"), "\(stem)")
            if lines.count - 1 > 25 {
                #expect(table.contains("the first 25 of \(lines.count - 1) rows"), "\(stem)")
            } else {
                #expect(table.contains("all \(lines.count - 1) row"), "\(stem)")
            }
            let frame = "df_" + stem
            #expect(code.contains("\(frame) = read_detente_csv(\"\(stem).csv\")\n\(frame)"), "\(stem): pandas cell")
        }
        // The regime map is a 9 × 7 grid: 63 rows.
        #expect(markdown.contains { $0.hasPrefix("`regime_map.csv`, the first 25 of 63 rows") })
        // Figures: each SVG the batch wrote, embedded as an attachment with the file's bytes.
        let attachments = cells.compactMap { $0["attachments"] as? [String: [String: String]] }
        let svgs = try fm.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".svg") }.sorted()
        #expect(svgs == ["regime_map.svg", "thresholds.svg", "tornado.svg"])
        for fig in svgs {
            let embedded = attachments.compactMap { $0[fig]?["image/svg+xml"] }
            #expect(embedded.count == 1 && Data(base64Encoded: embedded[0]) == fm.contents(atPath: dir + "/" + fig), "\(fig)")
        }
        #expect(attachments.count == svgs.count)
        // A redraw cell per analysis, each of the right kind.
        for (frame, call) in [("df_regime_map", "PolyCollection("), ("df_lhs", "ax.scatter("), ("df_sobol", "xerr=err"),
                              ("df_tornado", "output_at_baseline"), ("df_thresholds", "_threshold\"]"), ("df_statics", "\"derivative\""),
                              ("df_T_line", "ax.plot("), ("df_delta_changes", "ax.axvline(row[")] {
            #expect(code.contains { $0.hasPrefix("# ") && $0.contains(frame) && $0.contains(call) }, "\(frame): redraw cell with \(call)")
        }
    }

    /// The notebook of a sharded batch, merged, and of a batch resumed after an analysis job
    /// was lost, is the uninterrupted run's, byte for byte.
    @Test func notebookOfMergedShardsAndOfResumedRunIsTheSingleRuns() throws {
        let root = NSTemporaryDirectory() + "detente-assembler-shards-\(getpid())"
        try? FileManager.default.removeItem(atPath: root)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fm = FileManager.default
        let plan = try makeBatchPlan(targets: targets(), seed: 11, detenteVersion: "0.1.0")
        try BatchRunner(options: BatchOptions(outputDirectory: root + "/single", jobs: 2, progress: .none)).run(plan)
        let reference = try #require(fm.contents(atPath: root + "/single/pd/baseline/notebook.ipynb"))
        let dirs = (1...3).map { root + "/shard-\($0)" }
        for (k, d) in dirs.enumerated() {
            let s = try BatchRunner(options: BatchOptions(outputDirectory: d, shard: try Shard(index: k + 1, count: 3), progress: .none)).run(plan)
            #expect(!s.scheduled.contains { $0.hasSuffix("/notebook") })
        }
        let merged = try ShardMerger.merge(shardDirectories: dirs, into: root + "/merged", assemblers: BatchNotebook.assemblers)
        #expect(merged.count == 18)
        for scenario in ["baseline", "patient"] {
            let path = "/pd/\(scenario)/notebook.ipynb"
            #expect(fm.contents(atPath: root + "/merged" + path) == fm.contents(atPath: root + "/single" + path), "\(scenario)")
            #expect(fm.contents(atPath: root + "/merged/.detente/done/pd/\(scenario)/notebook.done")
                    == fm.contents(atPath: root + "/single/.detente/done/pd/\(scenario)/notebook.done"))
        }
        // A lost analysis (marker and files gone): resume recomputes it and reassembles the notebook.
        try fm.removeItem(atPath: root + "/single/.detente/done/pd/baseline/tornado.done")
        try fm.removeItem(atPath: root + "/single/pd/baseline/tornado.svg")
        try fm.removeItem(atPath: root + "/single/pd/baseline/notebook.ipynb")
        let s = try BatchRunner(options: BatchOptions(outputDirectory: root + "/single", resume: true, progress: .none)).run(plan)
        #expect(s.ran == ["pd/baseline/notebook", "pd/baseline/tornado"])
        #expect(fm.contents(atPath: root + "/single/pd/baseline/notebook.ipynb") == reference)
    }

    @Test func csvParsingAndMarkdownCells() {
        let csv = "# model: m\r\n# seed: 1\r\nname,\"a,b\",c\r\nx,\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n,,\r\n\"#3\",4,5\r\n"
        let all = parseReportCSV(Array(csv.utf8), keepingRows: 25)
        #expect(all.rowCount == 3)
        #expect(all.records == [["name", "a,b", "c"], ["x", "say \"hi\"", "two\r\nlines"], ["", "", ""], ["#3", "4", "5"]])
        let some = parseReportCSV(Array(csv.utf8), keepingRows: 1)
        #expect(some.rowCount == 3 && some.records == [["name", "a,b", "c"], ["x", "say \"hi\"", "two\r\nlines"]])
        #expect(parseReportCSV([], keepingRows: 25).rowCount == 0)
        #expect(BatchNotebook.markdownCell("a|b_c*<d>\\") == "a\\|b\\_c\\*\\<d\\>\\\\")
        #expect(BatchNotebook.markdownCell("two\r\nlines") == "two lines")
        let md = BatchNotebook.tableMarkdown(parseReportCSV(Array("k,v\r\n".utf8), keepingRows: 25), file: "t.csv")
        #expect(md == "`t.csv` has no rows (columns: `k`, `v`).")
    }

    @Test func tornadoBaselineIsInTheCSVButNotThePaperTables() throws {
        let t = try tornado(GrimTriggerModel(), parameters: GrimTriggerModel().parameterSpecs) { $0.threshold }
        let table = ReportTable.tornado(t, output: "critical_delta", label: "tab:t")
        // Baseline T = 5, R = 3, P = 1: (T − R)/(T − P) = 1/2.
        #expect(t.baselineOutput == 0.5)
        #expect(table.csv().hasPrefix("parameter,low,high,output_at_low,output_at_high,swing,output_at_baseline\r\n"))
        #expect(table.csv().components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.allSatisfy { $0.hasSuffix(",0.5") })
        #expect(table.json().contains("\"output_at_baseline\": 0.5"))
        #expect(!table.markdown().contains("at baseline") && !table.latex().contains("at baseline"))
        #expect(table.markdown().contains("| Parameter | Low | High | critical_delta at low | critical_delta at high | Swing |"))
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
