import Foundation
import Testing
import GameTheory
import Negotiation
@testable import PolicyModels

/// The negotiation section of a three-player model (`negotiateNPlayer`).
///
/// The "division" model: three players each choose Claim or Wait; a single claimant facing two
/// waiters takes 3, every other profile pays 0. The feasible set is the hull of (0, 0, 0),
/// (3, 0, 0), (0, 3, 0), (0, 0, 3): the simplex `{u ≥ 0, u1 + u2 + u3 ≤ 3}`, whose Pareto
/// frontier is the facet u1 + u2 + u3 = 3. By hand, the asymmetric Nash solution with weights
/// α from d (Σd < 3) maximises Σ αᵢ log(uᵢ − dᵢ) on that facet; the Lagrange conditions
/// αᵢ/(uᵢ − dᵢ) = λ with Σ(uᵢ − dᵢ) = 3 − Σd give uᵢ = dᵢ + αᵢ(3 − Σd). With
/// α = (1/2, 1/4, 1/4) and d = (3/10, 0, 1/5): 3 − Σd = 5/2, so
/// u = (3/10 + 5/4, 5/8, 1/5 + 5/8) = (31/20, 5/8, 33/40) (inside the simplex, all ≥ d).
/// Utilitarian with those weights: max u1/2 + u2/4 + u3/4 on the simplex is the vertex
/// (3, 0, 0) — but C = {u ≥ d} excludes it (u3 ≥ 1/5), so the optimum is
/// (3 − 1/5, 0, 1/5) = (14/5, 0, 1/5).
@Suite("Model negotiation, N players")
struct ModelNPlayerNegotiationTests {
    static func model(weights: String? = "[0.5, 0.25, 0.25]", solution: String = "nash",
                      disagreement: String = "[d1, d2, d3]", extra: String = "") -> String {
        """
        format: 1
        title: Division among three
        players: [A, B, C]
        parameters:
          d1: 0.3
          d2: 0
          d3: 0.2
          delta: 0.9
        discount: delta
        domains:
          division:
            actions: [Claim, Wait]
            payoffs:
              Claim, Wait, Wait: [3, 0, 0]
              Wait, Claim, Wait: [0, 3, 0]
              Wait, Wait, Claim: [0, 0, 3]
              Claim, Claim, Claim: [0, 0, 0]
              Claim, Claim, Wait: [0, 0, 0]
              Claim, Wait, Claim: [0, 0, 0]
              Wait, Claim, Claim: [0, 0, 0]
              Wait, Wait, Wait: [0, 0, 0]
            cooperative: [Wait, Wait, Wait]
        negotiation:
          solution: \(solution)
        \(weights.map { "  weights: " + $0 } ?? "")
          disagreement: \(disagreement)
        \(extra)
        """
    }

    @Test("Three-player Nash with weights (1/2, 1/4, 1/4) from d = (3/10, 0, 1/5): u = (31/20, 5/8, 33/40), exact, in the report and its JSON")
    func weightedNash() throws {
        let m = try loadModel(yaml: Self.model(), path: "division.yaml")
        let r = try solve(model: m)
        let q = try #require(r.negotiation?.nPlayer, "\(r.negotiation?.unavailable ?? "")")
        #expect(r.negotiation?.package == nil)
        #expect(q.exactAgreement == ["31/20", "5/8", "33/40"])
        #expect(q.exactDisagreement == ["3/10", "0", "1/5"])
        #expect(q.arithmetic == "exact" && q.paretoOptimal && q.optimalityGap == 0)
        #expect(q.agreedScope == ["division"])
        // The lottery implements the point: expectation equals the agreement.
        var expected = [0.0, 0.0, 0.0]
        for e in q.implementation { for i in 0..<3 { expected[i] += e.probability * e.payoffs[i] } }
        #expect(zip(expected, [31.0 / 20, 5.0 / 8, 33.0 / 40]).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(q.implementation.allSatisfy { $0.outcomes.allSatisfy { $0.hasPrefix("division: (") } })
        let json = r.jsonString()
        #expect(json.contains("\"n_player\"") && json.contains("\"exact_agreement\""))
        #expect(r.text().contains("package agreement (31/20, 5/8, 33/40)"))
        #expect(r.markdown().contains("Negotiated package (nash, 3 players): (31/20, 5/8, 33/40); agreed scope: division."))
    }

    @Test("Three-player utilitarian with weights (1/2, 1/4, 1/4) from d = (3/10, 0, 1/5): (14/5, 0, 1/5)")
    func utilitarian() throws {
        let m = try loadModel(yaml: Self.model(solution: "utilitarian"), path: "division.yaml")
        let q = try #require(try solve(model: m).negotiation?.nPlayer)
        #expect(q.exactAgreement == ["14/5", "0", "1/5"])
    }

    @Test("Symmetric Nash, KS and egalitarian from the origin split 3 equally: (1, 1, 1)")
    func symmetricSolutions() throws {
        for solution in ["nash", "kalai-smorodinsky", "egalitarian"] {
            let yaml = Self.model(weights: nil, solution: solution, disagreement: "[0, 0, 0]")
            let m = try loadModel(yaml: yaml, path: "division.yaml")
            let q = try #require(try solve(model: m).negotiation?.nPlayer, "\(solution)")
            #expect(q.exactAgreement == ["1", "1", "1"], "\(solution)")
        }
    }

    @Test("A disagreement point outside the set: the report says so at path:line:column of the point")
    func disagreementOutside() throws {
        let yaml = Self.model(disagreement: "[2, 2, 0]")
        let m = try loadModel(yaml: yaml, path: "division.yaml")
        let r = try solve(model: m)
        #expect(r.negotiation?.nPlayer == nil)
        let line = yaml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("disagreement: [2, 2, 0]") }! + 1
        let message = try #require(r.negotiation?.unavailable)
        #expect(message.contains("division.yaml:\(line):"), "\(message)")
        #expect(message.contains("weakly dominates the disagreement point"), "\(message)")
    }

    @Test("Weights that do not sum to one: a diagnostic at path:line:column")
    func badWeights() throws {
        let yaml = Self.model(weights: "[0.5, 0.5, 0.5]")
        let line = yaml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("weights: [0.5, 0.5, 0.5]") }! + 1
        do {
            _ = try loadModel(yaml: yaml, path: "division.yaml")
            Issue.record("weights summing to 3/2 were accepted")
        } catch {
            #expect("\(error)".contains("division.yaml:\(line):") && "\(error)".contains("sum to 1.5, not 1"), "\(error)")
        }
    }

    @Test("Settings not defined for three players (SPE set) are reported with their position")
    func speUnsupported() throws {
        let yaml = Self.model().replacingOccurrences(of: "  disagreement: [d1, d2, d3]", with: "  disagreement: [d1, d2, d3]\n  bargaining_set: spe")
        let m = try loadModel(yaml: yaml, path: "division.yaml")
        let message = try #require(try solve(model: m).negotiation?.unavailable)
        #expect(message.contains("division.yaml:") && message.contains("two players"), "\(message)")
    }

    @Test("Floating-point path (negotiatedShares) agrees with the exact one at several points")
    func floatAgreesWithExact() throws {
        let m = try loadModel(yaml: Self.model(), path: "division.yaml")
        for (d1, d2, d3) in [(0.3, 0.0, 0.2), (0.0, 0.0, 0.0), (1.0, 0.5, 0.25), (0.1, 0.7, 0.0)] {
            let r = try solve(model: m, overrides: [("d1", d1), ("d2", d2), ("d3", d3)])
            let exact = try #require(r.negotiation?.nPlayer)
            var theta = m.baseline
            for (name, v) in [("d1", d1), ("d2", d2), ("d3", d3)] { theta[m.parameterNames.firstIndex(of: name)!] = v }
            let game = try stageGame(model: m, domain: 0, theta: theta)
            let shares = try negotiatedShares(model: m, theta: theta, deltas: [0.9, 0.9, 0.9], payoffs: [game.payoffTable], statusQuo: [[0, 0, 0]],
                                              spe: { _, _ in Issue.record("no SPE set needed"); throw ModelSPEError.notTwoPlayers(3) })
            let by = [d1 + 0.5 * (3 - d1 - d2 - d3), d2 + 0.25 * (3 - d1 - d2 - d3), d3 + 0.25 * (3 - d1 - d2 - d3)]
            for i in 0..<3 {
                #expect(abs(shares.payoffs[i] - exact.agreement[i]) < 1e-9, "\(shares.payoffs) vs \(exact.agreement)")
                #expect(abs(shares.payoffs[i] - by[i]) < 1e-9, "closed form \(by)")
            }
            #expect(shares.inAgreement == [true])
        }
    }
}
