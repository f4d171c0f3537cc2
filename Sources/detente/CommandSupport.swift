import ArgumentParser
import Detente
import Foundation

/// What kind of input a command-line FILE is, decided by its extension: a game (`.nfg`,
/// `.json`, read by GameTheory's readers) or a policy model (`.yaml`, `.yml`, read by
/// PolicyModels).
enum InputKind {
    case game(GameFileFormat)
    case model

    init(path: String) throws(GameFileError) {
        let ext = (path as NSString).pathExtension.lowercased()
        if let format = GameFileFormat(rawValue: ext) {
            self = .game(format)
            return
        }
        switch ext {
        case "yaml", "yml":
            self = .model
        case "":
            throw GameFileError.file(path, "the file has no extension; expected a game (.nfg or .json) or a model (.yaml)")
        default:
            throw GameFileError.file(path, "unknown file type '.\(ext)'; expected a game (.nfg or .json) or a model (.yaml)")
        }
    }

    /// Reads the file as a game.
    func readGame(path: String) throws(GameFileError) -> NormalFormGame {
        switch self {
        case .game(let format): return try format.read(try readFileBytes(atPath: path), path: path)
        case .model: throw GameFileError.file(path, "this is a model file (.yaml); this command takes a game (.nfg or .json)")
        }
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Writes the result text to `--output` (atomically) or to standard output.
func emit(_ text: String, to output: String?) throws(GameFileError) {
    if let output {
        try writeTextFile(text, toPath: output)
    } else {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// Options shared by the commands that write results.
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp("Output format: text, json, markdown, latex or csv (e.g. --format json).", valueName: "format"))
    var format: EquilibriumOutputFormat = .text

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the result to this file instead of standard output (e.g. --output equilibria.tex).", valueName: "path"))
    var output: String?
}

extension EquilibriumOutputFormat: ExpressibleByArgument {}
extension EquilibriumMethod: ExpressibleByArgument {}

/// The `--arithmetic` values.
enum ArithmeticChoice: String, ExpressibleByArgument, CaseIterable {
    case exact, float

    var arithmetic: Arithmetic { self == .exact ? .exact : .floatingPoint }
}

/// Writes a line to standard output unbuffered, so it cannot interleave mid-line with errors.
func printOutput(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
