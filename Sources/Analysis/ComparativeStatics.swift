/// The derivative of a scalar output with respect to one parameter at the baseline.
public struct Derivative: Sendable, Equatable {
    public var parameter: String
    public var value: Double
    /// An estimate of the absolute error (difference of successive Richardson estimates).
    public var errorEstimate: Double
    /// The finite-difference step of the estimate chosen.
    public var step: Double
}

/// Comparative statics: ∂y/∂θ_j at the baseline for each named parameter, by central
/// differences with Richardson extrapolation and step control.
///
/// For steps h_m = h₀/2^m (m = 0…`refinements`), with h₀ = `relativeStep`·max(1, |θ_j|):
/// D(h) = (y(θ + h e_j) − y(θ − h e_j)) / 2h has error c·h² + O(h⁴), so
/// R_m = (4 D(h_m) − D(h_{m−1})) / 3 is O(h⁴). The estimate returned is the R_m whose change
/// from R_{m−1} (its error estimate) is smallest: a step small enough for truncation error and
/// large enough for rounding error. All 2·(refinements + 1)·k points are evaluated in one batch.
///
/// Degenerate input: a regime switch or kink inside [θ − h₀, θ + h₀] makes the derivative
/// meaningless; the error estimate is then large, and the caller should check it.
///
/// - Complexity: 2·(refinements + 1) evaluations per parameter.
/// - References: L. F. Richardson (1911), "The approximate arithmetical solution by finite
///   differences of physical problems", Phil. Trans. R. Soc. A 210, 307–357.
///   doi:10.1098/rsta.1911.0009
public func comparativeStatics<M: ParameterModel>(_ model: M, parameters names: [String],
                                                  relativeStep: Double = 1e-2, refinements: Int = 4,
                                                  evaluator: ParallelEvaluator = ParallelEvaluator(),
                                                  output: (M.Output) throws -> Double) throws -> [Derivative] {
    guard relativeStep > 0, relativeStep.isFinite else {
        throw AnalysisError.invalidDesign("relative step must be positive, got \(relativeStep)")
    }
    guard refinements >= 1 else { throw AnalysisError.invalidDesign("need at least 1 refinement, got \(refinements)") }
    let cols = try model.columns(of: names)
    let levels = refinements + 1
    var points = [[Double]]()
    var steps = [[Double]]()
    for j in cols {
        let h0 = relativeStep * max(1, abs(model.baseline[j]))
        var hs = [Double]()
        for m in 0..<levels {
            // Representable steps: (x + h) − (x − h) is computed exactly below.
            let h = h0 / Double(1 << m)
            var up = model.baseline, down = model.baseline
            up[j] += h
            down[j] -= h
            hs.append((up[j] - down[j]) / 2)
            points.append(up)
            points.append(down)
        }
        steps.append(hs)
    }
    let y = try evaluator.evaluate(model, points: points).map(output)
    return names.enumerated().map { k, name in
        let base = k * 2 * levels
        let d = (0..<levels).map { m in (y[base + 2 * m] - y[base + 2 * m + 1]) / (2 * steps[k][m]) }
        let r = (1..<levels).map { m in (4 * d[m] - d[m - 1]) / 3 }
        var best = Derivative(parameter: name, value: r[0], errorEstimate: abs(r[0] - d[0]), step: steps[k][1])
        for m in 1..<r.count {
            let e = abs(r[m] - r[m - 1])
            if e < best.errorEstimate || !best.errorEstimate.isFinite {
                best = Derivative(parameter: name, value: r[m], errorEstimate: e, step: steps[k][m + 1])
            }
        }
        return best
    }
}
