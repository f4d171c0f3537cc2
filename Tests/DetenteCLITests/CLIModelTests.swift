import Foundation
import Testing
@testable import detente

/// `detente solve` and `detente check` on model files (.yaml), end to end on the built binary.
@Suite struct CLIModelTests {
    static let modelsDirectory = CLI.packageRoot.appendingPathComponent("Models")
    static let brokenDirectory = CLI.packageRoot.appendingPathComponent("Tests/PolicyModelsTests/Fixtures/broken")
    static func model(_ name: String) -> String { modelsDirectory.appendingPathComponent(name + ".yaml").path }
    static func broken(_ name: String) -> String { brokenDirectory.appendingPathComponent(name + ".yaml").path }
    static let st = model("us-china-st-agreement")

    static func bundledModels() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: modelsDirectory.path)
            .filter { $0.hasSuffix(".yaml") }.sorted().map { modelsDirectory.appendingPathComponent($0).path }
    }

    @Test func everyBundledModelSolvesToJSONWithTheRegimeKeys() throws {
        let files = try Self.bundledModels()
        #expect(files.count >= 9)
        for file in files {
            let r = try CLI.run(["solve", file, "--format", "json"])
            #expect(r.status == 0, "\(file): \(r.stderr)")
            #expect(r.stderr.isEmpty, "\(file): \(r.stderr)")
            // No --scenario: the baseline and every scenario, one object each.
            let reports = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]], "\(file)")
            #expect(reports.first?["scenario"] as? String == "baseline")
            for report in reports {
                let regime = try #require(report["regime"] as? [String: Any], "\(file)")
                for key in ["name", "best", "joint_payoff", "ties", "linkage_dependent", "sets"] {
                    #expect(regime.keys.contains(key), "\(file): regime lacks \(key)")
                }
                #expect(["full-cooperation", "managed-competition", "decoupling"].contains(regime["name"] as? String ?? ""), "\(file)")
                let domains = try #require(report["domains"] as? [[String: Any]])
                #expect(!domains.isEmpty)
                for d in domains { #expect((d["equilibria"] as? [[String: Any]])?.allSatisfy { ($0["regret"] as? Double) == 0 } == true) }
            }
        }
    }

    @Test func everyBundledModelChecksAndRendersInEveryFormat() throws {
        let files = try Self.bundledModels()
        let c = try CLI.run(["check"] + files)
        #expect(c.status == 0 && c.stderr.isEmpty, "\(c.stderr)")
        #expect(c.stdout.split(separator: "\n").count == files.count)
        for format in ["text", "markdown", "latex", "csv"] {
            let r = try CLI.run(["solve"] + files + ["--format", format])
            #expect(r.status == 0, "\(format): \(r.stderr)")
            #expect(!r.stdout.isEmpty)
        }
    }

    /// LaTeX for every bundled model and scenario in one document: every label distinct (so
    /// the tables can all be `\input` into one paper), one negotiation table for each S&T
    /// scenario.
    @Test func latexLabelsAreUniqueAcrossModelsAndScenarios() throws {
        let r = try CLI.run(["solve"] + (try Self.bundledModels()) + ["--format", "latex"])
        #expect(r.status == 0)
        let labels = r.stdout.matches(of: /\\label\{([^}]*)\}/).map { String($0.1) }
        #expect(labels.count >= 29)
        #expect(Set(labels).count == labels.count)
        #expect(labels.filter { $0.hasSuffix("-negotiation") }.count == 3)
        #expect(r.stdout.contains("applied\\_technology & $(5, 5)$ & $(5, 5)$ & -- \\\\"))
    }

    /// The tidy CSV: one row per scenario × domain. The S&T model has 3 scenarios (baseline,
    /// original-scope-2018, lapse-2023) × 2 domains; at the baseline δ*_basic = 1/5 ≤ 0.5 and
    /// δ*_applied = 2/3 > 0.5, so managed competition on basic research.
    @Test func csvIsTidyOneRowPerScenarioAndDomain() throws {
        let r = try CLI.run(["solve", Self.st, "--format", "csv"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 1 + 3 * 2)
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(header == ["model", "file", "scenario", "domain", "delta", "stage_equilibria", "cooperative_profile",
                           "cooperative_payoffs", "critical_delta_alone", "exact_critical_delta_alone", "sustainable_alone",
                           "critical_delta_linked", "sustainable_linked", "in_best_set", "regime", "linkage_dependent",
                           "negotiated_in_scope", "negotiated_payoffs", "concedes"])
        func row(_ scenario: String, _ domain: String) -> [String: String]? {
            for line in lines.dropFirst() {
                // No field of this model contains a comma except the title, which is quoted-free here.
                let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                let dict = Dictionary(uniqueKeysWithValues: zip(header, cells))
                if dict["scenario"] == scenario && dict["domain"] == domain { return dict }
            }
            return nil
        }
        let basic = try #require(row("baseline", "basic_research"))
        #expect(basic["exact_critical_delta_alone"] == "1/5" && basic["sustainable_alone"] == "true")
        #expect(basic["regime"] == "managed-competition" && basic["in_best_set"] == "true")
        #expect(basic["negotiated_payoffs"] == "4;4" && basic["negotiated_in_scope"] == "true")
        let applied = try #require(row("baseline", "applied_technology"))
        #expect(applied["exact_critical_delta_alone"] == "2/3" && applied["sustainable_alone"] == "false")
        #expect(applied["in_best_set"] == "false" && applied["critical_delta_linked"] == "0.55")
    }

    /// Outside-option principle through --set (hand derivation in ModelNegotiationTests):
    /// o_US = 12 > 9 binds; the package is (12, 57/10) and China concedes on applied technology.
    /// The Markov model's report carries a `markov` section: every pure stationary MPE with
    /// per-state long-run shares and bifurcation probabilities (closed forms checked in
    /// PolicyModelsTests/ModelMarkovTests); at the baseline the selected one is open in both
    /// non-split states, so bifurcation has probability 0 and integrated has share
    /// r/(shock + r) = 2/3.
    @Test func markovModelSolvesToJSONWithTheMarkovSection() throws {
        let r = try CLI.run(["solve", Self.model("decoupling-dynamics"), "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(reports.map { $0["scenario"] as? String } == ["baseline", "securitised", "climate-priority"])
        for report in reports {
            let markov = try #require(report["markov"] as? [String: Any])
            #expect(markov["states"] as? [String] == ["integrated", "partly-decoupled", "bifurcated"])
            #expect(markov["complete"] as? Bool == true && markov["method"] as? String == "pure-exhaustive")
            let eqs = try #require(markov["equilibria"] as? [[String: Any]])
            #expect(!eqs.isEmpty && eqs.allSatisfy { ($0["regret"] as? Double ?? 1) <= 1e-9 })
            for e in eqs {
                let states = try #require(e["states"] as? [[String: Any]])
                let shares = states.compactMap { $0["long_run_share"] as? Double }
                #expect(shares.count == 3 && Swift.abs(shares.reduce(0, +) - 1) < 1e-9)
            }
        }
        let baseline = try #require(reports[0]["markov"] as? [String: Any])
        let selected = try #require(baseline["selected"] as? Int)
        let states = try #require(((baseline["equilibria"] as? [[String: Any]])?[selected])?["states"] as? [[String: Any]])
        #expect(Swift.abs((states[0]["long_run_share"] as? Double ?? 0) - 2.0 / 3) < 1e-12)
        #expect(states[2]["reach_probability"] as? Double == 0)

        // Overrides that break a transition row: PATH:LINE:COLUMN on stderr, exit 1.
        let bad = try CLI.run(["solve", Self.model("decoupling-dynamics"), "--scenario", "baseline", "--set", "p1=-0.1"])
        #expect(bad.status == 1 && bad.stdout.isEmpty)
        #expect(bad.stderr.hasPrefix("\(Self.model("decoupling-dynamics")):70:48: probability of moving from 'partly-decoupled' to 'partly-decoupled' in the \"*\" row is 1.1 at these parameters; it must lie in [0, 1]\n"), "\(bad.stderr)")
    }

    @Test func setMovesTheNegotiatedPackage() throws {
        let r = try CLI.run(["solve", Self.st, "--scenario", "baseline", "--set", "o_us=12", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(report["scenario"] as? String == "baseline with o_us=12")
        let package = try #require((report["negotiation"] as? [String: Any])?["package"] as? [String: Any])
        #expect((package["linked_agreement"] as? [String: Any])?["exact"] as? [String] == ["12", "57/10"])
        #expect(package["agreed_scope"] as? [String] == ["basic_research", "applied_technology"])
        let issues = try #require(package["issues"] as? [[String: Any]])
        #expect(issues.map { $0["concedes"] as? [Bool] ?? [] } == [[false, false], [false, true]])
        let text = try CLI.run(["solve", Self.st, "--scenario", "baseline", "--set", "o_us=12"])
        #expect(text.stdout.contains("applied_technology: package (8, 17/10), alone (5, 5), disagreement (0, 0); concedes: China"))
    }

    @Test func scenarioAndSetErrorsAreClear() throws {
        let unknownScenario = try CLI.run(["solve", Self.st, "--scenario", "lapse2023"])
        #expect(unknownScenario.status == 1 && unknownScenario.stdout.isEmpty)
        #expect(unknownScenario.stderr == "\(Self.st): unknown scenario 'lapse2023'; did you mean 'lapse-2023'?; the model's scenarios are baseline, original-scope-2018, lapse-2023\n")

        let unknownParameter = try CLI.run(["solve", Self.st, "--set", "o_uss=3"])
        #expect(unknownParameter.status == 1)
        #expect(unknownParameter.stderr == "\(Self.st): --set: unknown parameter 'o_uss'; did you mean 'o_us'?\n")

        for (argument, problem) in [("o_us", "expected NAME=VALUE, for example --set delta=0.9"),
                                    ("o_us=abc", "the value 'abc' is not a finite number"),
                                    ("=2", "the parameter name before '=' is empty")] {
            let r = try CLI.run(["solve", Self.st, "--set", argument])
            #expect(r.status == 64)   // usage error
            #expect(r.stderr.hasPrefix("Error: --set '\(argument)': \(problem)\n"), "\(r.stderr)")
        }
        let delta = try CLI.run(["solve", Self.st, "--delta", "1.5"])
        #expect(delta.status == 1)
        #expect(delta.stderr == "\(Self.st): the discount factor of US is 1.5; it must lie strictly between 0 and 1\n")

        let gameOnly = try CLI.run(["solve", CLI.fixture("gambit/bos.nfg"), "--set", "a=1"])
        #expect(gameOnly.status == 64 && gameOnly.stderr.contains("apply to model files"))
    }

    @Test func checkReportsEveryDiagnosticOfABrokenModel() throws {
        let path = Self.broken("several-errors")
        let r = try CLI.run(["check", path])
        #expect(r.status == 1 && r.stdout.isEmpty)
        #expect(r.stderr == """
            \(path):15:17: in payoff of B at (C, C): unknown parameter 'Rr'; did you mean 'R'?
            \(path):17:13: payoff for (D, C) has 1 entry; the model has 2 players
            \(path):19:18: unknown action 'E' for B in domain 'pd'

            """)
        // solve refuses the same file with the same diagnostics.
        let s = try CLI.run(["solve", path])
        #expect(s.status == 1 && s.stderr == r.stderr && s.stdout.isEmpty)
    }

    @Test func checkOnSeveralBrokenModelsUsesThePositionFormat() throws {
        let files = ["unknown-parameter", "delta-in-scenario", "division-by-zero", "yaml-bad-indentation",
                     "negotiation-weights-sum", "empty-file"].map(Self.broken)
        let r = try CLI.run(["check"] + files + [Self.st])
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count >= files.count)
        for file in files { #expect(lines.contains { $0.hasPrefix(file + ":") }, "\(file) not reported") }
        let pattern = /^.+\.yaml:[0-9]+:[0-9]+: .+$/
        for line in lines { #expect(line.wholeMatch(of: pattern) != nil, "\(line)") }
        // The valid model is still checked and reported on stdout.
        #expect(r.stdout == "\(Self.st): ok: \"Renewal of the US–China Science and Technology Agreement (2024)\", 2 players, 9 parameters, 2 domains (basic_research, applied_technology), 2 scenarios, negotiation\n")
    }

    @Test func gamesAndModelsInOneCall() throws {
        let game = CLI.fixture("gambit/bos.nfg")
        let r = try CLI.run(["solve", game, Self.st, "--scenario", "baseline", "--method", "pure", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let array = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(array.count == 2)
        #expect(array[0]["file"] as? String == game)
        #expect((array[1]["model"] as? [String: Any])?["path"] as? String == Self.st)
        let text = try CLI.run(["solve", game, Self.st, "--scenario", "baseline", "--method", "pure"])
        #expect(text.status == 0 && text.stdout.contains("Battle of the sexes") && text.stdout.contains("Regime: managed competition"))
        let check = try CLI.run(["check", game, Self.st])
        #expect(check.status == 0 && check.stdout.split(separator: "\n").count == 2)
    }

    @Test func solveParsesModelOptions() throws {
        let c = try SolveCommand.parse(["m.yaml", "--scenario", "a", "--scenario", "b", "--set", "x=1", "--set", "y=2", "--delta", "0.9"])
        #expect(c.modelOptions.scenario == ["a", "b"])
        #expect(c.modelOptions.set == ["x=1", "y=2"])
        #expect(c.modelOptions.delta == 0.9)
    }
}
