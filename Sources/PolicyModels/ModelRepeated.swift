import GameTheory
import RepeatedGames

/// Why the Abreu–Sannikov SPE solver of the model layer gives no set.
public enum ModelSPEError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The players' discount factors differ; the algorithm needs one common δ.
    case needsCommonDiscountFactor([Double])
    /// No pure-strategy subgame-perfect equilibrium at δ.
    case empty(delta: Double)
    case notTwoPlayers(Int)

    public var description: String {
        switch self {
        case .needsCommonDiscountFactor(let d):
            return "the SPE payoff set (Abreu–Sannikov) needs one common discount factor; the players' are "
                + d.map { formatNumber($0) }.joined(separator: ", ")
        case .empty(let d): return "no pure-strategy subgame-perfect equilibrium at δ = \(formatNumber(d))"
        case .notTwoPlayers(let n): return "the SPE payoff set is computed for two players; the model has \(n)"
        }
    }
}

/// The library's SPE payoff-set solver for models: the Abreu–Sannikov (2014) pure-strategy
/// SPE payoffs with public randomisation of a two-player stage game at one common discount
/// factor (δ read as the decimal it prints as), with exact vertices when the stage game is
/// exact and the rational fixed-point check succeeds. `solve(model:…)` uses it by default.
///
/// - Throws: `ModelSPEError` for different discount factors, other than two players, or an
///   empty set; `RepeatedGameError` for a δ outside (0, 1).
/// - References: D. Abreu and Y. Sannikov (2014), "An algorithm for two-player repeated games
///   with perfect monitoring", Theoretical Economics 9(2), 313–338. doi:10.3982/TE1302
public let abreuSannikovSPESolver: SPEPayoffSetSolver = { game, deltas in
    guard game.playerCount == 2 else { throw ModelSPEError.notTwoPlayers(game.playerCount) }
    guard let d = deltas.first, deltas.allSatisfy({ $0 == d }) else { throw ModelSPEError.needsCommonDiscountFactor(deltas) }
    let set = try AbreuSannikov().solve(game, delta: d)
    guard let worst = set.worstPayoffs else { throw ModelSPEError.empty(delta: d) }
    return SPEPayoffSummary(vertices: set.vertices.map { [$0.x, $0.y] },
                            exactVertices: set.exactVertices?.map { [$0.x, $0.y] },
                            worst: worst, exactWorst: set.exactWorstPayoffs)
}

/// The optimal-penal-code critical discount factors of a pure profile with `spe` giving the
/// worst SPE payoffs at each δ (cached); see `penalCodeCriticalDiscountFactors`.
func penalCodeThresholds(game: NormalFormGame, profile: [Int], equilibria: [Equilibrium], spe: SPEPayoffSetSolver,
                         tolerance: Double = 1e-5, upperLimit: Double = 0.999) -> [Double?] {
    var cache = [Double: [Double]?]()
    return penalCodeCriticalDiscountFactors(game: game, profile: profile, equilibria: equilibria,
                                            tolerance: tolerance, upperLimit: upperLimit) { d in
        if let w = cache[d] { return w }
        let w = (try? spe(game, [d, d]))?.worst
        cache[d] = w
        return w
    }
}
