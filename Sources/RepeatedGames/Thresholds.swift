import GameTheory

/// One player's incentive constraint for sustaining a pure action profile in the infinitely
/// repeated game with discounting, when deviation is punished forever after by a
/// continuation worth `punishment` per period (Nash reversion: a stage equilibrium's payoff).
///
/// Playing the target forever is worth `cooperation` per period; the best one-shot deviation
/// earns `deviation` once and then `punishment` forever. The constraint
/// `cooperation ≥ (1 − δ)·deviation + δ·punishment` holds iff `δ ≥ gain / (gain + loss)` with
/// `gain = deviation − cooperation` and `loss = cooperation − punishment` (Friedman 1971).
public struct IncentiveConstraint: Sendable, Equatable {
    public var player: Int
    public var cooperation: Double
    /// The best one-shot deviation payoff against the target profile.
    public var deviation: Double
    public var punishment: Double
    /// The one-shot deviation gain `deviation − cooperation` (≥ 0).
    public var gain: Double { deviation - cooperation }
    /// The per-period loss under punishment `cooperation − punishment`.
    public var loss: Double { cooperation - punishment }

    /// The smallest discount factor satisfying the constraint: 0 when there is nothing to gain,
    /// `nil` when the punishment is no worse than cooperating (the constraint never holds).
    public var criticalDiscountFactor: Double? {
        if gain <= 0 { return 0 }
        if loss <= 0 { return nil }
        return gain / (gain + loss)
    }

    public init(player: Int, cooperation: Double, deviation: Double, punishment: Double) {
        self.player = player
        self.cooperation = cooperation
        self.deviation = deviation
        self.punishment = punishment
    }
}

/// The critical discount factor of a cooperative profile: each player's own threshold and
/// the binding one.
public struct CriticalDiscountFactor: Sendable, Equatable {
    /// One constraint per player (for linked domains: pooled over the domains).
    public var constraints: [IncentiveConstraint]
    /// Each player's own threshold (`nil`: never sustainable for that player).
    public var perPlayer: [Double?] { constraints.map(\.criticalDiscountFactor) }
    /// The threshold with a common discount factor: the largest per-player one, or `nil` when
    /// some player's constraint can never hold.
    public var value: Double? {
        var worst = 0.0
        for d in perPlayer {
            guard let d else { return nil }
            worst = max(worst, d)
        }
        return worst
    }
    /// Whether the profile is sustainable with per-player discount factors `deltas`
    /// (one per player, or a single common one).
    public func isSustainable(deltas: [Double]) -> Bool {
        for (p, d) in perPlayer.enumerated() {
            guard let d else { return false }
            if (deltas.count == 1 ? deltas[0] : deltas[p]) < d { return false }
        }
        return true
    }
}

/// The incentive constraints of playing the pure profile `profile` forever in the repeated
/// `game`, with deviations punished by reversion to a continuation worth `punishment[p]` to
/// player p (typically the payoffs of a stage Nash equilibrium).
///
/// - Complexity: O(N · maxᵢ nᵢ).
/// - References: J. W. Friedman (1971), "A non-cooperative equilibrium for supergames",
///   Review of Economic Studies 38(1), 1–12. doi:10.2307/2296617
public func nashReversionThreshold(game: NormalFormGame, profile: [Int],
                                   punishment: [Double]) -> CriticalDiscountFactor {
    var constraints = [IncentiveConstraint]()
    for p in 0..<game.playerCount {
        let coop = game.payoff(p, profile)
        var dev = coop
        var alt = profile
        for a in 0..<game.actions[p].count {
            alt[p] = a
            dev = max(dev, game.payoff(p, alt))
        }
        constraints.append(IncentiveConstraint(player: p, cooperation: coop, deviation: dev, punishment: punishment[p]))
    }
    return CriticalDiscountFactor(constraints: constraints)
}

/// The threshold when several domains are linked (multimarket contact): a player who deviates
/// deviates in every domain at once and is punished in all of them, so the constraints pool:
/// `δ ≥ Σ_d gain_d / (Σ_d gain_d + Σ_d loss_d)` for each player.
///
/// - References: B. D. Bernheim and M. D. Whinston (1990), "Multimarket contact and collusive
///   behavior", RAND Journal of Economics 21(1), 1–26. doi:10.2307/2555490
public func linkedThreshold(_ domains: [CriticalDiscountFactor]) -> CriticalDiscountFactor {
    guard let first = domains.first else { return CriticalDiscountFactor(constraints: []) }
    let pooled = first.constraints.indices.map { p in
        domains.dropFirst().reduce(first.constraints[p]) { acc, d in
            let c = d.constraints[p]
            return IncentiveConstraint(player: p, cooperation: acc.cooperation + c.cooperation,
                                       deviation: acc.deviation + c.deviation,
                                       punishment: acc.punishment + c.punishment)
        }
    }
    return CriticalDiscountFactor(constraints: pooled)
}
