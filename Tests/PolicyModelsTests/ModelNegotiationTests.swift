import Foundation
import Testing
import GameTheory
import Negotiation
@testable import PolicyModels

/// The negotiation section of model reports: the package over the domains' feasible sets
/// (Nash bargaining, outside options to the whole package), and the SPE-set settings.
///
/// The S&T agreement model (Models/us-china-st-agreement.yaml) at the baseline
/// b_basic = 4, t_basic = 1, l_basic = 1, b_applied = 5, t_applied = 10, l_applied = 6:
/// - basic research's feasible set is the hull of (4, 4), (5, −1), (−1, 5), (0, 0);
///   applied technology's of (5, 5), (15, −6), (−6, 15), (0, 0). Both cooperative points are
///   vertices (b ≥ t − l in each), the stage equilibrium is (Restrict, Restrict) = (0, 0).
/// - The package set is the Minkowski sum; its Pareto frontier near the symmetric point runs
///   (−2, 19) — (9, 9) — (19, −2) — (20, −7): from (9, 9) to the right the flatter edge comes
///   first, applied's (5, 5)→(15, −6) with slope −11/10, then basic's (4, 4)→(5, −1), slope −5.
/// - Symmetric Nash from d = (0, 0): (9, 9) = (4, 4) + (5, 5), the same as issue by issue.
///   The outside options (1, 1/2) are below 9: not binding (the outside-option principle).
/// - With o_US = 12 > 9 the constraint binds: the agreement is the frontier point with
///   u_US = 12 on the edge (9, 9)–(19, −2): u_China = 9 − (11/10)·3 = 57/10. It is split
///   along that edge: basic stays at its vertex (4, 4) (its face in the edge's normal
///   direction (11, 10) is the vertex: 4·11 + 4·10 = 84 > 5·11 − 10 = 45); applied moves
///   3/10 of the way from (5, 5) to (15, −6): (8, 17/10). China concedes on applied
///   technology (17/10 < 5); the US concedes nothing.
/// - Symmetrically, o_China = 13: u_US = 9 − (11/10)·4 = 23/5, applied (3/5, 9): the US concedes.
/// - o_US = 5 (< 9): not binding, the agreement stays (9, 9).
@Suite("Model negotiation")
struct ModelNegotiationTests {
    func package(_ overrides: [(String, Double)] = [], scenario: String? = nil) throws -> PackageSummaryView {
        let r = try solve(model: try bundledModel("us-china-st-agreement"), scenario: scenario, overrides: overrides)
        let p = try #require(r.negotiation?.package)
        return PackageSummaryView(p)
    }

    @Test("S&T agreement at the baseline: Nash package (9, 9), both domains in scope, no concessions")
    func baseline() throws {
        let p = try package()
        #expect(p.agreement == ["9", "9"])
        #expect(p.raw.arithmetic == "exact")
        #expect(p.raw.agreedScope == ["basic_research", "applied_technology"])
        #expect(p.issue("basic_research") == ["4", "4"] && p.issue("applied_technology") == ["5", "5"])
        #expect(p.raw.issues.allSatisfy { $0.concedes == [false, false] })
        #expect(p.raw.outsideOptions?.exact == ["1", "1/2"] && p.raw.bindingOutsideOptions == [false, false])
        #expect(p.raw.issues.allSatisfy { $0.disagreement.exact == ["0", "0"] })
    }

    @Test("S&T agreement: outside options bind only above the Nash payoff 9 (outside-option principle)")
    func outsideOptionSensitivity() throws {
        let low = try package([("o_us", 5)])
        #expect(low.agreement == ["9", "9"] && low.raw.bindingOutsideOptions == [false, false])

        let us = try package([("o_us", 12)])
        #expect(us.agreement == ["12", "57/10"])
        #expect(us.raw.bindingOutsideOptions == [true, false])
        #expect(us.issue("basic_research") == ["4", "4"])
        #expect(us.issue("applied_technology") == ["8", "17/10"])
        #expect(us.concedes("applied_technology") == [false, true])
        #expect(us.concedes("basic_research") == [false, false])
        #expect(us.raw.agreedScope == ["basic_research", "applied_technology"])

        let china = try package([("o_china", 13)])
        #expect(china.agreement == ["23/5", "13"])
        #expect(china.raw.bindingOutsideOptions == [false, true])
        #expect(china.issue("applied_technology") == ["3/5", "9"])
        #expect(china.concedes("applied_technology") == [true, false])
    }

    /// A one-domain prisoner's dilemma asking for the SPE payoff set and the worst SPE payoff: without an SPE solver the report says so, typed.
    static let speModel = """
    format: 1
    title: SPE bargaining
    players: [A, B]
    parameters:
      delta: 0.9
    discount: delta
    domains:
      pd:
        actions: [C, D]
        payoffs:
          C, C: [3, 3]
          C, D: [0, 4]
          D, C: [4, 0]
          D, D: [1, 1]
        cooperative: [C, C]
    negotiation:
      disagreement: worst-spe
      bargaining_set: spe
    """

    @Test("SPE set or worst SPE payoff without an SPE solver: typed error, reported, not a crash")
    func speNotComputed() throws {
        let model = try loadModel(yaml: Self.speModel, path: "spe.yaml")
        let r = try solve(model: model)
        #expect(r.negotiation?.package == nil)
        #expect(r.negotiation?.unavailable?.hasPrefix("SPE payoff set not computed for domain 'pd'") == true)
        #expect(r.regime.name == "full-cooperation")   // the rest of the report is intact
        let game = try stageGame(model: model, domain: 0, theta: model.baseline)
        #expect(throws: ModelNegotiationError.self) {
            _ = try negotiate(model: model, theta: model.baseline, deltas: [0.9, 0.9], games: [game],
                              statusQuo: [nil], spe: nil)
        }
    }

    /// A hand-given SPE set with vertices (0, 0), (6, 0), (0, 2) and worst SPE payoffs
    /// (0, 0): the symmetric Nash point maximises u1·u2 on the frontier u1/6 + u2/2 = 1, so
    /// u1 = 3, u2 = 1 (not the feasible set's (3, 3), so the SPE set is the one used).
    @Test("SPE set and worst SPE payoff come from the SPE solver when one is given")
    func speFromSolver() throws {
        let model = try loadModel(yaml: Self.speModel, path: "spe.yaml")
        let solver: SPEPayoffSetSolver = { game, deltas in
            #expect(game.playerCount == 2 && deltas == [0.9, 0.9])
            return SPEPayoffSummary(vertices: [[0, 0], [6, 0], [0, 2]],
                                    exactVertices: [[0, 0], [6, 0], [0, 2]].map { $0.map { Rational($0) } },
                                    worst: [0, 0], exactWorst: [Rational(0), Rational(0)])
        }
        let r = try solve(model: model, spe: solver)
        let p = try #require(r.negotiation?.package)
        #expect(p.linkedAgreement.exact == ["3", "1"])
        #expect(p.issues[0].disagreement.exact == ["0", "0"])
    }

    /// Prisoner's dilemma R = 3, T = 5, S = 0, P = 1: feasible set hull of (3, 3), (5, 0),
    /// (0, 5), (1, 1). From the given point d = (2, 0) the symmetric Nash point: on the edge
    /// (3, 3)–(5, 0), u2 = 15/2 − 3u1/2 and (u1 − 2)(15/2 − 3u1/2) peaks at u1 = 7/2 ∈ [3, 5],
    /// so (7/2, 9/4); on the edge (0, 5)–(3, 3), (u1 − 2)(5 − 2u1/3) peaks at u1 = 19/4 > 3,
    /// off the edge. With two such domains and the package point d = (4, 0), each domain gets
    /// (2, 0); the package set is the doubled set, so the agreement is (7, 9/2), split
    /// (7/2, 9/4) + (7/2, 9/4).
    static func pdModel(domains: Int, disagreement: String) -> String {
        var s = """
        format: 1
        title: Given disagreement
        players: [A, B]
        parameters:
          delta: 0.9
        discount: delta
        domains:

        """
        for d in 1...domains {
            s += """
              pd\(d):
                actions: [C, D]
                payoffs:
                  C, C: [3, 3]
                  C, D: [0, 5]
                  D, C: [5, 0]
                  D, D: [1, 1]
                cooperative: [C, C]

            """
        }
        return s + """
        negotiation:
          disagreement: \(disagreement)
          bargaining_set: feasible

        """
    }

    @Test("A given disagreement point is for the whole package, split equally across domains")
    func givenPoint() throws {
        let one = try solve(model: try loadModel(yaml: Self.pdModel(domains: 1, disagreement: "[2, 0]"), path: "one.yaml"))
        #expect(one.negotiation?.package?.linkedAgreement.exact == ["7/2", "9/4"])
        let two = try solve(model: try loadModel(yaml: Self.pdModel(domains: 2, disagreement: "[4, 0]"), path: "two.yaml"))
        let p = try #require(two.negotiation?.package)
        #expect(p.linkedAgreement.exact == ["7", "9/2"])
        #expect(p.issues.map { $0.disagreement.exact ?? [] } == [["2", "0"], ["2", "0"]])
        #expect(p.issues.map { $0.linked.exact ?? [] } == [["7/2", "9/4"], ["7/2", "9/4"]])
        // Pure minmax of this PD is (1, 1) = the stage equilibrium: Nash from (1, 1) is (3, 3)
        // ((u1 − 1)(u2 − 1) on (3, 3)–(5, 0) peaks at u1 = 8/3 < 3, so at the vertex).
        let minmax = try solve(model: try loadModel(yaml: Self.pdModel(domains: 1, disagreement: "pure-minmax"), path: "m.yaml"))
        #expect(minmax.negotiation?.package?.linkedAgreement.exact == ["3", "3"])
        #expect(minmax.negotiation?.package?.issues[0].disagreement.exact == ["1", "1"])
    }

    @Test("Three players: the negotiation is reported as not computed, the rest of the report stands")
    func threePlayers() throws {
        let yaml = """
        format: 1
        title: Three
        players: [A, B, C]
        parameters:
          delta: 0.9
        discount: delta
        domains:
          d:
            actions: [X, Y]
            payoffs:
              X, X, X: [1, 1, 1]
              Y, X, X: [0, 0, 0]
              X, Y, X: [0, 0, 0]
              Y, Y, X: [0, 0, 0]
              X, X, Y: [0, 0, 0]
              Y, X, Y: [0, 0, 0]
              X, Y, Y: [0, 0, 0]
              Y, Y, Y: [2, 2, 2]
            cooperative: [Y, Y, Y]
        negotiation:
          solution: nash

        """
        let r = try solve(model: try loadModel(yaml: yaml, path: "three.yaml"))
        #expect(r.negotiation?.package == nil)
        #expect(r.negotiation?.unavailable == "negotiation: bargaining is solved for two players; the model has 3")
        #expect(r.regime.name == "full-cooperation")
    }

    @Test("--set arguments: NAME=VALUE parsed; malformed ones name the argument")
    func parameterAssignments() throws {
        #expect(try ParameterAssignment(parsing: "o_us=12") == ParameterAssignment(name: "o_us", value: 12))
        #expect(try ParameterAssignment(parsing: " delta = 0.25 ") == ParameterAssignment(name: "delta", value: 0.25))
        #expect(try ParameterAssignment(parsing: "x=-1e-3").value == -0.001)
        let cases: [(String, String)] = [
            ("o_us", "--set 'o_us': expected NAME=VALUE, for example --set delta=0.9"),
            ("=3", "--set '=3': the parameter name before '=' is empty"),
            ("o_us=", "--set 'o_us=': the value after '=' is empty"),
            ("o_us=abc", "--set 'o_us=abc': the value 'abc' is not a finite number"),
            ("o_us=inf", "--set 'o_us=inf': the value 'inf' is not a finite number"),
            ("2x=1", "--set '2x=1': '2x' is not a parameter name (letters, digits and _, starting with a letter or _)"),
        ]
        for (argument, message) in cases {
            #expect(throws: ParameterAssignmentError.self) { _ = try ParameterAssignment(parsing: argument) }
            do { _ = try ParameterAssignment(parsing: argument) } catch { #expect(error.description == message) }
        }
    }

    @Test("Scenario selection: names checked first, with did-you-mean; baseline by name")
    func scenarioSelection() throws {
        let model = try bundledModel("us-china-st-agreement")
        #expect(try solveScenarios(model: model).map(\.scenario) == ["baseline", "original-scope-2018", "lapse-2023"])
        #expect(try solveScenarios(model: model, scenarios: ["lapse-2023", "baseline"]).map(\.scenario) == ["lapse-2023", "baseline"])
        let with = try solveScenarios(model: model, assignments: [ParameterAssignment(name: "o_us", value: 12)])
        #expect(with.map(\.scenario) == ["baseline with o_us=12", "original-scope-2018 with o_us=12", "lapse-2023 with o_us=12"])
        #expect(with[0].negotiation?.package?.linkedAgreement.exact == ["12", "57/10"])
        #expect(with[2].negotiation?.package?.linkedAgreement.exact == ["12", "57/10"])   // only δ differs
        // 2018 scope (t_applied = 3): applied's frontier edge (5, 5)→(8, −6) has slope −11/3,
        // so the package frontier from (9, 9) reaches u_US = 12 at (12, −2): China would get
        // −2 < its outside option 1/2, so no package beats both outside options.
        #expect(with[1].negotiation?.package == nil)
        #expect(with[1].negotiation?.unavailable?.contains("weakly dominates the disagreement point (12, 1/2)") == true)
        #expect(throws: ModelSolveError.unknownScenario("lapse2023", known: ["original-scope-2018", "lapse-2023"])) {
            _ = try solveScenarios(model: model, scenarios: ["baseline", "lapse2023"])
        }
        do { _ = try solveScenarios(model: model, assignments: [ParameterAssignment(name: "o_uss", value: 1)]) } catch {
            #expect(error.description == "--set: unknown parameter 'o_uss'; did you mean 'o_us'?")
        }
    }
}

/// Convenience accessors over a package summary for the tests.
struct PackageSummaryView {
    typealias Raw = PackageSummary
    let raw: Raw
    init(_ raw: Raw) { self.raw = raw }
    var agreement: [String]? { raw.linkedAgreement.exact }
    func issue(_ name: String) -> [String]? { raw.issues.first { $0.name == name }?.linked.exact }
    func concedes(_ name: String) -> [Bool]? { raw.issues.first { $0.name == name }?.concedes }
}
