import GameTheory

extension NormalFormGame {
    /// The feasible payoff set of a two-player game: the convex hull of the pure payoff
    /// profiles `(u₁(a), u₂(a))`, as counter-clockwise vertices starting from the
    /// lexicographically smallest.
    ///
    /// In `Rational` the vertices are exact. Degenerate games give a segment (two vertices)
    /// or a point (one).
    ///
    /// - Complexity: O(|A| log |A|).
    public func feasiblePayoffSet<T: GameScalar>(_: T.Type = Double.self) throws -> [PayoffPoint<T>] {
        guard playerCount == 2 else { throw RepeatedGameError.needsTwoPlayers(method: "the feasible payoff set", players: playerCount) }
        let t = table(T.self)
        let pts = (0..<profileCount).map { PayoffPoint(t[0][$0], t[1][$0]) }
        return convexHull(pts, tolerance: zeroTolerance(T.self))
    }

    /// The individually rational part of the feasible set: its intersection with
    /// `{u : uᵢ ≥ minmaxᵢ}` for the given minmax values (pure by default: the bound that
    /// pure-strategy equilibria respect). Empty when no feasible payoff is individually rational.
    ///
    /// - Complexity: O(|A| log |A|).
    public func individuallyRationalSet<T: GameScalar>(_: T.Type, minmax: [T]? = nil) throws -> [PayoffPoint<T>] {
        let f = try feasiblePayoffSet(T.self)
        let v = minmax ?? pureMinmax(T.self).map(\.value)
        let tol = zeroTolerance(T.self)
        let clipped = clip(clip(f, player: 0, atLeast: v[0], tolerance: tol), player: 1, atLeast: v[1], tolerance: tol)
        return convexHull(clipped, tolerance: tol)
    }
}
