import Foundation
import Testing
@testable import detente

/// `detente solve` on a three-player model with a negotiation section (Fixtures/division-3.yaml):
/// the JSON adds `negotiation.n_player`, the text prints the package.
///
/// By hand: the feasible set is the simplex {u ≥ 0, u1 + u2 + u3 ≤ 3}; the asymmetric Nash
/// solution with weights α = (1/2, 1/4, 1/4) from d = (3/10, 0, 1/5) lies on the facet
/// Σu = 3 where αᵢ/(uᵢ − dᵢ) is constant: uᵢ = dᵢ + αᵢ(3 − Σd) = (31/20, 5/8, 33/40).
@Suite struct CLINegotiationTests {
    static let division = CLI.packageRoot.appendingPathComponent("Tests/DetenteCLITests/Fixtures/division-3.yaml").path

    @Test func threePlayerNegotiationInSolveJSONAndText() throws {
        let r = try CLI.run(["solve", Self.division, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let negotiation = try #require(report["negotiation"] as? [String: Any])
        #expect(negotiation["package"] == nil)
        let n = try #require(negotiation["n_player"] as? [String: Any], "\(negotiation)")
        #expect(n["exact_agreement"] as? [String] == ["31/20", "5/8", "33/40"])
        #expect(n["arithmetic"] as? String == "exact")
        #expect(n["agreed_scope"] as? [String] == ["division"])
        // The two-player keys of the contract are still there.
        #expect(negotiation["solution"] as? String == "nash" && negotiation["bargaining_set"] as? String == "feasible")

        let text = try CLI.run(["solve", Self.division])
        #expect(text.stdout.contains("package agreement (31/20, 5/8, 33/40) over disagreement (3/10, 0, 1/5) (exact)"), "\(text.stdout)")

        let moved = try CLI.run(["solve", Self.division, "--set", "d2=0.5", "--format", "json"])
        let m = try #require(try JSONSerialization.jsonObject(with: Data(moved.stdout.utf8)) as? [String: Any])
        // d = (3/10, 1/2, 1/5): 3 − Σd = 2, u = (3/10 + 1, 1/2 + 1/2, 1/5 + 1/2) = (13/10, 1, 7/10).
        let q = try #require((m["negotiation"] as? [String: Any])?["n_player"] as? [String: Any])
        #expect(q["exact_agreement"] as? [String] == ["13/10", "1", "7/10"])
    }

    @Test func threePlayerDisagreementOutsideTheSetNamesThePosition() throws {
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("division-bad-\(getpid()).yaml")
        let text = try String(contentsOfFile: Self.division, encoding: .utf8)
            .replacingOccurrences(of: "disagreement: [d1, d2, d3]", with: "disagreement: [2, 2, 0]")
        try text.write(to: bad, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: bad) }
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("disagreement: [2, 2, 0]") }! + 1
        let r = try CLI.run(["solve", bad.path, "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stderr)")
        let unavailable = try #require((report["negotiation"] as? [String: Any])?["unavailable"] as? String)
        #expect(unavailable.contains("\(bad.path):\(line):"), "\(unavailable)")
        #expect(unavailable.contains("weakly dominates the disagreement point (2, 2, 0)"), "\(unavailable)")
    }
}
