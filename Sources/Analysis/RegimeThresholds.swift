/// A place along a parameter where a discrete output (a regime) changes, located to a
/// tolerance.
public struct RegimeChange<Regime: Hashable & Sendable>: Sendable, Equatable {
    public var parameter: String
    /// The midpoint of the final bracket.
    public var location: Double
    /// The final bracket: `regimeBelow` at `lower`, `regimeAbove` at `upper`,
    /// `upper − lower ≤ tolerance`.
    public var lower: Double
    public var upper: Double
    public var regimeBelow: Regime
    public var regimeAbove: Regime
}

/// Threshold curves: for each value of a second parameter, the regime changes along the first.
public struct ThresholdCurves<Regime: Hashable & Sendable>: Sendable, Equatable {
    public var parameter: String
    public var over: String
    public var overValues: [Double]
    /// `changes[i]`: the changes along `parameter` at `overValues[i]`, in increasing location.
    public var changes: [[RegimeChange<Regime>]]
}

/// Locates every change of `regime` along `parameter` between its `low` and `high`, the other
/// parameters at baseline.
///
/// The range is first scanned at `scanSteps` equally spaced values; each pair of neighbours
/// with different regimes is a bracket, narrowed by bisection until it is no wider than
/// `tolerance`. When a midpoint's regime differs from both ends, both halves are kept, so a
/// change hidden between two scan points with a third regime in between is found too. Changes
/// that enter and leave the same regime between two scan points are not seen: the scan
/// resolution bounds what is found. All brackets advance together: one parallel batch of
/// midpoints per bisection step.
///
/// - Complexity: scanSteps + (number of brackets) · ⌈log₂(width / tolerance)⌉ evaluations.
/// - Throws: `AnalysisError.emptyRange` for `low ≥ high`, `.invalidDesign` for
///   `scanSteps < 2` or `tolerance ≤ 0`.
public func regimeChanges<M: ParameterModel, Regime: Hashable & Sendable>(
    _ model: M, along parameter: ParameterSpec, scanSteps: Int = 21, tolerance: Double,
    evaluator: ParallelEvaluator = ParallelEvaluator(),
    regime: @escaping (M.Output) throws -> Regime
) throws -> [RegimeChange<Regime>] {
    try locate(model, along: parameter, contexts: [model.baseline], scanSteps: scanSteps,
               tolerance: tolerance, evaluator: evaluator, regime: regime)[0]
}

/// Threshold curves: the regime changes along `parameter` at each of `overSteps` equally
/// spaced values of `over` (from its low to its high), other parameters at baseline.
/// See `regimeChanges(_:along:scanSteps:tolerance:evaluator:regime:)`.
public func thresholdCurves<M: ParameterModel, Regime: Hashable & Sendable>(
    _ model: M, along parameter: ParameterSpec, over: ParameterSpec, overSteps: Int,
    scanSteps: Int = 21, tolerance: Double,
    evaluator: ParallelEvaluator = ParallelEvaluator(),
    regime: @escaping (M.Output) throws -> Regime
) throws -> ThresholdCurves<Regime> {
    try over.validate()
    guard overSteps >= 1 else { throw AnalysisError.emptyRange(parameter: over.name, detail: "\(overSteps) steps") }
    guard over.name != parameter.name else {
        throw AnalysisError.invalidDesign("threshold curve along and over the same parameter '\(over.name)'")
    }
    let j = try model.columns(of: [over.name])[0]
    let values = gridValues(over, steps: overSteps)
    let contexts = values.map { v -> [Double] in var b = model.baseline; b[j] = v; return b }
    let changes = try locate(model, along: parameter, contexts: contexts, scanSteps: scanSteps,
                             tolerance: tolerance, evaluator: evaluator, regime: regime)
    return ThresholdCurves(parameter: parameter.name, over: over.name, overValues: values, changes: changes)
}

private func locate<M: ParameterModel, Regime: Hashable & Sendable>(
    _ model: M, along parameter: ParameterSpec, contexts: [[Double]], scanSteps: Int, tolerance: Double,
    evaluator: ParallelEvaluator, regime: (M.Output) throws -> Regime
) throws -> [[RegimeChange<Regime>]] {
    try parameter.validate()
    guard parameter.low < parameter.high else {
        throw AnalysisError.emptyRange(parameter: parameter.name, detail: "threshold search needs low < high, got [\(parameter.low), \(parameter.high)]")
    }
    guard scanSteps >= 2 else { throw AnalysisError.invalidDesign("threshold scan needs at least 2 steps, got \(scanSteps)") }
    guard tolerance > 0, tolerance.isFinite else { throw AnalysisError.invalidDesign("tolerance must be positive, got \(tolerance)") }
    let j = try model.columns(of: [parameter.name])[0]
    let xs = gridValues(parameter, steps: scanSteps)
    func point(_ c: Int, _ x: Double) -> [Double] { var p = contexts[c]; p[j] = x; return p }

    var scanPoints = [[Double]]()
    for c in contexts.indices { for x in xs { scanPoints.append(point(c, x)) } }
    let scan = try evaluator.evaluate(model, points: scanPoints).map(regime)

    typealias Bracket = RegimeBracket<Regime>
    var open = [Bracket]()
    for c in contexts.indices {
        for i in 0..<(scanSteps - 1) {
            let a = scan[c * scanSteps + i], b = scan[c * scanSteps + i + 1]
            if a != b { open.append(Bracket(context: c, lo: xs[i], hi: xs[i + 1], rLo: a, rHi: b)) }
        }
    }
    var done = [Bracket]()
    while !open.isEmpty {
        var active = [Bracket]()
        for b in open {
            let mid = b.lo + (b.hi - b.lo) / 2
            if b.hi - b.lo <= tolerance || mid <= b.lo || mid >= b.hi { done.append(b) } else { active.append(b) }
        }
        if active.isEmpty { break }
        let mids = active.map { $0.lo + ($0.hi - $0.lo) / 2 }
        let r = try evaluator.evaluate(model, points: active.indices.map { point(active[$0].context, mids[$0]) }).map(regime)
        open = []
        for (i, b) in active.enumerated() {
            let m = mids[i]
            if r[i] == b.rLo {
                open.append(Bracket(context: b.context, lo: m, hi: b.hi, rLo: r[i], rHi: b.rHi))
            } else if r[i] == b.rHi {
                open.append(Bracket(context: b.context, lo: b.lo, hi: m, rLo: b.rLo, rHi: r[i]))
            } else {
                open.append(Bracket(context: b.context, lo: b.lo, hi: m, rLo: b.rLo, rHi: r[i]))
                open.append(Bracket(context: b.context, lo: m, hi: b.hi, rLo: r[i], rHi: b.rHi))
            }
        }
    }
    var result = [[RegimeChange<Regime>]](repeating: [], count: contexts.count)
    for b in done.sorted(by: { ($0.context, $0.lo) < ($1.context, $1.lo) }) {
        result[b.context].append(RegimeChange(parameter: parameter.name, location: b.lo + (b.hi - b.lo) / 2,
                                              lower: b.lo, upper: b.hi, regimeBelow: b.rLo, regimeAbove: b.rHi))
    }
    return result
}

struct RegimeBracket<Regime: Hashable & Sendable> {
    var context: Int
    var lo: Double
    var hi: Double
    var rLo: Regime
    var rHi: Regime
}
