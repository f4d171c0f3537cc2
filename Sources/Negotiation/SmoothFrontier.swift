import Foundation
import GameTheory

/// A two-player bargaining set bounded by a smooth frontier `u2 = f(u1)` for `u1 ∈ [a, b]`,
/// with `f` decreasing and concave: `S = {(u1, u2) : a ≤ u1 ≤ b, u2 ≤ f(u1)}`.
///
/// Solutions are found in floating point by one-dimensional searches on `u1`: golden-section
/// search for the maximisers (Nash, utilitarian; both objectives are concave in `u1`) and
/// bisection for the ray intersections (Kalai–Smorodinsky, egalitarian). Each outcome reports
/// the bound on the error in `u1` it was run to and the iterations used.
///
/// Degenerate inputs: a frontier that increases or is convex somewhere on a 257-point grid is
/// rejected (the check is a sample, not a proof); a utilitarian optimum on a linear stretch of
/// the frontier is a segment that the search does not detect (one point of it is returned).
///
/// - Complexity: O(log((b − a)/tolerance)) evaluations of `f` per solution.
///
/// References:
/// - J. Kiefer (1953), "Sequential minimax search for a maximum", *Proceedings of the American
///   Mathematical Society* 4(3), 502–506. doi:10.1090/S0002-9939-1953-0055639-3
public struct SmoothFrontier: Sendable {
    public let domain: ClosedRange<Double>
    public let frontier: @Sendable (Double) -> Double

    /// A frontier `u2 = f(u1)` on `domain`.
    ///
    /// - Throws: `.invalidFrontier` when the domain is not finite, `f` is not finite on it, or
    ///   `f` is not decreasing and concave on a 257-point grid (with a relative slack of 1e-9).
    public init(domain: ClosedRange<Double>, _ f: @escaping @Sendable (Double) -> Double) throws {
        guard domain.lowerBound.isFinite, domain.upperBound.isFinite else {
            throw NegotiationError.invalidFrontier("the frontier's domain \(domain) must be finite")
        }
        self.domain = domain
        self.frontier = f
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
                let phi: (Double) -> Double = { u in
                    let g1 = u - d.u1, g2 = f(u) - d.u2
                    return g1 > 0 && g2 > 0 ? a * log(g1) + b * log(g2) : -Double.infinity
                }
                (x, iterations) = SmoothFrontier.goldenSectionMaximum(phi, lo, hi, tol)
            }
        case .utilitarian:
            (x, iterations) = SmoothFrontier.goldenSectionMaximum({ w.w1 * $0 + w.w2 * f($0) }, lo, hi, tol)
            notes.append("a utilitarian optimum on a linear stretch of the frontier is a segment, which this search does not detect")
        case .kalaiSmorodinsky, .egalitarian:
            let r = kind == .egalitarian ? PayoffPair(w.w1, w.w2) : PayoffPair(hi - d.u1, f(lo) - d.u2)
            // h(u1) = r1 (f(u1) − d2) − r2 (u1 − d1) is decreasing; its root is the ray's exit.
            let h: (Double) -> Double = { u in r.u1 * (f(u) - d.u2) - r.u2 * (u - d.u1) }
            if h(lo) <= 0 { x = lo } else if h(hi) >= 0 { x = hi } else {
                var l = lo, u = hi
                iterations = 0
                while u - l > tol && iterations < 400 { let m = (l + u) / 2; if h(m) > 0 { l = m } else { u = m }; iterations += 1 }
                x = (l + u) / 2
            }
        }
        let point = PayoffPair(x, f(x))
        return BargainingOutcome(solution: kind, weights: w, disagreement: d, outsideOptions: nil,
                                 bindingOutsideOptions: [false, false], point: point, tiedSegment: nil,
                                 isParetoOptimal: x >= domain.upperBound - tol || f(min(domain.upperBound, x + tol)) < f(x),
                                 arithmetic: .floatingPoint, tolerance: tol, iterations: iterations, notes: notes)
    }

    /// Golden-section search for the maximum of a concave function on `[lo, hi]`, to a bracket
    /// narrower than `tol`; returns the midpoint and the iterations used.
    static func goldenSectionMaximum(_ g: (Double) -> Double, _ lo: Double, _ hi: Double, _ tol: Double) -> (Double, Int) {
        let invPhi = (5.0.squareRoot() - 1) / 2
        var a = lo, b = hi
        var c = b - invPhi * (b - a), e = a + invPhi * (b - a)
        var gc = g(c), ge = g(e)
        var it = 0
        while b - a > tol && it < 400 {
            if gc >= ge { b = e; e = c; ge = gc; c = b - invPhi * (b - a); gc = g(c) }
            else { a = c; c = e; gc = ge; e = a + invPhi * (b - a); ge = g(e) }
            it += 1
        }
        // The end points are candidates too (maxima at a bound of the interval).
        let mid = (a + b) / 2
        var best = mid, gb = g(mid)
        for cand in [lo, hi] where g(cand) > gb { best = cand; gb = g(cand) }
        return (best, it)
    }
}
