import Foundation
import Analysis
import PolicyModels
import Reports

/// The sizes of the default analyses (`detente batch` with no spec).
public struct DefaultAnalysisSettings: Sendable, Equatable {
    /// Grid steps per axis of the regime map.
    public var gridSteps: Int
    /// Base samples N of the Sobol indices (N·(k+2) evaluations).
    public var sobolSamples: Int
    /// Bootstrap resamples of the Sobol confidence intervals.
    public var bootstrapResamples: Int
    /// Most parameters in the Sobol analysis (the largest tornado swings).
    public var sobolParameters: Int
    /// Threshold curves: values of the second parameter, scan steps along the first.
    public var thresholdCurves: Int
    public var thresholdScan: Int

    public init(gridSteps: Int, sobolSamples: Int, bootstrapResamples: Int, sobolParameters: Int,
                thresholdCurves: Int, thresholdScan: Int) {
        self.gridSteps = gridSteps; self.sobolSamples = sobolSamples; self.bootstrapResamples = bootstrapResamples
        self.sobolParameters = sobolParameters; self.thresholdCurves = thresholdCurves; self.thresholdScan = thresholdScan
    }

    /// The README's main command: 41×41 regime maps, N = 256 Sobol samples over up to 6
    /// parameters with 200 bootstrap resamples, 11 threshold curves scanned at 41 steps.
    public static let standard = DefaultAnalysisSettings(gridSteps: 41, sobolSamples: 256, bootstrapResamples: 200,
                                                         sobolParameters: 6, thresholdCurves: 11, thresholdScan: 41)
    /// The largest sizes used for models with Markov states (one MPE search per point).
    public static let markovCap = DefaultAnalysisSettings(gridSteps: 11, sobolSamples: 32, bootstrapResamples: 200,
                                                          sobolParameters: 4, thresholdCurves: 5, thresholdScan: 11)

    /// Each size the smaller of `self`'s and `cap`'s.
    public func capped(by cap: DefaultAnalysisSettings) -> DefaultAnalysisSettings {
        DefaultAnalysisSettings(gridSteps: min(gridSteps, cap.gridSteps), sobolSamples: min(sobolSamples, cap.sobolSamples),
                                bootstrapResamples: min(bootstrapResamples, cap.bootstrapResamples),
                                sobolParameters: min(sobolParameters, cap.sobolParameters),
                                thresholdCurves: min(thresholdCurves, cap.thresholdCurves),
                                thresholdScan: min(thresholdScan, cap.thresholdScan))
    }

    /// Small sizes for tests.
    public static let small = DefaultAnalysisSettings(gridSteps: 7, sobolSamples: 16, bootstrapResamples: 20,
                                                      sobolParameters: 3, thresholdCurves: 3, thresholdScan: 9)
}

/// The default analyses of a model (the same for each of its scenarios, chosen at the
/// baseline so every scenario's tables have the same shape):
/// 1. `tornado`: one-at-a-time swings of `linked_delta` over every parameter's bounds;
/// 2. `regime-map`: a grid over the two parameters with the largest swings (payoff parameters
///    first; the discount factor fills in when fewer than two payoff parameters move the
///    threshold), with the regime and every scalar per point, and the regime map figure;
/// 3. `thresholds`: where the regime changes along the first of those parameters, located by
///    bisection, for several values of the second;
/// 4. `sobol`: first-order and total Sobol indices of `linked_delta` over the payoff parameters
///    with non-zero swing (at most `sobolParameters`), when there are any;
/// 5. `comparative-statics`: derivatives of `linked_delta` at the baseline.
///
/// Models with a `states:` section pay a Markov perfect equilibrium search per point (about
/// 10 ms in a debug build for Models/decoupling-dynamics.yaml), so their sizes are capped by
/// `DefaultAnalysisSettings.markovCap` (11×11 maps, N = 32 Sobol samples over at most 4
/// parameters, 5 threshold curves scanned at 11 steps), and they get one more tornado per
/// state, `tornado-share-STATE`, of the long-run share `share/STATE`.
public func defaultAnalyses(for model: PolicyAnalysisModel, settings requested: DefaultAnalysisSettings) throws -> [AnalysisRequest] {
    let markovStates = model.model.states?.states.map(\.name) ?? []
    let settings = markovStates.isEmpty ? requested : requested.capped(by: .markovCap)
    let output = "linked_delta"
    let index = model.scalarNames.firstIndex(of: output)!
    let t = try tornado(model, parameters: model.parameterSpecs, evaluator: ParallelEvaluator(workers: 1)) { $0.values[index] }
    let discount = Set(model.discountParameters.map { model.parameterNames[$0] })
    let moving = t.bars.filter { $0.swing > 0 && $0.swing.isFinite && !discount.contains($0.parameter) }.map(\.parameter)
    var axes = Array(moving.prefix(2))
    for name in model.parameterNames.filter({ discount.contains($0) }) + model.parameterNames where axes.count < 2 && !axes.contains(name) {
        axes.append(name)
    }
    var analyses = [AnalysisRequest(name: "tornado", kind: .tornado(varying: [], output: output))]
    for state in markovStates {
        analyses.append(AnalysisRequest(name: "tornado-share-" + state, kind: .tornado(varying: [], output: "share/" + state)))
    }
    if axes.count == 2 {
        analyses.append(AnalysisRequest(name: "regime-map", kind: .sweep(
            varying: axes.map { ParameterRange($0, steps: settings.gridSteps) }, design: nil)))
        analyses.append(AnalysisRequest(name: "thresholds", kind: .thresholds(
            along: ParameterRange(axes[0]), over: ParameterRange(axes[1], steps: settings.thresholdCurves),
            scanSteps: settings.thresholdScan, tolerance: 1e-6)))
    }
    let sobolSet = Array(moving.prefix(settings.sobolParameters))
    if !sobolSet.isEmpty {
        analyses.append(AnalysisRequest(name: "sobol", kind: .sobol(
            varying: sobolSet.map { ParameterRange($0) }, output: output, baseSamples: settings.sobolSamples,
            sampling: .sobolSequence, bootstrapResamples: settings.bootstrapResamples)))
    }
    analyses.append(AnalysisRequest(name: "comparative-statics", kind: .comparativeStatics(parameters: [], output: output)))
    return analyses
}

/// The default batch over every model file of `directory` (sorted by file name): each model
/// at its baseline and every scenario, with `defaultAnalyses`, seed 1, every format.
///
/// - Throws: `BatchSpecDiagnostic` naming the file for an unreadable directory or a model
///   file with errors.
public func defaultBatchSpec(modelsDirectory directory: String, settings: DefaultAnalysisSettings = .standard,
                             modelPathPrefix: String? = nil) throws -> BatchSpec {
    var targets = [BatchTarget]()
    for file in try modelFiles(in: directory) {
        let (model, hash, stem) = try loadTarget(path: file, at: (file, 1, 1))
        let base = try PolicyAnalysisModel(model: model)
        let analyses = try defaultAnalyses(for: base, settings: settings)
        // The name recorded in provenance: the file's path under the given prefix (so outputs do
        // not depend on where the repository is checked out).
        let shown = modelPathPrefix.map { $0 + "/" + (file as NSString).lastPathComponent } ?? file
        for scenario in ["baseline"] + model.scenarios.map(\.name) {
            targets.append(BatchTarget(model: shown, stem: stem, modelHash: hash, scenario: scenario,
                                       compiled: try PolicyAnalysisModel(model: model, scenario: scenario), analyses: analyses))
        }
    }
    return BatchSpec(path: directory, seed: 1, formats: Set(BatchOutputFormat.allCases), outputDirectory: nil, targets: targets)
}
