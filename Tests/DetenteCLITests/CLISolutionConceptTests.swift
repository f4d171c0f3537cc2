import Foundation
import Testing
@testable import detente

/// `detente solve --method` with the N-player methods and the LP solution concepts, on small
/// games written to a temporary directory (payoffs hand-checked in GameTheoryTests).
@Suite struct CLISolutionConceptTests {
    /// Aumann's Chicken (see CorrelatedEquilibriumTests), rock–paper–scissors, the
    /// mixed-dominance example, a 2×2×2 game and the game of Nau, Gomez Canovas & Hansen (2004),
    /// IJGT 32, section 4, doi:10.1007/s001820300162 (unique equilibrium, irrational).
    static let games: [String: String] = [
        "chicken.json": #"{"title": "Chicken", "players": ["Row", "Col"], "actions": [["D", "C"], ["D", "C"]], "payoffs": [[[0, 7], [2, 6]], [[0, 2], [7, 6]]]}"#,
        "rps.json": #"{"title": "RPS", "players": ["1", "2"], "actions": [["R", "P", "S"], ["R", "P", "S"]], "payoffs": [[[0, -1, 1], [1, 0, -1], [-1, 1, 0]], [[0, 1, -1], [-1, 0, 1], [1, -1, 0]]]}"#,
        "mixdom.json": #"{"title": "Mixed dominance", "players": ["Row", "Col"], "actions": [["T", "M", "B"], ["L", "R"]], "payoffs": [[[3, 0], [0, 3], [1, 1]], [[1, 0], [1, 0], [0, 5]]]}"#,
        "three.json": #"{"title": "Three", "players": ["1", "2", "3"], "actions": [["a", "b"], ["a", "b"], ["a", "b"]], "payoffs": [[[[1, 0], [0, 0]], [[0, 0], [0, 1]]], [[[1, 0], [0, 0]], [[0, 0], [0, 1]]], [[[1, 0], [0, 0]], [[0, 0], [0, 1]]]]}"#,
        "nau.json": #"{"title": "Nau et al. 2004", "players": ["1", "2", "3"], "actions": [["Top", "Bottom"], ["Left", "Right"], ["1", "2"]], "payoffs": [[[[3, 1], [0, 0]], [[0, 0], [1, 2]]], [[[0, 0], [2, 1]], [[1, 3], [0, 0]]], [[[2, 0], [0, 0]], [[0, 0], [0, 3]]]]}"#,
    ]

    static func withGames(_ body: (URL) throws -> Void) throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, text) in games { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        try body(dir)
    }

    static func json(_ r: CLI.Result) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    @Test func correlatedJSON() throws {
        try Self.withGames { dir in
            let r = try CLI.run(["solve", dir.appendingPathComponent("chicken.json").path, "--method", "correlated", "--format", "json"])
            #expect(r.status == 0, "\(r.stderr)")
            let o = try Self.json(r)
            #expect(o["method"] as? String == "correlated")
            #expect(o["equilibria"] as? [Any] != nil)   // existing keys kept
            let ce = try #require(o["correlated"] as? [String: Any])
            #expect(ce["welfare_exact"] as? String == "21/2")
            #expect(ce["welfare"] as? Double == 10.5)
            #expect(ce["verified"] as? Bool == true)
            #expect(ce["regret_exact"] as? String == "0")
            let dist = ce["distribution"] as! [[String: Any]]
            #expect(dist.map { $0["profile"] as! [String] } == [["C", "D"], ["D", "C"], ["C", "C"]])
            #expect(dist.map { $0["exact"] as! String } == ["1/4", "1/4", "1/2"])
        }
    }

    @Test func correlatedOptionsAndVertices() throws {
        try Self.withGames { dir in
            let path = dir.appendingPathComponent("chicken.json").path
            let r = try CLI.run(["solve", path, "--method", "correlated", "--objective", "player:1", "--vertices", "--format", "json"])
            #expect(r.status == 0, "\(r.stderr)")
            let ce = try Self.json(r)["correlated"] as! [String: Any]
            #expect(ce["objective_value_exact"] as? String == "7")
            #expect((ce["vertices"] as? [Any])?.count == 5)
            let cce = try CLI.run(["solve", path, "--method", "coarse-correlated", "--format", "json"])
            #expect(cce.status == 0)
            #expect((try Self.json(cce)["correlated"] as! [String: Any])["kind"] as? String == "coarse-correlated")
            let bad = try CLI.run(["solve", path, "--method", "correlated", "--objective", "player:x"])
            #expect(bad.status != 0)
            #expect(bad.stderr.contains("--objective 'player:x'"))
            let misplaced = try CLI.run(["solve", path, "--method", "pure", "--mixed"])
            #expect(misplaced.status != 0)
            #expect(misplaced.stderr.contains("--dominance and --mixed apply to --method dominance"))
            let outOfRange = try CLI.run(["solve", path, "--method", "correlated", "--objective", "player:3"])
            #expect(outOfRange.status == 1)
            #expect(outOfRange.stderr.contains("invalid objective: player 3 (the game has 2 players)"))
        }
    }

    @Test func correlatedInFloatingPoint() throws {
        try Self.withGames { dir in
            let r = try CLI.run(["solve", dir.appendingPathComponent("chicken.json").path, "--method", "correlated",
                                 "--arithmetic", "float", "--format", "json"])
            #expect(r.status == 0, "\(r.stderr)")
            let ce = try Self.json(r)["correlated"] as! [String: Any]
            #expect(ce["arithmetic"] as? String == "floating-point")
            #expect(abs((ce["welfare"] as! Double) - 10.5) < 1e-9)
            #expect(ce["verified"] as? Bool == true)
            #expect(ce["welfare_exact"] == nil)
        }
    }

    @Test func zeroSumValue() throws {
        try Self.withGames { dir in
            let r = try CLI.run(["solve", dir.appendingPathComponent("rps.json").path, "--method", "zero-sum", "--format", "json"])
            #expect(r.status == 0, "\(r.stderr)")
            let o = try Self.json(r)
            #expect(o["value_exact"] as? String == "0")
            let eq = (o["equilibria"] as! [[String: Any]])[0]
            #expect((eq["exact"] as! [String: Any])["strategies"] as? [[String]] == [["1/3", "1/3", "1/3"], ["1/3", "1/3", "1/3"]])
            let notZeroSum = try CLI.run(["solve", dir.appendingPathComponent("chicken.json").path, "--method", "zero-sum"])
            #expect(notZeroSum.status == 1)
            #expect(notZeroSum.stderr.contains("is not zero-sum"))
        }
    }

    @Test func mixedDominance() throws {
        try Self.withGames { dir in
            let r = try CLI.run(["solve", dir.appendingPathComponent("mixdom.json").path, "--method", "dominance", "--mixed", "--format", "json"])
            #expect(r.status == 0, "\(r.stderr)")
            let d = try Self.json(r)["dominance"] as! [String: Any]
            #expect(d["survivors"] as? [[String]] == [["T"], ["L"]])
            let eliminated = d["eliminated"] as! [[String: Any]]
            #expect(eliminated.map { $0["action"] as! String } == ["B", "R", "M"])
            #expect(eliminated[0]["dominator"] as? [Double] == [0.5, 0.5, 0])
            let pure = try CLI.run(["solve", dir.appendingPathComponent("mixdom.json").path, "--method", "dominance", "--format", "json"])
            #expect((try Self.json(pure)["dominance"] as! [String: Any])["survivors"] as? [[String]] == [["T", "M", "B"], ["L", "R"]])
        }
    }

    /// Every new method runs on a small game in every format.
    /// The 2×2×2 coordination game pays everyone 1 when all play a or all play b. Player i mixes
    /// only if the other two are as likely to match on a as on b (yz = (1−y)(1−z), i.e.
    /// y + z = 1), so mixing by all three forces x = y = z = ½; one player pure and another mixing
    /// fails the third's best response (checked case by case), so the equilibria are exactly
    /// (a,a,a), (b,b,b) and everyone ½ — and enumpoly, complete for isolated equilibria, says so.
    @Test func enumpolyFindsExactlyTheThreeEquilibria() throws {
        try Self.withGames { dir in
            let r = try CLI.run(["solve", dir.appendingPathComponent("three.json").path, "--method", "enumpoly", "--format", "json"])
            #expect(r.status == 0, "\(r.stderr)")
            let object = try Self.json(r)
            #expect(object["method"] as? String == "enumpoly")
            #expect(object["complete"] as? Bool == true)
            let strategies = (object["equilibria"] as! [[String: Any]]).map { $0["strategies"] as! [[Double]] }
            #expect(strategies.count == 3)
            let expected: [[[Double]]] = [[[1, 0], [1, 0], [1, 0]], [[0, 1], [0, 1], [0, 1]], [[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]]]
            for e in expected {
                #expect(strategies.contains { s in zip(s, e).allSatisfy { zip($0, $1).allSatisfy { abs($0 - $1) < 1e-9 } } }, "missing \(e)")
            }
        }
    }

    /// Simplicial subdivision from the first actions reaches the unique equilibrium of Nau et al.
    /// (2004): r = (√601 − 23)/4, p = (3 − 2r)/(4 − r), q = (2 − r)/(3 + r), i.e. (0.619233,
    /// 0.479804, 0.378825), within the regret tolerance 1e-9; on the coordination game it stops
    /// at once at (a, a, a), the first actions.
    @Test func simpdivFindsNauEquilibrium() throws {
        try Self.withGames { dir in
            let r = try CLI.run(["solve", dir.appendingPathComponent("nau.json").path, "--method", "simpdiv", "--format", "json"])
            #expect(r.status == 0, "\(r.stderr)")
            let object = try Self.json(r)
            #expect(object["method"] as? String == "simpdiv")
            #expect(object["complete"] as? Bool == false)
            let equilibria = object["equilibria"] as! [[String: Any]]
            #expect(equilibria.count == 1)
            let s = try #require(equilibria.first?["strategies"] as? [[Double]])
            let r3 = (601.0.squareRoot() - 23) / 4
            #expect(abs(s[0][0] - (3 - 2 * r3) / (4 - r3)) < 1e-8)
            #expect(abs(s[1][0] - (2 - r3) / (3 + r3)) < 1e-8)
            #expect(abs(s[2][0] - r3) < 1e-8)
            #expect(try #require(equilibria.first?["regret"] as? Double) <= 1e-9)
            let text = try CLI.run(["solve", dir.appendingPathComponent("three.json").path, "--method", "simpdiv"])
            #expect(text.status == 0, "\(text.stderr)")
            #expect(text.stdout.contains("simpdiv"))
        }
    }

    @Test func everyMethodInEveryFormat() throws {
        try Self.withGames { dir in
            let runs: [(String, [String])] = [
                ("three.json", ["logit"]), ("three.json", ["global-newton"]), ("three.json", ["fictitious-play"]),
                ("three.json", ["replicator"]), ("three.json", ["best-response-dynamics"]),
                ("three.json", ["enumpoly"]), ("three.json", ["simpdiv"]), ("nau.json", ["simpdiv"]),
                ("rps.json", ["zero-sum"]), ("chicken.json", ["correlated", "--vertices"]),
                ("three.json", ["correlated"]), ("three.json", ["coarse-correlated"]),
                ("mixdom.json", ["dominance", "--dominance", "weak", "--mixed"]),
            ]
            for (file, args) in runs {
                for format in ["text", "json", "markdown", "latex", "csv"] {
                    let r = try CLI.run(["solve", dir.appendingPathComponent(file).path, "--method"] + args + ["--format", format])
                    #expect(r.status == 0, "\(args) \(format): \(r.stderr)")
                    #expect(!r.stdout.isEmpty)
                    if format == "json" { _ = try Self.json(r) }
                }
            }
            // The coordination game's pure equilibria (a,a,a) and (b,b,b) are found by the N-player methods.
            let logit = try Self.json(try CLI.run(["solve", dir.appendingPathComponent("three.json").path, "--method", "logit", "--format", "json"]))
            #expect((logit["equilibria"] as! [Any]).count >= 2)
            let text = try CLI.run(["solve", dir.appendingPathComponent("chicken.json").path, "--method", "correlated"])
            #expect(text.stdout.contains("(C, C) 1/2"))
            #expect(text.stdout.contains("welfare 21/2, regret 0 (verified)"))
        }
    }
}
