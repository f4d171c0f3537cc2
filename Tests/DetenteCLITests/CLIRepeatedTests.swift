import Foundation
import Testing
@testable import detente

/// `detente solve GAME --delta X`: the repeated section of DESIGN.md §5, end to end.
///
/// The fixture is the prisoner's dilemma [[(9,9),(1,10)],[(10,1),(3,3)]] (Fixtures/
/// prisoners-dilemma.json). By hand: the minmax is 3 for both (the opponent defects; mixing
/// cannot do better since Defect is dominant), equal to the stage equilibrium's payoff, so
/// the SPE payoff set is the individually rational part of the feasible set once δ is large
/// enough: the edge (10, 1)–(9, 9) meets u2 = 3 at (10 − 2/8, 3) = (39/4, 3), so the vertices
/// are (3, 3), (39/4, 3), (9, 9), (3, 39/4) — at δ = 0.9 and at δ = 0.75 (the issue's
/// published check). (Cooperate, Cooperate) under Nash reversion: gain 10 − 9 = 1, loss
/// 9 − 3 = 6, δ* = 1/7 for both; the worst SPE payoff is also 3, so optimal penal codes give
/// the same 1/7.
@Suite struct CLIRepeatedTests {
    static let pd = CLI.packageRoot.appendingPathComponent("Tests/DetenteCLITests/Fixtures/prisoners-dilemma.json").path

    func json(_ arguments: [String]) throws -> [String: Any] {
        let r = try CLI.run(["solve", Self.pd] + arguments + ["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    @Test(arguments: ["0.9", "0.75"])
    func prisonersDilemmaSPESetIsExact(delta: String) throws {
        let object = try json(["--delta", delta])
        // The existing keys are unchanged; only "repeated" is added.
        #expect(Set(object.keys) == ["file", "game", "method", "arithmetic", "complete", "scope", "degenerate",
                                      "equilibria", "components", "notes", "repeated"])
        let repeated = try #require(object["repeated"] as? [String: Any])
        #expect(repeated["delta"] as? Double == Double(delta))
        #expect(repeated["minmax"] as? [Double] == [3, 3])
        let set = try #require(repeated["payoff_set"] as? [String: Any])
        #expect(set["exact_vertices"] as? [[String]] == [["3", "3"], ["39/4", "3"], ["9", "9"], ["3", "39/4"]])
        #expect(set["vertices"] as? [[Double]] == [[3, 3], [9.75, 3], [9, 9], [3, 9.75]])
        #expect(set["worst_payoffs"] as? [Double] == [3, 3])
        // Pareto improvements on (3, 3) among the pure profiles: only (Cooperate, Cooperate).
        let thresholds = try #require(repeated["thresholds"] as? [[String: Any]])
        #expect(thresholds.count == 1)
        let cc = thresholds[0]
        #expect(cc["actions"] as? [String] == ["Cooperate", "Cooperate"] && cc["target"] as? Bool == false)
        let reversion = try #require((cc["nash_reversion"] as? [[String: Any]])?.first)
        #expect(reversion["exact_critical_delta"] as? String == "1/7")
        #expect(reversion["exact_per_player"] as? [String] == ["1/7", "1/7"])
        #expect(reversion["gains"] as? [Double] == [1, 1] && reversion["losses"] as? [Double] == [6, 6])
        #expect(reversion["sustainable"] as? Bool == true)
        let code = try #require(cc["optimal_penal_code"] as? [String: Any])
        let critical = try #require(code["critical_delta"] as? Double)
        #expect(abs(critical - 1.0 / 7) < 1e-9)
        #expect(code["sustainable"] as? Bool == true)
    }

    /// (Defect, Cooperate) pays (10, 1): Row has nothing to gain (δ* = 0); Col gains
    /// 3 − 1 = 2 by defecting and reverting to (3, 3) is no punishment (1 < 3): never.
    @Test func targetProfileByActionNames() throws {
        let object = try json(["--delta", "0.9", "--target", "Defect,Cooperate"])
        let thresholds = try #require((object["repeated"] as? [String: Any])?["thresholds"] as? [[String: Any]])
        #expect(thresholds.count == 1)
        #expect(thresholds[0]["profile"] as? [Int] == [1, 0] && thresholds[0]["target"] as? Bool == true)
        let reversion = try #require((thresholds[0]["nash_reversion"] as? [[String: Any]])?.first)
        #expect(reversion["exact_per_player"] as? [String] == ["0", "never"])
        #expect(reversion["exact_critical_delta"] as? String == "never")
        #expect(reversion["sustainable"] as? Bool == false)
        let code = try #require(thresholds[0]["optimal_penal_code"] as? [String: Any])
        #expect((code["per_player"] as? [Any])?.count == 2 && (code["per_player"] as? [Any])?[0] as? Double == 0)
        #expect((code["per_player"] as? [Any])?[1] is NSNull)
    }

    @Test func everyFormatCarriesTheSection() throws {
        let text = try CLI.run(["solve", Self.pd, "--delta", "0.9"])
        #expect(text.stdout.contains("Repeated game at δ = 9/10:"))
        #expect(text.stdout.contains("SPE payoff set (Abreu–Sannikov, exact): vertices (3, 3), (39/4, 3), (9, 9), (3, 39/4)"))
        #expect(text.stdout.contains("Nash reversion: critical δ 0.142857 = 1/7 reverting to equilibrium 1 → sustainable"))
        let markdown = try CLI.run(["solve", Self.pd, "--delta", "0.9", "--format", "markdown"])
        #expect(markdown.stdout.contains("**Repeated game at δ = 9/10.**"))
        let latex = try CLI.run(["solve", Self.pd, "--delta", "0.9", "--format", "latex"])
        #expect(latex.stdout.contains("(\\frac{39}{4}, 3)") && latex.stdout.contains("-repeated}"))
        let csv = try CLI.run(["solve", Self.pd, "--delta", "0.9", "--format", "csv"])
        let blocks = csv.stdout.components(separatedBy: "\n\n")
        #expect(blocks.count == 2)
        #expect(blocks[1].hasPrefix("file,title,delta,quantity,item,player,value,value_exact\n"))
        #expect(blocks[1].contains(",9/10,spe_vertex,2,Row,9.75,39/4\n"))
        #expect(blocks[1].contains(",9/10,nash_reversion_delta,(Cooperate; Cooperate) vs equilibrium 1,binding,0.14285714285714285,1/7\n"))
        // Without --delta the CSV has no second block.
        #expect(!(try CLI.run(["solve", Self.pd, "--format", "csv"])).stdout.contains("\n\n"))
    }

    @Test func discountFactorErrorsNameTheValue() throws {
        for bad in ["1.5", "0", "-0.2"] {
            let r = try CLI.run(["solve", Self.pd, "--delta=\(bad)"])
            #expect(r.status == 1 && r.stdout.isEmpty)
            #expect(r.stderr.contains("discount factor \(bad == "0" ? "0.0" : bad) is outside the open interval (0, 1)"), "\(r.stderr)")
        }
        let perPlayer = try CLI.run(["solve", Self.pd, "--delta", "0.9,0.8"])
        #expect(perPlayer.status == 1)
        #expect(perPlayer.stderr == "\(Self.pd): --delta 0.9,0.8: the repeated-game section of a game needs one common discount factor (the Abreu–Sannikov SPE payoff set and optimal penal codes assume it); per-player discount factors apply to models' Nash-reversion thresholds\n")
        let notANumber = try CLI.run(["solve", Self.pd, "--delta", "high"])
        #expect(notANumber.status != 0 && notANumber.stderr.contains("The value 'high' is invalid for '--delta <x>'"))
        let unknownAction = try CLI.run(["solve", Self.pd, "--delta", "0.9", "--target", "Cooperate,Defekt"])
        #expect(unknownAction.status == 1)
        #expect(unknownAction.stderr == "\(Self.pd): --target: Col has no action 'Defekt'; its actions are Cooperate, Defect\n")
        let modelOnly = try CLI.run(["solve", CLIModelDeltaTests.st, "--delta", "0.9", "--target", "Cooperate,Cooperate"])
        #expect(modelOnly.status != 0 && modelOnly.stderr.contains("--target names a profile of a game's repeated game; no game file"))
        let noDelta = try CLI.run(["solve", Self.pd, "--target", "Cooperate,Cooperate"])
        #expect(noDelta.status != 0 && noDelta.stderr.contains("--target names a profile of the repeated game; give --delta too"))
    }

    @Test func moreThanTwoPlayersIsAClearMessage() throws {
        let three = CLI.packageRoot.appendingPathComponent("Tests/GameTheoryTests/Fixtures/nplayer/mckelvey_mclennan_2x2x2.nfg").path
        let r = try CLI.run(["solve", three, "--delta", "0.9"])
        #expect(r.status == 1)
        #expect(r.stderr == "\(three): --delta: the repeated-game section (minmax, SPE payoff set, thresholds) is computed for two-player games; this game has 3 players\n")
    }
}

/// `--delta` on models: one common value or one per player.
@Suite struct CLIModelDeltaTests {
    static let st = CLI.packageRoot.appendingPathComponent("Models/us-china-st-agreement.yaml").path

    /// Per-player discount factors: the Nash-reversion thresholds use each player's own
    /// (basic research δ* = t/(t + b) = 1/5 ≤ 0.8 and 0.9: sustainable); the SPE payoff set
    /// needs one common δ, so the report says why it is missing (and the SPE bargaining too).
    @Test func perPlayerDeltaForModels() throws {
        let r = try CLI.run(["solve", Self.st, "--scenario", "baseline", "--delta", "0.9,0.8", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(report["scenario"] as? String == "baseline at δ=0.9,0.8")
        #expect(report["discount_factors"] as? [Double] == [0.9, 0.8])
        let domains = try #require(report["domains"] as? [[String: Any]])
        #expect(domains[0]["spe_unavailable"] as? String
                == "the SPE payoff set (Abreu–Sannikov) needs one common discount factor; the players' are 0.9, 0.8")
        let alone = try #require((domains[0]["cooperative"] as? [String: Any])?["alone"] as? [String: Any])
        #expect(alone["exact_critical_delta"] as? String == "1/5" && alone["sustainable"] as? Bool == true)
        #expect(((report["negotiation"] as? [String: Any])?["unavailable"] as? String)?.contains("needs one common discount factor") == true)

        let three = try CLI.run(["solve", Self.st, "--delta", "0.9,0.8,0.7"])
        #expect(three.status == 1)
        #expect(three.stderr == "\(Self.st): 3 discount factors given for a model with 2 players; give one, or one per player\n")
        let out = try CLI.run(["solve", Self.st, "--delta", "0.9,1.2"])
        #expect(out.status == 1)
        #expect(out.stderr == "\(Self.st): the discount factor of China is 1.2; it must lie strictly between 0 and 1\n")
    }
}
