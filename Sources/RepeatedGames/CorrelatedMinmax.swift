import GameTheory

/// A player's correlated minmax value: the punishers may correlate their actions.
public struct CorrelatedMinmaxValue<T: GameScalar>: Sendable {
    public var player: Int
    public var value: T
    /// The punishing distribution over the other players' pure profiles: `punishment[k]` is
    /// the probability of the profile with flat index k in the game without `player` (the
    /// others in their order, the lowest-numbered one fastest, as in `NormalFormGame`).
    public var punishment: [T]
    /// A best response of `player` to the punishment (attaining `value`).
    public var bestResponse: Int
}

extension NormalFormGame {
    /// Each player's correlated minmax value in an N-player game, by linear programming:
    /// `v̲ᵢᶜ = min_{z ∈ Δ(A₋ᵢ)} max_{aᵢ} Σ_{a₋ᵢ} z(a₋ᵢ) uᵢ(aᵢ, a₋ᵢ)`.
    ///
    /// With two players this is the mixed minmax (`mixedMinmax`). With more, the punishers'
    /// independent mixing is not a linear program; letting them correlate gives this value,
    /// which is at most the independent mixed minmax and, by the minimax theorem applied to
    /// player i against the coalition of the others, equals player i's mixed maxmin (what it
    /// can guarantee). The gap to the independent value can be real: in the 3-player game
    /// where player 1 gets 1 unless both others match its L/R choice, the correlated minmax is
    /// 1/2 and the independent one 3/4. It is the relevant threat when punishers can
    /// coordinate (for example by public randomisation).
    ///
    /// In exact arithmetic (`Rational`) the value and the punishment are exact.
    ///
    /// - Complexity: one LP per player with nᵢ + 1 rows and ∏ⱼ≠ᵢ nⱼ + 1 variables.
    /// - Throws: `RepeatedGameError.numerical` if a program ends other than optimal (it cannot
    ///   for a valid game: the program is feasible and bounded).
    public func correlatedMinmax<T: GameScalar>(_: T.Type = Double.self) throws -> [CorrelatedMinmaxValue<T>] {
        let t = table(T.self)
        let shape = self.shape
        return try (0..<playerCount).map { p in
            var stride = 1
            for q in 0..<p { stride *= shape[q] }
            let own = shape[p], others = profileCount / own
            // The flat index in the full game of (a_p, other-profile k).
            func index(_ a: Int, _ k: Int) -> Int {
                let low = k % stride, high = k / stride
                return low + a * stride + high * stride * own
            }
            var rows = [LinearProgram<T>.Constraint]()
            for a in 0..<own {
                rows.append(.init((0..<others).map { t[p][index(a, $0)] } + [-T.one], .lessOrEqual, T.zero))
            }
            rows.append(.init([T](repeating: T.one, count: others) + [T.zero], .equal, T.one))
            let lp = LinearProgram<T>(sense: .minimize, objective: [T](repeating: T.zero, count: others) + [T.one],
                                      constraints: rows, freeVariables: [others])
            guard case .optimal(let x, let value, _) = try lp.solve() else {
                throw RepeatedGameError.numerical("the correlated minmax LP of player \(p + 1) did not reach an optimum")
            }
            let z = Array(x[0..<others])
            var best = 0, bestValue: T? = nil
            for a in 0..<own {
                var s = T.zero
                for k in 0..<others where z[k] != T.zero { s = s + z[k] * t[p][index(a, k)] }
                if bestValue == nil || s > bestValue! { bestValue = s; best = a }
            }
            return CorrelatedMinmaxValue(player: p, value: value, punishment: z, bestResponse: best)
        }
    }
}
