import Analysis

/// One model in one scenario with the analyses to run on it: a line of a batch spec after the
/// model file has been loaded and compiled.
public struct BatchTarget: Sendable {
    /// The model's name or path as the spec gives it (used in provenance).
    public var model: String
    /// A file-system-safe stem for output paths (e.g. `us-china`).
    public var stem: String
    /// SHA-256 of the model file's bytes (`Provenance.contentHash(of:)`).
    public var modelHash: String
    public var scenario: String
    public var compiled: any AnalyzableModel
    public var analyses: [AnalysisRequest]

    public init(model: String, stem: String, modelHash: String, scenario: String,
                compiled: any AnalyzableModel, analyses: [AnalysisRequest]) {
        self.model = model
        self.stem = stem
        self.modelHash = modelHash
        self.scenario = scenario
        self.compiled = compiled
        self.analyses = analyses
    }
}

/// A batch spec that cannot run, found before any work starts.
public struct BatchSpecError: Error, Equatable, CustomStringConvertible, Sendable {
    public var target: String
    public var analysis: String?
    public var message: String
    public var description: String { "\(target)\(analysis.map { " analysis '\($0)'" } ?? ""): \(message)" }
}

/// Builds the `BatchPlan` of a batch: one job per (model, scenario, analysis) writing its
/// tables (CSV, JSON, Markdown, LaTeX) and figure (SVG) into `STEM/SCENARIO/`, and one
/// assembly job per (model, scenario), `STEM/SCENARIO/notebook`, that runs after that
/// target's analysis jobs and writes `STEM/SCENARIO/notebook.ipynb` from their files
/// (`BatchNotebook`: the tables' first rows, the SVG figures embedded, pandas and matplotlib
/// cells). The plan's assemblers are `BatchNotebook.assemblers`.
///
/// Every request is validated against its model first (unknown parameter or output, empty
/// range, bad design): the first problem throws `BatchSpecError` and no plan is returned.
/// Jobs evaluate with `workersPerJob` threads (1 by default: the batch runs jobs in parallel).
public func makeBatchPlan(targets: [BatchTarget], seed: UInt64, detenteVersion: String,
                          workersPerJob: Int = 1) throws -> BatchPlan {
    guard !targets.isEmpty else { throw BatchSpecError(target: "batch", analysis: nil, message: "no models to run") }
    var jobs = [BatchJob]()
    var seen = Set<String>()
    for t in targets {
        let dir = safeComponent(t.stem) + "/" + safeComponent(t.scenario)
        guard seen.insert(dir).inserted else {
            throw BatchSpecError(target: dir, analysis: nil, message: "model and scenario listed twice")
        }
        var analysisNames = Set<String>()
        var sections = [BatchNotebook.Recipe.Section]()
        for a in t.analyses {
            guard analysisNames.insert(safeComponent(a.name)).inserted else {
                throw BatchSpecError(target: dir, analysis: a.name, message: "analysis name used twice")
            }
            let cost: Double
            do { cost = try validateOpened(a, t.compiled) } catch {
                throw BatchSpecError(target: "\(t.model) scenario '\(t.scenario)'", analysis: a.name, message: "\(error)")
            }
            let target = t
            let job = dir + "/" + safeComponent(a.name)
            jobs.append(BatchJob(name: job, estimatedCost: cost) {
                try runOpened(a, target.compiled, target: target, dir: dir, seed: seed, version: detenteVersion,
                              evaluator: ParallelEvaluator(workers: workersPerJob))
            })
            let (about, redraw) = describeOpened(a, t.compiled)
            sections.append(.init(name: a.name, job: job, stem: safeComponent(a.name), about: about, redraw: redraw))
        }
        let recipe = BatchNotebook.Recipe(title: "\(t.model): scenario \(t.scenario)", directory: dir, model: t.model,
                                          modelHash: t.modelHash, scenario: t.scenario, seed: seed,
                                          detenteVersion: detenteVersion, sections: sections)
        jobs.append(BatchJob(name: dir + "/notebook", estimatedCost: 1,
                             assembly: BatchAssembly(assembler: BatchNotebook.assemblerName,
                                                     dependencies: sections.map(\.job), recipe: recipe.encoded())))
    }
    return BatchPlan(jobs: jobs, assemblers: BatchNotebook.assemblers)
}

func safeComponent(_ s: String) -> String {
    let mapped = String(s.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "_" })
    return mapped.hasPrefix(".") ? "_" + mapped.dropFirst() : (mapped.isEmpty ? "_" : mapped)
}

private func validateOpened<M: AnalyzableModel>(_ a: AnalysisRequest, _ m: M) throws -> Double {
    try a.validate(against: m)
}

private func runOpened<M: AnalyzableModel>(_ a: AnalysisRequest, _ m: M, target: BatchTarget, dir: String, seed: UInt64,
                                           version: String, evaluator: ParallelEvaluator) throws -> [BatchOutputFile] {
    var parameters = [String: String]()
    func prov(_ specs: [ParameterSpec], usesSeed: Bool) -> Provenance {
        for s in specs { parameters[s.name] = "\(s.low)..\(s.high) (\(s.distribution))" }
        return Provenance(model: target.model, modelHash: target.modelHash, scenario: target.scenario,
                          parameters: parameters, seed: usesSeed ? seed : nil, detenteVersion: version)
    }
    let base = dir + "/" + safeComponent(a.name)
    let label = "tab:" + safeComponent(target.stem) + "-" + safeComponent(target.scenario) + "-" + safeComponent(a.name)
    var svg: String?
    let table: ReportTable
    switch a.kind {
    case let .sweep(varying, design):
        let specs = try varying.map { try AnalysisRequest.resolve($0, in: m) }
        let d = design ?? .grid(steps: varying.map { $0.steps ?? 11 })
        let r = try sweep(m, parameters: specs, design: d, seed: seed, evaluator: evaluator)
        let p = prov(specs, usesSeed: true)
        var outs: [(key: String, cell: (M.Output) -> TableCell)] = [("regime", { .text(m.regime($0)) })]
        for (i, n) in m.scalarNames.enumerated() { outs.append((n, { .number(m.scalars($0)[i], digits: 4) })) }
        table = ReportTable.sweep(r, outputs: outs, caption: "\(target.model), scenario \(target.scenario): \(a.name)",
                                  label: label, provenance: p)
        if case .grid = d, specs.count == 2 {
            svg = SVGPlot.regimeMap(r, regime: m.regime, title: "Regimes: \(a.name)", provenance: p)
        }
    case let .sobol(varying, output, n, sampling, resamples):
        let specs = try varying.map { try AnalysisRequest.resolve($0, in: m) }
        let i = try AnalysisRequest.outputIndex(output, in: m)
        let r = try sobolIndices(m, parameters: specs, baseSamples: n, sampling: sampling, seed: seed,
                                 bootstrapResamples: resamples, evaluator: evaluator) { m.scalars($0)[i] }
        table = ReportTable.sobolIndices(r, output: output, label: label, provenance: prov(specs, usesSeed: true))
    case let .tornado(varying, output):
        let specs = varying.isEmpty ? m.parameterSpecs : try varying.map { try AnalysisRequest.resolve($0, in: m) }
        let i = try AnalysisRequest.outputIndex(output, in: m)
        let t = try tornado(m, parameters: specs, evaluator: evaluator) { m.scalars($0)[i] }
        let p = prov(specs, usesSeed: false)
        table = ReportTable.tornado(t, output: output, label: label, provenance: p)
        svg = SVGPlot.tornado(t, output: output, provenance: p)
    case let .thresholds(along, over, scanSteps, tolerance):
        let a1 = try AnalysisRequest.resolve(along, in: m)
        if let over {
            let o = try AnalysisRequest.resolve(over, in: m)
            let c = try thresholdCurves(m, along: a1, over: o, overSteps: over.steps ?? 11, scanSteps: scanSteps,
                                        tolerance: tolerance, evaluator: evaluator) { m.regime($0) }
            let p = prov([a1, o], usesSeed: false)
            table = ReportTable.thresholdCurves(c, label: label, provenance: p)
            var series = [String: [(Double, Double)]]()
            for (v, changes) in zip(c.overValues, c.changes) {
                for ch in changes { series["\(ch.regimeBelow) → \(ch.regimeAbove)", default: []].append((v, ch.location)) }
            }
            if !series.isEmpty {
                svg = SVGPlot.thresholdCurves(title: "Thresholds in \(a1.name)", xLabel: o.name, yLabel: "\(a1.name) threshold",
                                              series: series.keys.sorted().map { ($0, series[$0]!) }, provenance: p)
            }
        } else {
            let changes = try regimeChanges(m, along: a1, scanSteps: scanSteps, tolerance: tolerance, evaluator: evaluator) { m.regime($0) }
            table = ReportTable(
                caption: "Regime changes along \(a1.name)", label: label,
                columns: [TableColumn(key: a1.name + "_threshold", heading: "\(a1.name) threshold"),
                          TableColumn(key: "bracket_low", heading: "Bracket low"), TableColumn(key: "bracket_high", heading: "Bracket high"),
                          TableColumn(key: "regime_below", heading: "Regime below", alignment: .left),
                          TableColumn(key: "regime_above", heading: "Regime above", alignment: .left)],
                rows: changes.map { [.number($0.location, digits: 4), .number($0.lower, digits: 6), .number($0.upper, digits: 6),
                                     .text($0.regimeBelow), .text($0.regimeAbove)] },
                notes: changes.isEmpty ? ["No regime change between \(a1.low) and \(a1.high) at the scan resolution."] : [],
                provenance: prov([a1], usesSeed: false))
        }
    case let .comparativeStatics(names, output):
        let i = try AnalysisRequest.outputIndex(output, in: m)
        let list = names.isEmpty ? m.parameterNames : names
        let d = try comparativeStatics(m, parameters: list, evaluator: evaluator) { m.scalars($0)[i] }
        table = ReportTable.comparativeStatics(d, output: output, label: label,
                                               provenance: Provenance(model: target.model, modelHash: target.modelHash,
                                                                      scenario: target.scenario, detenteVersion: version))
    }
    var files = [BatchOutputFile(path: base + ".csv", text: table.csv()),
                 BatchOutputFile(path: base + ".json", text: table.json()),
                 BatchOutputFile(path: base + ".md", text: table.markdown())]
    if table.rows.count <= 200 { files.append(BatchOutputFile(path: base + ".tex", text: table.latex())) }
    if let svg { files.append(BatchOutputFile(path: base + ".svg", text: svg)) }
    return files
}

/// What an analysis computes (Markdown for its notebook section) and how its figure is
/// redrawn, from the request alone (the request was validated against the model).
private func describeOpened<M: AnalyzableModel>(_ a: AnalysisRequest, _ m: M) -> (String, BatchNotebook.Recipe.Redraw?) {
    func code(_ s: String) -> String { "`" + s.replacingOccurrences(of: "`", with: "'") + "`" }
    func range(_ r: ParameterRange) -> String {
        guard let s = try? AnalysisRequest.resolve(r, in: m) else { return code(r.name) }
        return "\(code(s.name)) from \(s.low) to \(s.high)"
    }
    let preferred = m.scalarNames.contains("linked_delta") ? "linked_delta" : m.scalarNames.first
    switch a.kind {
    case let .sweep(varying, design):
        let names = varying.map(\.name)
        let d = design ?? .grid(steps: varying.map { $0.steps ?? 11 })
        let points = d.pointCount(parameterCount: varying.count)
        let what: String
        switch d {
        case let .grid(steps): what = "a grid of \(steps.map(String.init).joined(separator: " × ")) points"
        case .random: what = "\(points) random points (seeded)"
        case .latinHypercube: what = "a Latin hypercube of \(points) points (seeded)"
        case .sobol: what = "\(points) points of a Sobol sequence"
        case let .oneAtATime(steps): what = "\(points) points (the baseline and \(steps) steps of each parameter, one at a time)"
        }
        let outputs = "One row per point: the parameters, the regime and every scalar output of the model (\(m.scalarNames.prefix(6).map(code).joined(separator: ", "))\(m.scalarNames.count > 6 ? ", ..." : ""))."
        let about = "A sweep over \(varying.map(range).joined(separator: " and ")) on \(what). " + outputs
        if case .grid = d, names.count == 2 {
            return (about + " The figure maps the regime over the grid.", .init(kind: .regimeMap, parameters: names))
        }
        if names.count == 1 { return (about, .init(kind: .sweepLines, parameters: names, output: preferred)) }
        guard let preferred else { return (about, nil) }
        return (about, .init(kind: .sweepScatter, parameters: names, output: preferred))
    case let .sobol(varying, output, n, sampling, resamples):
        return ("Variance-based sensitivity of \(code(output)) to \(varying.map(range).joined(separator: ", ")): the first-order index S_i is the share of the variance of \(code(output)) due to the parameter alone, the total index S_Ti adds its interactions with the others (Saltelli et al. 2010 and Jansen 1999 estimators; N = \(n) base samples, \(sampling.rawValue) sampling, percentile bootstrap intervals from \(resamples) resamples).",
                .init(kind: .sobol, parameters: varying.map(\.name), output: output))
    case let .tornado(varying, output):
        let over = varying.isEmpty ? "every parameter" : varying.map(range).joined(separator: ", ")
        return ("One-at-a-time sensitivity of \(code(output)): \(over) moved to its low and its high bound with the others at the baseline; the rows are sorted by swing, largest first.",
                .init(kind: .tornado, parameters: varying.map(\.name), output: output))
    case let .thresholds(along, over, scanSteps, tolerance):
        let base = "Where the regime changes along \(range(along)): a scan of \(scanSteps) steps, then bisection to \(tolerance)"
        if let over {
            return (base + ", for \(over.steps ?? 11) values of \(range(over)). One row per change: its location, the bracket and the regimes below and above.",
                    .init(kind: .thresholdCurves, parameters: [along.name, over.name]))
        }
        let bounds = (try? AnalysisRequest.resolve(along, in: m)).map { [$0.low, $0.high] }
        return (base + ". One row per change: its location, the bracket and the regimes below and above.",
                .init(kind: .regimeChanges, parameters: [along.name], range: bounds))
    case let .comparativeStatics(parameters, output):
        let list = parameters.isEmpty ? "every parameter" : parameters.map(code).joined(separator: ", ")
        return ("Comparative statics: the derivative of \(code(output)) with respect to \(list) at the baseline (central differences with Richardson extrapolation, with an error estimate).",
                .init(kind: .comparativeStatics, parameters: parameters, output: output))
    }
}
