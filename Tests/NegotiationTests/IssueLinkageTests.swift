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
