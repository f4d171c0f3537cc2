import BigInt
import Testing
import GameTheory
@testable import Negotiation

@Suite struct BargainingPolygonTests {
    @Test func hullDropsInteriorDuplicateAndCollinearPoints() throws {
        let s = try BargainingPolygon(convexHullOf: [P(0, 0), P(2, 0), P(1, 0), P(0, 2), P(1, 1), P(2, 0), P(R(1, 2), R(1, 2))])
        // (1,0) is on an edge, (1,1) on the hypotenuse, (1/2,1/2) inside.
        #expect(s.vertices == [P(0, 0), P(2, 0), P(0, 2)])
        #expect(s.contains(P(R(1, 2), R(1, 2))))
        #expect(s.contains(P(1, 1)))
        #expect(!s.contains(P(R(3, 2), R(3, 2))))
    }

    @Test func emptySetIsAnError() {
        #expect(throws: NegotiationError.emptySet(what: "test")) {
            _ = try BargainingPolygon<Rational>(convexHullOf: [], name: "test")
        }
    }

    @Test func verticesNotInConvexPositionAreRejected() {
        // (1,1) lies strictly inside the triangle of the other three.
        do {
            _ = try BargainingPolygon(vertices: [P(0, 0), P(4, 0), P(1, 1), P(0, 4)])
            Issue.record("expected notConvex")
        } catch let e as NegotiationError {
            #expect(e == .notConvex(index: 2, point: "(1, 1)"))
            #expect(e.description.contains("vertex 3 (1, 1)"))
        } catch { Issue.record("wrong error \(error)") }
        // A point on an edge is accepted.
        #expect(throws: Never.self) { _ = try BargainingPolygon(vertices: [P(0, 0), P(4, 0), P(2, 2), P(0, 4)]) }
    }

    @Test func nonFiniteCoordinatesAreRejected() {
        #expect(throws: NegotiationError.self) {
            _ = try BargainingPolygon<Double>(convexHullOf: [PayoffPair(0, .nan), PayoffPair(1, 1)])
        }
    }

    @Test func feasibleSetOfPrisonersDilemma() throws {
        // Prisoner's dilemma C/D with T=10, R=9, P=3, S=1.
        let pd = try NormalFormGame.bimatrix([[9, 1], [10, 3]], [[9, 10], [1, 3]],
                                             actions: [["C", "D"], ["C", "D"]])
        let s = try BargainingPolygon<Rational>.feasibleSet(of: pd)
        #expect(Set(s.vertices) == Set([P(9, 9), P(1, 10), P(10, 1), P(3, 3)]))
        #expect(s.paretoFrontier == [P(10, 1), P(9, 9), P(1, 10)])
        let k = s.vertices.firstIndex(of: P(9, 9))!
        #expect(s.vertexOutcomes[k] == [AgreementOutcome(label: "(C, C)", profile: [0, 0])])
    }

    @Test func clippingToIndividuallyRationalPart() throws {
        let s = try BargainingPolygon(convexHullOf: [P(0, 0), P(1, 0), P(0, 1)])
        let c = try #require(s.individuallyRational(P(R(1, 4), R(1, 2))))
        #expect(Set(c.vertices) == Set([P(R(1, 4), R(1, 2)), P(R(1, 2), R(1, 2)), P(R(1, 4), R(3, 4))]))
        #expect(s.individuallyRational(P(1, 1)) == nil)
    }

    @Test func minkowskiSumOfTwoTriangles() throws {
        let a = try BargainingPolygon(convexHullOf: [P(0, 0), P(2, 0), P(0, 1)])
        let b = try BargainingPolygon(convexHullOf: [P(0, 0), P(1, 0), P(0, 2)])
        #expect(Set(a.minkowskiSum(b).vertices) == Set([P(0, 0), P(3, 0), P(2, 2), P(0, 3)]))
    }

    /// Small rational coordinates take an integer fast path, huge ones the general Rational
    /// path; scaling by 2⁴⁰ must commute with the hull (seeded random points).
    @Test func integerFastPathAgreesWithGeneralPath() throws {
        let seed = propertySeed(7, "integerFastPathAgreesWithGeneralPath")
        var rng = SplitMix64(seed: seed)
        let big = Rational(BigInt(1) << 40)
        for trial in 0..<50 {
            let pts = (0..<Int.random(in: 4...30, using: &rng)).map { _ in
                P(R(Int.random(in: -50...50, using: &rng), Int.random(in: 1...4, using: &rng)),
                  R(Int.random(in: -50...50, using: &rng), Int.random(in: 1...4, using: &rng)))
            }
            let small = try BargainingPolygon(convexHullOf: pts)
            let scaled = try BargainingPolygon(convexHullOf: pts.map { big * $0 })
            #expect(scaled.vertices == small.vertices.map { big * $0 }, "seed \(seed) trial \(trial)")
        }
    }

    @Test func degenerateSegmentAndPoint() throws {
        let seg = try BargainingPolygon(convexHullOf: [P(0, 2), P(1, 1), P(2, 0)])
        #expect(seg.vertices.count == 2)
        #expect(seg.contains(P(1, 1)))
        let pt = try BargainingPolygon(convexHullOf: [P(1, 1), P(1, 1)])
        #expect(pt.vertices == [P(1, 1)])
        let o = try pt.solve(.nash, disagreement: P(0, 0))
        #expect(o.point == P(1, 1))
    }
}
