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
/// default when the game has exact payoffs). Every returned equilibrium is built by
/// `Equilibrium(game:exact:)` or `Equilibrium(game:strategies:)`, so it carries its regret
/// computed from the game; a candidate whose regret is above tolerance is dropped and listed in
/// the report's `notes`. Equilibria are deduplicated.
///
/// - `.automatic`: two players → `VertexEnumeration` (all extreme equilibria, degenerate games
///   included); more players → `PureEquilibria`, with a note that mixed equilibria need
///   another method.
/// - `.vertexEnumeration` always runs in exact arithmetic (see `VertexEnumeration`); a
///   floating-point request is noted.
/// - `components`: also compute the maximal Nash subsets (vertex enumeration only; other
///   methods note that they cannot).
public func solveEquilibria(_ game: NormalFormGame, method: EquilibriumMethod = .automatic,
                            arithmetic: Arithmetic = .exact, components: Bool = false) throws -> EquilibriumReport {
    var report: EquilibriumReport
    switch method {
    case .pure:
        report = PureEquilibria(arithmetic: arithmetic).solve(game)
    case .automatic where game.playerCount != 2:
        report = PureEquilibria(arithmetic: arithmetic).solve(game)
        report.notes.append("the game has \(game.playerCount) players: only pure equilibria were computed; mixed equilibria need another method")
    case .automatic, .vertexEnumeration:
        report = try VertexEnumeration(components: components).solve(game)
        if arithmetic == .floatingPoint {
            report.notes.append("vertex enumeration ran in exact arithmetic (floating point was requested)")
        }
        return report
    case .supportEnumeration:
        report = try SupportEnumeration(arithmetic: arithmetic).solve(game)
    case .lemkeHowson:
        report = try LemkeHowson(arithmetic: arithmetic).solve(game)
    }
    if components {
        report.notes.append("maximal Nash subsets need all extreme equilibria: use vertex enumeration")
    }
    return report
}
