import Foundation
import Testing
@testable import detente

/// `detente solve --method simpdiv --start ... --tolerance ...` on the game of Nau, Gomez Canovas
/// & Hansen (2004), IJGT 32, section 4, doi:10.1007/s001820300162 (in `CLISolutionConceptTests`):
/// its unique equilibrium is r = (√601 − 23)/4, p = (3 − 2r)/(4 − r), q = (2 − r)/(3 + r), i.e.
/// (0.619233, 0.479804, 0.378825), whatever the start.
@Suite struct CLISimplicialSubdivisionTests {
    static let r3 = (601.0.squareRoot() - 23) / 4
    static let nau = [(3 - 2 * r3) / (4 - r3), (2 - r3) / (3 + r3), r3]

    /// Runs `solve nau.json --method simpdiv` with `args`, JSON output.
    static func solveNau(_ dir: URL, _ args: [String]) throws -> CLI.Result {
        try CLI.run(["solve", dir.appendingPathComponent("nau.json").path, "--method", "simpdiv", "--format", "json"] + args)
    }

    static func checkNau(_ r: CLI.Result, within tolerance: Double) throws -> [String: Any] {
        #expect(r.status == 0, "\(r.stderr)")
        let object = try CLISolutionConceptTests.json(r)
        let equilibria = try #require(object["equilibria"] as? [[String: Any]])
        #expect(equilibria.count == 1)
        let s = try #require(equilibria.first?["strategies"] as? [[Double]])
        for p in 0..<3 { #expect(abs(s[p][0] - nau[p]) < tolerance, "player \(p + 1): \(s[p][0]) vs \(nau[p])") }
        #expect(try #require(equilibria.first?["regret"] as? Double) <= 1e-9)
        return object
    }

    @Test func centroidStartReachesNauEquilibrium() throws {
        try CLISolutionConceptTests.withGames { dir in
            let object = try Self.checkNau(try Self.solveNau(dir, ["--start", "centroid"]), within: 1e-6)
            let notes = try #require(object["notes"] as? [String])
            #expect(notes.contains("simpdiv started from the centroid (1/2,1/2; 1/2,1/2; 1/2,1/2) with tolerance 1e-9 (the default)"), "\(notes)")
        }
    }

    @Test func defaultStartIsTheFirstActionsAndSaysSo() throws {
        try CLISolutionConceptTests.withGames { dir in
            let object = try Self.checkNau(try Self.solveNau(dir, []), within: 1e-6)
            let notes = try #require(object["notes"] as? [String])
            #expect(notes.contains("simpdiv started from every player's first action with tolerance 1e-9 (the default)"), "\(notes)")
            let first = try Self.checkNau(try Self.solveNau(dir, ["--start", "first"]), within: 1e-6)
            let strategies = { (o: [String: Any]) in (o["equilibria"] as? [[String: Any]])?.compactMap { $0["strategies"] as? [[Double]] } }
            #expect(strategies(first) == strategies(object))
        }
    }

    /// An explicit start in fractions and decimals, with a looser tolerance: the point found
    /// has regret at most 1e-6 and lies near the equilibrium (the game's payoffs are O(1) and
    /// its equilibrium is regular, so regret 1e-6 keeps the point within about 1e-5).
    @Test func explicitStartAndTolerance() throws {
        try CLISolutionConceptTests.withGames { dir in
            let r = try Self.solveNau(dir, ["--start", "0.2,0.8;1/3,2/3;1,0", "--tolerance", "1e-6"])
            #expect(r.status == 0, "\(r.stderr)")
            let object = try CLISolutionConceptTests.json(r)
            let notes = try #require(object["notes"] as? [String])
            #expect(notes.contains("simpdiv started from the profile (1/5,4/5; 1/3,2/3; 1,0) with tolerance 1e-06"), "\(notes)")
            let e = try #require((object["equilibria"] as? [[String: Any]])?.first)
            #expect(try #require(e["regret"] as? Double) <= 1e-6)
            let s = try #require(e["strategies"] as? [[Double]])
            for p in 0..<3 { #expect(abs(s[p][0] - Self.nau[p]) < 1e-4) }
            // The text output names the start too.
            let text = try CLI.run(["solve", dir.appendingPathComponent("nau.json").path, "--method", "simpdiv",
                                    "--start", "1/2,1/2;1/2,1/2;1/4,3/4"])
            #expect(text.status == 0, "\(text.stderr)")
            #expect(text.stdout.contains("Note: simpdiv started from the profile (1/2,1/2; 1/2,1/2; 1/4,3/4) with tolerance 1e-9 (the default)"), "\(text.stdout)")
        }
    }

    /// Each bad value: a non-zero exit and a message naming the option and the value.
    @Test func badValuesAreNamed() throws {
        let usage = "expected first, centroid or a profile such as '1/2,1/2;1/3,1/3,1/3'"
        let cases: [([String], String)] = [
            (["--start", "middle"], "--start 'middle': not a keyword or a profile; \(usage)"),
            (["--start=-1/2,3/2;1/2,1/2;1/2,1/2"], "--start '-1/2,3/2;1/2,1/2;1/2,1/2': player 1's probability -1/2 is negative"),
            (["--start", "1/2,1/3;1/2,1/2;1/2,1/2"], "--start '1/2,1/3;1/2,1/2;1/2,1/2': player 1's probabilities sum to 5/6, not 1"),
            (["--start", "1/2,1/2;0.5,x;1,0"], "--start '1/2,1/2;0.5,x;1,0': player 2's probability 'x' is not a number"),
            (["--start", "1/2,1/2;1/2,1/2"], "--start '1/2,1/2;1/2,1/2' gives 2 player(s); the game has 3 players"),
            (["--start", "1/2,1/2;1/3,1/3,1/3;1,0"], "--start '1/2,1/2;1/3,1/3,1/3;1,0' gives player 2 3 probabilities; it has 2 actions"),
            (["--tolerance", "0"], "--tolerance '0' is not a positive finite number"),
            (["--tolerance", "abc"], "--tolerance 'abc' is not a positive finite number"),
            (["--tolerance", "inf"], "--tolerance 'inf' is not a positive finite number"),
        ]
        try CLISolutionConceptTests.withGames { dir in
            for (args, message) in cases {
                let r = try Self.solveNau(dir, args)
                #expect(r.status != 0, "\(args)")
                #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
            }
            let other = try CLI.run(["solve", dir.appendingPathComponent("nau.json").path, "--method", "logit", "--start", "centroid"])
            #expect(other.status != 0)
            #expect(other.stderr.contains("--start and --tolerance apply to --method simpdiv"), "\(other.stderr)")
        }
    }
}
