/// Expected payoffs, best responses and regret of mixed strategy profiles.
///
/// A mixed profile is `[[T]]`: `profile[p][a]` is the probability that player p plays action
/// a, in the game's action order.
extension NormalFormGame {
    /// Payoff of each pure action of `player` against the others' mixed strategies
    /// (`player`'s own entry of `profile` is ignored).
    ///
    /// - Complexity: O(N · ∏ nᵢ) for N players; O(m n) for two players.
    public func actionPayoffs<T: GameScalar>(of player: Int, against profile: [[T]], table: [[T]]? = nil) -> [T] {
        let t = table ?? self.table(T.self)
        let shape = self.shape
        var out = [T](repeating: T.zero, count: shape[player])
        if playerCount == 2 {
            let m = shape[0], n = shape[1]
            if player == 0 {
                for j in 0..<n where profile[1][j] != T.zero {
                    let q = profile[1][j]
                    for i in 0..<m { out[i] = out[i] + t[0][i + m * j] * q }
                }
            } else {
                for j in 0..<n {
                    var s = T.zero
                    for i in 0..<m where profile[0][i] != T.zero { s = s + t[1][i + m * j] * profile[0][i] }
                    out[j] = s
                }
            }
            return out
        }
        var idx = [Int](repeating: 0, count: playerCount)
        for k in 0..<profileCount {
            var w = T.one
            for q in 0..<playerCount where q != player {
                w = w * profile[q][idx[q]]
                if w == T.zero { break }
            }
            if w != T.zero { out[idx[player]] = out[idx[player]] + t[player][k] * w }
            // advance the odometer, player 0 fastest
            var q = 0
            while q < playerCount {
                idx[q] += 1
                if idx[q] < shape[q] { break }
                idx[q] = 0
                q += 1
            }
        }
        return out
    }

    /// Each player's expected payoff under a mixed profile.
    public func expectedPayoffs<T: GameScalar>(_ profile: [[T]]) -> [T] {
        let t = table(T.self)
        return (0..<playerCount).map { p in
            let v = actionPayoffs(of: p, against: profile, table: t)
            var s = T.zero
            for (a, x) in profile[p].enumerated() where x != T.zero { s = s + x * v[a] }
            return s
        }
    }

    /// The pure best responses of `player` to the others' strategies in `profile`, with
    /// payoffs within `tolerance` of the best counted as ties (exact arithmetic: use zero).
    public func bestResponses<T: GameScalar>(of player: Int, to profile: [[T]], tolerance: T = T.zero) -> [Int] {
        let v = actionPayoffs(of: player, against: profile)
        guard let best = v.max() else { return [] }
        return v.indices.filter { v[$0] >= best - tolerance }
    }

    /// The regret of a mixed profile: the largest gain any player can get by a unilateral
    /// deviation, `maxₚ (maxₐ uₚ(a, σ₋ₚ) − uₚ(σ))`. A Nash equilibrium has regret zero.
    public func regret<T: GameScalar>(_ profile: [[T]]) -> T {
        let t = table(T.self)
        var worst = T.zero
        for p in 0..<playerCount {
            let v = actionPayoffs(of: p, against: profile, table: t)
            var u = T.zero
            for (a, x) in profile[p].enumerated() where x != T.zero { u = u + x * v[a] }
            if let best = v.max(), best - u > worst { worst = best - u }
        }
        return worst
    }

    /// Whether `profile` is a Nash equilibrium up to `tolerance` (exactly, for `Rational`).
    public func isNashEquilibrium<T: GameScalar>(_ profile: [[T]], tolerance: T = T.zero) -> Bool {
        guard isValidProfile(profile) else { return false }
        return regret(profile) <= tolerance
    }

    /// Whether every strategy is a probability vector of the right length (within 1e-9 in
    /// floating point).
    public func isValidProfile<T: GameScalar>(_ profile: [[T]]) -> Bool {
        guard profile.count == playerCount else { return false }
        for (p, s) in profile.enumerated() {
            guard s.count == actions[p].count, s.allSatisfy({ $0 >= T.zero }) else { return false }
            let total = s.reduce(T.zero, +)
            if T.isExact { if total != T.one { return false } }
            else if abs(total.doubleValue - 1) > 1e-9 { return false }
        }
        return true
    }
}
