import Foundation
import Analysis
import LinearAlgebra
import PolicyModels
import Reports
import Testing
@testable import PolicyAnalysis

/// `negotiation/PLAYER` and `negotiated_in_scope/DOMAIN` scalars (floating-point negotiation
/// per point) and the default outside-option sweep of the S&T agreement model.
///
/// Closed forms for Models/us-china-st-agreement.yaml at δ = 1/2 (derived in
/// Tests/PolicyModelsTests/ModelNegotiationTests.swift): the package set is the Minkowski sum of
/// basic research's SPE set (0, 0), (24/5, 0), (4, 4), (0, 24/5) and applied technology's
/// triangle (0, 0), (9, 0), (0, 9); its Pareto frontier runs (0, 69/5)–(4, 13)–(13, 4)–(69/5, 0).
/// Symmetric Nash from (0, 0) gives (17/2, 17/2) on the middle edge u_US + u_China = 17. By
/// the outside-option principle the US option o binds only when o > 17/2; the Nash product
/// then falls along the frontier away from the unconstrained point, so the agreement is the
/// frontier point with u_US = o: (o, 17 − o) for 17/2 ≤ o ≤ 13, and on the last edge
/// u_China = 4 − 5(u_US − 13) = 69 − 5o for 13 ≤ o ≤ 69/5; for o > 69/5 = 13.8 no agreement
/// beats the option (NaN). China's option 1/2 never binds there (17 − o ≥ 4, 69 − 5o ≥ 0 ≥ …
/// at o = 13.8 China gets 0 < 1/2: the last edge is feasible only while 69 − 5o ≥ 1/2, i.e.
/// o ≤ 13.7; beyond, no point gives both their options).
@Suite("Negotiation scalars")
struct NegotiationScalarsTests {
    static func stModel() throws -> PolicyModel { try loadModel(path: modelsDirectory + "/us-china-st-agreement.yaml") }

    /// The agreed US share by the outside-option principle (NaN: no agreement).
    static func closedFormUS(_ o: Double, oChina: Double = 0.5) -> [Double] {
        if o <= 8.5 { return [8.5, 8.5] }
        if o <= 13 { return 17 - o >= oChina ? [o, 17 - o] : [.nan, .nan] }
        let china = 69 - 5 * o
        return china >= oChina - 1e-12 ? [o, china] : [.nan, .nan]
    }

    @Test("Models without negotiation get no negotiation scalars")
    func absentWithoutSection() throws {
        let m = try PolicyAnalysisModel(model: try loadModel(path: modelsDirectory + "/us-china-technology.yaml"))
        #expect(!m.scalarNames.contains { $0.hasPrefix("negotiation") || $0.hasPrefix("negotiated") })
        let st = try PolicyAnalysisModel(model: try Self.stModel())
        #expect(Array(st.scalarNames.suffix(4)) == ["negotiation/US", "negotiation/China",
                                                    "negotiated_in_scope/basic_research", "negotiated_in_scope/applied_technology"])
    }

    @Test("S&T model: floating-point scalars equal the exact negotiation (solve) to 1e-9 at several points")
    func floatMatchesExact() throws {
        let model = try Self.stModel()
        let m = try PolicyAnalysisModel(model: model)
        let us = m.scalarNames.firstIndex(of: "negotiation/US")!
        let cases: [[(String, Double)]] = [
            [], [("o_us", 12)], [("o_china", 13)], [("o_us", 13.5)], [("o_us", 5)],
            [("t_applied", 3)], [("delta", 0.7)], [("delta", 0.7), ("b_basic", 6), ("l_applied", 2)],
            [("delta", 0.6), ("t_basic", 2.5), ("o_us", 9)], [("delta", 0.15)],
        ]
        for overrides in cases {
            var row = m.baseline
            for (name, v) in overrides { row[m.parameterNames.firstIndex(of: name)!] = v }
            let point = try m.evaluate(points: Matrix(rows: 1, columns: row.count, rowMajor: row))[0]
            let got = Array(point.values[us..<(us + 4)])
            let report = try solve(model: model, overrides: overrides)
            if let p = report.negotiation?.package {
                for i in 0..<2 {
                    #expect(abs(got[i] - p.linkedAgreement.payoffs[i]) < 1e-9, "\(overrides): \(got) vs exact \(p.linkedAgreement.exact ?? [])")
                }
                let scope = model.domains.map { p.agreedScope.contains($0.name) ? 1.0 : 0.0 }
                #expect(Array(got[2...]) == scope, "\(overrides): scope \(got) vs \(p.agreedScope)")
            } else {
                let why = report.negotiation?.unavailable ?? ""
                #expect(got.allSatisfy { $0.isNaN }, "\(overrides): exact path has no agreement (\(why)), float gave \(got)")
            }
        }
    }

    /// A unit surplus: the feasible set {u ≥ 0, u1 + u2 ≤ 1} (profiles (1, 0), (0, 1), (0, 0)),
    /// disagreement point (d1, d2) given. Nash with weights (α, 1 − α): u1 = d1 + α(1 − d1 − d2),
    /// the Nash split (1 + d1 − d2)/2 at α = 1/2.
    static func surplusModel(weights: String) -> String {
        """
        format: 1
        title: Unit surplus
        players: [A, B]
        parameters:
          d1: {value: 0, bounds: [0, 0.5]}
          d2: {value: 0, bounds: [0, 0.4]}
          delta: 0.9
        discount: delta
        domains:
          surplus:
            actions: [X, Y]
            payoffs:
              X, X: [1, 0]
              X, Y: [0, 1]
              Y, X: [0, 0]
              Y, Y: [0, 0]
            cooperative: [X, X]
        negotiation:
          solution: nash
          weights: \(weights)
          disagreement: [d1, d2]
        """
    }

    @Test("Nash split of a unit surplus over a sweep: u1 = (1 + d1 − d2)/2, and d1 + 0.6(1 − d1 − d2) with weights (0.6, 0.4)")
    func nashSplitSweep() throws {
        for (alpha, weights) in [(0.5, "[0.5, 0.5]"), (0.6, "[0.6, 0.4]")] {
            let m = try PolicyAnalysisModel(model: try loadModel(yaml: Self.surplusModel(weights: weights), path: "surplus.yaml"))
            let i1 = m.scalarNames.firstIndex(of: "negotiation/A")!, i2 = m.scalarNames.firstIndex(of: "negotiation/B")!
            let r = try sweep(m, parameters: m.parameterSpecs.filter { $0.name != "delta" }, design: .grid(steps: [6, 5]))
            let c1 = r.design.names.firstIndex(of: "d1")!, c2 = r.design.names.firstIndex(of: "d2")!
            for (x, o) in zip(r.design.points, r.outputs) {
                let d1 = x[c1], d2 = x[c2]
                let u1 = d1 + alpha * (1 - d1 - d2)
                #expect(abs(o.values[i1] - u1) < 1e-12 && abs(o.values[i2] - (1 - u1)) < 1e-12, "d = (\(d1), \(d2)): \(o.values[i1]), \(o.values[i2])")
            }
        }
    }

    @Test("Default analyses of the S&T model include an outside-option sweep per option parameter; its shares follow the outside-option principle")
    func outsideOptionSweep() throws {
        let model = try Self.stModel()
        let m = try PolicyAnalysisModel(model: model)
        #expect(outsideOptionParameters(m) == ["o_us", "o_china"])
        let analyses = try defaultAnalyses(for: m, settings: .small)
        let names = analyses.map(\.name)
        #expect(names.contains("outside-option-o_us") && names.contains("outside-option-o_china"))
        // Models without outside options get none.
        let plain = try PolicyAnalysisModel(model: try loadModel(path: modelsDirectory + "/relative-gains.yaml"))
        #expect(!(try defaultAnalyses(for: plain, settings: .small)).contains { $0.name.hasPrefix("outside-option") })

        // Run the o_us analysis as `detente batch` does, 41 steps over its bounds [0, 20].
        let target = BatchTarget(model: "Models/us-china-st-agreement.yaml", stem: "us-china-st-agreement", modelHash: "test",
                                 scenario: "baseline", compiled: m,
                                 analyses: [AnalysisRequest(name: "outside-option-o_us",
                                                            kind: .sweep(varying: [ParameterRange("o_us", steps: 41)], design: nil))])
        let plan = try makeBatchPlan(targets: [target], seed: 1, detenteVersion: "test")
        let job = try #require(plan.jobs.first { $0.name.hasSuffix("outside-option-o_us") })
        let files = try job.produce()
        let paths = files.map(\.path)
        for ext in ["csv", "json", "md", "tex", "svg"] {
            #expect(paths.contains { $0.hasSuffix("outside-option-o_us." + ext) }, "\(ext) in \(paths)")
        }
        let csvFile = try #require(files.first { $0.path.hasSuffix(".csv") }).bytes
        let csv = String(decoding: csvFile, as: UTF8.self)
        // CSV rows end in CRLF (one Character in Swift), so split on the string "\r\n".
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
        let header = lines[0].split(separator: ",").map(String.init)
        let io = header.firstIndex(of: "o_us")!, iu = header.firstIndex(of: "negotiation/US")!, ic = header.firstIndex(of: "negotiation/China")!
        let scope = header.firstIndex(of: "negotiated_in_scope/applied_technology")!
        #expect(lines.count == 42)
        var checked = 0
        for line in lines.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let o = Double(f[io])!
            let expected = Self.closedFormUS(o)
            let got = [Double(f[iu]) ?? .nan, Double(f[ic]) ?? .nan]
            if expected[0].isNaN {
                #expect(got.allSatisfy { $0.isNaN }, "o_us = \(o): \(got)")
            } else {
                // The table prints 4 decimals.
                #expect(abs(got[0] - expected[0]) < 1e-4 && abs(got[1] - expected[1]) < 1e-4, "o_us = \(o): \(got) vs \(expected)")
                #expect(Double(f[scope]) == 1, "scope \(f[scope])")
            }
            checked += 1
        }
        #expect(checked == 41)
        // Points by hand: below 17/2 the option does not bind; at 12 the US gets its option and
        // China the rest of 17; at 13.5 on the last edge China gets 69 − 5·13.5 = 3/2; at 14 none.
        #expect(Self.closedFormUS(5) == [8.5, 8.5] && Self.closedFormUS(12) == [12, 5] && Self.closedFormUS(13.5) == [13.5, 1.5])
        #expect(Self.closedFormUS(14)[0].isNaN)
        let svg = String(decoding: try #require(files.first { $0.path.hasSuffix(".svg") }).bytes, as: UTF8.self)
        #expect(svg.contains("agreed payoff, US") && svg.contains("agreed payoff, China"))
    }

    /// Rubinstein (1982) over a unit surplus from d = (0, 0): the first proposer's share is
    /// (1 − δ2)/(1 − δ1 δ2): 10/19 ≈ 0.526316 at δ = 0.9 both, 0.2/0.28 = 5/7 ≈ 0.714286 at 0.9
    /// and 0.8; with breakdown probability p after a rejection the effective factors are
    /// (1 − p)δᵢ (Binmore–Rubinstein–Wolinsky 1986): at δ = 0.9 both and p = 1/10, 0.81 each,
    /// share (1 − 0.81)/(1 − 0.81²) = 1/1.81 = 100/181 ≈ 0.552486.
    static let rubinsteinModel = """
    format: 1
    title: Alternating offers over a unit surplus
    players: [A, B]
    parameters:
      delta1: {value: 0.9, bounds: [0.5, 0.95]}
      delta2: {value: 0.9, bounds: [0.5, 0.95]}
      p: {value: 0, bounds: [0, 0.5]}
    discount:
      A: delta1
      B: delta2
    domains:
      surplus:
        actions: [X, Y]
        payoffs:
          X, X: [1, 0]
          X, Y: [0, 1]
          Y, X: [0, 0]
          Y, Y: [0, 0]
        cooperative: [X, X]
    negotiation:
      solution: nash
      disagreement: [0, 0]
      alternating_offers: true
      breakdown_probability: p
    """

    @Test("Rubinstein first-proposer share in the scalars alternating_offers/PLAYER and in solve: 10/19 at δ = 0.9 both, 5/7 at 0.9 and 0.8")
    func rubinsteinScalars() throws {
        let model = try loadModel(yaml: Self.rubinsteinModel, path: "rubinstein.yaml")
        let m = try PolicyAnalysisModel(model: model)
        let ia = m.scalarNames.firstIndex(of: "alternating_offers/A")!, ib = m.scalarNames.firstIndex(of: "alternating_offers/B")!
        for (d1, d2, p, share, exact) in [(0.9, 0.9, 0.0, 10.0 / 19, "10/19"), (0.9, 0.8, 0.0, 5.0 / 7, "5/7"),
                                         (0.9, 0.9, 0.1, 100.0 / 181, "100/181")] {
            let row = [d1, d2, p]
            let v = try m.evaluate(points: Matrix(rows: 1, columns: 3, rowMajor: row))[0].values
            #expect(abs(v[ia] - share) < 1e-12 && abs(v[ib] - (1 - share)) < 1e-12, "δ = (\(d1), \(d2)), p = \(p): \(v[ia])")
            let r = try solve(model: model, overrides: [("delta1", d1), ("delta2", d2), ("p", p)])
            let a = try #require(r.negotiation?.package?.alternatingOffers)
            #expect(a.firstProposal.exact?.first == exact, "\(a.firstProposal)")
            #expect(abs(a.firstProposal.payoffs[0] - v[ia]) < 1e-9)
        }
        #expect(abs(10.0 / 19 - 0.526316) < 5e-7 && abs(5.0 / 7 - 0.714286) < 5e-7)
    }
}
