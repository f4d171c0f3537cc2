#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The distribution a parameter is drawn from in a sampling design, by its inverse CDF.
///
/// Designs produce points `u` in the unit cube and map each coordinate through
/// `quantile(_:)`, so a Latin hypercube or Sobol design keeps its stratification in any
/// distribution.
///
/// - `uniform(low, high)`: `low + u·(high − low)`.
/// - `normal(mean, sd)`: Φ⁻¹ by the Abramowitz–Stegun 26.2.23 starting value refined by
///   Halley steps on `Φ(x) = ½ erfc(−x/√2)` to full double precision.
/// - `triangular(low, mode, high)`: closed form.
/// - `beta(alpha, beta, low, high)`: the regularized incomplete beta function by its
///   continued fraction (modified Lentz), inverted by Newton steps safeguarded by bisection,
///   then scaled to `[low, high]`.
///
/// - References: M. Abramowitz and I. A. Stegun (1964), Handbook of Mathematical Functions,
///   §26.2.23 and §26.5.8, National Bureau of Standards. W. J. Lentz (1976), "Generating Bessel
///   functions in Mie scattering calculations using continued fractions", Applied Optics 15(3),
///   668–671. doi:10.1364/AO.15.000668
public enum ParameterDistribution: Sendable, Equatable, CustomStringConvertible {
    case uniform(low: Double, high: Double)
    case normal(mean: Double, sd: Double)
    case triangular(low: Double, mode: Double, high: Double)
    case beta(alpha: Double, beta: Double, low: Double, high: Double)

    public var description: String {
        switch self {
        case let .uniform(l, h): return "uniform(\(l), \(h))"
        case let .normal(m, s): return "normal(\(m), \(s))"
        case let .triangular(l, m, h): return "triangular(\(l), \(m), \(h))"
        case let .beta(a, b, l, h): return "beta(\(a), \(b), \(l), \(h))"
        }
    }

    /// Throws when the distribution's parameters are invalid; `parameter` names it in the error.
    public func validate(parameter: String) throws {
        func bad(_ d: String) -> AnalysisError { .invalidDistribution(parameter: parameter, detail: d) }
        switch self {
        case let .uniform(l, h):
            guard l.isFinite, h.isFinite else { throw bad("bounds must be finite, got [\(l), \(h)]") }
            guard l <= h else { throw AnalysisError.emptyRange(parameter: parameter, detail: "low \(l) > high \(h)") }
        case let .normal(m, s):
            guard m.isFinite, s.isFinite, s > 0 else { throw bad("normal needs a finite mean and sd > 0, got mean \(m), sd \(s)") }
        case let .triangular(l, m, h):
            guard l.isFinite, h.isFinite, l < h else { throw bad("triangular needs low < high, got [\(l), \(h)]") }
            guard m >= l, m <= h else { throw bad("triangular mode \(m) outside [\(l), \(h)]") }
        case let .beta(a, b, l, h):
            guard a > 0, b > 0, a.isFinite, b.isFinite else { throw bad("beta needs alpha > 0 and beta > 0, got \(a), \(b)") }
            guard l.isFinite, h.isFinite, l < h else { throw bad("beta needs low < high, got [\(l), \(h)]") }
        }
    }

    /// The inverse CDF at `u ∈ (0, 1)` (0 and 1 give the support's ends, ±∞ for the normal).
    public func quantile(_ u: Double) -> Double {
        switch self {
        case let .uniform(l, h):
            return l + u * (h - l)
        case let .normal(m, s):
            return m + s * standardNormalQuantile(u)
        case let .triangular(l, c, h):
            let fc = (c - l) / (h - l)
            if u < fc { return l + (u * (h - l) * (c - l)).squareRoot() }
            return h - ((1 - u) * (h - l) * (h - c)).squareRoot()
        case let .beta(a, b, l, h):
            return l + (h - l) * betaQuantile(u, a, b)
        }
    }

    /// The CDF at `x`.
    public func cdf(_ x: Double) -> Double {
        switch self {
        case let .uniform(l, h):
            if h == l { return x < l ? 0 : 1 }
            return min(1, max(0, (x - l) / (h - l)))
        case let .normal(m, s):
            return standardNormalCDF((x - m) / s)
        case let .triangular(l, c, h):
            if x <= l { return 0 }
            if x >= h { return 1 }
            if x <= c { return (x - l) * (x - l) / ((h - l) * (c - l)) }
            return 1 - (h - x) * (h - x) / ((h - l) * (h - c))
        case let .beta(a, b, l, h):
            return regularizedIncompleteBeta((x - l) / (h - l), a, b)
        }
    }
}

/// Φ(x), the standard normal CDF, accurate in both tails.
public func standardNormalCDF(_ x: Double) -> Double {
    0.5 * erfc(-x / 2.0.squareRoot())
}

/// Φ⁻¹(p): Abramowitz–Stegun 26.2.23 (|error| < 4.5·10⁻⁴) refined by Halley iterations.
///
/// - Complexity: at most 6 evaluations of `erfc`.
public func standardNormalQuantile(_ p: Double) -> Double {
    if p <= 0 { return -.infinity }
    if p >= 1 { return .infinity }
    if p == 0.5 { return 0 }
    // Lower tail, then reflect: Φ⁻¹(p) = −Φ⁻¹(1 − p).
    let q = min(p, 1 - p)
    let t = (-2 * log(q)).squareRoot()
    var x = -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t)
                / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t))
    let invSqrt2Pi = 0.398_942_280_401_432_7
    for _ in 0..<6 {
        let e = standardNormalCDF(x) - q
        let density = invSqrt2Pi * exp(-0.5 * x * x)
        guard density > 0 else { break }
        let r = e / density
        let step = r / (1 + 0.5 * x * r)
        x -= step
        if abs(step) <= 1e-15 * max(1, abs(x)) { break }
    }
    return p < 0.5 ? x : -x
}

/// I_x(a, b), the regularized incomplete beta function, by the continued fraction of
/// Abramowitz–Stegun 26.5.8 evaluated with the modified Lentz method; the symmetry
/// `I_x(a, b) = 1 − I_{1−x}(b, a)` keeps the fraction in its fast-converging region.
public func regularizedIncompleteBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    if x > (a + 1) / (a + b + 2) { return 1 - regularizedIncompleteBeta(1 - x, b, a) }
    let logFront = a * log(x) + b * log1p(-x) - logBeta(a, b)
    let tiny = 1e-300
    var c = 1.0
    var d = 1 - (a + b) * x / (a + 1)
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var f = d
    for m in 1...10_000 {
        let md = Double(m)
        // Even term d_{2m}.
        var num = md * (b - md) * x / ((a + 2 * md - 1) * (a + 2 * md))
        d = 1 + num * d; if abs(d) < tiny { d = tiny }
        c = 1 + num / c; if abs(c) < tiny { c = tiny }
        d = 1 / d
        f *= d * c
        // Odd term d_{2m+1}.
        num = -(a + md) * (a + b + md) * x / ((a + 2 * md) * (a + 2 * md + 1))
        d = 1 + num * d; if abs(d) < tiny { d = tiny }
        c = 1 + num / c; if abs(c) < tiny { c = tiny }
        d = 1 / d
        let delta = d * c
        f *= delta
        if abs(delta - 1) < 1e-16 { break }
    }
    return exp(logFront) * f / a
}

func logBeta(_ a: Double, _ b: Double) -> Double { lgamma(a) + lgamma(b) - lgamma(a + b) }

/// The inverse of I_x(a, b) in x.
///
/// The upper half is reduced to the lower one (`x = 1 − Q(1 − p; b, a)`, with `1 − p` exact for
/// p ≥ ½), so the search always targets the tail where doubles are dense. From the starting value
/// `(p·a·B(a, b))^(1/a)` (the small-x asymptote), Newton steps on `I_x − p` are kept inside a
/// shrinking bracket and replaced, when they would leave it, by a geometric bisection (or a
/// 10⁴-fold shrink while the lower end is 0), so quantiles as small as 10⁻³⁰⁰ of U-shaped
/// densities are found to relative precision 10⁻¹⁵.
public func betaQuantile(_ p: Double, _ a: Double, _ b: Double) -> Double {
    if p <= 0 { return 0 }
    if p >= 1 { return 1 }
    if p > 0.5 { return 1 - lowerBetaQuantile(1 - p, b, a) }
    return lowerBetaQuantile(p, a, b)
}

private func lowerBetaQuantile(_ p: Double, _ a: Double, _ b: Double) -> Double {
    let lb = logBeta(a, b)
    var lo = 0.0, hi = 1.0
    var x = exp((log(p) + log(a) + lb) / a)
    if !(x > 0 && x < 1) { x = a / (a + b) }
    for _ in 0..<1000 {
        let f = regularizedIncompleteBeta(x, a, b) - p
        if f == 0 { return x }
        if f < 0 { lo = x } else { hi = x }
        if hi - lo <= 2e-16 * hi { return lo + (hi - lo) / 2 }
        let density = exp((a - 1) * log(x) + (b - 1) * log1p(-x) - lb)
        var next = x - f / density
        if !(density.isFinite && density > 0 && next > lo && next < hi) {
            next = lo > 0 ? (lo * hi).squareRoot() : hi * 1e-4
            if !(next > lo && next < hi) { next = lo + (hi - lo) / 2 }
        }
        if abs(next - x) <= 1e-15 * x { return next }
        x = next
    }
    return x
}
