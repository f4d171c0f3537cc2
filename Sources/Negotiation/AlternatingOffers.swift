import Foundation
import GameTheory

/// Rubinstein's alternating-offers bargaining over a unit surplus, with one discount factor
/// per player, a risk of breakdown after each rejection, and outside options.
///
/// Protocol (player 1 proposes first, players counted from 1): in each round the proposer
/// offers a split `(x, 1 − x)`; the responder accepts (the game ends), or opts out (each player
/// gets their outside option `wᵢ`), or rejects. After a rejection negotiations break down with
/// probability `p` (each player gets the breakdown payoff `bᵢ`); otherwise the roles swap and
/// the next round is discounted by `δᵢ` for player i.
///
/// The unique subgame-perfect equilibrium is stationary: the proposer i offers the responder j
/// exactly `max(wⱼ, (1 − p) δⱼ xⱼ + p bⱼ)`, where `xⱼ` is j's share when proposing, and the
/// offer is accepted at once. Without breakdown and options the first proposer's share is
/// `(1 − δ2)/(1 − δ1 δ2)`. An outside option binds only when it exceeds the responder's
/// continuation value — the outside-option principle: outside options are constraints, not
/// threat points (Binmore, Shaked & Sutton 1989; Osborne & Rubinstein 1990, §3.12).
///
/// With `δᵢ = exp(−rᵢ Δ)` and `Δ → 0`, player 1's share tends to `r2/(r1 + r2)`: the
/// asymmetric Nash solution with weights `(r2, r1)/(r1 + r2)` (Binmore, Rubinstein & Wolinsky 1986).
///
/// In exact arithmetic (`T == Rational`) the shares are exact fractions.
///
/// - Complexity: O(1).
///
/// References:
/// - A. Rubinstein (1982), "Perfect equilibrium in a bargaining model", *Econometrica* 50(1),
///   97–109. doi:10.2307/1912531
/// - K. Binmore, A. Rubinstein, A. Wolinsky (1986), "The Nash bargaining solution in economic
///   modelling", *RAND Journal of Economics* 17(2), 176–188. doi:10.2307/2555382
/// - K. Binmore, A. Shaked, J. Sutton (1989), "An outside option experiment", *Quarterly Journal
///   of Economics* 104(4), 753–770. doi:10.2307/2937866
/// - M. J. Osborne, A. Rubinstein (1990), *Bargaining and Markets*, Academic Press. ISBN 0-12-528632-5
public struct AlternatingOffers<T: GameScalar>: Sendable {
    /// `(δ1, δ2)`, each in (0, 1).
    public let discountFactors: PayoffPair<T>
    /// Probability `p ∈ [0, 1)` that negotiations break down after a rejection.
    public let breakdownProbability: T
    /// Payoffs `(b1, b2)` on breakdown.
    public let breakdownPayoffs: PayoffPair<T>
    /// Outside options `(w1, w2)` a responder may take instead of continuing, if any.
    public let outsideOptions: PayoffPair<T>?

    /// - Throws: `.discountFactorOutOfRange` for a δ outside (0, 1); `.probabilityOutOfRange`
    ///   for `p` outside [0, 1); `.noGainsFromAgreement` when `w1 + w2 > 1` or `b1 + b2 > 1`;
    ///   `.nonFinite`.
    public init(discountFactors: PayoffPair<T>, breakdownProbability: T = .zero,
                breakdownPayoffs: PayoffPair<T> = .zero, outsideOptions: PayoffPair<T>? = nil) throws {
        for i in 0..<2 {
            let d = discountFactors[i]
            try checkFinite(d, "the discount factor of player \(i + 1)")
            guard d > .zero && d < .one else {
                throw NegotiationError.discountFactorOutOfRange(player: i + 1, value: "\(d)")
            }
        }
        try checkFinite(breakdownProbability, "the breakdown probability")
        guard breakdownProbability >= .zero && breakdownProbability < .one else {
            throw NegotiationError.probabilityOutOfRange(what: "the breakdown probability", value: "\(breakdownProbability)", allowed: "[0, 1)")
        }
        try checkFinite(breakdownPayoffs.u1, "the breakdown payoff of player 1")
        try checkFinite(breakdownPayoffs.u2, "the breakdown payoff of player 2")
        guard breakdownPayoffs.u1 + breakdownPayoffs.u2 <= .one else {
            throw NegotiationError.noGainsFromAgreement("the breakdown payoffs \(breakdownPayoffs) sum to more than the surplus 1")
        }
        if let w = outsideOptions {
            try checkFinite(w.u1, "the outside option of player 1")
            try checkFinite(w.u2, "the outside option of player 2")
            guard w.u1 + w.u2 <= .one else {
                throw NegotiationError.noGainsFromAgreement("the outside options \(w) sum to more than the surplus 1; no agreement is worth reaching")
            }
        }
        self.discountFactors = discountFactors
        self.breakdownProbability = breakdownProbability
        self.breakdownPayoffs = breakdownPayoffs
        self.outsideOptions = outsideOptions
    }

    /// The subgame-perfect equilibrium (immediate agreement on the first proposer's offer).
    public func equilibrium() -> AlternatingOffersEquilibrium<T> {
        let p = breakdownProbability
        let q1 = (T.one - p) * discountFactors.u1, q2 = (T.one - p) * discountFactors.u2
        let pb1 = p * breakdownPayoffs.u1, pb2 = p * breakdownPayoffs.u2
        // x1: player 1's share when proposing, x2: player 2's share when proposing.
        // x1 = 1 − max(w2, q2 x2 + p b2), x2 = 1 − max(w1, q1 x1 + p b1): a contraction
        // (slope q1 q2 < 1), so exactly one of the four binding patterns is consistent.
        var candidates = [(T, T, [Bool])]()
        let xf1 = (T.one - pb2 - q2 * (T.one - pb1)) / (T.one - q1 * q2)
        candidates.append((xf1, T.one - q1 * xf1 - pb1, [false, false]))
        if let w = outsideOptions {
            let a1 = T.one - w.u2
            candidates.append((a1, T.one - q1 * a1 - pb1, [false, true]))
            let b2 = T.one - w.u1
            candidates.append((T.one - q2 * b2 - pb2, b2, [true, false]))
            candidates.append((T.one - w.u2, T.one - w.u1, [true, true]))
        }
        let w = outsideOptions
        for (x1, x2, bind) in candidates {
            let cont1 = q1 * x1 + pb1, cont2 = q2 * x2 + pb2
            let ok1 = w == nil || (bind[0] ? w!.u1 > cont1 : w!.u1 <= cont1)
            let ok2 = w == nil || (bind[1] ? w!.u2 > cont2 : w!.u2 <= cont2)
            if ok1 && ok2 {
                return AlternatingOffersEquilibrium(firstProposerShare: x1, secondProposerShare: x2,
                                                    bindingOutsideOptions: bind,
                                                    arithmetic: T.isExact ? .exact : .floatingPoint)
            }
        }
        // Floating-point rounding at a boundary between patterns: take the fixed point by iteration.
        var x1 = xf1
        for _ in 0..<10_000 {
            let x2 = T.one - maximum(w!.u1, q1 * x1 + pb1)
            x1 = T.one - maximum(w!.u2, q2 * x2 + pb2)
        }
        let x2 = T.one - maximum(w!.u1, q1 * x1 + pb1)
        return AlternatingOffersEquilibrium(firstProposerShare: x1, secondProposerShare: x2,
                                            bindingOutsideOptions: [w!.u1 > q1 * x1 + pb1, w!.u2 > q2 * x2 + pb2],
                                            arithmetic: .floatingPoint)
    }
}

extension AlternatingOffers where T == Double {
    /// Alternating offers with offers every `interval` time units and discount rates `(r1, r2)`:
    /// `δᵢ = exp(−rᵢ · interval)`.
    ///
    /// - Throws: `.invalidSetting` for a non-positive rate or interval.
    public static func frequentOffers(discountRates r: PayoffPair<Double>, interval: Double,
                                      breakdownRate: Double = 0) throws -> AlternatingOffers<Double> {
        guard r.u1 > 0, r.u2 > 0, r.u1.isFinite, r.u2.isFinite else {
            throw NegotiationError.invalidSetting("discount rates \(r) must be positive and finite")
        }
        guard interval > 0, interval.isFinite else {
            throw NegotiationError.invalidSetting("the time between offers is \(interval); it must be positive")
        }
        guard breakdownRate >= 0, breakdownRate.isFinite else {
            throw NegotiationError.invalidSetting("the breakdown rate is \(breakdownRate); it must be nonnegative")
        }
        return try AlternatingOffers(discountFactors: PayoffPair(exp(-r.u1 * interval), exp(-r.u2 * interval)),
                                     breakdownProbability: -expm1(-breakdownRate * interval))
    }

    /// The limit of player 1's share as offers become frequent: `r2/(r1 + r2)`, player 1's
    /// weight in the asymmetric Nash solution that the limit implements.
    ///
    /// - Throws: `.invalidSetting` for a non-positive rate.
    public static func frequentOffersLimit(discountRates r: PayoffPair<Double>) throws -> BargainingWeights<Double> {
        guard r.u1 > 0, r.u2 > 0, r.u1.isFinite, r.u2.isFinite else {
            throw NegotiationError.invalidSetting("discount rates \(r) must be positive and finite")
        }
        return try BargainingWeights(r.u2 / (r.u1 + r.u2), r.u1 / (r.u1 + r.u2))
    }
}

/// The subgame-perfect equilibrium of alternating offers over a unit surplus.
public struct AlternatingOffersEquilibrium<T: GameScalar>: Sendable, Equatable {
    /// Player 1's share when player 1 proposes (the agreement when player 1 moves first).
    public let firstProposerShare: T
    /// Player 2's share when player 2 proposes (the agreement when player 2 moves first).
    public let secondProposerShare: T
    /// `bindingOutsideOptions[i]`: whether player i's outside option determines the offer made
    /// to player i.
    public let bindingOutsideOptions: [Bool]
    public let arithmetic: Arithmetic

    /// The agreed split when player 1 proposes first.
    public var agreement: PayoffPair<T> { PayoffPair(firstProposerShare, T.one - firstProposerShare) }
}
