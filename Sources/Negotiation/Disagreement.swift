import GameTheory

/// A disagreement (threat) point and where it came from.
///
/// Sources: a given point; the payoffs of a stage-game equilibrium; the pure minmax payoffs,
/// computed here; the mixed minmax payoffs or the worst subgame-perfect payoffs of the repeated
/// game, computed elsewhere and passed in.
public struct Disagreement<T: GameScalar>: Sendable, Equatable {
    /// Where the point came from.
    public enum Source: String, Sendable, Codable, Equatable {
        case given = "given"
        case stageEquilibrium = "stage-equilibrium"
        case pureMinmax = "pure-minmax"
        case minmax = "minmax"
        case worstSPE = "worst-spe"
    }

    public let point: PayoffPair<T>
    public let source: Source

    public init(_ point: PayoffPair<T>, source: Source = .given) {
        self.point = point
        self.source = source
    }

    /// The payoffs of a stage-game equilibrium (exact when the equilibrium is exact and `T`
    /// is `Rational`).
    ///
    /// - Throws: `.invalidSetting` unless the equilibrium has two players' payoffs.
    public static func stageEquilibrium(_ eq: Equilibrium) throws -> Disagreement<T> {
        guard eq.payoffs.count == 2 else {
            throw NegotiationError.invalidSetting("the stage equilibrium has \(eq.payoffs.count) players' payoffs; bargaining needs two")
        }
        if T.self == Rational.self, let e = eq.exactPayoffs {
            return Disagreement(PayoffPair(e[0] as! T, e[1] as! T), source: .stageEquilibrium)
        }
        return Disagreement(PayoffPair(scalar(eq.payoffs[0]), scalar(eq.payoffs[1])), source: .stageEquilibrium)
    }

    /// The pure-strategy minmax payoffs of a two-player game:
    /// `v1 = min_j max_i A[i][j]`, `v2 = min_i max_j B[i][j]` (row player's action `i`).
    ///
    /// - Complexity: O(mn).
    /// - Throws: `.invalidSetting` unless the game has two players.
    public static func pureMinmax(of game: NormalFormGame) throws -> Disagreement<T> {
        guard game.playerCount == 2 else {
            throw NegotiationError.invalidSetting("minmax payoffs are computed for two-player games; this game has \(game.playerCount) players")
        }
        let (a, b) = game.bimatrixRows(T.self)
        let m = a.count, n = a[0].count
        let v1 = (0..<n).map { j in (0..<m).map { a[$0][j] }.max()! }.min()!
        let v2 = (0..<m).map { i in b[i].max()! }.min()!
        return Disagreement(PayoffPair(v1, v2), source: .pureMinmax)
    }
}
