/// Iterated elimination of dominated strategies in an N-player game, with the order of
/// elimination reported.
///
/// Definitions (index convention: `actions[p]`, profiles in Gambit order): among the actions
/// still present, player p's action a is *strictly dominated* by b when
/// `uₚ(b, s₋ₚ) > uₚ(a, s₋ₚ)` for every surviving profile s₋ₚ of the others, and *weakly
/// dominated* when `≥` holds everywhere and `>` somewhere. Each round removes, for every
/// player at once, every action dominated by a surviving action of the same player; rounds
/// repeat until none is dominated. In exact arithmetic (default on games with exact payoffs)
/// comparisons are exact; in floating point a difference must exceed `tolerance` to count.
///
/// Iterated strict dominance gives the same survivors in any order (Gilboa, Kalai & Zemel
/// 1990); iterated *weak* dominance does not, and the survivors reported here are those of
/// the simultaneous "all dominated actions each round" order, which the report lists.
///
/// Extension point: `dominators` says which strategies may dominate. Only pure strategies
/// are checked now; dominance by *mixed* strategies needs a linear program per action and
/// belongs with the LP solver (a `.mixedStrategies` case then joins `Dominators`, and an
/// `Elimination`'s `dominator` is already a probability vector so its shape does not change).
///
/// - Complexity: O(R · N · maxᵢ nᵢ² · ∏ nᵢ) for R rounds (R ≤ Σ nᵢ).
/// - Degenerate inputs: duplicated actions never weakly dominate each other (no strict
///   inequality), so both survive; a player is never left without an action.
///
/// References:
/// - Gilboa, I., Kalai, E. & Zemel, E. (1990). On the order of eliminating dominated strategies.
///   Operations Research Letters 9(2), 85–89. doi:10.1016/0167-6377(90)90046-8
public struct IteratedDominance: Sendable {
    /// Strict or weak dominance.
    public enum Kind: String, Sendable, Codable { case strict, weak }
    /// Which strategies are allowed to dominate.
    public enum Dominators: String, Sendable, Codable {
        /// Pure strategies only.
        case pureStrategies = "pure"
    }

    /// One removed action.
    public struct Elimination: Sendable, Equatable {
        /// 1-based round in which it was removed.
        public let round: Int
        public let player: Int
        public let action: Int
        /// The dominating strategy of `player` as a probability vector over its actions
        /// (a unit vector for a pure dominator).
        public let dominator: [Double]
    }

    /// What survived and in which order the rest went.
    public struct Result: Sendable, Equatable {
        /// `survivors[p]`: player p's remaining actions, ascending.
        public let survivors: [[Int]]
        /// Eliminations in order: by round, then player, then action.
        public let eliminations: [Elimination]
        /// Rounds in which something was removed.
        public let rounds: Int
        public let arithmetic: Arithmetic
    }

    public var kind: Kind
    public var dominators: Dominators
    public var arithmetic: Arithmetic
    /// Floating point only: differences of at most this much count as ties.
    public var tolerance: Double

    public init(kind: Kind = .strict, dominators: Dominators = .pureStrategies,
                arithmetic: Arithmetic = .exact, tolerance: Double = 1e-12) {
        self.kind = kind
        self.dominators = dominators
        self.arithmetic = arithmetic
        self.tolerance = tolerance
    }

    public func solve(_ game: NormalFormGame) -> Result {
        if arithmetic == .exact && game.hasExactPayoffs { return run(game, Rational.self, .exact) }
        return run(game, Double.self, .floatingPoint)
    }

    private func run<T: GameScalar>(_ game: NormalFormGame, _: T.Type, _ arith: Arithmetic) -> Result {
        let t = game.table(T.self)
        let shape = game.shape
        let n = shape.count
        var strides = [Int](repeating: 1, count: n)
        for p in 1..<max(1, n) { strides[p] = strides[p - 1] * shape[p - 1] }
        var alive = shape.map { [Bool](repeating: true, count: $0) }
        let eps = T.isExact ? 0.0 : tolerance
        var eliminations = [Elimination]()
        var round = 0
        while true {
            var removal = [(Int, Int, Int)]()
            for p in 0..<n {
                for a in 0..<shape[p] where alive[p][a] {
                    for b in 0..<shape[p] where b != a && alive[p][b] {
                        if dominates(b, a, player: p, t, shape, strides, alive, eps) {
                            removal.append((p, a, b))
                            break
                        }
                    }
                }
            }
            if removal.isEmpty { break }
            round += 1
            for (p, a, b) in removal {
                alive[p][a] = false
                var dom = [Double](repeating: 0, count: shape[p])
                dom[b] = 1
                eliminations.append(Elimination(round: round, player: p, action: a, dominator: dom))
            }
        }
        let survivors = alive.map { v in v.indices.filter { v[$0] } }
        return Result(survivors: survivors, eliminations: eliminations, rounds: round, arithmetic: arith)
    }

    /// Whether b dominates a for player p against every surviving profile of the others.
    private func dominates<T: GameScalar>(_ b: Int, _ a: Int, player p: Int, _ t: [[T]], _ shape: [Int],
                                          _ strides: [Int], _ alive: [[Bool]], _ eps: Double) -> Bool {
        let n = shape.count
        var idx = [Int](repeating: 0, count: n)
        var somewhereStrict = false
        let total = shape.reduce(1, *) / shape[p]
        for _ in 0..<total {
            // idx runs over the others' profiles (idx[p] stays 0)
            var ok = true
            for q in 0..<n where q != p && !alive[q][idx[q]] { ok = false; break }
            if ok {
                var base = 0
                for q in 0..<n where q != p { base += idx[q] * strides[q] }
                let ub = t[p][base + b * strides[p]], ua = t[p][base + a * strides[p]]
                let diff = (ub - ua).doubleValue
                if T.isExact {
                    if kind == .strict { if !(ub > ua) { return false } }
                    else {
                        if ub < ua { return false }
                        if ub > ua { somewhereStrict = true }
                    }
                } else {
                    if kind == .strict { if !(diff > eps) { return false } }
                    else {
                        if diff < -eps { return false }
                        if diff > eps { somewhereStrict = true }
                    }
                }
            }
            var q = 0
            while q < n {
                if q == p { q += 1; continue }
                idx[q] += 1
                if idx[q] < shape[q] { break }
                idx[q] = 0
                q += 1
            }
        }
        return kind == .strict ? true : somewhereStrict
    }
}
