import Foundation
import GameTheory

/// The stationary subgame-perfect equilibrium of alternating offers over a polygonal
/// bargaining set: the proposals each player makes, the first of which is accepted at once.
public struct FrontierAlternatingOffers<T: GameScalar>: Sendable {
    /// Player 1's proposal (the agreement when player 1 proposes first).
    public let firstProposal: PayoffPair<T>
    /// Player 2's proposal (the agreement when player 2 proposes first).
    public let secondProposal: PayoffPair<T>
    /// `bindingOutsideOptions[i]`: player i's outside option exceeds the value of waiting and
    /// so fixes what player i is offered.
    public let bindingOutsideOptions: [Bool]
    public let arithmetic: Arithmetic
}

extension BargainingPolygon {
    /// Rubinstein's alternating offers over the Pareto frontier of `{u ∈ S : u ≥ d}`, with
    /// discount factors `(δ1, δ2)`, a breakdown probability `p` after each rejection (payoffs
    /// `d` on breakdown) and optional outside options `w` a responder may take.
    ///
    /// Gains `g = u − d` are discounted (`d` is the payoff of perpetual disagreement). With
    /// `qᵢ = (1 − p) δᵢ`, player 1's proposal `x` and player 2's proposal `y` satisfy
    /// `x₂ = max(w₂ − d₂, q₂ y₂)` and `y₁ = max(w₁ − d₁, q₁ x₁)` in gains, both on the frontier
    /// `g₂ = h(g₁)`. The map `x₁ ↦ h(x₁) − max(ω₂, q₂ h(max(ω₁, q₁ x₁)))` decreases for a
    /// decreasing concave `h` and is piecewise linear on a polygon, so the root is found
    /// exactly between consecutive breakpoints (rational for rational data). On the unit
    /// surplus this is `AlternatingOffers`; as `δᵢ = exp(−rᵢ Δ)`, `Δ → 0` the proposals tend
    /// to the asymmetric Nash solution with weights `(r2, r1)/(r1 + r2)` (Binmore, Rubinstein
    /// & Wolinsky 1986).
    ///
    /// - Complexity: O(n log n) for n vertices.
    /// - Throws: `.discountFactorOutOfRange`, `.probabilityOutOfRange`; `.disagreementNotDominated`
    ///   when no point weakly dominates `d`; `.noGainsFromAgreement` when no point gives both
    ///   players their outside options.
    ///
    /// References:
    /// - A. Rubinstein (1982), "Perfect equilibrium in a bargaining model", *Econometrica* 50(1),
    ///   97–109. doi:10.2307/1912531
    /// - K. Binmore, A. Rubinstein, A. Wolinsky (1986), "The Nash bargaining solution in economic
    ///   modelling", *RAND Journal of Economics* 17(2), 176–188. doi:10.2307/2555382
    // Exported Double specialisation: sweeps call this from another module once per point
    // (PolicyModels.negotiatedShares); unspecialised generic code there is ~0.5 ms per call.
    @_specialize(exported: true, where T == Double)
    public func alternatingOffers(disagreement d: PayoffPair<T>, discountFactors delta: PayoffPair<T>,
                                  breakdownProbability p: T = .zero,
                                  outsideOptions w: PayoffPair<T>? = nil) throws -> FrontierAlternatingOffers<T> {
        // Reuse the unit-surplus validation of δ and p.
        _ = try AlternatingOffers(discountFactors: delta, breakdownProbability: p)
        guard let c = individuallyRational(d) else {
            throw NegotiationError.disagreementNotDominated(point: d.description, set: setDescription)
        }
        if let w = w, c.individuallyRational(PayoffPair(maximum(w.u1, d.u1), maximum(w.u2, d.u2))) == nil {
            throw NegotiationError.noGainsFromAgreement("no point of the bargaining set gives both players their outside options \(w)")
        }
        let q1 = (T.one - p) * delta.u1, q2 = (T.one - p) * delta.u2
        // The frontier in gains: g1 strictly decreasing, g2 strictly increasing.
        let chain = c.paretoFrontier.map { $0 - d }
        let a = chain.last!.u1, top = chain.last!.u2, big = chain[0].u1
        let o1 = w.map { $0.u1 - d.u1 } ?? -T.one, o2 = w.map { $0.u2 - d.u2 } ?? -T.one
        /// h(x): player 2's frontier gain when player 1 gains x (flat at `top` left of `a`).
        func h(_ x: T) -> T {
            if x <= a { return top }
            if x >= big { return chain[0].u2 }
            for k in 0..<(chain.count - 1) where x <= chain[k].u1 && x >= chain[k + 1].u1 {
                let s = chain[k], e = chain[k + 1]
                return s.u2 + (x - s.u1) * (e.u2 - s.u2) / (e.u1 - s.u1)
            }
            return top
        }
        /// hInverse(v): player 1's frontier gain when player 2 gains v.
        func hInverse(_ v: T) -> T? {
            for k in 0..<(chain.count - 1) where v >= chain[k].u2 && v <= chain[k + 1].u2 {
                let s = chain[k], e = chain[k + 1]
                return s.u1 + (v - s.u2) * (e.u1 - s.u1) / (e.u2 - s.u2)
            }
            return chain.count == 1 && v == chain[0].u2 ? chain[0].u1 : nil
        }
        func y1(_ x1: T) -> T { maximum(a, maximum(o1, q1 * x1)) }
        func offer2(_ x1: T) -> T { maximum(o2, q2 * h(y1(x1))) }
        func f(_ x1: T) -> T { h(x1) - offer2(x1) }
        var x1: T
        if chain.count == 1 || f(a) <= .zero {
            x1 = a
        } else {
            var bps = [a, big]
            for v in chain { bps.append(v.u1); bps.append(v.u1 / q1) }
            bps.append(a / q1)
            if o1 > .zero { bps.append(o1 / q1) }
            if o2 > .zero, let ys = hInverse(o2 / q2) { bps.append(ys / q1) }
            let sorted = bps.filter { $0 >= a && $0 <= big }.sorted()
            x1 = big
            for k in 0..<(sorted.count - 1) {
                let l = sorted[k], r = sorted[k + 1]
                if l == r { continue }
                let fl = f(l), fr = f(r)
                if fl > .zero && fr <= .zero {
                    x1 = fr == .zero ? r : l + fl * (r - l) / (fl - fr)
                    break
                }
            }
        }
        // Player 1's offer gives player 2 offer2(x1); on the frontier x1 = h⁻¹ of it.
        let x2 = offer2(x1)
        let first = PayoffPair(x1, x2) + d
        let yy1 = y1(x1)
        let second = PayoffPair(yy1, h(yy1)) + d
        let binding = [o1 > q1 * x1 && o1 > a, o2 > q2 * h(yy1)]
        return FrontierAlternatingOffers(firstProposal: first, secondProposal: second, bindingOutsideOptions: binding,
                                         arithmetic: T.isExact ? .exact : .floatingPoint)
    }
}
