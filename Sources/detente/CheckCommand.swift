import ArgumentParser
import Detente

/// `detente check`: validate game files without solving them.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate game files (.nfg or .json) without solving them.",
        discussion: """
        Reads every file and reports, for each valid one, a one-line summary on standard \
        output (players, strategy counts, profiles, whether payoffs are exact) and, for each \
        invalid one, its first error on standard error as PATH:LINE:COLUMN: message. The \
        exit status is 1 when any file is invalid.

        Examples:
          detente check game.nfg
          detente check games/*.nfg games/*.json
        """
    )

    @Argument(help: ArgumentHelp("Game files to check (.nfg or .json), e.g. games/pd.nfg.", valueName: "file"))
    var files: [String]

    func run() throws {
        var failed = false
        for path in files {
            do {
                let game = try InputKind(path: path).readGame(path: path)
                printOutput("\(path): ok: \(GameSummary.line(game))")
            } catch {
                printError(error.description)
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
