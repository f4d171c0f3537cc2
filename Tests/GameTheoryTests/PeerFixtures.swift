import Foundation
@testable import GameTheory

/// Test-only loader for the peer reference games in `Fixtures/peers` (see SOURCE.md there).
/// The project's JSON reader lives elsewhere; this reads just the fields the solver tests need.
enum PeerFixtures {
    struct GameFile: Decodable {
        var name: String
        var players: [String]
        var actions: [[String]]
        /// `payoffs[p][i][j]`: player p's payoff when the row player plays i, the column player j.
        var payoffs: [[[Int]]]
    }

    struct Reference: Decodable {
        var group: String
        var n_equilibria: Int
        /// Each equilibrium: `[x, y]` with exact probabilities as strings ("2/3").
        var equilibria: [[[String]]]
    }

    static func url(_ name: String) -> URL {
        guard let u = Bundle.module.url(forResource: "Fixtures/peers/\(name)", withExtension: "json") else {
            preconditionFailure("missing fixture Fixtures/peers/\(name).json")
        }
        return u
    }

    /// The game as a `NormalFormGame` (flat profile order: row player's action fastest).
    static func game(_ name: String) throws -> NormalFormGame {
        let f = try JSONDecoder().decode(GameFile.self, from: Data(contentsOf: url(name)))
        return try NormalFormGame.bimatrix(f.payoffs[0], f.payoffs[1], title: f.name,
                                           players: f.players, actions: f.actions)
    }

    static func references() throws -> [String: Reference] {
        try JSONDecoder().decode([String: Reference].self, from: Data(contentsOf: url("reference")))
    }

    /// A reference equilibrium set as exact strategy pairs.
    static func exactSet(_ r: Reference) -> Set<[[Rational]]> {
        Set(r.equilibria.map { eq in eq.map { s in s.map { Rational(parsing: $0)! } } })
    }
}
