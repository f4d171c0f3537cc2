import Foundation
import GameTheory

/// A two-player bargaining set bounded by a smooth frontier `u2 = f(u1)` for `u1 ∈ [a, b]`,
/// with `f` decreasing and concave: `S = {(u1, u2) : a ≤ u1 ≤ b, u2 ≤ f(u1)}`.
///
/// Solutions are found in floating point by bisection on `u1`: on the first-order condition
/// for the maximisers (Nash: `α (f(u1) − d2) + (1 − α) f′(u1) (u1 − d1) = 0`; utilitarian:
/// `w1 + w2 f′(u1) = 0`; both decrease in `u1` because `f` is decreasing and concave) and on
/// the ray equation for Kalai–Smorodinsky and egalitarian. Bisection on the first-order
/// condition reaches the requested tolerance where a search on the objective's values
/// (golden section) stalls near √ε ≈ 1e-8. `f′` is the derivative when given, a central
/// difference with step 1e-6·(b − a) otherwise (then the condition itself carries an error of
/// about 1e-10, noted in the outcome). Each outcome reports the bracket width it was run to
/// and the iterations used.
///
/// Degenerate inputs: a frontier that increases or is convex somewhere on a 257-point grid is
/// rejected (the check is a sample, not a proof); a utilitarian optimum on a linear stretch of
/// the frontier is a segment that the search does not detect (one point of it is returned).
///
/// - Complexity: O(log((b − a)/tolerance)) evaluations of `f` per solution.
public struct SmoothFrontier: Sendable {
    public let domain: ClosedRange<Double>
    public let frontier: @Sendable (Double) -> Double
    /// `f′`, when known.
    public let derivative: (@Sendable (Double) -> Double)?

    /// A frontier `u2 = f(u1)` on `domain`, with its derivative `f′` when known.
    ///
    /// - Throws: `.invalidFrontier` when the domain is not finite, `f` is not finite on it, or
    ///   `f` is not decreasing and concave on a 257-point grid (with a relative slack of 1e-9).
    public init(domain: ClosedRange<Double>, derivative: (@Sendable (Double) -> Double)? = nil,
                _ f: @escaping @Sendable (Double) -> Double) throws {
        guard domain.lowerBound.isFinite, domain.upperBound.isFinite else {
            throw NegotiationError.invalidFrontier("the frontier's domain \(domain) must be finite")
        }
        guard domain.upperBound > domain.lowerBound else {
            throw NegotiationError.invalidFrontier("the frontier's domain \(domain) must have positive length")
        }
        self.domain = domain
        self.frontier = f
        self.derivative = derivative
        let n = 256
        let h = (domain.upperBound - domain.lowerBound) / Double(n)
        let xs = (0...n).map { domain.lowerBound + Double($0) * h }
        let ys = xs.map(f)
        if let k = ys.indices.first(where: { !ys[$0].isFinite }) {
            throw NegotiationError.invalidFrontier("the frontier is \(ys[k]) at u1 = \(xs[k]); it must be finite on \(domain)")
        }
        let scale = max(1, ys.map(abs).max() ?? 1)
        for k in 1...n where ys[k] > ys[k - 1] + 1e-9 * scale {
            throw NegotiationError.invalidFrontier("the frontier increases between u1 = \(xs[k - 1]) and \(xs[k]) (\(ys[k - 1]) to \(ys[k])); it must be decreasing")
        }
        if n >= 2 {
            for k in 1..<n where ys[k] < (ys[k - 1] + ys[k + 1]) / 2 - 1e-9 * scale {
                throw NegotiationError.invalidFrontier("the frontier is not concave at u1 = \(xs[k]) (value \(ys[k]) below the chord \((ys[k - 1] + ys[k + 1]) / 2))")
            }
        }
    }

    /// Solves the bargaining problem `(S, d)` to the given tolerance on `u1`.
    ///
    /// Outside options `w`, when given, are constraints that bind only when the unconstrained
    /// agreement violates them (see `BargainingPolygon.solve`).
    ///
    /// - Throws: `.disagreementNotDominated` when no point of `S` weakly dominates `d`;
    ///   `.invalidSetting` for a tolerance that is not positive.
    public func solve(_ solution: BargainingSolutionKind, disagreement d: PayoffPair<Double>,
                      weights: BargainingWeights<Double> = .equal, outsideOptions: PayoffPair<Double>? = nil,
                      tolerance tol: Double = 1e-12) throws -> BargainingOutcome<Double> {
        try d.checkFinite("the disagreement point")
        guard tol > 0, tol.isFinite else { throw NegotiationError.invalidSetting("the tolerance is \(tol); it must be positive") }
        var out = try solveWithin(solution, d, lowerBounds: d, weights, tol)
        if let w = outsideOptions {
            try w.checkFinite("the outside options")
            if !out.point.weaklyDominates(w) {
                let binding = [out.point.u1 < w.u1, out.point.u2 < w.u2]
                out = try solveWithin(solution, d, lowerBounds: PayoffPair(max(d.u1, w.u1), max(d.u2, w.u2)), weights, tol)
                out.bindingOutsideOptions = binding
                out.notes.append("outside options \(w) bind for player(s) " + binding.indices.filter { binding[$0] }.map { "\($0 + 1)" }.joined(separator: " and "))
            }
            out.outsideOptions = w
        }
        return out
    }

    private func solveWithin(_ kind: BargainingSolutionKind, _ d: PayoffPair<Double>, lowerBounds lb: PayoffPair<Double>,
                             _ w: BargainingWeights<Double>, _ tol: Double) throws -> BargainingOutcome<Double> {
        let f = frontier
        let lo = max(domain.lowerBound, lb.u1)
        guard lo <= domain.upperBound, f(lo) >= lb.u2 else {
            throw NegotiationError.disagreementNotDominated(point: lb.description, set: "below u2 = f(u1) on \(domain)")
        }
        // hi: the largest u1 with f(u1) ≥ lb.u2 (f is decreasing).
        var hi = domain.upperBound
        var iterations = 0
        if f(hi) < lb.u2 {
            var l = lo, h = hi
            while h - l > tol && iterations < 400 { let m = (l + h) / 2; if f(m) >= lb.u2 { l = m } else { h = m }; iterations += 1 }
            hi = l
        }
        var x: Double
        var notes = [String]()
        switch kind {
        case .nash:
            let a = w.w1, b = w.w2
            if a == 0 { x = lo } else if b == 0 { x = hi } else {
                // h > 0 where the weighted log-product still increases; decreasing in u1.
                (x, iterations) = SmoothFrontier.bisect(lo, hi, tol) { u in
                    a * (f(u) - d.u2) + b * self.slope(at: u, lo, hi) * (u - d.u1)
                }
                if derivative == nil { notes.append(derivativeNote) }
            }
        case .utilitarian:
            (x, iterations) = SmoothFrontier.bisect(lo, hi, tol) { u in w.w1 + w.w2 * self.slope(at: u, lo, hi) }
            if derivative == nil { notes.append(derivativeNote) }
            notes.append("a utilitarian optimum on a linear stretch of the frontier is a segment, which this search does not detect")
        case .kalaiSmorodinsky, .egalitarian:
            let r = kind == .egalitarian ? PayoffPair(w.w1, w.w2) : PayoffPair(hi - d.u1, f(lo) - d.u2)
            // h(u1) = r1 (f(u1) − d2) − r2 (u1 − d1) is decreasing; its root is the ray's exit.
            let h: (Double) -> Double = { u in r.u1 * (f(u) - d.u2) - r.u2 * (u - d.u1) }
            (x, iterations) = SmoothFrontier.bisect(lo, hi, tol, h)
        }
        let point = PayoffPair(x, f(x))
        return BargainingOutcome(solution: kind, weights: w, disagreement: d, outsideOptions: nil,
                                 bindingOutsideOptions: [false, false], point: point, tiedSegment: nil,
                                 isParetoOptimal: x >= domain.upperBound - tol || f(min(domain.upperBound, x + tol)) < f(x),
                                 arithmetic: .floatingPoint, tolerance: tol, iterations: iterations, notes: notes)
    }

    /// The root of a decreasing function on `[lo, hi]` by bisection to a bracket narrower than
    /// `tol` (an end point when `h` does not change sign); returns it and the iterations used.
    static func bisect(_ lo: Double, _ hi: Double, _ tol: Double, _ h: (Double) -> Double) -> (Double, Int) {
        if h(lo) <= 0 { return (lo, 0) }
        if h(hi) >= 0 { return (hi, 0) }
        var l = lo, u = hi, it = 0
        while u - l > tol && it < 400 {
            let m = (l + u) / 2
            if m <= l || m >= u { break }
            if h(m) > 0 { l = m } else { u = m }
            it += 1
        }
        return ((l + u) / 2, it)
    }

    private var derivativeNote: String {
        "f′ was estimated by central differences with step \(differenceStep); the first-order condition carries an error of about 1e-10"
    }

    private var differenceStep: Double { 1e-6 * (domain.upperBound - domain.lowerBound) }

    /// `f′(u)`: the given derivative, or a difference quotient kept inside `[lo, hi]`.
    private func slope(at u: Double, _ lo: Double, _ hi: Double) -> Double {
        if let df = derivative { return df(u) }
        let eta = differenceStep
        let a = max(domain.lowerBound, u - eta), b = min(domain.upperBound, u + eta)
        return (frontier(b) - frontier(a)) / (b - a)
    }
}
