import ArgumentParser
import Foundation
import Detente

/// The value of `--delta`: one common discount factor (`0.9`) or one per player
/// (`0.9,0.8`). The range (0, 1) is checked by the library, whose errors name the value and
/// the file (`PATH: discount factor 1.5 is outside the open interval (0, 1)`).
struct DiscountFactorOption: ExpressibleByArgument, Sendable, Equatable {
    var values: [Double]
    var text: String

    init?(argument: String) {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let values = parts.compactMap(Double.init)
        guard values.count == parts.count, !values.isEmpty else { return nil }
        self.values = values
        text = argument
    }

    /// The one common value, when a single one was given.
    var common: Double? { values.count == 1 ? values[0] : nil }

    static var defaultCompletionKind: CompletionKind { .default }
}

/// Options for the repeated game of a game file (`--delta` is in `ModelOptions`).
struct RepeatedOptions: ParsableArguments {
    @Option(help: ArgumentHelp("With --delta on a two-player game: report the critical discount factors of this pure profile, given by action names ROW,COL (e.g. --target Cooperate,Cooperate). Default: every pure profile that Pareto-improves on a stage equilibrium.", valueName: "row,col"))
    var target: String?

    /// The target profile's action indices in `game`, or a usage error naming the unknown action.
    func targetProfile(in game: NormalFormGame, path: String) throws -> [Int]? {
        guard let target else { return nil }
        let names = target.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard names.count == game.playerCount else {
            throw GameFileError.file(path, "--target \(target) names \(names.count) actions; the game has \(game.playerCount) players")
        }
        return try names.enumerated().map { p, name in
            if let a = game.actions[p].firstIndex(of: name) { return a }
            if let n = Int(name), game.actions[p].indices.contains(n - 1), game.actions[p][n - 1].isEmpty { return n - 1 }
            throw GameFileError.file(path, "--target: \(game.players[p].isEmpty ? "player \(p + 1)" : game.players[p]) has no action '\(name)'; its actions are "
                                     + game.actions[p].joined(separator: ", "))
        }
    }

    /// The `repeated` section for a solved game at `--delta`.
    func summary(game: NormalFormGame, report: EquilibriumReport, delta: DiscountFactorOption, path: String) throws -> RepeatedGameSummary {
        guard game.playerCount == 2 else {
            throw GameFileError.file(path, "--delta: the repeated-game section (minmax, SPE payoff set, thresholds) is computed for two-player games; this game has \(game.playerCount) players")
        }
        guard let d = delta.common else {
            throw GameFileError.file(path, "--delta \(delta.text): the repeated-game section of a game needs one common discount factor (the Abreu–Sannikov SPE payoff set and optimal penal codes assume it); per-player discount factors apply to models' Nash-reversion thresholds")
        }
        let targets = try targetProfile(in: game, path: path).map { [$0] }
        return try RepeatedGameSummary(game: game, delta: d, equilibria: report.equilibria, targets: targets)
    }
}
