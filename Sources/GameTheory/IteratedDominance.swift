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
/// `dominators` says which strategies may dominate: pure ones, or also mixed ones
/// (`.mixedStrategies`). Dominance by a mixture σ of the player's other surviving actions is
/// decided by a linear program (see `mixedDominator`): strict when
/// `max ε s.t. Σ_b σ_b uₚ(b, s₋ₚ) − uₚ(a, s₋ₚ) ≥ ε ∀ s₋ₚ` has ε > 0; weak when the
/// differences can all be ≥ 0 with a positive sum. Pure dominators are tried first; the
/// reported `dominator` is the LP's mixture (a vertex of the dominating set).
///
/// - Complexity: O(R · N · maxᵢ nᵢ² · ∏ nᵢ) for R rounds (R ≤ Σ nᵢ) with pure dominators;
///   mixed adds one LP (nᵢ variables, ∏ⱼ≠ᵢ nⱼ rows) per surviving action and round.
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
        /// Pure and mixed strategies (one linear program per undominated-by-pure action).
        case mixedStrategies = "mixed"
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
            var removal = [(Int, Int, [Double])]()
            for p in 0..<n {
                for a in 0..<shape[p] where alive[p][a] {
                    var dominated = false
                    for b in 0..<shape[p] where b != a && alive[p][b] {
                        if dominates(b, a, player: p, t, shape, strides, alive, eps) {
                            var dom = [Double](repeating: 0, count: shape[p])
                            dom[b] = 1
                            removal.append((p, a, dom))
                            dominated = true
                            break
                        }
                    }
                    if !dominated && dominators == .mixedStrategies,
                       let mix = mixedDominator(a, player: p, t, shape, strides, alive, eps) {
                        removal.append((p, a, mix))
                    }
                }
            }
            if removal.isEmpty { break }
            round += 1
            for (p, a, dom) in removal {
                alive[p][a] = false
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

    /// A mixture of player p's other surviving actions that dominates a (strictly or weakly,
    /// per `kind`) against every surviving profile of the others, as a probability vector over
    /// all of p's actions; nil when there is none (the LP's optimum is not positive, or the LP
    /// is infeasible, which happens for weak dominance only).
    ///
    /// Strict: variables σ_b (b ≠ a surviving), ε free; maximise ε s.t. for every surviving
    /// s₋ₚ, `Σ_b σ_b uₚ(b, s₋ₚ) − ε ≥ uₚ(a, s₋ₚ)`, Σσ = 1; dominated iff ε* > 0 (> tolerance in
    /// floating point). Weak: maximise `Σ_{s₋ₚ} Σ_b σ_b uₚ(b, s₋ₚ)` s.t.
    /// `Σ_b σ_b uₚ(b, s₋ₚ) ≥ uₚ(a, s₋ₚ)`, Σσ = 1; dominated iff the optimum exceeds
    /// `Σ uₚ(a, s₋ₚ)`.
    func mixedDominator<T: GameScalar>(_ a: Int, player p: Int, _ t: [[T]], _ shape: [Int],
                                       _ strides: [Int], _ alive: [[Bool]], _ eps: Double) -> [Double]? {
        let others = (0..<shape[p]).filter { $0 != a && alive[p][$0] }
        guard others.count >= 2 else { return nil }   // one other action: the pure test decided
        let n = shape.count
        // The others' surviving profiles, as base flat indices with p's action 0.
        var bases = [0]
        for q in 0..<n where q != p {
            var next = [Int]()
            for base in bases { for c in 0..<shape[q] where alive[q][c] { next.append(base + c * strides[q]) } }
            bases = next
        }
        let width = others.count + (kind == .strict ? 1 : 0)
        var rows = [LinearProgram<T>.Constraint]()
        var objective = [T](repeating: T.zero, count: width)
        var threshold = T.zero
        for base in bases {
            var coef = others.map { t[p][base + $0 * strides[p]] }
            let ua = t[p][base + a * strides[p]]
            if kind == .strict { coef.append(-T.one) } else {
                for i in 0..<others.count { objective[i] = objective[i] + coef[i] }
                threshold = threshold + ua
            }
            rows.append(.init(coef, .greaterOrEqual, ua))
        }
        var simplex = [T](repeating: T.one, count: others.count)
        if kind == .strict { simplex.append(T.zero); objective[others.count] = T.one }
        rows.append(.init(simplex, .equal, T.one))
        let lp = LinearProgram<T>(sense: .maximize, objective: objective, constraints: rows,
                                  freeVariables: kind == .strict ? [others.count] : [])
        guard let solution = try? lp.solve().solution else {
            // The floating-point simplex can misreport a highly degenerate program as infeasible
            // (the strict program is always feasible); rather than silently keep the action,
            // decide it exactly on the exact values of the same payoffs.
            if !T.isExact, let exact = Optional(t.map { $0.compactMap { Rational(exactly: $0.doubleValue) } }),
               zip(exact, t).allSatisfy({ $0.count == $1.count }) {
                return mixedDominator(a, player: p, exact, shape, strides, alive, eps)
            }
            return nil
        }
        let gain = kind == .strict ? solution.value : solution.value - threshold
        let dominated = T.isExact ? gain > T.zero : gain.doubleValue > eps
        guard dominated else { return nil }
        var mix = [Double](repeating: 0, count: shape[p])
        for (i, b) in others.enumerated() { mix[b] = max(0, solution.x[i].doubleValue) }
        return mix
    }
}
