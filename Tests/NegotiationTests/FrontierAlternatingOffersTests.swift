import Foundation
import Testing
import GameTheory
@testable import Negotiation

@Suite struct FrontierAlternatingOffersTests {
    let unitPie = try! BargainingPolygon(convexHullOf: [P(0, 0), P(1, 0), P(0, 1)])
    /// Frontier u2 = 3 − u1/3 on [0, 3], u2 = 8 − 2u1 on [3, 4].
    let kinked = try! BargainingPolygon(convexHullOf: [P(0, 0), P(4, 0), P(3, 2), P(0, 3)])

    /// On the unit surplus the frontier version is Rubinstein's: 5/7 at δ = (0.9, 0.8), and
    /// the outside-option principle (an option of 3/5 above the responder's 9/19 binds).
    @Test func unitSurplusMatchesRubinstein() throws {
        let e = try unitPie.alternatingOffers(disagreement: P(0, 0), discountFactors: P(R(9, 10), R(8, 10)))
        #expect(e.firstProposal == P(R(5, 7), R(2, 7)))
        #expect(e.secondProposal == P(R(9, 14), R(5, 14)))   // player 2 proposing gets 5/14
        let o = try unitPie.alternatingOffers(disagreement: P(0, 0), discountFactors: P(R(9, 10), R(9, 10)),
                                              outsideOptions: P(0, R(3, 5)))
        #expect(o.firstProposal == P(R(2, 5), R(3, 5)))
        #expect(o.bindingOutsideOptions == [false, true])
        let loose = try unitPie.alternatingOffers(disagreement: P(0, 0), discountFactors: P(R(9, 10), R(9, 10)),
                                                  outsideOptions: P(0, R(3, 10)))
        #expect(loose.firstProposal == P(R(10, 19), R(9, 19)))
        // With disagreement d the surplus 1 − d1 − d2 is split the same way on top of d.
        let shifted = try unitPie.alternatingOffers(disagreement: P(R(1, 5), R(1, 10)), discountFactors: P(R(9, 10), R(8, 10)))
        #expect(shifted.firstProposal.u1 == R(1, 5) + R(5, 7) * R(7, 10))
    }

    /// Kinked frontier, δ = 0.9 both, d = 0: x on the steep piece, y on the flat piece.
    /// 8 − 2x1 = 0.9 (3 − 0.9 x1 / 3) gives x1 = 530/173, x2 = 324/173; y1 = 0.9 x1 = 477/173,
    /// y2 = 3 − y1/3 = 360/173 (and x2 = 0.9 y2).
    @Test func kinkedFrontierByHand() throws {
        let e = try kinked.alternatingOffers(disagreement: P(0, 0), discountFactors: P(R(9, 10), R(9, 10)))
        #expect(e.firstProposal == P(R(530, 173), R(324, 173)))
        #expect(e.secondProposal == P(R(477, 173), R(360, 173)))
        #expect(kinked.isParetoOptimal(e.firstProposal))
    }

    /// Frequent offers on the kinked frontier approach the asymmetric Nash point: with rates
    /// (4, 1) the weights are (1/5, 4/5) and Nash maximises u1^(1/5) (3 − u1/3)^(4/5), at
    /// u1 = 9/5 on the flat piece; with equal rates the kink (3, 2).
    @Test func frequentOffersApproachNash() throws {
        let s = try BargainingPolygon<Double>(convexHullOf: kinked.vertices.map { PayoffPair($0.u1.doubleValue, $0.u2.doubleValue) })
        for (r, nash) in [((4.0, 1.0), (1.8, 2.4)), ((1.0, 1.0), (3.0, 2.0))] {
            var previous = Double.infinity
            for interval in [0.1, 0.01, 0.001, 0.0001] {
                let e = try s.alternatingOffers(disagreement: PayoffPair(0, 0),
                                                discountFactors: PayoffPair(exp(-r.0 * interval), exp(-r.1 * interval)))
                let gap = abs(e.firstProposal.u1 - nash.0) + abs(e.firstProposal.u2 - nash.1)
                #expect(gap <= previous + 1e-12, "rates \(r) interval \(interval)")
                previous = gap
            }
            #expect(previous < 1e-3, "rates \(r)")
            let w = try AlternatingOffers.frequentOffersLimit(discountRates: PayoffPair(r.0, r.1))
            let n = try s.solve(.nash, disagreement: PayoffPair(0, 0), weights: w).point
            #expect(abs(n.u1 - nash.0) < 1e-12 && abs(n.u2 - nash.1) < 1e-12)
        }
    }

    @Test func errors() {
        #expect(throws: NegotiationError.discountFactorOutOfRange(player: 1, value: "1")) {
            _ = try kinked.alternatingOffers(disagreement: P(0, 0), discountFactors: P(1, R(1, 2)))
        }
        #expect(throws: NegotiationError.self) {
            _ = try kinked.alternatingOffers(disagreement: P(5, 5), discountFactors: P(R(1, 2), R(1, 2)))
        }
        #expect(throws: NegotiationError.self) {
            _ = try kinked.alternatingOffers(disagreement: P(0, 0), discountFactors: P(R(1, 2), R(1, 2)), outsideOptions: P(3, 3))
        }
    }
}
