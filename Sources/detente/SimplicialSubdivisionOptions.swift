import ArgumentParser
import Foundation
import Detente

/// The value of `--start` for `--method simpdiv`: `first` (every player's first action, the
/// default, as in Gambit), `centroid` (every player uniform over its actions) or an explicit
/// profile `P1;P2;...`, each player's probabilities comma-separated, exact (`1/3`) or decimal
/// (`0.25`), e.g. `--start '1/2,1/2;1/3,1/3,1/3'`.
///
/// Syntax, signs and sums are checked when the option is parsed (a usage error naming the
/// option and the value); the number of players and actions is checked against each game.
enum SimplicialStartOption: Equatable, Sendable {
    case first
    case centroid
    case profile([[Rational]], text: String)

    /// Parses `text`; a bad value is a usage error naming `--start` and the value.
    init(parsing text: String) throws(ValidationError) {
        switch text {
        case "first": self = .first; return
        case "centroid": self = .centroid; return
        default: break
        }
        func bad(_ why: String) -> ValidationError {
            ValidationError("--start '\(text)': \(why); expected first, centroid or a profile such as '1/2,1/2;1/3,1/3,1/3' (players separated by ';', probabilities by ',')")
        }
        guard text.contains(where: { $0.isNumber }) else { throw bad("not a keyword or a profile") }
        var profile = [[Rational]]()
        for (p, part) in text.split(separator: ";", omittingEmptySubsequences: false).enumerated() {
            var strategy = [Rational]()
            for entry in part.split(separator: ",", omittingEmptySubsequences: false) {
                let trimmed = entry.trimmingCharacters(in: .whitespaces)
                guard let x = Rational(parsing: trimmed) else {
                    throw bad("player \(p + 1)'s probability '\(trimmed)' is not a number")
                }
                guard x >= .zero else { throw bad("player \(p + 1)'s probability \(trimmed) is negative") }
                strategy.append(x)
            }
            let sum = strategy.reduce(Rational.zero, +)
            guard sum == Rational(1) else {
                throw bad("player \(p + 1)'s probabilities sum to \(sum), not 1")
            }
            profile.append(strategy)
        }
        self = .profile(profile, text: text)
    }

    /// The exact starting profile for `game` (`nil` for the first actions), or an error naming
    /// `--start`, the value and the game's shape when the numbers of players or actions differ.
    func profile(for game: NormalFormGame, path: String) throws -> [[Rational]]? {
        switch self {
        case .first:
            return nil
        case .centroid:
            return game.shape.map { [Rational](repeating: Rational(1, $0), count: $0) }
        case .profile(let profile, let text):
            guard profile.count == game.playerCount else {
                throw GameFileError.file(path, "--start '\(text)' gives \(profile.count) player(s); the game has \(game.playerCount) players")
            }
            for (p, s) in profile.enumerated() where s.count != game.shape[p] {
                throw GameFileError.file(path, "--start '\(text)' gives player \(p + 1) \(s.count) probabilities; it has \(game.shape[p]) actions")
            }
            return profile
        }
    }

    /// How the start is described in the report's notes.
    func describe(_ profile: [[Rational]]?) -> String {
        let numbers = profile.map { " (" + $0.map { $0.map(\.description).joined(separator: ",") }.joined(separator: "; ") + ")" } ?? ""
        switch self {
        case .first: return "every player's first action"
        case .centroid: return "the centroid" + numbers
        case .profile: return "the profile" + numbers
        }
    }
}

/// The options of `--method simpdiv`: its start and its regret tolerance.
struct SimplicialSubdivisionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("With --method simpdiv: the starting profile: first (every player's first action, the default), centroid, or probabilities per player, players separated by ';' (e.g. --start '1/2,1/2;1/3,1/3,1/3').", valueName: "start"))
    var start: String?

    @Option(help: ArgumentHelp("With --method simpdiv: the largest regret accepted; grids are refined until it is reached (default 1e-9, e.g. --tolerance 1e-6).", valueName: "x"))
    var tolerance: String?

    /// The parsed `--start` (default `first`).
    func parsedStart() throws(ValidationError) -> SimplicialStartOption {
        try start.map { s throws(ValidationError) in try SimplicialStartOption(parsing: s) } ?? .first
    }

    /// The parsed `--tolerance` (nil when not given: the default 1e-9), a finite positive number.
    func parsedTolerance() throws(ValidationError) -> Double? {
        guard let tolerance else { return nil }
        guard let x = Double(tolerance.trimmingCharacters(in: .whitespaces)), x.isFinite, x > 0 else {
            throw ValidationError("--tolerance '\(tolerance)' is not a positive finite number (e.g. --tolerance 1e-6)")
        }
        return x
    }

    /// Checks that the options fit the method and parse.
    func check(_ method: SolveMethod) throws {
        if method != .simpdiv && (start != nil || tolerance != nil) {
            throw ValidationError("--start and --tolerance apply to --method simpdiv")
        }
        _ = try parsedStart()
        _ = try parsedTolerance()
    }

    /// Solves `game` by simplicial subdivision from `start` at `tolerance` (nil: 1e-9); the
    /// notes record the start and the tolerance.
    static func solve(_ game: NormalFormGame, start option: SimplicialStartOption, tolerance: Double?,
                      path: String) throws -> EquilibriumReport {
        let start = try option.profile(for: game, path: path)
        var report = try solveNPlayer(game, method: .simplicialSubdivision, tolerance: tolerance ?? 1e-9,
                                      simplicialStart: start)
        report.notes.append("simpdiv started from \(option.describe(start)) with tolerance \(tolerance.map { "\($0)" } ?? "1e-9 (the default)")")
        return report
    }
}
