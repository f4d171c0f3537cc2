/// First-order and total variance-based (Sobol) sensitivity indices of one parameter, with
/// bootstrap confidence intervals.
public struct SobolIndexEstimate: Sendable, Equatable {
    public var parameter: String
    /// S_i = V[E(Y | X_i)] / V(Y).
    public var firstOrder: Double
    public var firstOrderInterval: ClosedRange<Double>
    /// S_Ti = E[V(Y | X_~i)] / V(Y).
    public var total: Double
    public var totalInterval: ClosedRange<Double>
}

/// The result of a variance-based sensitivity analysis.
public struct SobolIndices: Sendable, Equatable {
    public var estimates: [SobolIndexEstimate]
    /// N, the number of base samples (rows of each of the matrices A and B).
    public var baseSamples: Int
    /// Model evaluations used: N·(k + 2).
    public var evaluations: Int
    /// The output variance estimated from A and B together.
    public var variance: Double
    public var bootstrapResamples: Int
    public var confidenceLevel: Double
    public var seed: UInt64
    public var sampling: SaltelliDesign.Sampling
}

/// The radial "A, B, A_B^(i)" design of Saltelli et al. (2010) and the estimators applied to
/// its outputs.
///
/// Two independent N × k matrices A and B of parameter points are drawn (from the first and
/// last k coordinates of a 2k-dimensional Sobol sequence, skipping the origin, or from the
/// seeded generator); A_B^(i) is A with column i taken from B. With f evaluated on all
/// N·(k + 2) rows, in the order A, B, A_B^(1), …, A_B^(k):
/// - V = the variance of the 2N values f(A), f(B) (divisor 2N);
/// - first order (Saltelli 2010, Table 2 (b)): S_i = (1/N) Σ_j f(B)_j (f(A_B^(i))_j − f(A)_j) / V;
/// - total (Jansen 1999; Saltelli 2010, Table 2 (f)): S_Ti = (1/2N) Σ_j (f(A)_j − f(A_B^(i))_j)² / V.
/// Outputs are centred by their sample mean first (this leaves the estimators unbiased and
/// stops their variance growing with the output's mean). Confidence intervals: percentile
/// bootstrap over the N rows (the same resampled rows for every index), seeded. The bootstrap
/// assumes independent rows: with `.random` sampling the intervals have their nominal
/// coverage; with `.sobolSequence` sampling the estimates are more accurate but the intervals
/// are only indicative (quasi-random rows are not independent).
///
/// Degenerate input: a constant output (V = 0) throws `AnalysisError.degenerate`; estimates
/// are not clipped to [0, 1] (small negative first-order values signal S_i ≈ 0).
///
/// - Complexity: N·(k + 2) evaluations; bootstrap O(R · N · k).
/// - References: A. Saltelli, P. Annoni, I. Azzini, F. Campolongo, M. Ratto and S. Tarantola
///   (2010), "Variance based sensitivity analysis of model output. Design and estimator for the
///   total sensitivity index", Computer Physics Communications 181(2), 259–270.
///   doi:10.1016/j.cpc.2009.09.018. M. J. W. Jansen (1999), "Analysis of variance designs for
///   model output", Computer Physics Communications 117(1–2), 35–43.
///   doi:10.1016/S0010-4655(98)00154-4. I. M. Sobol' (2001), "Global sensitivity indices for
///   nonlinear mathematical models and their Monte Carlo estimates", Mathematics and
///   Computers in Simulation 55(1–3), 271–280. doi:10.1016/S0378-4754(00)00270-6
public struct SaltelliDesign: Sendable, Equatable {
    public enum Sampling: String, Sendable, Equatable {
        /// Quasi-random: a 2k-dimensional Sobol sequence (k ≤ 32).
        case sobolSequence = "sobol"
        /// Pseudo-random from the seed.
        case random = "random"
    }

    public var parameters: [ParameterSpec]
    public var baseSamples: Int
    public var sampling: Sampling
    public var seed: UInt64

    public init(parameters: [ParameterSpec], baseSamples: Int, sampling: Sampling = .sobolSequence, seed: UInt64 = 0) {
        self.parameters = parameters
        self.baseSamples = baseSamples
        self.sampling = sampling
        self.seed = seed
    }

    /// The N·(k + 2) points (columns in `parameters` order), in the order A, B, A_B^(1…k).
    public func points() throws -> [[Double]] {
        let k = parameters.count
        let n = baseSamples
        guard k >= 1 else { throw AnalysisError.invalidDesign("Sobol indices need at least one parameter") }
        guard n >= 2 else { throw AnalysisError.invalidDesign("Sobol indices need at least 2 base samples, got \(n)") }
        for p in parameters { try p.validate() }
        let unit: [[Double]]
        switch sampling {
        case .sobolSequence:
            guard 2 * k <= SobolSequence.maximumDimensions else {
                throw AnalysisError.invalidDesign("Sobol-sequence sampling of \(k) parameters needs \(2 * k) dimensions; at most \(SobolSequence.maximumDimensions) are bundled (use random sampling)")
            }
            unit = try SobolSequence(dimensions: 2 * k).points(count: n, skip: 1)
        case .random:
            var rng = Xoshiro256StarStar(seed: seed)
            unit = (0..<n).map { _ in (0..<(2 * k)).map { _ in rng.uniform() } }
        }
        let a = unit.map { u in (0..<k).map { parameters[$0].distribution.quantile(u[$0]) } }
        let b = unit.map { u in (0..<k).map { parameters[$0].distribution.quantile(u[k + $0]) } }
        var rows = a + b
        rows.reserveCapacity(n * (k + 2))
        for i in 0..<k {
            for j in 0..<n {
                var r = a[j]
                r[i] = b[j][i]
                rows.append(r)
            }
        }
        return rows
    }

    /// The indices from the outputs at `points()` (same order).
    public func indices(outputs f: [Double], bootstrapResamples: Int = 500,
                        confidenceLevel: Double = 0.95, bootstrapSeed: UInt64? = nil) throws -> SobolIndices {
        let k = parameters.count
        let n = baseSamples
        guard f.count == n * (k + 2) else {
            throw AnalysisError.modelFailure("Sobol indices need \(n * (k + 2)) outputs, got \(f.count)")
        }
        if let bad = f.firstIndex(where: { !$0.isFinite }) {
            throw AnalysisError.modelFailure("output \(bad) is \(f[bad]); Sobol indices need finite outputs")
        }
        guard confidenceLevel > 0, confidenceLevel < 1 else {
            throw AnalysisError.invalidDesign("confidence level must be in (0, 1), got \(confidenceLevel)")
        }
        let all = Array(0..<n)
        let point = Self.estimate(f, n: n, k: k, rows: all)
        guard point.variance > 0 else {
            throw AnalysisError.degenerate("the output is constant over the design (variance 0); Sobol indices are undefined")
        }
        var rng = Xoshiro256StarStar(seed: bootstrapSeed ?? (seed ^ 0xB007_57A9))
        var firsts = [[Double]](repeating: [], count: k)
        var totals = [[Double]](repeating: [], count: k)
        var rows = [Int](repeating: 0, count: n)
        for _ in 0..<max(0, bootstrapResamples) {
            for j in 0..<n { rows[j] = rng.index(below: n) }
            let e = Self.estimate(f, n: n, k: k, rows: rows)
            guard e.variance > 0 else { continue }
            for i in 0..<k {
                firsts[i].append(e.first[i])
                totals[i].append(e.total[i])
            }
        }
        let alpha = (1 - confidenceLevel) / 2
        let estimates = (0..<k).map { i -> SobolIndexEstimate in
            let fi = percentileInterval(firsts[i], alpha: alpha) ?? point.first[i]...point.first[i]
            let ti = percentileInterval(totals[i], alpha: alpha) ?? point.total[i]...point.total[i]
            return SobolIndexEstimate(parameter: parameters[i].name, firstOrder: point.first[i],
                                      firstOrderInterval: fi, total: point.total[i], totalInterval: ti)
        }
        return SobolIndices(estimates: estimates, baseSamples: n, evaluations: f.count,
                            variance: point.variance, bootstrapResamples: bootstrapResamples,
                            confidenceLevel: confidenceLevel, seed: seed, sampling: sampling)
    }

    static func estimate(_ f: [Double], n: Int, k: Int, rows: [Int]) -> (first: [Double], total: [Double], variance: Double) {
        let m = Double(rows.count)
        var mean = 0.0
        for j in rows { mean += f[j] + f[n + j] }
        mean /= 2 * m
        var v = 0.0
        for j in rows {
            let a = f[j] - mean, b = f[n + j] - mean
            v += a * a + b * b
        }
        v /= 2 * m
        var first = [Double](repeating: 0, count: k)
        var total = [Double](repeating: 0, count: k)
        for i in 0..<k {
            let base = (2 + i) * n
            var s = 0.0, t = 0.0
            for j in rows {
                // Centred by the sample mean: the estimator is unchanged in expectation
                // (E[f(A_B) − f(A)] = 0) and its variance no longer grows with the output's mean.
                let fa = f[j] - mean, fb = f[n + j] - mean, fab = f[base + j] - mean
                s += fb * (fab - fa)
                t += (fa - fab) * (fa - fab)
            }
            first[i] = v > 0 ? s / m / v : .nan
            total[i] = v > 0 ? t / (2 * m) / v : .nan
        }
        return (first, total, v)
    }
}

/// The percentile interval [q_α, q_{1−α}] of `values` (linear interpolation between order
/// statistics), or nil when there are none.
func percentileInterval(_ values: [Double], alpha: Double) -> ClosedRange<Double>? {
    guard !values.isEmpty else { return nil }
    let s = values.sorted()
    func q(_ p: Double) -> Double {
        let h = p * Double(s.count - 1)
        let lo = Int(h.rounded(.down)), hi = min(s.count - 1, lo + 1)
        return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
    }
    return q(alpha)...q(1 - alpha)
}

/// Variance-based sensitivity indices of the scalar `output` of `model` with respect to the
/// varied `parameters` (the others at baseline). See `SaltelliDesign`.
public func sobolIndices<M: ParameterModel>(_ model: M, parameters: [ParameterSpec], baseSamples: Int,
                                            sampling: SaltelliDesign.Sampling = .sobolSequence, seed: UInt64 = 0,
                                            bootstrapResamples: Int = 500, confidenceLevel: Double = 0.95,
                                            evaluator: ParallelEvaluator = ParallelEvaluator(),
                                            output: (M.Output) throws -> Double) throws -> SobolIndices {
    let design = SaltelliDesign(parameters: parameters, baseSamples: baseSamples, sampling: sampling, seed: seed)
    let points = try design.points()
    let outs = try evaluator.evaluate(model, varying: parameters.map(\.name), values: points)
    return try design.indices(outputs: outs.map(output), bootstrapResamples: bootstrapResamples,
                              confidenceLevel: confidenceLevel)
}
