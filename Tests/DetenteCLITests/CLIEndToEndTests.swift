import Foundation
import Testing
@testable import detente

/// Runs the built `detente` binary as a process.
enum CLI {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The `detente` executable next to the test bundle (SwiftPM puts both in the same
    /// build directory), or `.build/debug/detente` under the package root.
    static let binary: String = {
        var candidates = [String]()
        if let exe = Bundle.main.executableURL {
            var dir = exe.deletingLastPathComponent()
            for _ in 0..<2 {
                candidates.append(dir.appendingPathComponent("detente").path)
                dir = dir.deletingLastPathComponent()
            }
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/detente").path)
        return candidates.first { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && FileManager.default.isExecutableFile(atPath: path)
        } ?? candidates.last!
    }()

    static func fixture(_ relative: String) -> String {
        packageRoot.appendingPathComponent("Tests/GameTheoryTests/Fixtures/io/\(relative)").path
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String]) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Read both pipes before waiting so a large output cannot block the child.
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                      stderr: String(decoding: e, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("detente-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}

@Suite struct CLIEndToEndTests {
    @Test func solveWritesTheJSONContract() throws {
        let r = try CLI.run(["solve", CLI.fixture("gambit/bos.nfg"), "--method", "pure", "--format", "json"])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(Set(object.keys) == ["file", "game", "method", "arithmetic", "complete", "scope", "degenerate",
                                      "equilibria", "components", "notes"])
        let game = object["game"] as! [String: Any]
        #expect(game["title"] as! String == "Battle of the sexes")
        #expect(game["players"] as! [String] == ["Row", "Col"])
        #expect(object["arithmetic"] as! String == "exact")
        // Battle of the sexes has two pure equilibria: (Opera, Opera) → (2, 1), (Football, Football) → (1, 2).
        let eqs = object["equilibria"] as! [[String: Any]]
        #expect(eqs.map { $0["strategies"] as! [[Double]] } == [[[1, 0], [1, 0]], [[0, 1], [0, 1]]])
        #expect(eqs.map { $0["payoffs"] as! [Double] } == [[2, 1], [1, 2]])
        #expect(eqs.allSatisfy { ($0["exact"] as! [String: Any])["regret"] as! String == "0" })
    }

    @Test func solveThreePlayerGameWithAutoInEveryFormat() throws {
        for format in ["text", "json", "markdown", "latex", "csv"] {
            let r = try CLI.run(["solve", CLI.fixture("gambit/unanimity3.nfg"), "--format", format])
            #expect(r.status == 0, "\(format): \(r.stderr)")
            #expect(!r.stdout.isEmpty)
        }
        // The unanimity game's pure equilibria are (A,A,A) and (B,B,B); CSV has 2 × 3 × 2 rows.
        let csv = try CLI.run(["solve", CLI.fixture("gambit/unanimity3.nfg"), "--format", "csv"])
        #expect(csv.stdout.split(separator: "\n").count == 1 + 12)
    }

    @Test func brokenFileGivesPathLineColumnOnStderrAndFailure() throws {
        let path = CLI.fixture("broken/truncated_payoffs.nfg")
        for command in ["solve", "check"] {
            let r = try CLI.run([command, path])
            #expect(r.status == 1)
            #expect(r.stdout.isEmpty)
            #expect(r.stderr == "\(path):6:1: expected 8 payoffs for 2 players × 4 profiles, found 7\n")
        }
    }

    @Test func everyBrokenFileFailsCleanly() throws {
        let dir = CLI.fixture("broken")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).sorted().map { dir + "/" + $0 }
        let r = try CLI.run(["check"] + files)
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == files.count)
        let pattern = /^.+\.(nfg|json):[0-9]+:[0-9]+: .+$/
        for line in lines { #expect(line.wholeMatch(of: pattern) != nil, "\(line)") }
    }

    @Test func solveContinuesPastABadFileAndStillFails() throws {
        let good = CLI.fixture("gambit/unanimity3.json"), bad = CLI.fixture("broken/nan.json")
        let r = try CLI.run(["solve", good, bad, "--format", "json"])
        #expect(r.status == 1)
        #expect(r.stderr == "\(bad):2:27: 'NaN' is not a number: payoffs must be finite numbers\n")
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(object["file"] as! String == good)
    }

    @Test func checkPrintsOneLinePerValidFile() throws {
        let r = try CLI.run(["check", CLI.fixture("gambit/bos.nfg"), CLI.fixture("handwritten/counts_form.nfg")])
        #expect(r.status == 0)
        #expect(r.stdout == """
            \(CLI.fixture("gambit/bos.nfg")): ok: "Battle of the sexes", 2 players, 2×2 (4 profiles), exact payoffs
            \(CLI.fixture("handwritten/counts_form.nfg")): ok: "Old counts form", 3 players, 2×1×2 (4 profiles), exact payoffs

            """)
    }

    @Test func convertRoundTripsThroughJSON() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = dir.appendingPathComponent("g.json").path, nfg = dir.appendingPathComponent("g.nfg").path
        let source = CLI.fixture("handwritten/payoff_rational.nfg")
        #expect(try CLI.run(["convert", source, json]).status == 0)
        #expect(try CLI.run(["convert", json, nfg, "--nfg-version", "payoff"]).status == 0)
        let text = try String(contentsOfFile: nfg, encoding: .utf8)
        #expect(text.hasSuffix("3/4 1\n1/4 -2\n1/1000 5\n-1/3 0\n"))
        // The converted game solves to the same output as the original.
        let a = try CLI.run(["solve", source, "--method", "pure", "--format", "csv"])
        let b = try CLI.run(["solve", nfg, "--method", "pure", "--format", "csv"])
        #expect(a.stdout.replacingOccurrences(of: source, with: "X") == b.stdout.replacingOccurrences(of: nfg, with: "X"))
    }

    @Test func outputOptionWritesTheFile() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("eq.md").path
        let r = try CLI.run(["solve", CLI.fixture("gambit/bos.nfg"), "--method", "pure", "--format", "markdown", "--output", out])
        #expect(r.status == 0)
        #expect(r.stdout.isEmpty)
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("| 1 | Opera | Opera | 2 | 1 | 0 |"))
    }

    @Test func unknownExtensionsAndMissingFilesAreClearErrors() throws {
        let r = try CLI.run(["check", "game.txt", "model.yaml", "/nonexistent/x.nfg"])
        #expect(r.status == 1)
        #expect(r.stderr == """
            game.txt: unknown file type '.txt'; expected a game (.nfg or .json) or a model (.yaml)
            model.yaml:1:1: cannot read the file
            /nonexistent/x.nfg: no such file

            """)
    }

    @Test func unavailableMethodIsReportedNotCrashed() throws {
        // On this branch only `pure` and N-player `auto` exist; any method the library rejects
        // must come back as a message and exit status 1.
        let r = try CLI.run(["solve", CLI.fixture("gambit/bos.nfg"), "--method", "lemke-howson"])
        if r.status != 0 {
            #expect(r.status == 1)
            #expect(r.stderr.hasPrefix(CLI.fixture("gambit/bos.nfg") + ": "))
        } else {
            #expect(r.stdout.contains("regret"))
        }
    }

    @Test func badArgumentsExitWithUsageError() throws {
        let r = try CLI.run(["solve", CLI.fixture("gambit/bos.nfg"), "--method", "magic"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("magic"))
    }

    @Test func helpListsEveryOptionWithAnExample() throws {
        let expectations: [String: [String]] = [
            "solve": ["--method", "--arithmetic", "--components", "--format", "--output", "Examples:", "detente solve game.nfg",
                      "--scenario", "--set", "--delta", "detente solve Models/us-china-st-agreement.yaml --set o_us=12"],
            "check": ["Examples:", "detente check game.nfg", "detente check Models/*.yaml"],
            "convert": ["--nfg-version", "Examples:", "detente convert game.nfg game.json"],
        ]
        for (command, needles) in expectations {
            let r = try CLI.run([command, "--help"])
            #expect(r.status == 0)
            for n in needles { #expect(r.stdout.contains(n), "\(command) --help lacks \(n)") }
        }
    }
}

@Suite struct CLIParsingOfGameCommandsTests {
    @Test func solveParsesItsOptions() throws {
        let c = try SolveCommand.parse(["a.nfg", "b.json", "--method", "pure", "--arithmetic", "float",
                                        "--components", "--format", "latex", "--output", "t.tex"])
        #expect(c.files == ["a.nfg", "b.json"])
        #expect(c.method == .pure)
        #expect(c.arithmetic == .float)
        #expect(c.components)
        #expect(c.outputOptions.format == .latex)
        #expect(c.outputOptions.output == "t.tex")
    }

    @Test func rootCommandRegistersTheGameCommands() {
        let names = DetenteCommand.configuration.subcommands.map { $0.configuration.commandName }
        #expect(names.contains("solve") && names.contains("check") && names.contains("convert"))
    }
}
