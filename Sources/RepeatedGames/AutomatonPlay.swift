import GameTheory
import LinearAlgebra

/// The Markov chain of two automata playing a two-player stage game with implementation
/// errors: state pairs reachable from the initial pair, transition probabilities and
/// expected stage payoffs.
///
/// Noise: each player's intended action is replaced, with probability ε, by one of its other
/// actions chosen uniformly (for two actions: flipped).
struct ProductChain<T: GameScalar> {
    /// `states[k] = (s₁, s₂)`.
    var states: [(Int, Int)]
    /// Row-major `P[k][l]`.
    var transition: [[T]]
    /// `reward[p][k]`: player p's expected stage payoff in state pair k.
    var reward: [[T]]
    var index: [Int: Int]

    /// The realised-action distribution of an intended mixed action under noise `eps`.
    static func realised(_ intended: [T], eps: T) -> [T] {
        let k = intended.count
        if k == 1 || eps == T.zero { return intended }
        let spread = eps / T(k - 1)
        return (0..<k).map { a in
            var s = T.zero
            for b in 0..<k where intended[b] != T.zero { s = s + intended[b] * (a == b ? T.one - eps : spread) }
            return s
        }
    }

    /// - Parameter everyProfile: also follow profiles the automata would not play (for the
    ///   subgame-perfection check: every history, including deviations).
    init(_ m1: Automaton, _ m2: Automaton, game: NormalFormGame, noise: T, everyProfile: Bool = false) throws {
        guard game.playerCount == 2 else { throw RepeatedGameError.needsTwoPlayers(method: "automaton play", players: game.playerCount) }
        let n1 = game.shape[0], n2 = game.shape[1]
        guard m1.actionCount == n1, m1.opponentActionCount == n2 else {
            throw RepeatedGameError.invalidAutomaton(automaton: m1.name, reason: "it is for \(m1.actionCount)×\(m1.opponentActionCount) games; the game is \(n1)×\(n2)")
        }
        guard m2.actionCount == n2, m2.opponentActionCount == n1 else {
            throw RepeatedGameError.invalidAutomaton(automaton: m2.name, reason: "as column player it needs \(n2) own and \(n1) opponent actions; it has \(m2.actionCount) and \(m2.opponentActionCount)")
        }
        let table = game.table(T.self)
        let out1 = m1.output.map { o in ProductChain.realised(o.map { T.fromRational($0) }, eps: noise) }
        let out2 = m2.output.map { o in ProductChain.realised(o.map { T.fromRational($0) }, eps: noise) }
        var states = [(Int, Int)]()
        var index = [Int: Int]()
        func key(_ s1: Int, _ s2: Int) -> Int { s1 * m2.stateCount + s2 }
        states.append((m1.initialState, m2.initialState))
        index[key(m1.initialState, m2.initialState)] = 0
        var edges = [[(Int, T)]]()
        var rewards = [[T]](repeating: [], count: 2)
        var k = 0
        while k < states.count {
            let (s1, s2) = states[k]
            var row = [Int: T]()
            var r0 = T.zero, r1 = T.zero
            for b in 0..<n2 {
                let pb = out2[s2][b]
                for a in 0..<n1 {
                    let pa = out1[s1][a]
                    let w = pa * pb
                    let playable = w != T.zero
                    guard playable || everyProfile else { continue }
                    let t1 = m1.next[s1][a + n1 * b], t2 = m2.next[s2][b + n2 * a]
                    let kk = key(t1, t2)
                    var l = index[kk]
                    if l == nil {
                        l = states.count
                        index[kk] = l
                        states.append((t1, t2))
                    }
                    if playable {
                        row[l!, default: T.zero] = row[l!, default: T.zero] + w
                        r0 = r0 + w * table[0][a + n1 * b]
                        r1 = r1 + w * table[1][a + n1 * b]
                    }
                }
            }
            edges.append(row.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
            rewards[0].append(r0)
            rewards[1].append(r1)
            k += 1
        }
        let n = states.count
        var p = [[T]](repeating: [T](repeating: T.zero, count: n), count: n)
        for (i, row) in edges.enumerated() { for (j, w) in row { p[i][j] = w } }
        self.states = states
        self.transition = p
        self.reward = rewards
        self.index = index
    }

    /// Normalised discounted values `v = (1 − δ)(I − δP)⁻¹ r` for both players, in every state.
    func discountedValues(delta: T) throws -> [[T]] {
        let n = states.count
        var m = [[T]](repeating: [T](repeating: T.zero, count: n), count: n)
        for i in 0..<n { for j in 0..<n { m[i][j] = (i == j ? T.one : T.zero) - delta * transition[i][j] } }
        let rhs = reward.map { $0.map { (T.one - delta) * $0 } }
        return try solveLinearSystem(m, rhs)
    }

    /// Limit-of-means payoffs from the initial state pair: the stationary distributions of the
    /// closed classes reachable from it, weighted by the probabilities of absorption.
    func limitOfMeans() throws -> [T] {
        let n = states.count
        let classes = closedClasses()
        var inClass = [Int](repeating: -1, count: n)
        for (c, members) in classes.enumerated() { for s in members { inClass[s] = c } }
        // Each closed class's long-run average reward.
        var classValue = [[T]]()
        for members in classes {
            let k = members.count
            // (I − P_CC)ᵀ π = 0 with the last equation replaced by Σπ = 1.
            var a = [[T]](repeating: [T](repeating: T.zero, count: k), count: k)
            for i in 0..<k { for j in 0..<k {
                a[i][j] = (i == j ? T.one : T.zero) - transition[members[j]][members[i]]
            } }
            for j in 0..<k { a[k - 1][j] = T.one }
            var b = [T](repeating: T.zero, count: k); b[k - 1] = T.one
            let pi = try solveLinearSystem(a, [b])[0]
            classValue.append((0..<2).map { p in
                var s = T.zero
                for i in 0..<k { s = s + pi[i] * reward[p][members[i]] }
                return s
            })
        }
        if inClass[0] >= 0 { return classValue[inClass[0]] }
        // Absorption probabilities from the transient states.
        let transient = (0..<n).filter { inClass[$0] < 0 }
        let pos = Dictionary(uniqueKeysWithValues: transient.enumerated().map { ($1, $0) })
        let t = transient.count
        var a = [[T]](repeating: [T](repeating: T.zero, count: t), count: t)
        for (i, s) in transient.enumerated() { for (j, u) in transient.enumerated() {
            a[i][j] = (i == j ? T.one : T.zero) - transition[s][u]
        } }
        let rhs = classes.indices.map { c in
            transient.map { s in
                var w = T.zero
                for u in 0..<n where inClass[u] == c { w = w + transition[s][u] }
                return w
            }
        }
        let absorb = try solveLinearSystem(a, rhs)
        return (0..<2).map { p in
            var s = T.zero
            for c in classes.indices { s = s + absorb[c][pos[0]!] * classValue[c][p] }
            return s
        }
    }

    /// The closed communicating classes (strongly connected components without exit), by
    /// Tarjan's algorithm.
    func closedClasses() -> [[Int]] {
        let n = states.count
        var idx = [Int](repeating: -1, count: n), low = [Int](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var stack = [Int](), comps = [[Int]](), counter = 0
        func succ(_ v: Int) -> [Int] { (0..<n).filter { transition[v][$0] != T.zero } }
        func visit(_ v: Int) {
            idx[v] = counter; low[v] = counter; counter += 1
            stack.append(v); onStack[v] = true
            for w in succ(v) {
                if idx[w] < 0 { visit(w); low[v] = min(low[v], low[w]) }
                else if onStack[w] { low[v] = min(low[v], idx[w]) }
            }
            if low[v] == idx[v] {
                var comp = [Int]()
                while true {
                    let w = stack.removeLast(); onStack[w] = false; comp.append(w)
                    if w == v { break }
                }
                comps.append(comp.sorted())
            }
        }
        for v in 0..<n where idx[v] < 0 { visit(v) }
        return comps.filter { comp in
            let set = Set(comp)
            return comp.allSatisfy { v in succ(v).allSatisfy { set.contains($0) } }
        }.sorted { $0[0] < $1[0] }
    }
}

extension GameScalar {
    /// The value of an exact fraction in this arithmetic.
    static func fromRational(_ r: Rational) -> Self {
        if Self.self == Rational.self { return r as! Self }
        return (r.doubleValue as Double) as! Self
    }
}

/// Solves `A xₖ = bₖ` for each right-hand side `bₖ` (A given as rows): LAPACK LU in `Double`,
/// exact Gaussian elimination with the first non-zero pivot in `Rational`.
func solveLinearSystem<T: GameScalar>(_ a: [[T]], _ rhs: [[T]]) throws -> [[T]] {
    let n = a.count
    if n == 0 { return rhs }
    if T.self == Double.self {
        let m = Matrix(a as! [[Double]])
        let b = Matrix(rows: n, columns: rhs.count, columnMajor: (rhs as! [[Double]]).flatMap { $0 })
        do {
            let lu = try LUDecomposition(m)
            let x = try lu.solve(b)
            return (0..<rhs.count).map { x.column($0) as! [T] }
        } catch {
            throw RepeatedGameError.numerical("linear system of the automaton chain: \(error)")
        }
    }
    var m = a
    var b = rhs
    for col in 0..<n {
        guard let piv = (col..<n).first(where: { m[$0][col] != T.zero }) else {
            throw RepeatedGameError.numerical("linear system of the automaton chain is singular (column \(col + 1))")
        }
        if piv != col {
            m.swapAt(piv, col)
            for k in b.indices { b[k].swapAt(piv, col) }
        }
        let p = m[col][col]
        for r in 0..<n where r != col && m[r][col] != T.zero {
            let f = m[r][col] / p
            for c in col..<n { m[r][c] = m[r][c] - f * m[col][c] }
            for k in b.indices { b[k][r] = b[k][r] - f * b[k][col] }
        }
    }
    return b.map { col in (0..<n).map { col[$0] / m[$0][$0] } }
}

/// Validates a noise level ε ∈ [0, 1).
func validateNoise<T: GameScalar>(_ eps: T) throws {
    guard eps >= T.zero, eps < T.one else { throw RepeatedGameError.probabilityOutOfRange(name: "noise ε", value: "\(eps)") }
}

/// Normalised discounted payoffs `(1 − δ) Σₜ δᵗ E[u(aₜ)]` of automaton `m1` (row player) and
/// `m2` (column player) in `game`, with implementation errors of probability `noise`.
///
/// Solved exactly as the linear system `(I − δP) v = (1 − δ) r` over the reachable state
/// pairs of the product automaton (LAPACK LU in `Double`; exact elimination in `Rational`).
///
/// - Complexity: O(k³) for k reachable state pairs (at most the product of the state counts).
public func discountedPayoffs<T: GameScalar>(_ m1: Automaton, _ m2: Automaton, in game: NormalFormGame,
                                             delta: T, noise: T = T.zero) throws -> [T] {
    try validateDiscountFactor(delta)
    try validateNoise(noise)
    let chain = try ProductChain<T>(m1, m2, game: game, noise: noise)
    let v = try chain.discountedValues(delta: delta)
    return [v[0][0], v[1][0]]
}

/// Limit-of-means payoffs `lim (1/T) Σₜ E[u(aₜ)]` of automaton `m1` (row) against `m2`
/// (column), with implementation errors of probability `noise`; well defined for reducible
/// and periodic chains (the Cesàro limit).
///
/// - Complexity: O(k³) for k reachable state pairs.
public func limitOfMeansPayoffs<T: GameScalar>(_ m1: Automaton, _ m2: Automaton, in game: NormalFormGame,
                                               noise: T = T.zero) throws -> [T] {
    try validateNoise(noise)
    return try ProductChain<T>(m1, m2, game: game, noise: noise).limitOfMeans()
}

/// The payoff matrix of a round-robin tournament: `payoffs[i][j]` is automaton i's normalised
/// discounted payoff as row player against automaton j as column player.
public struct Tournament: Sendable {
    public var names: [String]
    public var payoffs: [[Double]]
    /// Each automaton's mean payoff over all opponents (itself included).
    public var meanPayoffs: [Double] { payoffs.map { $0.reduce(0, +) / Double(max(1, $0.count)) } }

    /// Plays every ordered pair (each unordered pair once when the game is symmetric,
    /// `B = Aᵀ`, and every automaton fits both roles).
    ///
    /// - Complexity: O(n² k³) for n automata with k reachable state pairs per match.
    public init(_ automata: [Automaton], game: NormalFormGame, delta: Double, noise: Double = 0) throws {
        try validateDiscountFactor(delta)
        try validateNoise(noise)
        let n = automata.count
        let (a, b) = game.bimatrixRows(Double.self)
        let symmetric = a.count == a[0].count && a.indices.allSatisfy { i in a.indices.allSatisfy { a[i][$0] == b[$0][i] } }
        var m = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in (symmetric ? i : 0)..<n {
                let v: [Double] = try discountedPayoffs(automata[i], automata[j], in: game, delta: delta, noise: noise)
                m[i][j] = v[0]
                if symmetric { m[j][i] = v[1] }
            }
        }
        names = automata.map(\.name)
        payoffs = m
    }
}

/// The verdict of the one-shot deviation check of a pair of automata.
public struct SubgamePerfectionCheck: Sendable {
    public struct Violation: Sendable, Equatable {
        /// The state names of the two automata.
        public var states: [String]
        public var player: Int
        /// The profitable intended action (zero-based).
        public var action: Int
        /// Its gain over following the automaton (normalised discounted units).
        public var gain: Double
    }
    /// The number of state pairs examined (every pair reachable by any history).
    public var statePairsChecked: Int
    public var violations: [Violation]
    public var isSubgamePerfect: Bool { violations.isEmpty }
}

/// Whether the automata pair is a subgame-perfect equilibrium: by the one-shot deviation
/// principle, no player gains by changing the intended action once at any state pair
/// reachable by some history (deviations included), given the automata thereafter.
///
/// - Complexity: O(k³ + k · n₁ n₂) for k state pairs reachable by any history.
/// - References: D. Abreu (1988), "On the theory of infinitely repeated games with
///   discounting", Econometrica 56(2), 383–396. doi:10.2307/1911077
public func checkSubgamePerfection(_ m1: Automaton, _ m2: Automaton, in game: NormalFormGame, delta: Double,
                                   noise: Double = 0, tolerance: Double = 1e-9) throws -> SubgamePerfectionCheck {
    try validateDiscountFactor(delta)
    try validateNoise(noise)
    let chain = try ProductChain<Double>(m1, m2, game: game, noise: noise, everyProfile: true)
    let v = try chain.discountedValues(delta: delta)
    let n1 = game.shape[0], n2 = game.shape[1]
    let table = game.table(Double.self)
    var violations = [SubgamePerfectionCheck.Violation]()
    for (k, (s1, s2)) in chain.states.enumerated() {
        let own = [m1.output[s1].map(\.doubleValue), m2.output[s2].map(\.doubleValue)]
        for p in 0..<2 {
            let count = p == 0 ? n1 : n2
            var best = -Double.infinity, bestAction = 0
            for b in 0..<count {
                var intended = [Double](repeating: 0, count: count); intended[b] = 1
                let mine = ProductChain<Double>.realised(intended, eps: noise)
                let theirs = ProductChain<Double>.realised(own[1 - p], eps: noise)
                var q = 0.0
                for x in 0..<count where mine[x] > 0 {
                    for y in 0..<(p == 0 ? n2 : n1) where theirs[y] > 0 {
                        let (a1, a2) = p == 0 ? (x, y) : (y, x)
                        let t = chain.index[m1.next[s1][a1 + n1 * a2] * m2.stateCount + m2.next[s2][a2 + n2 * a1]]!
                        q += mine[x] * theirs[y] * ((1 - delta) * table[p][a1 + n1 * a2] + delta * v[p][t])
                    }
                }
                if q > best { best = q; bestAction = b }
            }
            let gain = best - v[p][k]
            if gain > tolerance {
                violations.append(.init(states: [m1.stateNames[s1], m2.stateNames[s2]], player: p, action: bestAction, gain: gain))
            }
        }
    }
    return SubgamePerfectionCheck(statePairsChecked: chain.states.count, violations: violations)
}
