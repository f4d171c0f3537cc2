import ArgumentParser
import Detente

/// `detente check`: validate game and model files without solving them.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate game files (.nfg, .json) and model files (.yaml) without solving them.",
        discussion: """
        Reads every file and reports, for each valid one, a one-line summary on standard \
        output. For an invalid game its first error, for an invalid model every problem found \
        (unknown names with a "did you mean", payoff shapes, δ outside (0, 1) in any scenario, \
        division by zero…), go to standard error as PATH:LINE:COLUMN: message. The exit \
        status is 1 when any file is invalid.

        Examples:
          detente check game.nfg
          detente check games/*.nfg games/*.json
          detente check Models/*.yaml
        """
    )

    @Argument(help: ArgumentHelp("Game files (.nfg or .json) and model files (.yaml) to check, e.g. games/pd.nfg Models/us-china-technology.yaml.", valueName: "file"))
    var files: [String]

    func run() throws {
        var failed = false
        for path in files {
            do {
                switch try InputKind(path: path) {
                case .model:
                    let diagnostics = check(path: path)
                    if diagnostics.isEmpty {
                        printOutput("\(path): ok: \(try ModelSummary.line(loadModel(path: path)))")
                    } else {
                        for d in diagnostics { printError(d.description) }
                        failed = true
                    }
                case .game(let format):
                    let game = try format.read(try readFileBytes(atPath: path), path: path)
                    printOutput("\(path): ok: \(GameSummary.line(game))")
                }
            } catch {
                printError("\(error)")
                failed = true
            }
        }
        if failed { throw ExitCode.failure }
    }
}

/// One-line descriptions of games for `check` and `convert`.
enum GameSummary {
    static func line(_ g: NormalFormGame) -> String {
        let title = g.title.isEmpty ? "untitled game" : "\"\(g.title)\""
        let shape = g.shape.map(String.init).joined(separator: "×")
        let profiles = g.profileCount == 1 ? "1 profile" : "\(g.profileCount) profiles"
        return "\(title), \(g.playerCount) player\(g.playerCount == 1 ? "" : "s"), \(shape) (\(profiles)), \(g.hasExactPayoffs ? "exact" : "floating-point") payoffs"
    }
}

/// One-line descriptions of models for `check`.
enum ModelSummary {
    static func line(_ m: PolicyModel) -> String {
        func count(_ n: Int, _ what: String) -> String { "\(n) \(what)\(n == 1 ? "" : "s")" }
        var s = "\"\(m.title)\", \(count(m.players.count, "player")), \(count(m.parameters.count, "parameter")), "
        s += "\(count(m.domains.count, "domain")) (" + m.domains.map(\.name).joined(separator: ", ") + "), "
        s += count(m.scenarios.count, "scenario")
        if m.negotiation != nil { s += ", negotiation" }
        if m.states != nil { s += ", Markov states" }
        return s
    }
}
