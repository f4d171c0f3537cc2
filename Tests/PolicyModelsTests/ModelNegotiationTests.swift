import Foundation
import Testing
import GameTheory
import Negotiation
@testable import PolicyModels

/// The negotiation section of model reports: the package over the domains' bargaining sets
/// (Nash bargaining, outside options to the whole package), and the SPE-set settings.
///
/// The S&T agreement model (Models/us-china-st-agreement.yaml) bargains over the SPE payoff
/// sets (`bargaining_set: spe`: self-enforcing agreements) at δ = 1/2, from the stage
/// equilibrium (Restrict, Restrict) = (0, 0), with b_basic = 4, t_basic = 1, l_basic = 1,
/// b_applied = 5, t_applied = 10, l_applied = 6. By hand:
/// - Both stage games are prisoner's dilemmas whose minmax (pure and mixed) is 0, the
///   stage-equilibrium payoff, so the worst SPE payoff is 0 for both players.
/// - Basic research (payoffs (4, 4), (5, −1), (−1, 5), (0, 0)): the SPE set is the
///   individually rational part of the feasible set, vertices (0, 0), (24/5, 0), (4, 4),
///   (0, 24/5): (24/5, 0) is where the edge (5, −1)–(4, 4) meets u_China = 0; it is generated
///   by (Restrict, Cooperate) with continuation (23/5, 1) on the same edge, where China's
///   constraint binds (w ≥ 0 + (1 − δ)/δ · 1 = 1), and (4, 4) by (Cooperate, Cooperate) with
///   itself (gain 1, needs w ≥ 1).
/// - Applied technology (payoffs (5, 5), (15, −6), (−6, 15), (0, 0)): (Cooperate, Cooperate)
///   needs continuations ≥ 10 for both (gain 10), which no feasible point offers; (Restrict,
///   Cooperate) needs China's continuation ≥ 6: with continuation (3, 6) it gives
///   1/2 · (15, −6) + 1/2 · (3, 6) = (9, 0), and (3, 6) lies on the segment (9, 0)–(0, 9). The
///   SPE set is the triangle (0, 0), (9, 0), (0, 9) (no point has u1 + u2 > 9: every
///   generating profile other than (Cooperate, Cooperate) gives at most 1/2 · 9 + 1/2 · 9).
/// - The package set is the Minkowski sum; near the symmetric point its frontier is applied's
///   edge u1 + u2 = 9 shifted by basic's vertex (4, 4): (4, 13)–(13, 4). Symmetric Nash from
///   (0, 0): the symmetric frontier point (17/2, 17/2) = (4, 4) + (9/2, 9/2), the same as
///   issue by issue; the outside options (1, 1/2) do not bind.
/// - o_US = 12 > 17/2 binds: the frontier point with u_US = 12 is (12, 5) on that edge, split
///   basic (4, 4) (its face in the normal direction (1, 1) is the vertex) and applied (8, 1):
///   China concedes on applied technology (1 < 9/2). Symmetrically o_China = 13 gives (4, 13),
///   applied (0, 9): the US concedes. o_US = 5 < 17/2 does not bind.
/// - In the lapse-2023 scenario (δ = 0.15) no cooperation is self-enforcing: both SPE sets are
///   the point (0, 0), below the outside options, so there is no agreement.
@Suite("Model negotiation")
struct ModelNegotiationTests {
    func package(_ overrides: [(String, Double)] = [], scenario: String? = nil) throws -> PackageSummaryView {
        let r = try solve(model: try bundledModel("us-china-st-agreement"), scenario: scenario, overrides: overrides)
        let p = try #require(r.negotiation?.package)
        return PackageSummaryView(p)
    }

    @Test("S&T agreement at the baseline: Nash package (17/2, 17/2) over the SPE sets, both domains in scope, no concessions")
    func baseline() throws {
        let p = try package()
        #expect(p.agreement == ["17/2", "17/2"])
        #expect(p.raw.arithmetic == "exact")
        #expect(p.raw.agreedScope == ["basic_research", "applied_technology"])
        #expect(p.issue("basic_research") == ["4", "4"] && p.issue("applied_technology") == ["9/2", "9/2"])
        #expect(p.raw.issues.allSatisfy { $0.concedes == [false, false] })
        #expect(p.raw.outsideOptions?.exact == ["1", "1/2"] && p.raw.bindingOutsideOptions == [false, false])
        #expect(p.raw.issues.allSatisfy { $0.disagreement.exact == ["0", "0"] })
    }

    @Test("S&T agreement: outside options bind only above the Nash payoff 17/2 (outside-option principle)")
    func outsideOptionSensitivity() throws {
        let low = try package([("o_us", 5)])
        #expect(low.agreement == ["17/2", "17/2"] && low.raw.bindingOutsideOptions == [false, false])

        let us = try package([("o_us", 12)])
        #expect(us.agreement == ["12", "5"])
        #expect(us.raw.bindingOutsideOptions == [true, false])
        #expect(us.issue("basic_research") == ["4", "4"])
        #expect(us.issue("applied_technology") == ["8", "1"])
        #expect(us.concedes("applied_technology") == [false, true])
        #expect(us.concedes("basic_research") == [false, false])
        #expect(us.raw.agreedScope == ["basic_research", "applied_technology"])

        let china = try package([("o_china", 13)])
        #expect(china.agreement == ["4", "13"])
        #expect(china.raw.bindingOutsideOptions == [false, true])
        #expect(china.issue("applied_technology") == ["0", "9"])
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
        let r = try solve(model: model, spe: nil)
        #expect(r.negotiation?.package == nil)
        #expect(r.negotiation?.unavailable?.hasPrefix("SPE payoff set not computed for domain 'pd'") == true)
        #expect(r.regime.name == "full-cooperation")   // the rest of the report is intact
        let game = try stageGame(model: model, domain: 0, theta: model.baseline)
        #expect(throws: ModelNegotiationError.self) {
            _ = try negotiate(model: model, theta: model.baseline, deltas: [0.9, 0.9], games: [game],
                              statusQuo: [nil], spe: nil)
        }
    }

    /// The library's default path computes the SPE set (Abreu–Sannikov). By hand, for the
    /// prisoner's dilemma R = 3, T = 4, S = 0, P = 1 at δ = 9/10: the minmax is 1 for both
    /// (pure and mixed: against q on C the best reply earns max(3q, 1 + 3q) = 1 + 3q ≥ 1) and
    /// equals the stage equilibrium's payoff, so the SPE set is the individually rational
    /// part of the feasible set, vertices (1, 1), (11/3, 1), (3, 3), (1, 11/3): the edge
    /// (4, 0)–(3, 3) meets u2 = 1 at (11/3, 1); that vertex is generated by (D, C) with
    /// continuation (98/27, 10/9) on the same edge, where B's constraint binds:
    /// w_B = v̲_B + (1 − δ)/δ · (d_B − u_B) = 1 + (1/9) · 1 = 10/9, and
    /// 1/10 · (4, 0) + 9/10 · (98/27, 10/9) = (11/3, 1).
    /// Symmetric Nash bargaining from the worst SPE payoffs (1, 1) over that set: the set is
    /// symmetric and convex, so the agreement is its symmetric frontier point (3, 3) (on the
    /// edge (3, 3)–(11/3, 1), (u1 − 1)(11 − 3u1) peaks at u1 = 7/3 < 3, off the edge).
    @Test("set: spe and disagreement: worst-spe work on the default path (Abreu–Sannikov), hand-derived PD")
    func speDefaultPath() throws {
        let model = try loadModel(yaml: Self.speModel, path: "spe.yaml")
        let r = try solve(model: model)
        let set = try #require(r.domains[0].spePayoffSet)
        #expect(set.exactVertices == [["1", "1"], ["11/3", "1"], ["3", "3"], ["1", "11/3"]])
        #expect(set.exactWorstPayoffs == ["1", "1"])
        let p = try #require(r.negotiation?.package)
        #expect(p.linkedAgreement.exact == ["3", "3"])
        #expect(p.issues[0].disagreement.exact == ["1", "1"])
        #expect(r.negotiation?.unavailable == nil)
        // Optimal penal code: worst SPE payoff 1 = the stage equilibrium's, so the threshold is
        // the Nash-reversion one, (T − R)/(T − P) = 1/3.
        let code = try #require(r.domains[0].cooperative.optimalPenalCode)
        #expect(code.perPlayer.map { $0.map { abs($0 - 1.0 / 3) < 1e-9 } } == [true, true])
        #expect(code.sustainable && code.worstPayoffs == [1, 1])
    }

    /// `disagreement: minmax` uses the mixed minmax (LP): matching pennies (H, T) with a
    /// cooperative option C; C against H or T earns −2 to the C player and 1 to the other,
    /// H or T against C earns 1 (and −2 to the C player), (C, C) = (2, 2).
    static let minmaxModel = """
    format: 1
    title: Pennies with a cooperative option
    players: [A, B]
    parameters:
      delta: 0.9
    discount: delta
    domains:
      pennies:
        actions: [H, T, C]
        payoffs:
          H, H: [1, -1]
          H, T: [-1, 1]
          T, H: [-1, 1]
          T, T: [1, -1]
          C, H: [-2, 1]
          C, T: [-2, 1]
          H, C: [1, -2]
          T, C: [1, -2]
          C, C: [2, 2]
        cooperative: [C, C]
    negotiation:
      disagreement: minmax
      bargaining_set: feasible
    """

    /// By hand: A's mixed minmax. B mixes (h, t, c); A's payoffs: H earns h − t + c,
    /// T earns −h + t + c, C earns −2h − 2t + 2c. With c = 0 and h = t = 1/2 every reply earns
    /// at most 0, and no mix holds A below 0 (H and T sum to 2c ≥ 0), so v_A = 0; B likewise
    /// (B's payoffs against A's (H, T, C): H earns (−1, 1, 1), T (1, −1, 1), C (−2, −2, 2), the
    /// same structure, so v_B = 0). The pure minmax is 1 for each player
    /// (against any pure action of the other, a best reply earns at least 1): the pure fallback would give
    /// disagreement (1, 1); the LP gives (0, 0).
    @Test("disagreement: minmax is the mixed minmax by LP, not the pure fallback")
    func mixedMinmaxDisagreement() throws {
        let model = try loadModel(yaml: Self.minmaxModel, path: "minmax.yaml")
        let r = try solve(model: model)
        let p = try #require(r.negotiation?.package)
        #expect(p.issues[0].disagreement.exact == ["0", "0"])
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

    /// Symmetric Nash over the hull of (1, 1, 1), (0, 0, 0), (2, 2, 2) from the status quo
    /// (Y, Y, Y) = (2, 2, 2), the highest-joint-payoff stage equilibrium: nobody can gain, so
    /// the agreement is the status quo itself.
    @Test("Three players: the N-player package is reported (n_player), the rest of the report stands")
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
        #expect(r.negotiation?.unavailable == nil)
        #expect(r.negotiation?.nPlayer?.exactAgreement == ["2", "2", "2"])
        #expect(r.negotiation?.nPlayer?.agreedScope == [])
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
        #expect(with[0].negotiation?.package?.linkedAgreement.exact == ["12", "5"])
        // lapse-2023 (δ = 0.15): both SPE sets are the point (0, 0); no agreement.
        #expect(with[2].negotiation?.package == nil)
        // 2018 scope (t_applied = 3): applied's SPE set is the segment (0, 0)–(5, 5) (its
        // (Restrict, Cooperate) profile needs China's continuation ≥ 6 > any SPE payoff), so
        // the US gets at most 24/5 + 5 < 12 in any package: no package beats both outside options.
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
