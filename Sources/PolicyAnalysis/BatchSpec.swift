import Analysis
import Foundation
import PolicyModels
import Reports
import Yams

/// A batch spec problem with its place in the file: `PATH:LINE:COLUMN: message`.
public struct BatchSpecDiagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    public var message: String
    public init(path: String, line: Int, column: Int, message: String) {
        self.path = path; self.line = line; self.column = column; self.message = message
    }
    public var description: String { "\(path):\(line):\(column): \(message)" }
}

/// The files a batch writes, by kind. CSV is always written (the notebooks reload it).
public enum BatchOutputFormat: String, Sendable, CaseIterable {
    case csv, json, markdown, latex, svg, notebook
    var fileExtension: String {
        switch self {
        case .csv: return "csv"
        case .json: return "json"
        case .markdown: return "md"
        case .latex: return "tex"
        case .svg: return "svg"
        case .notebook: return "ipynb"
        }
    }
}

/// A batch read from a spec file (or assembled from a models directory): the targets with
/// their analyses, the seed, the formats and the default output directory.
///
/// Spec format (YAML; paths relative to the spec file):
/// ```yaml
/// seed: 7                      # default 1
/// output: out                  # default output directory (--output overrides)
/// formats: [csv, json, markdown, latex, svg, notebook]   # default: all
/// models:
///   - path: Models/relative-gains.yaml
///     scenarios: [baseline, realist]      # default: baseline and every scenario
///     defaults: false                     # add the default analyses (default: only when no analyses are listed)
///     analyses:
///       - name: k-grid
///         sweep: {vary: {k: [0, 10, 21], delta: [0.1, 0.9, 9]}, design: grid}
///       - name: sobol
///         sobol: {vary: [k, delta], output: linked_delta, samples: 256, sampling: sobol, bootstrap: 200}
///       - name: tornado
///         tornado: {output: linked_delta}
///       - name: k-threshold
///         thresholds: {along: k, over: {delta: [0.1, 0.9, 9]}, scan: 41, tolerance: 1e-6}
///       - name: statics
///         comparative-statics: {output: linked_delta, parameters: [k]}
/// ```
/// A `vary` entry is `NAME: [LOW, HIGH, STEPS]`, `NAME: [LOW, HIGH]`, a bare name (the model's
/// bounds), or `NAME: {low:, high:, steps:, distribution: {normal: [MEAN, SD]}}` (also
/// `uniform: [LOW, HIGH]`, `triangular: [LOW, MODE, HIGH]`, `beta: [A, B, LOW, HIGH]`).
/// Sweep designs: `grid` (default), `random`, `lhs`, `sobol` with `samples`, or `oat` with `steps`.
public struct BatchSpec: Sendable {
    public var path: String
    public var seed: UInt64
    public var formats: Set<BatchOutputFormat>
    public var outputDirectory: String?
    public var targets: [BatchTarget]

    public init(path: String, seed: UInt64, formats: Set<BatchOutputFormat>, outputDirectory: String?, targets: [BatchTarget]) {
        self.path = path; self.seed = seed; self.formats = formats; self.outputDirectory = outputDirectory; self.targets = targets
    }

    /// The batch plan: `makeBatchPlan` with the files of unwanted formats left out.
    public func plan(detenteVersion: String, workersPerJob: Int = 1) throws -> BatchPlan {
        let plan = try makeBatchPlan(targets: targets, seed: seed, detenteVersion: detenteVersion, workersPerJob: workersPerJob)
        if formats == Set(BatchOutputFormat.allCases) { return plan }
        let keep = Set(formats.map(\.fileExtension) + ["csv"])
        return BatchPlan(jobs: plan.jobs.compactMap { job in
            // The notebook jobs are the assembly jobs; they embed the figures only when SVG is written.
            if job.assembly != nil { return formats.contains(.notebook) ? job : nil }
            let produce = job.produce
            return BatchJob(name: job.name, estimatedCost: job.estimatedCost) {
                try produce().filter { keep.contains(($0.path as NSString).pathExtension) }
            }
        }, assemblers: plan.assemblers)
    }
}

/// Reads a batch spec, loads and compiles every model and checks every analysis against its
/// model, so that every problem is reported (with file, line and column) before work starts.
///
/// - Throws: `BatchSpecDiagnostic` for the first problem: unreadable YAML, a missing model
///   file (or a model file with errors), an unknown scenario, parameter or output (with the
///   closest known name), an empty range, an invalid design.
public func readBatchSpec(path: String) throws(BatchSpecDiagnostic) -> BatchSpec {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
        throw BatchSpecDiagnostic(path: path, line: 1, column: 1, message: "cannot read the batch spec")
    }
    var reader = SpecReader(path: path)
    do {
        return try reader.read(text)
    } catch let e as BatchSpecDiagnostic {
        throw e
    } catch {
        throw BatchSpecDiagnostic(path: path, line: 1, column: 1, message: "\(error)")
    }
}

/// The model files of a directory (`*.yaml`, `*.yml`, sorted by name).
public func modelFiles(in directory: String) throws(BatchSpecDiagnostic) -> [String] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
        throw BatchSpecDiagnostic(path: directory, line: 1, column: 1, message: "cannot read the directory")
    }
    let files = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
    guard !files.isEmpty else {
        throw BatchSpecDiagnostic(path: directory, line: 1, column: 1, message: "no model files (*.yaml) in the directory")
    }
    return files.map { (directory as NSString).appendingPathComponent($0) }
}

/// A loaded model file: the model, its SHA-256 and its stem.
func loadTarget(path: String, at position: (String, Int, Int)) throws(BatchSpecDiagnostic) -> (PolicyModel, String, String) {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw BatchSpecDiagnostic(path: position.0, line: position.1, column: position.2, message: "model file '\(path)' does not exist or cannot be read")
    }
    let model: PolicyModel
    do { model = try loadModel(path: path) } catch {
        throw BatchSpecDiagnostic(path: position.0, line: position.1, column: position.2,
                                  message: "model file '\(path)' has errors:\n" + error.diagnostics.map(\.description).joined(separator: "\n"))
    }
    let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    return (model, Provenance.contentHash(of: [UInt8](data)), stem)
}

struct SpecReader {
    let path: String

    func fail(_ node: Node?, _ message: String) -> BatchSpecDiagnostic {
        let m = node?.mark
        return BatchSpecDiagnostic(path: path, line: m?.line ?? 1, column: m?.column ?? 1, message: message)
    }

    func mapping(_ node: Node, _ what: String, allowed: [String]) throws -> [(String, Node, Node)] {
        guard case .mapping(let m) = node else { throw fail(node, "\(what) must be a mapping") }
        var out = [(String, Node, Node)]()
        for (k, v) in m {
            guard case .scalar(let s) = k else { throw fail(k, "keys in \(what) must be plain names") }
            guard allowed.contains(s.string) else {
                throw fail(k, unknownNameMessage(s.string, known: allowed, kind: "key") + " in \(what)")
            }
            out.append((s.string, k, v))
        }
        return out
    }

    func string(_ node: Node, _ what: String) throws -> String {
        guard case .scalar(let s) = node else { throw fail(node, "\(what) must be a plain value") }
        return s.string
    }
    func number(_ node: Node, _ what: String) throws -> Double {
        guard case .scalar(let s) = node, let v = Double(s.string), v.isFinite else {
            throw fail(node, "\(what) must be a finite number, found \(describe(node))")
        }
        return v
    }
    func integer(_ node: Node, _ what: String, minimum: Int) throws -> Int {
        guard case .scalar(let s) = node, let v = Int(s.string) else { throw fail(node, "\(what) must be an integer, found \(describe(node))") }
        guard v >= minimum else { throw fail(node, "\(what) must be at least \(minimum), got \(v)") }
        return v
    }
    func list(_ node: Node, _ what: String) throws -> [Node] {
        if case .sequence(let s) = node { return Array(s) }
        throw fail(node, "\(what) must be a list")
    }
    func describe(_ node: Node) -> String {
        if case .scalar(let s) = node { return "'\(s.string)'" }
        return "a collection"
    }

    mutating func read(_ text: String) throws -> BatchSpec {
        let root: Node
        do {
            guard let r = try Yams.compose(yaml: text) else { throw fail(nil, "the batch spec is empty") }
            root = r
        } catch let e as BatchSpecDiagnostic { throw e } catch let e as YamlError {
            throw BatchSpecDiagnostic(path: path, line: 1, column: 1, message: "not valid YAML: \(e)")
        }
        var seed: UInt64 = 1
        var formats = Set(BatchOutputFormat.allCases)
        var output: String?
        var modelsNode: Node?
        let base = (path as NSString).deletingLastPathComponent
        for (key, _, value) in try mapping(root, "the batch spec", allowed: ["seed", "output", "formats", "models"]) {
            switch key {
            case "seed":
                guard case .scalar(let s) = value, let v = UInt64(s.string) else { throw fail(value, "seed must be a non-negative integer, found \(describe(value))") }
                seed = v
            case "output":
                let o = try string(value, "output")
                output = o.hasPrefix("/") ? o : (base as NSString).appendingPathComponent(o)
            case "formats":
                formats = []
                for f in try list(value, "formats") {
                    let name = try string(f, "a format")
                    guard let fmt = BatchOutputFormat(rawValue: name) else {
                        throw fail(f, unknownNameMessage(name, known: BatchOutputFormat.allCases.map(\.rawValue), kind: "format"))
                    }
                    formats.insert(fmt)
                }
            default:
                modelsNode = value
            }
        }
        guard let modelsNode else { throw fail(root, "the batch spec lists no models (key 'models')") }
        var targets = [BatchTarget]()
        let entries = try list(modelsNode, "models")
        guard !entries.isEmpty else { throw fail(modelsNode, "the list of models is empty") }
        for entry in entries {
            targets += try readModel(entry, base: base, seed: seed)
        }
        return BatchSpec(path: path, seed: seed, formats: formats, outputDirectory: output, targets: targets)
    }

    func readModel(_ entry: Node, base: String, seed: UInt64) throws -> [BatchTarget] {
        let fields = try mapping(entry, "a model entry", allowed: ["path", "scenarios", "analyses", "defaults"])
        guard let pathField = fields.first(where: { $0.0 == "path" }) else { throw fail(entry, "a model entry needs 'path'") }
        let rel = try string(pathField.2, "path")
        let file = rel.hasPrefix("/") ? rel : (base as NSString).appendingPathComponent(rel)
        let mark = pathField.2.mark
        let (model, hash, stem) = try loadTarget(path: file, at: (path, mark?.line ?? 1, mark?.column ?? 1))
        var scenarios = ["baseline"] + model.scenarios.map(\.name)
        if let s = fields.first(where: { $0.0 == "scenarios" }) {
            scenarios = []
            for n in try list(s.2, "scenarios") {
                let name = try string(n, "a scenario")
                guard name == "baseline" || model.scenario(named: name) != nil else {
                    throw fail(n, unknownNameMessage(name, known: ["baseline"] + model.scenarios.map(\.name), kind: "scenario") + " of \(rel)")
                }
                scenarios.append(name)
            }
            guard !scenarios.isEmpty else { throw fail(s.2, "the list of scenarios is empty") }
        }
        var defaults: Bool?
        if let d = fields.first(where: { $0.0 == "defaults" }) {
            guard case .scalar(let s) = d.2, let b = Bool(s.string) else { throw fail(d.2, "defaults must be true or false") }
            defaults = b
        }
        var targets = [BatchTarget]()
        let analysesNode = fields.first(where: { $0.0 == "analyses" })?.2
        for scenario in scenarios {
            let compiled: PolicyAnalysisModel
            do { compiled = try PolicyAnalysisModel(model: model, scenario: scenario) } catch {
                throw fail(pathField.2, "\(error)")
            }
            var analyses = [AnalysisRequest]()
            if defaults ?? (analysesNode == nil) {
                analyses += try defaultAnalyses(for: PolicyAnalysisModel(model: model), settings: .standard)
            }
            if let analysesNode {
                for a in try list(analysesNode, "analyses") {
                    let request = try readAnalysis(a, model: compiled)
                    do { _ = try request.validate(against: compiled) } catch {
                        throw fail(a, "analysis '\(request.name)' of \(rel), scenario \(scenario): \(error)")
                    }
                    analyses.append(request)
                }
            }
            targets.append(BatchTarget(model: rel, stem: stem, modelHash: hash, scenario: scenario, compiled: compiled, analyses: analyses))
        }
        return targets
    }

    func parameterName(_ node: Node, model: PolicyAnalysisModel) throws -> String {
        let name = try string(node, "a parameter name")
        guard model.parameterNames.contains(name) else {
            throw fail(node, unknownNameMessage(name, known: model.parameterNames, kind: "parameter") + " of \(model.model.path)")
        }
        return name
    }

    func outputName(_ node: Node, model: PolicyAnalysisModel) throws -> String {
        let name = try string(node, "an output name")
        guard model.scalarNames.contains(name) else {
            throw fail(node, unknownNameMessage(name, known: model.scalarNames, kind: "output"))
        }
        return name
    }

    /// `vary`: a list of names, or a mapping name → range.
    func ranges(_ node: Node, model: PolicyAnalysisModel) throws -> [ParameterRange] {
        switch node {
        case .sequence(let s):
            return try s.map { ParameterRange(try parameterName($0, model: model)) }
        case .mapping(let m):
            return try m.map { k, v in try range(name: try parameterName(k, model: model), v, model: model) }
        case .scalar:
            return [ParameterRange(try parameterName(node, model: model))]
        default:
            throw fail(node, "vary must be a list of parameter names or a mapping of parameter ranges")
        }
    }

    func range(name: String, _ v: Node, model: PolicyAnalysisModel) throws -> ParameterRange {
        var r = ParameterRange(name)
        switch v {
        case .sequence(let s):
            guard s.count == 2 || s.count == 3 else { throw fail(v, "range of '\(name)' must be [LOW, HIGH] or [LOW, HIGH, STEPS]") }
            r.low = try number(s[0], "low"); r.high = try number(s[1], "high")
            if s.count == 3 { r.steps = try integer(s[2], "steps", minimum: 1) }
        case .mapping:
            for (key, _, value) in try mapping(v, "the range of '\(name)'", allowed: ["low", "high", "steps", "distribution"]) {
                switch key {
                case "low": r.low = try number(value, "low")
                case "high": r.high = try number(value, "high")
                case "steps": r.steps = try integer(value, "steps", minimum: 1)
                default: r.distribution = try distribution(value, name: name)
                }
            }
        default:
            throw fail(v, "range of '\(name)' must be [LOW, HIGH, STEPS] or a mapping")
        }
        if let l = r.low, let h = r.high, l > h { throw fail(v, "empty range for '\(name)': low \(formatNumber(l)) > high \(formatNumber(h))") }
        let spec = model.parameterSpecs.first { $0.name == name }!
        if (r.low ?? spec.low) > (r.high ?? spec.high) {
            throw fail(v, "empty range for '\(name)': low \(formatNumber(r.low ?? spec.low)) > high \(formatNumber(r.high ?? spec.high))")
        }
        return r
    }

    func distribution(_ node: Node, name: String) throws -> ParameterDistribution {
        let fields = try mapping(node, "the distribution of '\(name)'", allowed: ["uniform", "normal", "triangular", "beta"])
        guard fields.count == 1 else { throw fail(node, "the distribution of '\(name)' needs exactly one of uniform, normal, triangular, beta") }
        let (kind, _, value) = fields[0]
        let xs = try list(value, kind).map { try number($0, "a \(kind) parameter") }
        let counts = ["uniform": 2, "normal": 2, "triangular": 3, "beta": 4]
        guard xs.count == counts[kind]! else { throw fail(value, "\(kind) takes \(counts[kind]!) numbers, got \(xs.count)") }
        let d: ParameterDistribution
        switch kind {
        case "uniform": d = .uniform(low: xs[0], high: xs[1])
        case "normal": d = .normal(mean: xs[0], sd: xs[1])
        case "triangular": d = .triangular(low: xs[0], mode: xs[1], high: xs[2])
        default: d = .beta(alpha: xs[0], beta: xs[1], low: xs[2], high: xs[3])
        }
        do { try d.validate(parameter: name) } catch { throw fail(value, "\(error)") }
        return d
    }

    func readAnalysis(_ node: Node, model: PolicyAnalysisModel) throws -> AnalysisRequest {
        let kinds = ["sweep", "sobol", "tornado", "thresholds", "comparative-statics"]
        let fields = try mapping(node, "an analysis", allowed: ["name"] + kinds)
        guard let nameField = fields.first(where: { $0.0 == "name" }) else { throw fail(node, "an analysis needs 'name'") }
        let name = try string(nameField.2, "name")
        let kindFields = fields.filter { $0.0 != "name" }
        guard kindFields.count == 1 else { throw fail(node, "analysis '\(name)' needs exactly one of: \(kinds.joined(separator: ", "))") }
        let (kind, _, body) = kindFields[0]
        switch kind {
        case "sweep":
            let f = try mapping(body, "sweep '\(name)'", allowed: ["vary", "design", "samples", "steps"])
            guard let vary = f.first(where: { $0.0 == "vary" }) else { throw fail(body, "sweep '\(name)' needs 'vary'") }
            let varying = try ranges(vary.2, model: model)
            let samples = try f.first(where: { $0.0 == "samples" }).map { try integer($0.2, "samples", minimum: 1) }
            var design: SamplingDesign?
            if let d = f.first(where: { $0.0 == "design" }) {
                let dn = try string(d.2, "design")
                switch dn {
                case "grid": design = nil
                case "random", "lhs", "sobol":
                    guard let samples else { throw fail(d.2, "design '\(dn)' needs 'samples'") }
                    design = dn == "random" ? .random(samples: samples) : dn == "lhs" ? .latinHypercube(samples: samples) : .sobol(samples: samples)
                case "oat":
                    let steps = try f.first(where: { $0.0 == "steps" }).map { try integer($0.2, "steps", minimum: 1) } ?? 11
                    design = .oneAtATime(steps: steps)
                default:
                    throw fail(d.2, unknownNameMessage(dn, known: ["grid", "random", "lhs", "sobol", "oat"], kind: "design"))
                }
            }
            return AnalysisRequest(name: name, kind: .sweep(varying: varying, design: design))
        case "sobol":
            let f = try mapping(body, "sobol '\(name)'", allowed: ["vary", "output", "samples", "sampling", "bootstrap"])
            guard let vary = f.first(where: { $0.0 == "vary" }) else { throw fail(body, "sobol '\(name)' needs 'vary'") }
            let output = try f.first(where: { $0.0 == "output" }).map { try outputName($0.2, model: model) } ?? "linked_delta"
            let n = try f.first(where: { $0.0 == "samples" }).map { try integer($0.2, "samples", minimum: 2) } ?? 256
            var sampling = SaltelliDesign.Sampling.sobolSequence
            if let s = f.first(where: { $0.0 == "sampling" }) {
                let sn = try string(s.2, "sampling")
                guard let v = SaltelliDesign.Sampling(rawValue: sn) else { throw fail(s.2, unknownNameMessage(sn, known: ["sobol", "random"], kind: "sampling")) }
                sampling = v
            }
            let b = try f.first(where: { $0.0 == "bootstrap" }).map { try integer($0.2, "bootstrap", minimum: 0) } ?? 200
            return AnalysisRequest(name: name, kind: .sobol(varying: try ranges(vary.2, model: model), output: output, baseSamples: n,
                                                            sampling: sampling, bootstrapResamples: b))
        case "tornado":
            let f = try mapping(body, "tornado '\(name)'", allowed: ["vary", "output"])
            let output = try f.first(where: { $0.0 == "output" }).map { try outputName($0.2, model: model) } ?? "linked_delta"
            let varying = try f.first(where: { $0.0 == "vary" }).map { try ranges($0.2, model: model) } ?? []
            return AnalysisRequest(name: name, kind: .tornado(varying: varying, output: output))
        case "thresholds":
            let f = try mapping(body, "thresholds '\(name)'", allowed: ["along", "over", "scan", "tolerance"])
            guard let along = f.first(where: { $0.0 == "along" }) else { throw fail(body, "thresholds '\(name)' needs 'along'") }
            func one(_ n: Node) throws -> ParameterRange {
                let rs = try ranges(n, model: model)
                guard rs.count == 1 else { throw fail(n, "give one parameter here, found \(rs.count)") }
                return rs[0]
            }
            let over = try f.first(where: { $0.0 == "over" }).map { try one($0.2) }
            let scan = try f.first(where: { $0.0 == "scan" }).map { try integer($0.2, "scan", minimum: 2) } ?? 41
            let tol = try f.first(where: { $0.0 == "tolerance" }).map { try number($0.2, "tolerance") } ?? 1e-6
            return AnalysisRequest(name: name, kind: .thresholds(along: try one(along.2), over: over, scanSteps: scan, tolerance: tol))
        default:
            let f = try mapping(body, "comparative-statics '\(name)'", allowed: ["parameters", "output"])
            let output = try f.first(where: { $0.0 == "output" }).map { try outputName($0.2, model: model) } ?? "linked_delta"
            let ps = try f.first(where: { $0.0 == "parameters" }).map { try list($0.2, "parameters").map { try parameterName($0, model: model) } } ?? []
            return AnalysisRequest(name: name, kind: .comparativeStatics(parameters: ps, output: output))
        }
    }
}
