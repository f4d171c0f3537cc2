import Testing
import GameTheory
@testable import Negotiation

@Suite struct SmoothFrontierTests {
    /// u2 = √(1 − u1) on [0, 1], d = 0.
    let root = try! SmoothFrontier(domain: 0...1) { (1 - $0).squareRoot() }
    let d = PayoffPair<Double>(0, 0)

    /// Nash: maximise u1 √(1 − u1): 1/u1 = 1/(2(1 − u1)), so u1 = 2/3.
    @Test func nashOnSquareRootFrontier() throws {
        let o = try root.solve(.nash, disagreement: d, tolerance: 1e-10)
        #expect(abs(o.point.u1 - 2.0 / 3.0) <= 1e-9)
        #expect(abs(o.point.u2 - (1.0 / 3.0).squareRoot()) <= 1e-9)
        #expect(o.tolerance == 1e-10)
        #expect((o.iterations ?? 0) > 0)
        #expect(o.notes.contains { $0.contains("central differences") })
        // With the derivative f′(u) = −1/(2√(1 − u)) the requested tolerance is met.
        let exact = try SmoothFrontier(domain: 0...1, derivative: { -0.5 / (1 - $0).squareRoot() }) { (1 - $0).squareRoot() }
        let e = try exact.solve(.nash, disagreement: d, tolerance: 1e-13)
        #expect(abs(e.point.u1 - 2.0 / 3.0) <= 2e-13)
        #expect(e.notes.isEmpty)
    }

    /// Asymmetric Nash: α/u1 = (1 − α)/(2(1 − u1)) gives u1 = 2α/(1 + α).
    @Test func asymmetricNashOnSquareRootFrontier() throws {
        for alpha in [0.2, 0.5, 0.9] {
            let o = try root.solve(.nash, disagreement: d, weights: BargainingWeights(player1: alpha), tolerance: 1e-11)
            #expect(abs(o.point.u1 - 2 * alpha / (1 + alpha)) <= 1e-9, "alpha \(alpha)")
        }
    }

    /// Kalai–Smorodinsky: ideal point (1, 1), so u1 = √(1 − u1): u1 = (√5 − 1)/2 ≈ 0.618034.
    @Test func kalaiSmorodinskyIsTheGoldenRatioValue() throws {
        let o = try root.solve(.kalaiSmorodinsky, disagreement: d, tolerance: 1e-12)
        #expect(abs(o.point.u1 - (5.0.squareRoot() - 1) / 2) <= 1e-11)
        #expect(abs(o.point.u1 - 0.618034) < 5e-7)
    }

    /// Utilitarian: 1 − 1/(2√(1 − u1)) = 0 gives u1 = 3/4. Egalitarian with weights (1, 2)/3:
    /// u2 = 2 u1, so 4u1² = 1 − u1, u1 = (√17 − 1)/8.
    @Test func utilitarianAndProportional() throws {
        let u = try root.solve(.utilitarian, disagreement: d, tolerance: 1e-11)
        #expect(abs(u.point.u1 - 0.75) <= 1e-8)
        let e = try root.solve(.egalitarian, disagreement: d, weights: BargainingWeights(1.0 / 3, 2.0 / 3), tolerance: 1e-12)
        #expect(abs(e.point.u1 - (17.0.squareRoot() - 1) / 8) <= 1e-10)
    }

    /// A linear frontier must agree with the exact polygon solution (1 + d1 − d2)/2.
    @Test func linearFrontierAgreesWithPolygon() throws {
        let line = try SmoothFrontier(domain: 0...1) { 1 - $0 }
        let o = try line.solve(.nash, disagreement: PayoffPair(0.1, 0.3))
        #expect(abs(o.point.u1 - 0.4) <= 1e-9)
    }

    @Test func outsideOptionBindsOnlyWhenAboveTheAgreement() throws {
        let loose = try root.solve(.nash, disagreement: d, outsideOptions: PayoffPair(0.5, 0.5))
        #expect(loose.bindingOutsideOptions == [false, false])
        let tight = try root.solve(.nash, disagreement: d, outsideOptions: PayoffPair(0, 0.8), tolerance: 1e-12)
        #expect(tight.bindingOutsideOptions == [false, true])
        // The constraint u2 ≥ 0.8 binds: u1 = 1 − 0.64.
        #expect(abs(tight.point.u1 - 0.36) <= 1e-9)
    }

    @Test func invalidFrontiersAreRejected() {
        #expect(throws: NegotiationError.self) { _ = try SmoothFrontier(domain: 0...1) { $0 } }          // increasing
        #expect(throws: NegotiationError.self) { _ = try SmoothFrontier(domain: 0...1) { (1 - $0) * (1 - $0) } }  // convex
        #expect(throws: NegotiationError.self) { _ = try SmoothFrontier(domain: 0...1) { _ in .nan } }
        #expect(throws: NegotiationError.self) { _ = try root.solve(.nash, disagreement: PayoffPair(0.9, 0.9)) }
        #expect(throws: NegotiationError.self) { _ = try root.solve(.nash, disagreement: d, tolerance: 0) }
    }
}
