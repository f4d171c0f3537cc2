/// One bar of a tornado chart: the output with one parameter at its low and at its high value,
/// every other parameter at baseline.
public struct TornadoBar: Sendable, Equatable {
    public var parameter: String
    public var low: Double
    public var high: Double
    public var outputAtLow: Double
    public var outputAtHigh: Double
    /// |outputAtHigh − outputAtLow|.
    public var swing: Double { abs(outputAtHigh - outputAtLow) }
}

/// A one-at-a-time sensitivity analysis: bars sorted by decreasing swing (ties by name).
public struct Tornado: Sendable, Equatable {
    public var baselineOutput: Double
    public var bars: [TornadoBar]
}

/// The tornado analysis of the scalar `output` over the `parameters`' low/high values.
///
/// - Complexity: 1 + 2k evaluations, in one parallel batch.
/// - Degenerate input: a parameter with `low == high` gets a zero swing; non-finite outputs
///   are kept (they sort last) so the caller sees them.
public func tornado<M: ParameterModel>(_ model: M, parameters: [ParameterSpec],
                                       evaluator: ParallelEvaluator = ParallelEvaluator(),
                                       output: (M.Output) throws -> Double) throws -> Tornado {
    for p in parameters { try p.validate() }
    let cols = try model.columns(of: parameters.map(\.name))
    var points = [model.baseline]
    for (k, j) in cols.enumerated() {
        var lo = model.baseline, hi = model.baseline
        lo[j] = parameters[k].low
        hi[j] = parameters[k].high
        points.append(lo)
        points.append(hi)
    }
    let y = try evaluator.evaluate(model, points: points).map(output)
    var bars = parameters.enumerated().map { k, p in
        TornadoBar(parameter: p.name, low: p.low, high: p.high, outputAtLow: y[1 + 2 * k], outputAtHigh: y[2 + 2 * k])
    }
    bars.sort { a, b in
        let sa = a.swing.isNaN ? -1 : a.swing, sb = b.swing.isNaN ? -1 : b.swing
        return sa != sb ? sa > sb : a.parameter < b.parameter
    }
    return Tornado(baselineOutput: y[0], bars: bars)
}
