import Testing
import GameTheory
@testable import Negotiation

@Suite struct BargainingSolutionTests {
    let unitPie = try! BargainingPolygon(convexHullOf: [P(0, 0), P(1, 0), P(0, 1)])

    /// Nash (1950) on a unit surplus with disagreement d: each gets d_i plus half the net
    /// surplus, u1 = (1 + d1 − d2)/2.
    @Test(arguments: [(0, 1, 0, 1), (1, 4, 0, 1), (1, 5, 1, 3), (-1, 2, 1, 4), (0, 1, 2, 3)])
    func nashSplitOfUnitSurplus(n1: Int, q1: Int, n2: Int, q2: Int) throws {
        let d = P(R(n1, q1), R(n2, q2))
        let o = try unitPie.solve(.nash, disagreement: d)
        #expect(o.point == P((1 + d.u1 - d.u2) / 2, (1 - d.u1 + d.u2) / 2))
        #expect(o.arithmetic == .exact)
        #expect(o.isParetoOptimal)
    }

    /// Asymmetric Nash on the unit surplus: u1 = d1 + α (1 − d1 − d2).
    @Test func asymmetricNashSplit() throws {
        let d = P(R(1, 10), R(1, 5))
        for alpha in [R(0), R(1, 3), R(3, 5), R(1)] {
            let o = try unitPie.solve(.nash, disagreement: d, weights: BargainingWeights(player1: alpha))
            #expect(o.point.u1 == d.u1 + alpha * (1 - d.u1 - d.u2), "alpha \(alpha)")
            #expect(o.point.u1 + o.point.u2 == 1)
        }
    }

    /// A frontier with a kink, solved by hand. S = hull{(0,0),(4,0),(3,2),(0,3)}, d = 0.
    /// Nash: on the edge (3,2)-(0,3), u2 = 3 − u1/3, u1·u2 is maximal at u1 = 9/2 > 3, so the
    /// Nash point is on the edge (4,0)-(3,2): u2 = 8 − 2u1, u1 u2 maximal at u1 = 2 < 3: so
    /// the kink (3,2) is the Nash point. KS: ideal point (4,3), ray u2 = 3u1/4 meets
    /// u2 = 3 − u1/3 at u1 = 36/13 (< 3, so on that edge). Egalitarian: u1 = u2 on u2 = 3 − u1/3 gives 9/4.
    /// Utilitarian: max u1+u2 is 5 at (3,2).
    @Test func kinkedFrontierByHand() throws {
        let s = try BargainingPolygon(convexHullOf: [P(0, 0), P(4, 0), P(3, 2), P(0, 3)])
        let d = P(0, 0)
        #expect(try s.solve(.nash, disagreement: d).point == P(3, 2))
        #expect(try s.solve(.kalaiSmorodinsky, disagreement: d).point == P(R(36, 13), R(27, 13)))
        #expect(try s.solve(.egalitarian, disagreement: d).point == P(R(9, 4), R(9, 4)))
        #expect(try s.solve(.utilitarian, disagreement: d).point == P(3, 2))
        // Proportional (Kalai 1977) gains 2:1: u1 = 2u2 on u2 = 8 − 2u1 → u1 = 16/5.
        let w = try BargainingWeights(R(2, 3), R(1, 3))
        #expect(try s.solve(.egalitarian, disagreement: d, weights: w).point == P(R(16, 5), R(8, 5)))
    }

    /// The same problems in floating point agree with the exact answers.
    @Test func floatingPointAgreesWithExact() throws {
        let pts: [PayoffPair<Double>] = [PayoffPair(0, 0), PayoffPair(4, 0), PayoffPair(3, 2), PayoffPair(0, 3)]
        let s = try BargainingPolygon(convexHullOf: pts)
        let d = PayoffPair<Double>(0.5, 0.25)
        let exact = try BargainingPolygon(convexHullOf: pts.map { P(Rational(exactly: $0.u1)!, Rational(exactly: $0.u2)!) })
        for kind in BargainingSolutionKind.allCases {
            for alpha in [0.25, 0.5, 0.8] {
                let f = try s.solve(kind, disagreement: d, weights: BargainingWeights(player1: alpha))
                let e = try exact.solve(kind, disagreement: P(R(1, 2), R(1, 4)),
                                        weights: BargainingWeights(player1: Rational(exactly: alpha)!))
                #expect(f.arithmetic == .floatingPoint)
                #expect(abs(f.point.u1 - e.point.u1.doubleValue) < 1e-12, "\(kind) \(alpha)")
                #expect(abs(f.point.u2 - e.point.u2.doubleValue) < 1e-12, "\(kind) \(alpha)")
                #expect(f.isParetoOptimal == e.isParetoOptimal, "\(kind) \(alpha)")
                let lottery = try s.lottery(for: f.point)
                #expect(abs(lottery.map(\.probability).reduce(0, +) - 1) < 1e-12)
            }
        }
    }

    @Test func utilitarianTieIsReportedAsSegment() throws {
        // Frontier u1 + u2 = 1: every Pareto point maximises the sum.
        let o = try unitPie.solve(.utilitarian, disagreement: P(R(1, 5), 0))
        #expect(o.tiedSegment == [P(1, 0), P(R(1, 5), R(4, 5))])
        #expect(o.point == P(R(3, 5), R(2, 5)))   // the Nash point of the tied segment
        #expect(!o.notes.isEmpty)
    }

    /// KS and egalitarian can be weakly Pareto only: the square [0,1]×[0,2] with d = 0.
    @Test func egalitarianOnWeakFrontierIsFlagged() throws {
        let s = try BargainingPolygon(convexHullOf: [P(0, 0), P(1, 0), P(1, 2), P(0, 2)])
        let o = try s.solve(.egalitarian, disagreement: P(0, 0))
        #expect(o.point == P(1, 1))
        #expect(!o.isParetoOptimal)
        #expect(try s.solve(.nash, disagreement: P(0, 0)).point == P(1, 2))
    }

    /// Degenerate problems: a segment, a single individually rational point, and a set where
    /// only one player can gain.
    @Test func degenerateProblems() throws {
        let seg = try BargainingPolygon(convexHullOf: [P(0, 1), P(1, 0)])
        for kind in [BargainingSolutionKind.nash, .kalaiSmorodinsky, .egalitarian] {
            #expect(try seg.solve(kind, disagreement: P(0, 0)).point == P(R(1, 2), R(1, 2)), "\(kind)")
        }
        #expect(try seg.solve(.utilitarian, disagreement: P(0, 0)).tiedSegment == [P(1, 0), P(0, 1)])
        // d on the frontier: the only individually rational point is d itself.
        for kind in BargainingSolutionKind.allCases {
            let o = try unitPie.solve(kind, disagreement: P(R(1, 2), R(1, 2)))
            #expect(o.point == P(R(1, 2), R(1, 2)), "\(kind)")
            #expect(o.notes.contains { $0.contains("strictly dominates") }, "\(kind)")
        }
        // Only player 2 can gain over d = (1, 0): every solution gives player 2 the most.
        let vertical = try BargainingPolygon(convexHullOf: [P(0, 0), P(1, 0), P(1, 2), P(0, 1)])
        for kind in BargainingSolutionKind.allCases {
            let o = try vertical.solve(kind, disagreement: P(1, 0))
            #expect(o.point == P(1, 2), "\(kind): \(o.point) \(o.notes)")
        }
    }

    @Test func disagreementPointOutsideTheSetMayStillBeDominated() throws {
        // d below the set (a minmax point need not be feasible): C is still non-empty.
        let s = try BargainingPolygon(convexHullOf: [P(1, 1), P(3, 1), P(1, 3)])
        #expect(try s.solve(.nash, disagreement: P(0, 0)).point == P(2, 2))
    }

    @Test func undominatedDisagreementIsAnError() {
        do {
            _ = try unitPie.solve(.nash, disagreement: P(1, 1))
            Issue.record("expected disagreementNotDominated")
        } catch let e as NegotiationError {
            guard case .disagreementNotDominated(let p, _) = e else { Issue.record("wrong case \(e)"); return }
            #expect(p == "(1, 1)")
            #expect(e.description.contains("weakly dominates the disagreement point (1, 1)"))
        } catch { Issue.record("wrong error \(error)") }
    }

    @Test func weightsMustLieInUnitIntervalAndSumToOne() {
        #expect(throws: NegotiationError.invalidWeights("bargaining weights (1/2, 1/3) sum to 5/6; they must sum to 1")) {
            _ = try BargainingWeights(R(1, 2), R(1, 3))
        }
        #expect(throws: NegotiationError.invalidWeights("bargaining weight w1 is -1/2; weights must lie in [0, 1]")) {
            _ = try BargainingWeights(R(-1, 2), R(3, 2))
        }
        #expect(throws: NegotiationError.self) { _ = try BargainingWeights<Double>(0.7, 0.4) }
        #expect(throws: NegotiationError.self) { _ = try BargainingWeights<Double>(.nan, 0.5) }
        #expect(throws: Never.self) { _ = try BargainingWeights<Double>(0.7, 0.3) }
    }

    /// Outside-option principle: options bind only when the agreement would give less.
    @Test func outsideOptionsAsConstraints() throws {
        let d = P(0, 0)
        let loose = try unitPie.solve(.nash, disagreement: d, outsideOptions: P(R(1, 5), R(2, 5)))
        #expect(loose.point == P(R(1, 2), R(1, 2)))
        #expect(loose.bindingOutsideOptions == [false, false])
        let tight = try unitPie.solve(.nash, disagreement: d, outsideOptions: P(0, R(7, 10)))
        #expect(tight.point == P(R(3, 10), R(7, 10)))
        #expect(tight.bindingOutsideOptions == [false, true])
        #expect(throws: NegotiationError.self) {
            _ = try unitPie.solve(.nash, disagreement: d, outsideOptions: P(R(3, 5), R(3, 5)))
        }
    }

    /// Nash's invariance axiom: for u ↦ (a1 u1 + b1, a2 u2 + b2) with a_i > 0 the solution of
    /// the transformed problem is the transformed solution — exactly, in rational arithmetic.
    /// Also checked: the Nash point is Pareto optimal and its weighted product is not beaten by
    /// random points of the set (an optimality check independent of the edge formula).
    @Test func nashIsAffineInvariantAndParetoOptimal() throws {
        let seed = propertySeed(20261130, "nashIsAffineInvariantAndParetoOptimal")
        var rng = SplitMix64(seed: seed)
        for trial in 0..<200 {
            let n = Int.random(in: 3...8, using: &rng)
            let pts = (0..<n).map { _ in P(R(Int.random(in: -10...10, using: &rng)), R(Int.random(in: -10...10, using: &rng))) }
            let s = try BargainingPolygon(convexHullOf: pts)
            guard s.vertices.count >= 3 else { continue }
            var centroid = PayoffPair<Rational>.zero
            for v in s.vertices { centroid = centroid + v }
            let d = (Rational.one / Rational(s.vertices.count)) * centroid
            let alpha = R(Int.random(in: 1...9, using: &rng), 10)
            let w = try BargainingWeights(player1: alpha)
            let o = try s.solve(.nash, disagreement: d, weights: w)
            let a1 = R(Int.random(in: 1...7, using: &rng), Int.random(in: 1...5, using: &rng))
            let a2 = R(Int.random(in: 1...7, using: &rng), Int.random(in: 1...5, using: &rng))
            let b1 = R(Int.random(in: -20...20, using: &rng)), b2 = R(Int.random(in: -20...20, using: &rng))
            func map(_ p: PayoffPair<Rational>) -> PayoffPair<Rational> { P(a1 * p.u1 + b1, a2 * p.u2 + b2) }
            let t = try BargainingPolygon(convexHullOf: s.vertices.map(map))
            let ot = try t.solve(.nash, disagreement: map(d), weights: w)
            #expect(ot.point == map(o.point), "seed \(seed) trial \(trial)")
            #expect(o.isParetoOptimal, "seed \(seed) trial \(trial)")
            // Random points of S: none dominates the Nash point, none has a larger product.
            let p = o.point.doubles, dd = d.doubles, al = alpha.doubleValue
            func logProduct(_ x: [Double]) -> Double {
                x[0] > dd[0] && x[1] > dd[1] ? al * log(x[0] - dd[0]) + (1 - al) * log(x[1] - dd[1]) : -.infinity
            }
            let best = logProduct(p)
            for _ in 0..<50 {
                let raw = s.vertices.map { _ in Double.random(in: 0...1, using: &rng) }
                let tot = raw.reduce(0, +)
                var q = [0.0, 0.0]
                for (k, v) in s.vertices.enumerated() { q[0] += raw[k] / tot * v.u1.doubleValue; q[1] += raw[k] / tot * v.u2.doubleValue }
                #expect(!(q[0] >= p[0] && q[1] >= p[1] && (q[0] > p[0] + 1e-9 || q[1] > p[1] + 1e-9)), "seed \(seed) trial \(trial): \(q) dominates \(p)")
                #expect(logProduct(q) <= best + 1e-12, "seed \(seed) trial \(trial)")
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
