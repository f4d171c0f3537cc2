/// All pure-strategy Nash equilibria of an N-player game, by enumeration of profiles.
///
/// A profile is an equilibrium when every player's action is a best response to the others';
/// in exact arithmetic (the default when the game has exact payoffs) ties are exact.
///
/// - Complexity: O(N · ∏ nᵢ · maxᵢ nᵢ) comparisons.
public struct PureEquilibria: Sendable {
    public var arithmetic: Arithmetic

    public init(arithmetic: Arithmetic = .exact) { self.arithmetic = arithmetic }

    /// The pure equilibria as action-index profiles, in flat-index order (player 0 fastest).
    public func profiles(of game: NormalFormGame) -> [[Int]] {
        if arithmetic == .exact && game.hasExactPayoffs { return find(game, Rational.self) }
        return find(game, Double.self)
    }

    private func find<T: GameScalar>(_ game: NormalFormGame, _: T.Type) -> [[Int]] {
        let t = game.table(T.self)
        let shape = game.shape
        var strides = [Int](repeating: 1, count: shape.count)
        for p in 1..<max(1, shape.count) { strides[p] = strides[p - 1] * shape[p - 1] }
        var result = [[Int]]()
        profileLoop: for k in 0..<game.profileCount {
            for p in 0..<shape.count {
                let own = (k / strides[p]) % shape[p]
                let base = k - own * strides[p]
                let u = t[p][k]
                for a in 0..<shape[p] where a != own && t[p][base + a * strides[p]] > u { continue profileLoop }
            }
            result.append(game.profile(at: k))
        }
        return result
    }

    /// The pure equilibria as verified `Equilibrium` values.
    public func solve(_ game: NormalFormGame) -> EquilibriumReport {
        let exact = arithmetic == .exact && game.hasExactPayoffs
        let eqs = profiles(of: game).map { prof -> Equilibrium in
            if exact {
                return Equilibrium(game: game, exact: prof.enumerated().map { p, a in
                    (0..<game.actions[p].count).map { $0 == a ? Rational.one : Rational.zero }
                })
            }
            return Equilibrium(game: game, strategies: prof.enumerated().map { p, a in
                (0..<game.actions[p].count).map { $0 == a ? 1.0 : 0.0 }
            })
        }
        return EquilibriumReport(method: "pure-enumeration", arithmetic: exact ? .exact : .floatingPoint,
                                 equilibria: eqs, isComplete: true, scope: "all pure-strategy equilibria")
    }
}
