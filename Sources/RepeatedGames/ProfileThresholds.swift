import GameTheory

/// The critical discount factors of one pure action profile of a two-player stage game: under
/// Nash reversion to each stage equilibrium (Friedman 1971) and under optimal penal codes
/// (Abreu 1988), each with every player's own threshold, and whether the profile is
/// sustainable at the discount factors asked about.
///
/// Index convention: `profile[p]` is player p's action index (player 0 is the row player);
/// `nashReversion[e]` reverts to the `e`-th stage equilibrium of the list passed in (the
/// JSON field `equilibrium` counts from 1, as the solve output numbers equilibria).
///
/// Encoded with snake_case keys (`nash_reversion`, `critical_delta`, `exact_critical_delta`,
/// `per_player`, `optimal_penal_code`…). A per-player threshold is `null` when the constraint
/// never holds (the punishment is no worse than the target) and `0` when the player has
/// nothing to gain by deviating.
public struct ProfileThresholds: Codable, Sendable, Equatable {
    /// The Nash-reversion threshold to one stage equilibrium.
    public struct Reversion: Codable, Sendable, Equatable {
        /// The stage equilibrium reverted to, counting from 1.
        public var equilibrium: Int
        public var punishment: [Double]
        /// Each player's one-shot deviation gain `dᵢ(a) − uᵢ(a)`.
        public var gains: [Double]
        /// Each player's per-period loss under punishment `uᵢ(a) − eᵢ`.
        public var losses: [Double]
        public var perPlayer: [Double?]
        /// The same as fractions (`"1/7"`, `"0"`, `"never"`) when the game and the equilibrium
        /// are exact.
        public var exactPerPlayer: [String]?
        /// The binding threshold (the largest per-player one; `nil`: never sustainable).
        public var criticalDelta: Double?
        public var exactCriticalDelta: String?
        /// Sustainable at the discount factors asked about (each player's own δ against its
        /// own threshold).
        public var sustainable: Bool

        enum CodingKeys: String, CodingKey {
            case equilibrium, punishment, gains, losses, sustainable
            case perPlayer = "per_player", exactPerPlayer = "exact_per_player"
            case criticalDelta = "critical_delta", exactCriticalDelta = "exact_critical_delta"
        }
    }

    /// The optimal-penal-code threshold: a deviator is held to his worst SPE payoff.
    public struct PenalCode: Codable, Sendable, Equatable {
        /// Each player's critical δ found by bisection to `tolerance` (`nil`: not sustainable
        /// even at `upper_limit`); not computed (`nil` list) when the profile was beyond the
        /// cap of profiles analysed.
        public var perPlayer: [Double?]?
        public var criticalDelta: Double?
        public var tolerance: Double
        public var upperLimit: Double
        /// The worst SPE payoffs `v̲(δ)` at the discount factor asked about (`nil`: no pure SPE).
        public var worstPayoffs: [Double]?
        /// Sustainable at δ with the punishment `v̲(δ)`.
        public var sustainable: Bool

        enum CodingKeys: String, CodingKey {
            case tolerance, sustainable
            case perPlayer = "per_player", criticalDelta = "critical_delta"
            case upperLimit = "upper_limit", worstPayoffs = "worst_payoffs"
        }
    }

    public var profile: [Int]
    public var actions: [String]
    public var payoffs: [Double]
    public var exactPayoffs: [String]?
    /// Named by the caller (`--target`) rather than found as a Pareto improvement.
    public var isTarget: Bool
    public var nashReversion: [Reversion]
    public var optimalPenalCode: PenalCode?

    enum CodingKeys: String, CodingKey {
        case profile, actions, payoffs
        case exactPayoffs = "exact_payoffs", isTarget = "target"
        case nashReversion = "nash_reversion", optimalPenalCode = "optimal_penal_code"
    }
}

/// The pure profiles of a game that Pareto-improve on some stage equilibrium: every player
/// gets at least the equilibrium payoff and one strictly more (flat order, player 0 fastest).
///
/// - Complexity: O(∏ nᵢ · E · N) for E equilibria.
public func paretoImprovingProfiles(game: NormalFormGame, equilibria: [Equilibrium]) -> [[Int]] {
    (0..<game.profileCount).map(game.profile(at:)).filter { a in
        let u = (0..<game.playerCount).map { game.payoff($0, a) }
        return equilibria.contains { e in
            zip(u, e.payoffs).allSatisfy { $0 >= $1 } && zip(u, e.payoffs).contains { $0 > $1 }
        }
    }
}

/// Critical discount factors of pure profiles of a two-player game under Nash reversion (to
/// each of `equilibria`) and optimal penal codes, with sustainability at `deltas`.
///
/// Nash reversion: player i's constraint `uᵢ(a) ≥ (1 − δᵢ) dᵢ(a) + δᵢ eᵢ` gives
/// `δᵢ* = gainᵢ / (gainᵢ + lossᵢ)`, exact when the game and the equilibrium are exact.
/// Optimal penal codes: `uᵢ(a) ≥ (1 − δ) dᵢ(a) + δ v̲ᵢ(δ)` with `v̲ᵢ(δ)` the worst pure SPE
/// payoff (Abreu–Sannikov); the critical δ is found by bisection on a common δ (the SPE set
/// grows with δ), sharing the SPE-set computations between profiles and players. It needs a
/// common discount factor: with per-player `deltas` the penal-code part is omitted.
///
/// - Parameters:
///   - profiles: the profiles to analyse (for example `paretoImprovingProfiles`, or a target).
///   - targets: which of them the caller named (reported as `target: true`).
///   - penalCodeLimit: penal-code thresholds are computed for at most this many profiles
///     (the first ones); the rest get Nash reversion only.
///   - knownWorstPayoffs: the worst SPE payoffs at one δ when already computed (for example
///     exactly, by the summary), used instead of a new solve at that δ.
/// - Complexity: O(P · E) for Nash reversion; for penal codes about log₂(upperLimit/tolerance)
///   distinct `AbreuSannikov` solves per distinct threshold.
/// - Throws: `RepeatedGameError` for other than two players, a profile that does not fit, or
///   a discount factor outside (0, 1).
/// - References: J. W. Friedman (1971), Review of Economic Studies 38(1), 1–12,
///   doi:10.2307/2296617; D. Abreu (1988), Econometrica 56(2), 383–396, doi:10.2307/1911077;
///   D. Abreu and Y. Sannikov (2014), Theoretical Economics 9(2), 313–338, doi:10.3982/TE1302.
public func profileThresholds(game: NormalFormGame, equilibria: [Equilibrium], profiles: [[Int]],
                              targets: Set<[Int]> = [], deltas: [Double],
                              penalCodeTolerance: Double = 1e-6, penalCodeLimit: Int = 16,
                              upperLimit: Double = 0.999,
                              knownWorstPayoffs: (delta: Double, worst: [Double]?)? = nil) throws -> [ProfileThresholds] {
    guard game.playerCount == 2 else { throw RepeatedGameError.needsTwoPlayers(method: "repeated-game thresholds", players: game.playerCount) }
    let d = try perPlayerDiscountFactors(deltas, players: 2)
    for p in profiles { try validateProfile(p, game) }
    let common = d[0] == d[1]
    let solver = AbreuSannikov(tolerance: 1e-10, exactCheck: false)
    var cache = [Double: [Double]?]()
    if let known = knownWorstPayoffs { cache[known.delta] = known.worst }
    func worst(_ delta: Double) throws -> [Double]? {
        if let w = cache[delta] { return w }
        let w = try solver.solve(game, delta: delta).worstPayoffs
        cache[delta] = w
        return w
    }
    func holds(_ c: IncentiveConstraint, _ delta: Double, _ v: Double) -> Bool {
        c.cooperation >= (1 - delta) * c.deviation + delta * v - 1e-9 * max(1, abs(c.deviation))
    }
    var out = [ProfileThresholds]()
    for (k, a) in profiles.enumerated() {
        let reversions = try equilibria.enumerated().map { e, eq -> ProfileThresholds.Reversion in
            let t = nashReversionThreshold(game: game, profile: a, punishment: eq.payoffs)
            let exact = exactReversion(game: game, profile: a, punishment: eq.exactPayoffs)
            return .init(equilibrium: e + 1, punishment: eq.payoffs, gains: t.constraints.map(\.gain),
                         losses: t.constraints.map(\.loss), perPlayer: t.perPlayer, exactPerPlayer: exact?.perPlayer,
                         criticalDelta: t.value, exactCriticalDelta: exact?.value, sustainable: t.isSustainable(deltas: d))
        }
        var code: ProfileThresholds.PenalCode?
        if common {
            let base = nashReversionThreshold(game: game, profile: a, punishment: [0, 0]).constraints
            let w = try worst(d[0])
            let sustainable = w.map { w in base.indices.allSatisfy { holds(base[$0], d[0], w[$0]) } } ?? false
            var perPlayer: [Double?]?
            if k < penalCodeLimit {
                perPlayer = try penalCodeCriticalDiscountFactors(game: game, profile: a, equilibria: equilibria,
                                                                 tolerance: penalCodeTolerance, upperLimit: upperLimit, worst: worst)
            }
            var binding: Double? = nil
            if let pp = perPlayer, pp.allSatisfy({ $0 != nil }) { binding = pp.compactMap { $0 }.max() }
            code = .init(perPlayer: perPlayer, criticalDelta: binding, tolerance: penalCodeTolerance, upperLimit: upperLimit,
                         worstPayoffs: w, sustainable: sustainable)
        }
        out.append(ProfileThresholds(
            profile: a, actions: a.enumerated().map { game.actions[$0][$1] },
            payoffs: (0..<2).map { game.payoff($0, a) },
            exactPayoffs: game.hasExactPayoffs ? (0..<2).map { game.exactPayoff($0, a)!.description } : nil,
            isTarget: targets.contains(a), nashReversion: reversions, optimalPenalCode: code))
    }
    return out
}

/// Each player's optimal-penal-code critical discount factor for the pure profile `profile`
/// (Abreu 1988): the smallest common δ with `uᵢ(a) ≥ (1 − δ) dᵢ(a) + δ v̲ᵢ(δ)`, where
/// `worst(δ)` gives the worst pure SPE payoffs `v̲(δ)` (`nil`: no pure SPE at δ).
///
/// The search is bracketed before any SPE set is computed: `v̲ᵢ(δ)` is at least player i's
/// pure minmax value, so the threshold is at least the one with the minmax as punishment; and
/// at most `eᵢ` for every pure stage equilibrium e, so it is at most the Nash-reversion
/// threshold to the harshest pure equilibrium. When the two bounds meet (for example in the
/// prisoner's dilemma, where the minmax is the equilibrium payoff) the value is exact without
/// any SPE computation; otherwise bisection on δ (the SPE set grows with δ) to `tolerance`.
/// A threshold is `nil` when the constraint fails even at `upperLimit`, 0 when the player has
/// nothing to gain. `worst(upperLimit)`, the slowest solve (the set operator contracts like
/// δⁿ), is asked for only when no smaller δ of the search satisfies the constraint; by
/// monotonicity the answer is the one a search that checks `upperLimit` first would give.
///
/// - Complexity: at most about log₂(bracket/tolerance) + 1 calls of `worst` per player.
/// - References: D. Abreu (1988), "On the theory of infinitely repeated games with
///   discounting", Econometrica 56(2), 383–396. doi:10.2307/1911077
public func penalCodeCriticalDiscountFactors(game: NormalFormGame, profile: [Int], equilibria: [Equilibrium],
                                             tolerance: Double = 1e-6, upperLimit: Double = 0.999,
                                             worst: (Double) throws -> [Double]?) rethrows -> [Double?] {
    let base = nashReversionThreshold(game: game, profile: profile, punishment: [0, 0]).constraints
    let minmax = game.pureMinmax(Double.self).map(\.value)
    let pure = equilibria.filter(\.isPure)
    return try (0..<game.playerCount).map { p -> Double? in
        let c = base[p]
        if c.gain <= 0 { return 0 }
        func critical(_ punishment: Double) -> Double? {
            let loss = c.cooperation - punishment
            return loss > 0 ? c.gain / (c.gain + loss) : nil
        }
        // Lower bound from the minmax; never sustainable if even the minmax does not deter.
        guard let lower = critical(minmax[p]), lower <= upperLimit else { return nil }
        var upper = upperLimit
        for e in pure { if let t = critical(e.payoffs[p]) { upper = min(upper, t) } }
        if upper - lower <= 1e-12 * max(1, upper) { return upper }
        func ok(_ x: Double) throws -> Bool {
            guard let w = try worst(x) else { return false }
            return c.cooperation >= (1 - x) * c.deviation + x * w[p] - 1e-9 * max(1, abs(c.deviation))
        }
        // `ok` is monotone in δ, so `ok(upperLimit)` follows from any success below it: it
        // is evaluated only when nothing below succeeded. Near δ = 1 the set operator
        // contracts slowly (tens of thousands of iterations at 0.999), and the lower bound
        // often already holds.
        var lo = lower, hi = upper, sawOK = upper < upperLimit
        if try ok(lo) { return lo }
        while hi - lo > tolerance {
            let mid = (lo + hi) / 2
            if try ok(mid) { hi = mid; sawOK = true } else { lo = mid }
        }
        if !sawOK, try !ok(upperLimit) { return nil }
        return hi
    }
}

/// Nash-reversion thresholds in exact arithmetic (`"1/7"`, `"0"`, `"never"`), or `nil` when
/// the game or the punishment is not exact.
func exactReversion(game: NormalFormGame, profile: [Int], punishment: [Rational]?) -> (perPlayer: [String], value: String)? {
    guard game.hasExactPayoffs, let punishment else { return nil }
    var per = [Rational?]()
    for p in 0..<game.playerCount {
        let coop = game.exactPayoff(p, profile)!
        var dev = coop, alt = profile
        for x in 0..<game.actions[p].count {
            alt[p] = x
            let u = game.exactPayoff(p, alt)!
            if u > dev { dev = u }
        }
        let gain = dev - coop, loss = coop - punishment[p]
        per.append(gain <= .zero ? .zero : loss <= .zero ? nil : gain / (gain + loss))
    }
    var value: Rational? = .zero
    for x in per { if let x, let v = value { value = max(v, x) } else { value = nil } }
    return (per.map { $0?.description ?? "never" }, value?.description ?? "never")
}

extension RepeatedGameSummary {
    /// The `repeated` section with thresholds: the summary at `delta` plus the critical
    /// discount factors of `targets` (when given) or of every pure profile that
    /// Pareto-improves on a stage equilibrium (`paretoImprovingProfiles`), under Nash
    /// reversion to each of `equilibria` and under optimal penal codes.
    ///
    /// - Complexity: one `AbreuSannikov` solve plus `profileThresholds`.
    /// - Throws: `RepeatedGameError` (δ outside (0, 1), not two players, a bad target).
    public init(game: NormalFormGame, delta: Double, equilibria: [Equilibrium], targets: [[Int]]? = nil) throws {
        try self.init(game: game, delta: delta)
        let profiles = targets ?? paretoImprovingProfiles(game: game, equilibria: equilibria)
        thresholds = try profileThresholds(game: game, equilibria: equilibria, profiles: profiles,
                                           targets: Set(targets ?? []), deltas: [delta],
                                           knownWorstPayoffs: (delta, payoffSet.worstPayoffs))
    }
}
