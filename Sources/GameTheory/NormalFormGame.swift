/// A finite game in strategic (normal) form with N ≥ 1 players.
///
/// Index convention (Gambit's): a pure profile `[a₀, a₁, …, a_{N−1}]` is stored at flat index
/// `a₀ + n₀·(a₁ + n₁·(a₂ + …))`, i.e. player 0's action varies fastest. For two players,
/// `A[i][j] = payoff(0, [i, j])` and `B[i][j] = payoff(1, [i, j])` with `i` the row player's
/// action, the convention of the bimatrix literature (von Stengel 2007).
///
/// Payoffs are kept as `Double`, and also exactly (`Rational`) when they came from a file or
/// from exact values; solvers use the exact table when it is present.
public struct NormalFormGame: Sendable, Equatable {
    public var title: String
    /// Free-text comment (Gambit's second quoted string).
    public var comment: String
    public var players: [String]
    /// `actions[p]` names player p's pure strategies, in file order.
    public var actions: [[String]]
    /// `payoffTable[p][k]`: player p's payoff at the profile with flat index `k`.
    public private(set) var payoffTable: [[Double]]
    /// The same payoffs exactly, or `nil` when the game came from floating-point computation.
    public private(set) var exactPayoffTable: [[Rational]]?

    /// Number of pure strategies of each player.
    public var shape: [Int] { actions.map(\.count) }
    public var playerCount: Int { players.count }
    /// Number of pure strategy profiles.
    public var profileCount: Int { shape.reduce(1, *) }
    public var hasExactPayoffs: Bool { exactPayoffTable != nil }

    /// A game from exact payoffs: `payoffs[p][k]` in flat-index order (see the type's doc).
    public init(title: String = "", comment: String = "", players: [String], actions: [[String]],
                exactPayoffs: [[Rational]]) throws {
        try NormalFormGame.validate(players: players, actions: actions, tableCounts: exactPayoffs.map(\.count))
        self.title = title
        self.comment = comment
        self.players = players
        self.actions = actions
        self.exactPayoffTable = exactPayoffs
        self.payoffTable = exactPayoffs.map { $0.map(\.doubleValue) }
    }

    /// A game from floating-point payoffs. Non-finite payoffs are rejected.
    public init(title: String = "", comment: String = "", players: [String], actions: [[String]],
                payoffs: [[Double]]) throws {
        try NormalFormGame.validate(players: players, actions: actions, tableCounts: payoffs.map(\.count))
        for (p, row) in payoffs.enumerated() {
            if let k = row.firstIndex(where: { !$0.isFinite }) {
                throw GameError.invalidPayoff(player: p, profileIndex: k, value: "\(row[k])")
            }
        }
        self.title = title
        self.comment = comment
        self.players = players
        self.actions = actions
        self.payoffTable = payoffs
        self.exactPayoffTable = nil
    }

    /// A two-player game from payoff matrices `A` (row player) and `B` (column player), given
    /// as rows. Actions are named `1, 2, …` unless given.
    public static func bimatrix(_ a: [[Rational]], _ b: [[Rational]], title: String = "",
                                players: [String] = ["1", "2"],
                                actions: [[String]]? = nil) throws -> NormalFormGame {
        let m = a.count, n = a.first?.count ?? 0
        guard b.count == m, a.allSatisfy({ $0.count == n }), b.allSatisfy({ $0.count == n }) else {
            throw GameError.shapeMismatch("payoff matrices must both be \(m)×\(n)")
        }
        let names = actions ?? [(1...max(m, 1)).prefix(m).map(String.init), (1...max(n, 1)).prefix(n).map(String.init)]
        var ta = [Rational](), tb = [Rational]()
        ta.reserveCapacity(m * n); tb.reserveCapacity(m * n)
        for j in 0..<n { for i in 0..<m { ta.append(a[i][j]); tb.append(b[i][j]) } }
        return try NormalFormGame(title: title, players: players, actions: names, exactPayoffs: [ta, tb])
    }

    /// A two-player game from integer payoff matrices.
    public static func bimatrix(_ a: [[Int]], _ b: [[Int]], title: String = "",
                                players: [String] = ["1", "2"], actions: [[String]]? = nil) throws -> NormalFormGame {
        try bimatrix(a.map { $0.map { Rational($0) } }, b.map { $0.map { Rational($0) } },
                     title: title, players: players, actions: actions)
    }

    /// A two-player game from floating-point payoff matrices (no exact table).
    public static func bimatrix(_ a: [[Double]], _ b: [[Double]], title: String = "",
                                players: [String] = ["1", "2"], actions: [[String]]? = nil) throws -> NormalFormGame {
        let m = a.count, n = a.first?.count ?? 0
        guard b.count == m, a.allSatisfy({ $0.count == n }), b.allSatisfy({ $0.count == n }) else {
            throw GameError.shapeMismatch("payoff matrices must both be \(m)×\(n)")
        }
        let names = actions ?? [(0..<m).map { String($0 + 1) }, (0..<n).map { String($0 + 1) }]
        var ta = [Double](), tb = [Double]()
        for j in 0..<n { for i in 0..<m { ta.append(a[i][j]); tb.append(b[i][j]) } }
        return try NormalFormGame(title: title, players: players, actions: names, payoffs: [ta, tb])
    }

    private static func validate(players: [String], actions: [[String]], tableCounts: [Int]) throws {
        guard !players.isEmpty else { throw GameError.noPlayers }
        guard actions.count == players.count else {
            throw GameError.shapeMismatch("\(players.count) players but \(actions.count) action lists")
        }
        for (p, a) in actions.enumerated() where a.isEmpty {
            throw GameError.noActions(player: players[p])
        }
        var count = 1
        for a in actions {
            let (c, overflow) = count.multipliedReportingOverflow(by: a.count)
            guard !overflow, c <= NormalFormGame.maximumProfileCount else {
                throw GameError.tooLarge(profiles: overflow ? "more than \(Int.max)" : "\(c)",
                                         limit: NormalFormGame.maximumProfileCount)
            }
            count = c
        }
        guard tableCounts.count == players.count, tableCounts.allSatisfy({ $0 == count }) else {
            throw GameError.shapeMismatch("expected \(players.count) payoff tables of \(count) entries each")
        }
    }

    /// The largest number of pure profiles a game may have (about 800 MB of payoffs for two
    /// players); larger declared sizes are rejected before anything is allocated.
    public static let maximumProfileCount = 50_000_000

    /// The flat index of a pure profile.
    @inlinable
    public func profileIndex(_ profile: [Int]) -> Int {
        var k = 0
        var stride = 1
        for (p, a) in profile.enumerated() {
            k += a * stride
            stride *= actions[p].count
        }
        return k
    }

    /// The pure profile at a flat index.
    public func profile(at index: Int) -> [Int] {
        var k = index
        return shape.map { n in
            let a = k % n
            k /= n
            return a
        }
    }

    /// Player `p`'s payoff at a pure profile.
    public func payoff(_ p: Int, _ profile: [Int]) -> Double { payoffTable[p][profileIndex(profile)] }

    /// Player `p`'s exact payoff at a pure profile (`nil` without an exact table).
    public func exactPayoff(_ p: Int, _ profile: [Int]) -> Rational? {
        exactPayoffTable?[p][profileIndex(profile)]
    }

    /// The payoff table in the requested arithmetic. For `Rational`, floating-point payoffs are
    /// converted exactly (each double is a dyadic rational) when there is no exact table.
    public func table<T: GameScalar>(_: T.Type) -> [[T]] {
        if T.self == Double.self { return payoffTable as! [[T]] }
        if let e = exactPayoffTable { return e as! [[T]] }
        return payoffTable.map { $0.map { Rational(exactly: $0)! } } as! [[T]]
    }

    /// For two players: the payoff matrices `(A, B)` as rows, `A[i][j]` and `B[i][j]` with
    /// `i` the row player's action.
    public func bimatrixRows<T: GameScalar>(_: T.Type) -> (a: [[T]], b: [[T]]) {
        precondition(playerCount == 2, "bimatrixRows needs a two-player game")
        let t = table(T.self)
        let m = actions[0].count, n = actions[1].count
        var a = [[T]](repeating: [T](repeating: T.zero, count: n), count: m)
        var b = a
        for j in 0..<n { for i in 0..<m { a[i][j] = t[0][i + m * j]; b[i][j] = t[1][i + m * j] } }
        return (a, b)
    }

    /// The same game with exact payoffs dropped (for floating-point solving on request).
    public var floatingPoint: NormalFormGame {
        var g = self
        g.exactPayoffTable = nil
        return g
    }
}

/// Errors in the construction of a game (file readers add the position; see `GameFileError`).
public enum GameError: Error, Sendable, Equatable, CustomStringConvertible {
    case noPlayers
    case noActions(player: String)
    case shapeMismatch(String)
    case invalidPayoff(player: Int, profileIndex: Int, value: String)
    case tooLarge(profiles: String, limit: Int)
    case unsupported(String)

    public var description: String {
        switch self {
        case .noPlayers: return "the game has no players"
        case .noActions(let p): return "player \(p) has no strategies"
        case .shapeMismatch(let s): return s
        case .invalidPayoff(let p, let k, let v):
            return "payoff of player \(p + 1) at profile \(k + 1) is \(v); payoffs must be finite numbers"
        case .tooLarge(let n, let limit): return "the game has \(n) strategy profiles; at most \(limit) are supported"
        case .unsupported(let s): return s
        }
    }
}
