import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Reports

let provenance = Provenance(model: "Models/us-china_v2.yaml", modelHash: SHA256.hex("model text"), scenario: "baseline & 50% tariffs",
                            parameters: ["export_cost": "0.5", "relative_gains": "0:1:11"], seed: 7, detenteVersion: "0.1.0")

/// A table whose text exercises every LaTeX, CSV and Markdown special character.
let sampleTable = ReportTable(
    caption: "Critical discount factors (δ*) by domain: 100% of R&D_spend, $ & #",
    label: "tab:critical_delta",
    columns: [TableColumn(key: "domain", heading: "Domain", alignment: .left),
              TableColumn(key: "critical_delta", heading: "Critical δ"),
              TableColumn(key: "equilibria", heading: "# equilibria"),
              TableColumn(key: "note", heading: "Note {x}", alignment: .left)],
    rows: [[.text("AI safety"), .number(2.0 / 3, digits: 3), .integer(1), .text("a, \"quoted\" note")],
           [.text("climate_~^\\"), .number(0.25, digits: 3), .integer(3), .text("line\nbreak | pipe")],
           [.text("#tariffs"), .missing, .integer(0), .text("")]],
    notes: ["Thresholds under Nash reversion; 5% tolerance."],
    provenance: provenance)

func toolPath(_ name: String) -> String? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
        let p = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: p) { return p }
    }
    return nil
}

func run(_ exe: String, _ args: [String], in dir: String) throws -> (Int32, String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: exe)
    p.arguments = args
    p.currentDirectoryURL = URL(fileURLWithPath: dir)
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
}

func scratch(_ name: String) -> String {
    let d = NSTemporaryDirectory() + "detente-reports-\(name)-\(getpid())"
    try? FileManager.default.removeItem(atPath: d)
    try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
    return d
}

@Suite struct TableWriterTests {
    @Test func csvFollowsRFC4180() {
        let csv = sampleTable.csv()
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0] == "# model: Models/us-china_v2.yaml")
        #expect(sampleTable.csvProvenanceLineCount == 7) // model, hash, scenario, 2 parameters, seed, version
        #expect(lines[7] == "domain,critical_delta,equilibria,note")
        #expect(lines[8] == "AI safety,0.6666666666666666,1,\"a, \"\"quoted\"\" note\"")
        #expect(csv.contains("climate_~^\\,0.25,3,\"line\nbreak | pipe\"\r\n"))
        #expect(csv.contains("\"#tariffs\",,0,\r\n"))
        #expect(!csv.contains("2026")) // no timestamps
    }

    @Test func jsonIsSortedAndDeterministic() {
        let j = sampleTable.json()
        #expect(j == sampleTable.json())
        let caption = j.range(of: "\"caption\"")!.lowerBound, rows = j.range(of: "\"rows\"")!.lowerBound
        #expect(caption < rows)
        #expect(j.contains("\"critical_delta\": 0.6666666666666666"))
        #expect(j.contains("\"critical_delta\": null"))
        let parsed = try? JSONSerialization.jsonObject(with: Data(j.utf8))
        #expect(parsed != nil)
    }

    @Test func markdownEscapesPipes() {
        let m = sampleTable.markdown()
        #expect(m.contains("| AI safety | 0.667 | 1 | a, \"quoted\" note |"))
        #expect(m.contains("line break \\| pipe"))
        #expect(m.contains("| :--- | ---: | ---: | :--- |"))
    }

    @Test func latexEscapesSpecials() {
        let t = sampleTable.latex()
        #expect(t.contains("climate\\_\\textasciitilde{}\\textasciicircum{}\\textbackslash{}"))
        #expect(t.contains("\\# equilibria"))
        #expect(t.contains("100\\% of R\\&D\\_spend, \\$ \\& \\#"))
        #expect(t.contains("\\label{tab:critical-delta}"))
        #expect(t.contains("\\toprule") && t.contains("\\midrule") && t.contains("\\bottomrule"))
    }

    /// The table compiles when \input into an article. pdflatex is installed by
    /// scripts/ensure-latex.sh (the README's test command runs it); its absence is a failure.
    @Test func latexCompilesWithPdflatex() throws {
        guard let pdflatex = toolPath("pdflatex") else {
            Issue.record("pdflatex not found: run `bash scripts/ensure-latex.sh` (installs texlive-latex-base texlive-latex-recommended)")
            return
        }
        let dir = scratch("latex")
        try sampleTable.latex().write(toFile: dir + "/table.tex", atomically: true, encoding: .utf8)
        let main = "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage{booktabs}\n\\begin{document}\nText before.\n\\input{table}\n\\end{document}\n"
        try main.write(toFile: dir + "/main.tex", atomically: true, encoding: .utf8)
        let (status, log) = try run(pdflatex, ["-interaction=nonstopmode", "-halt-on-error", "main.tex"], in: dir)
        #expect(status == 0, "pdflatex failed:\n\(log.suffix(3000))")
        #expect(FileManager.default.fileExists(atPath: dir + "/main.pdf"))
        #expect(!log.contains("Missing character"))
    }
}

@Suite struct FigureAndNotebookTests {
    func figures() -> [(String, String)] {
        [("regime_map", SVGPlot.regimeMap(title: "Regimes", xLabel: "export cost", yLabel: "relative gains",
                                         xValues: [0, 0.5, 1], yValues: [0, 1],
                                         regimes: [["full cooperation", "managed competition", "decoupling"],
                                                   ["managed competition", "decoupling", "decoupling"]],
                                         categories: ["full cooperation", "managed competition", "decoupling"], provenance: provenance)),
         ("payoff_set", SVGPlot.payoffSet(title: "Payoffs <US, China>", xLabel: "US", yLabel: "China",
                                          vertices: [(1, 1), (5, 0), (3, 3), (0, 5)],
                                          points: [("stage Nash", 1, 1), ("Nash bargaining", 3, 3)])),
         ("thresholds", SVGPlot.thresholdCurves(title: "Thresholds", xLabel: "δ", yLabel: "T*",
                                                series: [("grim trigger", [(0.1, 3.2), (0.5, 5), (0.8, 11)]), ("linked", [(0.1, 3), (0.8, 9)])])),
         ("tornado", SVGPlot.tornado(title: "Tornado", outputLabel: "critical δ", baseline: 0.5,
                                     bars: [("export_cost", 0.3, 0.7), ("tariff", 0.45, 0.52)]))]
    }

    @Test func svgFiguresAreWellFormedAndLabelled() {
        for (name, svg) in figures() {
            let parser = XMLParser(data: Data(svg.utf8))
            #expect(parser.parse(), "\(name): \(parser.parserError.map { "\($0)" } ?? "")")
            #expect(svg.contains("font-size=\"14\""), "\(name)")
            #expect(!svg.contains("nan") && !svg.contains("inf"), "\(name)")
        }
        let map = figures()[0].1
        for c in ["full cooperation", "managed competition", "decoupling", "export cost", "relative gains"] { #expect(map.contains(c)) }
        #expect(map.contains("class=\"hatch-diag\"") && map.contains("class=\"hatch-cross\"")) // hatches, not colour alone
        #expect(figures()[1].1.contains("Payoffs &lt;US, China&gt;"))
    }

    func pythonPath() -> String {
        let venv = ProcessInfo.processInfo.environment["DETENTE_VENV"] ?? (NSHomeDirectory() + "/.cache/detente-venv")
        return venv + "/bin/python"
    }

    /// The notebook validates with nbformat and runs with nbclient (pandas + matplotlib cells).
    /// The Python environment comes from scripts/ensure-python-deps.sh; its absence is a failure.
    @Test func notebookValidatesAndExecutes() throws {
        let python = pythonPath()
        guard FileManager.default.isExecutableFile(atPath: python) else {
            Issue.record("\(python) not found: run `bash scripts/ensure-python-deps.sh`")
            return
        }
        let dir = scratch("notebook")
        let regimes = ReportTable(caption: "Regimes", label: "regimes",
                                  columns: [TableColumn(key: "export_cost"), TableColumn(key: "relative_gains"), TableColumn(key: "regime", alignment: .left)],
                                  rows: [[.number(0, digits: 2), .number(0, digits: 2), .text("full cooperation")],
                                         [.number(1, digits: 2), .number(0, digits: 2), .text("decoupling")],
                                         [.number(0, digits: 2), .number(1, digits: 2), .text("managed competition")],
                                         [.number(1, digits: 2), .number(1, digits: 2), .text("decoupling")]], provenance: provenance)
        let tornadoTable = ReportTable(caption: "Tornado", label: "tornado",
                                       columns: [TableColumn(key: "parameter"), TableColumn(key: "low"), TableColumn(key: "high")],
                                       rows: [[.text("export_cost"), .number(0.3, digits: 2), .number(0.7, digits: 2)],
                                              [.text("tariff"), .number(0.45, digits: 2), .number(0.52, digits: 2)]])
        let curves = ReportTable(caption: "Thresholds", label: "curves",
                                 columns: [TableColumn(key: "delta"), TableColumn(key: "T"), TableColumn(key: "series")],
                                 rows: [[.number(0.1, digits: 2), .number(3.2, digits: 2), .text("grim")],
                                        [.number(0.5, digits: 2), .number(5, digits: 2), .text("grim")]])
        let payoffs = ReportTable(caption: "Payoff set", label: "payoffs",
                                  columns: [TableColumn(key: "u1"), TableColumn(key: "u2"), TableColumn(key: "kind")],
                                  rows: [[.number(1, digits: 1), .number(1, digits: 1), .text("vertex")],
                                         [.number(5, digits: 1), .number(0, digits: 1), .text("vertex")],
                                         [.number(3, digits: 1), .number(3, digits: 1), .text("vertex")],
                                         [.number(3, digits: 1), .number(3, digits: 1), .text("Nash bargaining")]])
        for t in [regimes, tornadoTable, curves, payoffs] {
            try t.csv().write(toFile: dir + "/\(t.label).csv", atomically: true, encoding: .utf8)
        }
        let figs = figures()
        let nb = NotebookWriter(title: "US–China batch", provenance: provenance, cells: [
            .markdown("## Regimes\nWhere cooperation holds."),
            .table(regimes, csvPath: "regimes.csv"),
            .figure(name: "regime_map", title: "Regime map", svg: figs[0].1,
                    redraw: .regimeMap(csv: "regimes.csv", skipRows: regimes.csvProvenanceLineCount, x: "export_cost", y: "relative_gains", regime: "regime")),
            .figure(name: "payoff_set", title: "Payoff set", svg: figs[1].1,
                    redraw: .payoffSet(csv: "payoffs.csv", skipRows: 0, x: "u1", y: "u2", kind: "kind")),
            .figure(name: "thresholds", title: "Thresholds", svg: figs[2].1,
                    redraw: .thresholdCurves(csv: "curves.csv", skipRows: 0, x: "delta", y: "T", series: "series")),
            .figure(name: "tornado", title: "Tornado", svg: figs[3].1,
                    redraw: .tornado(csv: "tornado.csv", skipRows: 0, parameter: "parameter", low: "low", high: "high", baseline: 0.5)),
        ])
        let text = nb.render()
        #expect(text == nb.render())
        try text.write(toFile: dir + "/batch.ipynb", atomically: true, encoding: .utf8)
        let script = """
        import nbformat, nbclient
        nb = nbformat.read("batch.ipynb", as_version=4)
        nbformat.validate(nb)
        nbclient.NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": "."}}).execute()
        print("executed", sum(1 for c in nb.cells if c.cell_type == "code"), "code cells")
        """
        let (status, log) = try run(python, ["-c", script], in: dir)
        #expect(status == 0, "notebook failed:\n\(log.suffix(4000))")
        #expect(log.contains("executed 6 code cells"), "\(log.suffix(2000))")
    }
}
