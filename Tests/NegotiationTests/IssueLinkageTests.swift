import Testing
import GameTheory
@testable import Negotiation

@Suite struct IssueLinkageTests {
    /// Two issues valued differently (a classic logrolling example, Sebenius 1983):
    /// A = hull{(0,0),(2,0),(0,1)} (frontier u1 + 2u2 = 2), B = hull{(0,0),(1,0),(0,2)},
    /// d = 0 on both. Issue by issue, Nash splits each in half: A → (1, 1/2), B → (1/2, 1),
    /// total (3/2, 3/2). Linked, the package set is hull{(0,0),(3,0),(2,2),(0,3)} and Nash
    /// picks the kink (2,2): player 1 takes all of A, player 2 all of B; each gains 1/2 and
    /// each concedes the issue the other values more.
    @Test func logrollingAcrossTwoIssues() throws {
        let a = BargainingIssue(name: "A", set: try BargainingPolygon(convexHullOf: [P(0, 0), P(2, 0), P(0, 1)]), disagreement: P(0, 0))
        let b = BargainingIssue(name: "B", set: try BargainingPolygon(convexHullOf: [P(0, 0), P(1, 0), P(0, 2)]), disagreement: P(0, 0))
        let p = try PackageNegotiation(issues: [a, b], solution: .nash)
        #expect(p.linked.point == P(2, 2))
        #expect(p.separate.map(\.point) == [P(1, R(1, 2)), P(R(1, 2), 1)])
        #expect(p.linkageGain == P(R(1, 2), R(1, 2)))
        #expect(p.concessions.map(\.linked) == [P(2, 0), P(0, 2)])
        #expect(p.concessions[0].concedes == [false, true])
        #expect(p.concessions[1].concedes == [true, false])
        #expect(p.concessions[0].getsLessThanHalf == [false, true])
        #expect(p.concessions[0].gainShares == [R(1), R(0)])
        #expect(p.notes.isEmpty)
        let summary = try PackageSummary(p, issues: [a, b])
        #expect(summary.issues[1].concedes == [true, false])
        // Player 2 takes all of B: B's vertex (0, 2) with certainty.
        #expect(summary.issues[1].implementation.map(\.payoffs) == [[0, 2]])
        #expect(summary.issues[1].implementation.map(\.exactProbability) == ["1"])
        #expect(summary.linkageGain.exact == ["1/2", "1/2"])
    }

    /// An outside option for the whole package: player 2's alternative worth 5/2 binds (the
    /// linked Nash point gives 2). On the edge (2,2)-(0,3) of the package set, u2 = 5/2 gives
    /// (1, 5/2); the face in direction (1, 2) is A's edge (2,0)-(0,1) plus B's vertex (0,2),
    /// so A moves halfway along its edge: A → (1, 1/2), B → (0, 2). An issue with nothing to
    /// gain stays out of the agreed scope.
    @Test func packageOutsideOptionAndScope() throws {
        let a = BargainingIssue(name: "A", set: try BargainingPolygon(convexHullOf: [P(0, 0), P(2, 0), P(0, 1)]), disagreement: P(0, 0))
        let b = BargainingIssue(name: "B", set: try BargainingPolygon(convexHullOf: [P(0, 0), P(1, 0), P(0, 2)]), disagreement: P(0, 0))
        // C offers nothing better than disagreement. (A segment through d such as
        // (−1,1)-(1,−1) would not be neutral: linked, it works as a side payment.)
        let c = BargainingIssue(name: "C", set: try BargainingPolygon(convexHullOf: [P(0, 0), P(-1, 0), P(0, -1)]), disagreement: P(0, 0))
        let p = try PackageNegotiation(issues: [a, b, c], solution: .nash, outsideOptions: P(0, R(5, 2)))
        #expect(p.linked.point == P(1, R(5, 2)))
        #expect(p.linked.bindingOutsideOptions == [false, true])
        #expect(p.concessions.map(\.linked) == [P(1, R(1, 2)), P(0, 2), P(0, 0)])
        #expect(p.concessions.map(\.inAgreement) == [true, true, false])
        #expect(p.concessions[0].concedes == [false, false])
        #expect(p.concessions[1].concedes == [true, false])
        let summary = try PackageSummary(p, issues: [a, b, c])
        #expect(summary.agreedScope == ["A", "B"])
        #expect(summary.bindingOutsideOptions == [false, true])
        // With a transfer issue T (segment (−1,1)-(1,−1)) the package frontier gains the edge
        // u1 + u2 = 4 from (3,1) to (1,3): the option u2 ≥ 5/2 now gives (3/2, 5/2).
        let t = BargainingIssue(name: "T", set: try BargainingPolygon(convexHullOf: [P(-1, 1), P(1, -1)]), disagreement: P(0, 0))
        let withTransfer = try PackageNegotiation(issues: [a, b, t], solution: .nash, outsideOptions: P(0, R(5, 2)))
        #expect(withTransfer.linked.point == P(R(3, 2), R(5, 2)))
        #expect(try PackageNegotiation(issues: [a, b, t], solution: .nash).linked.point == P(2, 2))
    }

    /// Identical issues: linking gains nothing and the split along parallel edges is one of
    /// many (noted); each issue gets the same fraction of its edge.
    @Test func identicalIssuesGainNothingFromLinkage() throws {
        let s = try BargainingPolygon(convexHullOf: [P(0, 0), P(1, 0), P(0, 1)])
        let issues = [BargainingIssue(name: "x", set: s, disagreement: P(0, 0)),
                      BargainingIssue(name: "y", set: s, disagreement: P(0, 0))]
        let p = try PackageNegotiation(issues: issues, solution: .nash)
        #expect(p.linked.point == P(1, 1))
        #expect(p.linkageGain == P(0, 0))
        #expect(p.concessions.map(\.linked) == [P(R(1, 2), R(1, 2)), P(R(1, 2), R(1, 2))])
        #expect(p.concessions.allSatisfy { $0.concedes == [false, false] })
        #expect(!p.notes.isEmpty)
    }

    @Test func noIssuesIsAnError() {
        #expect(throws: NegotiationError.self) {
            _ = try PackageNegotiation<Rational>(issues: [], solution: .nash)
        }
    }
}
