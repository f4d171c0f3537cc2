import ArgumentParser
import Detente

/// `detente convert`: translate a game between Gambit `.nfg` and game JSON.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a game between Gambit .nfg and game JSON (formats by extension).",
        discussion: """
        Payoffs are carried over exactly (fractions stay fractions). An .nfg output is written \
        in Gambit's outcome version unless --nfg-version payoff is given. The output file is \
        replaced atomically, so a failure leaves no partial file.

        Examples:
          detente convert game.nfg game.json
          detente convert game.json game.nfg
          detente convert game.json game.nfg --nfg-version payoff
        """
    )

    @Argument(help: ArgumentHelp("The game to read (.nfg or .json), e.g. pd.nfg.", valueName: "in"))
    var input: String

    @Argument(help: ArgumentHelp("The file to write (.nfg or .json), e.g. pd.json.", valueName: "out"))
    var output: String

    @Option(help: ArgumentHelp("For .nfg output: outcome (default, as pygambit writes) or payoff (e.g. --nfg-version payoff).", valueName: "version"))
    var nfgVersion: NFGWriter.Version = .outcome

    func run() throws {
        do {
            let game = try InputKind(path: input).readGame(path: input)
            guard let format = GameFileFormat(path: output) else {
                _ = try InputKind(path: output)   // throws the unknown-extension error
                throw GameFileError.file(output, "convert writes games (.nfg or .json), not model files")
            }
            let text = format == .nfg ? NFGWriter(version: nfgVersion).write(game) : format.write(game)
            try writeTextFile(text, toPath: output)
        } catch {
            printError("\(error)")
            throw ExitCode.failure
        }
    }
}

extension NFGWriter.Version: ExpressibleByArgument {}
