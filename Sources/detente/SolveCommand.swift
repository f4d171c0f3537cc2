import ArgumentParser
import Detente

/// `detente solve`: the Nash equilibria of games in `.nfg` or `.json` files.
struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Compute the Nash equilibria of games (.nfg or .json).",
        discussion: """
        Every equilibrium printed is verified: its regret (the largest gain any player gets \
        by deviating) is computed from the game and printed; in exact arithmetic it is 0.

        Examples:
          detente solve game.nfg
          detente solve game.nfg --method pure
          detente solve game.json --method vertex-enumeration --components
          detente solve game.nfg --arithmetic float --format json
          detente solve a.nfg b.json --format csv --output equilibria.csv
          detente solve game.nfg --format latex --output table.tex

        Methods: auto (two players: all extreme equilibria; more players: all pure \
        equilibria), pure, vertex-enumeration, support-enumeration, lemke-howson.
        Formats: text (default), json (one object per game, an array for several), markdown, \
        latex (booktabs table), csv (one row per equilibrium, player and action).
        Errors go to standard error as PATH:LINE:COLUMN: message; the exit status is 1 when \
        any file fails.
        """
    )

    @Argument(help: ArgumentHelp("Game files (.nfg or .json), e.g. games/pd.nfg.", valueName: "file"))
    var files: [String]

    @Option(name: .shortAndLong, help: ArgumentHelp("Equilibrium method: auto, pure, vertex-enumeration, support-enumeration or lemke-howson (e.g. --method pure).", valueName: "method"))
    var method: EquilibriumMethod = .automatic

    @Option(help: ArgumentHelp("Arithmetic: exact (rational, the default for games with exact payoffs) or float (e.g. --arithmetic float).", valueName: "arithmetic"))
    var arithmetic: ArithmeticChoice = .exact

    @Flag(help: "Also report the maximal Nash subsets (convex components), where the method computes them (e.g. --components).")
    var components = false

    @OptionGroup var outputOptions: OutputOptions

    func run() throws {
        var solved = [SolvedGame]()
        var failed = false
        for path in files {
            do {
                let game = try InputKind(path: path).readGame(path: path)
                var report = try solveEquilibria(game, method: method, arithmetic: arithmetic.arithmetic)
                if components && report.components == nil {
                    report.notes.append("components were requested but method \(report.method) does not compute them")
                }
                solved.append(SolvedGame(source: path, game: game, report: report))
            } catch let error as GameFileError {
                printError(error.description)
                failed = true
            } catch {
                printError("\(path): \(error)")
                failed = true
            }
        }
        if !solved.isEmpty {
            do {
                try emit(EquilibriumOutput.render(solved, format: outputOptions.format), to: outputOptions.output)
            } catch {
                printError(error.description)
                throw ExitCode.failure
            }
        }
        if failed { throw ExitCode.failure }
    }
}
