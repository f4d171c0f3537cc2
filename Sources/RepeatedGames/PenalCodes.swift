import GameTheory

extension CriticalDiscountFactor {
    /// Whether each player's own constraint holds with per-player discount factors (one
    /// common δ, or one per player), after validating them.
    ///
    /// - Throws: `RepeatedGameError` naming a δ outside (0, 1) or a list of the wrong length.
    public func sustainability(deltas: [Double]) throws -> [Bool] {
        let d = try perPlayerDiscountFactors(deltas, players: constraints.count)
        return perPlayer.enumerated().map { p, t in t.map { d[p] >= $0 } ?? false }
    }
}

/// The critical discount factors of the pure profile `profile` under Nash reversion to each
/// of the given stage equilibria (`equilibriumPayoffs[e][p]`: player p's payoff in
/// equilibrium e), one `CriticalDiscountFactor` per equilibrium, with each player's one-shot
/// deviation gain and per-period loss in its constraints.
///
/// - Throws: `RepeatedGameError.invalidProfile` for a profile that does not fit the game, and
///   `.domainMismatch` for an equilibrium payoff vector of the wrong length.
/// - References: J. W. Friedman (1971), Review of Economic Studies 38(1), 1–12. doi:10.2307/2296617
public func nashReversionThresholds(game: NormalFormGame, profile: [Int],
                                    equilibriumPayoffs: [[Double]]) throws -> [CriticalDiscountFactor] {
    try validateProfile(profile, game)
    for (e, u) in equilibriumPayoffs.enumerated() where u.count != game.playerCount || !u.allSatisfy(\.isFinite) {
        throw RepeatedGameError.domainMismatch(
            "equilibrium payoffs \(e + 1) are \(u); the game has \(game.playerCount) players and payoffs must be finite")
    }
    return equilibriumPayoffs.map { nashReversionThreshold(game: game, profile: profile, punishment: $0) }
}

/// The same, reverting to each equilibrium of a solver's report (for example
/// `solveEquilibria(game)`).
public func nashReversionThresholds(game: NormalFormGame, profile: [Int],
                                    equilibria: EquilibriumReport) throws -> [CriticalDiscountFactor] {
    try nashReversionThresholds(game: game, profile: profile, equilibriumPayoffs: equilibria.equilibria.map(\.payoffs))
}

func validateProfile(_ profile: [Int], _ game: NormalFormGame) throws {
    guard profile.count == game.playerCount,
          profile.enumerated().allSatisfy({ game.actions[$0].indices.contains($1) }) else {
        throw RepeatedGameError.invalidProfile(profile)
    }
}

/// Sustaining a pure profile forever with an optimal penal code (Abreu 1988): a deviator is
/// held to the worst subgame-perfect payoff, so player i's constraint is
/// `uᵢ(a) ≥ (1 − δ) dᵢ(a) + δ v̲ᵢ(δ)` with `v̲ᵢ(δ)` the smallest pure SPE payoff of player i
/// (the minimal coordinate of the Abreu–Sannikov set).
public struct OptimalPenalCode: Sendable {
    public var delta: Rational
    public var profile: [Int]
    /// Each player's constraint with `punishment = v̲ᵢ(δ)`; empty when no pure SPE exists.
    public var constraints: [IncentiveConstraint]
    /// `v̲(δ)`, or `nil` when there is no pure SPE at δ.
    public var worstPayoffs: [Double]?
    /// Whether every player's constraint holds at δ.
    public var isSustainable: Bool {
        guard worstPayoffs != nil else { return false }
        let d = delta.doubleValue
        return constraints.allSatisfy { $0.cooperation >= (1 - d) * $0.deviation + d * $0.punishment - 1e-12 * max(1, abs($0.deviation)) }
    }

    /// The penal code of `profile` at `delta`, with the SPE set computed by `solver`.
    ///
    /// - Complexity: one `AbreuSannikov` solve.
    /// - References: D. Abreu (1988), "On the theory of infinitely repeated games with
    ///   discounting", Econometrica 56(2), 383–396. doi:10.2307/1911077
    public init(game: NormalFormGame, profile: [Int], delta: Double, solver: AbreuSannikov = AbreuSannikov(exactCheck: false)) throws {
        try validateProfile(profile, game)
        let set = try solver.solve(game, delta: delta)
        self.delta = set.delta
        self.profile = profile
        worstPayoffs = set.worstPayoffs
        constraints = []
        if let w = set.worstPayoffs {
            constraints = nashReversionThreshold(game: game, profile: profile, punishment: w).constraints
        }
    }

    /// Each player's critical discount factor under optimal penal codes, by bisection on δ
    /// (the SPE set with public randomisation grows with δ, so each constraint, once
    /// satisfied, stays satisfied): `nil` for a player whose constraint fails even at
    /// `upperLimit`, 0 for a player with nothing to gain.
    ///
    /// - Complexity: about log₂(1/tolerance) `AbreuSannikov` solves per player.
    public static func criticalDiscountFactors(game: NormalFormGame, profile: [Int], tolerance: Double = 1e-4,
                                               upperLimit: Double = 0.99) throws -> [Double?] {
        try validateProfile(profile, game)
        guard game.playerCount == 2 else { throw RepeatedGameError.needsTwoPlayers(method: "optimal penal codes", players: game.playerCount) }
        let solver = AbreuSannikov(tolerance: 1e-9, exactCheck: false)
        func holds(_ p: Int, _ d: Double) throws -> Bool {
            let code = try OptimalPenalCode(game: game, profile: profile, delta: d, solver: solver)
            guard code.worstPayoffs != nil else { return false }
            let c = code.constraints[p]
            return c.cooperation >= (1 - d) * c.deviation + d * c.punishment - 1e-9 * max(1, abs(c.deviation))
        }
        let base = nashReversionThreshold(game: game, profile: profile, punishment: [0, 0]).constraints
        return try (0..<2).map { p -> Double? in
            if base[p].gain <= 0 { return 0 }
            guard try holds(p, upperLimit) else { return nil }
            var lo = 0.0, hi = upperLimit
            while hi - lo > tolerance {
                let mid = (lo + hi) / 2
                if try holds(p, mid) { hi = mid } else { lo = mid }
            }
            return hi
        }
    }
}
