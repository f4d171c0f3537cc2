/// The equilibrium algorithms Detente offers (the `--method` values of `detente solve`).
public enum EquilibriumMethod: String, Sendable, CaseIterable, Codable {
    /// Two players: all extreme equilibria (vertex enumeration); more players: all pure ones.
    case automatic = "auto"
    /// All pure-strategy equilibria (any number of players).
    case pure = "pure"
    /// Two players: all extreme equilibria by vertex enumeration of the best-response polytopes.
    case vertexEnumeration = "vertex-enumeration"
    /// Two players: support enumeration (all equilibria of nondegenerate games).
    case supportEnumeration = "support-enumeration"
    /// Two players: Lemke–Howson from every starting label (a subset of the equilibria).
    case lemkeHowson = "lemke-howson"
}

/// Computes the equilibria of `game` with `method` in the requested arithmetic (exact by
/// default when the game has exact payoffs). Every returned equilibrium carries its regret.
public func solveEquilibria(_ game: NormalFormGame, method: EquilibriumMethod = .automatic,
                            arithmetic: Arithmetic = .exact) throws -> EquilibriumReport {
    switch method {
    case .pure:
        return PureEquilibria(arithmetic: arithmetic).solve(game)
    case .automatic where game.playerCount != 2:
        return PureEquilibria(arithmetic: arithmetic).solve(game)
    // MODELS-BRANCH TEMPORARY (replace at merge with the two-player solvers): on the `models`
    // branch `.automatic` falls back to all pure equilibria for two players too.
    case .automatic:
        return PureEquilibria(arithmetic: arithmetic).solve(game)
    default:
        throw GameError.unsupported("method \(method.rawValue) is not available yet")
    }
}
