/// One varied parameter of an analysis: its name, baseline value, range and distribution.
///
/// `low`/`high` bound grids, one-at-a-time variations, tornado swings and threshold searches;
/// `distribution` (default uniform on `[low, high]`) is what random, Latin hypercube and Sobol
/// designs draw from and what variance-based sensitivity indices are taken over.
public struct ParameterSpec: Sendable, Equatable {
    public var name: String
    public var baseline: Double
    public var low: Double
    public var high: Double
    public var distribution: ParameterDistribution

    public init(name: String, baseline: Double, low: Double, high: Double,
                distribution: ParameterDistribution? = nil) {
        self.name = name
        self.baseline = baseline
        self.low = low
        self.high = high
        self.distribution = distribution ?? .uniform(low: low, high: high)
    }

    /// Throws `AnalysisError.emptyRange` when `low > high` or a bound is not finite, and the
    /// distribution's own errors.
    public func validate() throws {
        guard low.isFinite, high.isFinite, baseline.isFinite else {
            throw AnalysisError.emptyRange(parameter: name, detail: "bounds and baseline must be finite, got low \(low), high \(high), baseline \(baseline)")
        }
        guard low <= high else {
            throw AnalysisError.emptyRange(parameter: name, detail: "low \(low) > high \(high)")
        }
        try distribution.validate(parameter: name)
    }
}

/// How the points of a sweep are chosen.
///
/// - `grid(steps:)`: the full tensor grid, `steps[j]` equally spaced values from `low` to
///   `high` for parameter j (one step: the baseline). The first parameter is the outermost
///   loop, the last varies fastest. `∏ steps[j]` points.
/// - `random(samples:)`: independent draws from each parameter's distribution.
/// - `latinHypercube(samples:)`: each parameter's probability range cut into `samples`
///   equal strata, one point in each, strata matched across parameters by independent random
///   permutations; within a stratum the point is uniform (McKay, Beckman and Conover 1979).
/// - `sobol(samples:skip:)`: points `skip ..< skip + samples` of the Sobol sequence (default
///   skip 1: the origin would map to −∞ for unbounded distributions); no randomness, the seed is
///   ignored.
/// - `oneAtATime(steps:)`: the baseline, then for each parameter in turn `steps` equally
///   spaced values from `low` to `high` with every other parameter at its baseline.
///   `1 + Σ steps` points.
///
/// - References: M. D. McKay, R. J. Beckman and W. J. Conover (1979), "A comparison of three
///   methods for selecting values of input variables in the analysis of output from a computer
///   code", Technometrics 21(2), 239–245. doi:10.1080/00401706.1979.10489755
public enum SamplingDesign: Sendable, Equatable {
    case grid(steps: [Int])
    case random(samples: Int)
    case latinHypercube(samples: Int)
    case sobol(samples: Int, skip: Int = 1)
    case oneAtATime(steps: Int)

    /// The number of points the design has for `parameterCount` parameters.
    public func pointCount(parameterCount: Int) -> Int {
        switch self {
        case let .grid(steps): return steps.reduce(1, *)
        case let .random(n), let .latinHypercube(n), let .sobol(n, _): return n
        case let .oneAtATime(steps): return 1 + steps * parameterCount
        }
    }
}

/// The points of a design: one row per point, one column per parameter (in `names` order).
public struct DesignPoints: Sendable, Equatable {
    public var names: [String]
    public var points: [[Double]]
    /// For one-at-a-time designs: the index of the parameter varied at each point (`nil` for
    /// the baseline); empty for other designs.
    public var variedParameter: [Int?]
}

extension SamplingDesign {
    /// The design's points for `parameters`, drawn with the deterministic generator seeded by
    /// `seed` (same seed, same points, on every platform).
    ///
    /// - Throws: `AnalysisError.emptyRange` for a range with `low > high` or a grid with fewer
    ///   than one step; `.invalidDesign` for zero samples, a grid with the wrong number of step
    ///   counts, or more Sobol dimensions than the bundled direction numbers.
    /// - Complexity: O(points × parameters).
    public func generate(parameters: [ParameterSpec], seed: UInt64) throws -> DesignPoints {
        guard !parameters.isEmpty else { throw AnalysisError.invalidDesign("no parameters to vary") }
        var seen = Set<String>()
        for p in parameters {
            try p.validate()
            guard seen.insert(p.name).inserted else { throw AnalysisError.invalidDesign("parameter '\(p.name)' listed twice") }
        }
        let k = parameters.count
        let names = parameters.map(\.name)
        var rng = Xoshiro256StarStar(seed: seed)
        func mapped(_ unit: [[Double]]) -> [[Double]] {
            unit.map { u in (0..<k).map { parameters[$0].distribution.quantile(u[$0]) } }
        }
        switch self {
        case let .grid(steps):
            guard steps.count == k else {
                throw AnalysisError.invalidDesign("grid has \(steps.count) step counts for \(k) parameters")
            }
            for (j, s) in steps.enumerated() where s < 1 {
                throw AnalysisError.emptyRange(parameter: names[j], detail: "grid with \(s) steps")
            }
            let axes = (0..<k).map { gridValues(parameters[$0], steps: steps[$0]) }
            var points = [[Double]]()
            points.reserveCapacity(steps.reduce(1, *))
            var index = [Int](repeating: 0, count: k)
            outer: while true {
                points.append((0..<k).map { axes[$0][index[$0]] })
                var j = k - 1
                while j >= 0 {
                    index[j] += 1
                    if index[j] < steps[j] { continue outer }
                    index[j] = 0
                    j -= 1
                }
                break
            }
            return DesignPoints(names: names, points: points, variedParameter: [])
        case let .random(n):
            guard n >= 1 else { throw AnalysisError.invalidDesign("random design needs at least 1 sample, got \(n)") }
            let unit = (0..<n).map { _ in (0..<k).map { _ in rng.uniform() } }
            return DesignPoints(names: names, points: mapped(unit), variedParameter: [])
        case let .latinHypercube(n):
            guard n >= 1 else { throw AnalysisError.invalidDesign("Latin hypercube needs at least 1 sample, got \(n)") }
            var unit = [[Double]](repeating: [Double](repeating: 0, count: k), count: n)
            for j in 0..<k {
                var perm = Array(0..<n)
                for i in stride(from: n - 1, to: 0, by: -1) { perm.swapAt(i, rng.index(below: i + 1)) }
                for i in 0..<n { unit[i][j] = (Double(perm[i]) + rng.uniform()) / Double(n) }
            }
            return DesignPoints(names: names, points: mapped(unit), variedParameter: [])
        case let .sobol(n, skip):
            guard n >= 1 else { throw AnalysisError.invalidDesign("Sobol design needs at least 1 sample, got \(n)") }
            let unit = try SobolSequence(dimensions: k).points(count: n, skip: skip)
            return DesignPoints(names: names, points: mapped(unit), variedParameter: [])
        case let .oneAtATime(steps):
            guard steps >= 1 else { throw AnalysisError.emptyRange(parameter: names[0], detail: "one-at-a-time with \(steps) steps") }
            let base = parameters.map(\.baseline)
            var points = [base]
            var varied: [Int?] = [nil]
            for j in 0..<k {
                for v in gridValues(parameters[j], steps: steps) {
                    var p = base
                    p[j] = v
                    points.append(p)
                    varied.append(j)
                }
            }
            return DesignPoints(names: names, points: points, variedParameter: varied)
        }
    }
}

/// `steps` equally spaced values from `low` to `high` (one step: the baseline); the last value
/// is exactly `high`.
func gridValues(_ p: ParameterSpec, steps: Int) -> [Double] {
    if steps == 1 { return [p.baseline] }
    return (0..<steps).map { i in
        i == steps - 1 ? p.high : p.low + (p.high - p.low) * Double(i) / Double(steps - 1)
    }
}
