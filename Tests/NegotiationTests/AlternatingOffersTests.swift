import Testing
import GameTheory
@testable import Negotiation

@Suite struct AlternatingOffersTests {
    /// Rubinstein (1982): the first proposer's share is (1 − δ2)/(1 − δ1 δ2).
    @Test func rubinsteinFirstProposerShare() throws {
        let same = try AlternatingOffers(discountFactors: P(R(9, 10), R(9, 10))).equilibrium()
        #expect(same.firstProposerShare == R(10, 19))
        #expect(abs(same.firstProposerShare.doubleValue - 0.526316) < 5e-7)
        let diff = try AlternatingOffers(discountFactors: P(R(9, 10), R(8, 10))).equilibrium()
        #expect(diff.firstProposerShare == R(5, 7))
        #expect(abs(diff.firstProposerShare.doubleValue - 0.714286) < 5e-7)
        // Player 2 proposing: (1 − δ1)/(1 − δ1 δ2) = 0.1/0.28 = 5/14.
        #expect(diff.secondProposerShare == R(5, 14))
        let fp = try AlternatingOffers<Double>(discountFactors: PayoffPair(0.9, 0.8)).equilibrium()
        #expect(abs(fp.firstProposerShare - 5.0 / 7.0) < 1e-15)
    }

    /// Risk of breakdown p with breakdown payoffs 0 acts as extra discounting:
    /// q = (1 − p) δ, first share 1/(1 + q); with δ = 0.9, p = 0.1: q = 0.81, share 100/181.
    /// With breakdown payoffs (b1, b2) = (1/5, 1/5) and δ = 1/2, p = 1/2 (q = 1/4):
    /// x1 = (1 − p b2 − q (1 − p b1))/(1 − q²) = (9/10 − 9/40)/(15/16) = 18/25.
    @Test func riskOfBreakdown() throws {
        let e = try AlternatingOffers(discountFactors: P(R(9, 10), R(9, 10)), breakdownProbability: R(1, 10)).equilibrium()
        #expect(e.firstProposerShare == R(100, 181))
        let b = try AlternatingOffers(discountFactors: P(R(1, 2), R(1, 2)), breakdownProbability: R(1, 2),
                                      breakdownPayoffs: P(R(1, 5), R(1, 5))).equilibrium()
        #expect(b.firstProposerShare == R(18, 25))
    }

    /// The outside-option principle (Binmore, Shaked & Sutton 1989; Osborne & Rubinstein 1990,
    /// §3.12): with δ = 0.9 both, the responder's equilibrium share is 9/19; an option below it
    /// changes nothing, one above it is exactly what the responder gets.
    @Test func outsideOptionPrinciple() throws {
        let delta = P(R(9, 10), R(9, 10))
        let below = try AlternatingOffers(discountFactors: delta, outsideOptions: P(0, R(3, 10))).equilibrium()
        #expect(below.firstProposerShare == R(10, 19))
        #expect(below.bindingOutsideOptions == [false, false])
        let above = try AlternatingOffers(discountFactors: delta, outsideOptions: P(0, R(3, 5))).equilibrium()
        #expect(above.firstProposerShare == R(2, 5))
        #expect(above.bindingOutsideOptions == [false, true])
        // Player 1's option binds when player 1 responds: x2 = 1 − 7/10, x1 = 1 − 0.9 · 3/10 = 73/100.
        let first = try AlternatingOffers(discountFactors: delta, outsideOptions: P(R(7, 10), 0)).equilibrium()
        #expect(first.firstProposerShare == R(73, 100))
        #expect(first.bindingOutsideOptions == [true, false])
        // Both bind: w = (3/5, 19/50): x1 = 31/50, x2 = 2/5; 0.9·31/50 < 3/5 and 0.9·2/5 < 19/50.
        let both = try AlternatingOffers(discountFactors: delta, outsideOptions: P(R(3, 5), R(19, 50))).equilibrium()
        #expect(both.firstProposerShare == R(31, 50))
        #expect(both.bindingOutsideOptions == [true, true])
    }

    /// Frequent offers: δᵢ = exp(−rᵢ Δ), Δ → 0, player 1's share → r2/(r1 + r2), the
    /// asymmetric Nash split with weights (r2, r1)/(r1 + r2) (Binmore, Rubinstein & Wolinsky 1986).
    @Test func frequentOffersApproachAsymmetricNash() throws {
        let r = PayoffPair<Double>(1, 2)
        let limit = try AlternatingOffers.frequentOffersLimit(discountRates: r)
        #expect(abs(limit.w1 - 2.0 / 3.0) < 1e-15)
        let pie = try BargainingPolygon<Double>(convexHullOf: [PayoffPair(0, 0), PayoffPair(1, 0), PayoffPair(0, 1)])
        let nash = try pie.solve(.nash, disagreement: PayoffPair(0, 0), weights: limit).point.u1
        #expect(abs(nash - 2.0 / 3.0) < 1e-12)
        var previous = Double.infinity
        for interval in [1.0, 0.1, 0.01, 0.001, 0.0001] {
            let x = try AlternatingOffers.frequentOffers(discountRates: r, interval: interval).equilibrium().firstProposerShare
            let gap = abs(x - nash)
            #expect(gap < previous, "interval \(interval)")
            previous = gap
        }
        #expect(previous < 1e-4)
    }

    @Test func invalidParametersAreErrors() {
        #expect(throws: NegotiationError.discountFactorOutOfRange(player: 2, value: "1")) {
            _ = try AlternatingOffers(discountFactors: P(R(1, 2), R(1)))
        }
        #expect(throws: NegotiationError.discountFactorOutOfRange(player: 1, value: "0.0")) {
            _ = try AlternatingOffers<Double>(discountFactors: PayoffPair(0, 0.5))
        }
        #expect(throws: NegotiationError.self) { _ = try AlternatingOffers<Double>(discountFactors: PayoffPair(1.2, 0.5)) }
        #expect(throws: NegotiationError.self) { _ = try AlternatingOffers<Double>(discountFactors: PayoffPair(.nan, 0.5)) }
        #expect(throws: NegotiationError.self) {
            _ = try AlternatingOffers(discountFactors: P(R(1, 2), R(1, 2)), breakdownProbability: R(1))
        }
        #expect(throws: NegotiationError.self) {
            _ = try AlternatingOffers(discountFactors: P(R(1, 2), R(1, 2)), outsideOptions: P(R(3, 5), R(3, 5)))
        }
        #expect(throws: NegotiationError.self) {
            _ = try AlternatingOffers.frequentOffers(discountRates: PayoffPair(0, 1), interval: 0.1)
        }
    }
}
