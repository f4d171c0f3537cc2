import GameTheory

/// A player's minmax value and the profile that holds the player to it.
///
/// `punishment[q]` is the (pure or mixed) strategy of each player `q`; for the punished player
/// it is a best response to the others' punishing strategies.
public struct MinmaxValue<T: GameScalar>: Sendable {
    public var player: Int
    public var value: T
    /// `punishment[q][a]`: probability that player q plays a in the punishing profile.
    public var punishment: [[T]]
}

extension NormalFormGame {
    /// Each player's pure minmax value `v̲ᵢ = min_{a₋ᵢ} max_{aᵢ} uᵢ(aᵢ, a₋ᵢ)` with a punishing pure
    /// profile (ties: the first in flat-index order, player 0 fastest).
    ///
    /// Any pure-strategy subgame-perfect payoff gives player i at least v̲ᵢ. Works for N players.
    ///
    /// - Complexity: O(N · ∏ nᵢ).
    public func pureMinmax<T: GameScalar>(_: T.Type = Double.self) -> [MinmaxValue<T>] {
        let t = table(T.self)
        let shape = self.shape
        return (0..<playerCount).map { p in
            var stride = 1
            for q in 0..<p { stride *= shape[q] }
            var best: (value: T, profile: Int)? = nil
            for k in 0..<profileCount where (k / stride) % shape[p] == 0 {
                var bestOwn = 0
                for a in 1..<max(1, shape[p]) where t[p][k + a * stride] > t[p][k + bestOwn * stride] { bestOwn = a }
                let v = t[p][k + bestOwn * stride]
                if best == nil || v < best!.value { best = (v, k + bestOwn * stride) }
            }
            let prof = profile(at: best!.profile)
            return MinmaxValue(player: p, value: best!.value, punishment: prof.enumerated().map { q, a in
                (0..<shape[q]).map { $0 == a ? T.one : T.zero }
            })
        }
    }

    /// Each player's mixed minmax value in a two-player game, by linear programming: the
    /// opponent's mixed strategy `q` minimising the player's best-response payoff,
    /// `v̲ᵢ = min_q max_a Σ_b uᵢ(a, b) q_b`, with that `q` as the punishing strategy.
    ///
    /// In exact arithmetic (`Rational`) the value and strategy are exact.
    ///
    /// - Complexity: one LP with nᵢ + 1 rows and nⱼ + 1 variables per player.
    /// - Throws: `RepeatedGameError.needsTwoPlayers` (with more players the punishers' mixing
    ///   is not an LP unless they may correlate).
    public func mixedMinmax<T: GameScalar>(_: T.Type = Double.self) throws -> [MinmaxValue<T>] {
        guard playerCount == 2 else { throw RepeatedGameError.needsTwoPlayers(method: "mixed minmax", players: playerCount) }
        let (a, b) = bimatrixRows(T.self)
        let m = shape[0], n = shape[1]
        var out = [MinmaxValue<T>]()
        for p in 0..<2 {
            let own = p == 0 ? m : n, other = p == 0 ? n : m
            func u(_ i: Int, _ j: Int) -> T { p == 0 ? a[i][j] : b[j][i] }
            // Variables: q_0 … q_{other−1}, t (free). Minimise t.
            var rows = [LinearProgram<T>.Constraint]()
            for i in 0..<own {
                rows.append(.init((0..<other).map { u(i, $0) } + [-T.one], .lessOrEqual, T.zero))
            }
            rows.append(.init([T](repeating: T.one, count: other) + [T.zero], .equal, T.one))
            let lp = LinearProgram<T>(sense: .minimize, objective: [T](repeating: T.zero, count: other) + [T.one],
                                      constraints: rows, freeVariables: [other])
            guard case .optimal(let x, let value, _) = try lp.solve() else {
                throw RepeatedGameError.numerical("the minmax LP of player \(p + 1) did not reach an optimum")
            }
            let q = Array(x[0..<other])
            // The punished player's best response to q.
            var bestI = 0, bestV: T? = nil
            for i in 0..<own {
                var s = T.zero
                for j in 0..<other { s = s + u(i, j) * q[j] }
                if bestV == nil || s > bestV! { bestV = s; bestI = i }
            }
            let br = (0..<own).map { $0 == bestI ? T.one : T.zero }
            out.append(MinmaxValue(player: p, value: value, punishment: p == 0 ? [br, q] : [q, br]))
        }
        return out
    }
}
