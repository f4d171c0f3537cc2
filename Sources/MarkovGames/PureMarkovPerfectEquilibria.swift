import GameTheory

/// All pure stationary Markov perfect equilibria of a Markov game with any number of
/// players, by exhaustive search with sound pruning.
///
/// Definition: a pure stationary profile `a = (a(s))ₛ` is a Markov perfect equilibrium when,
/// with its values `vₚ = (I − δₚ P_a)⁻¹ rₚ,a`, no player gains by a one-shot deviation in any
/// state: `uₚ(s, a'ₚ, a₋ₚ(s)) + δₚ P(· | s, a'ₚ, a₋ₚ(s)) · vₚ ≤ vₚ(s)` for all s, p, a'ₚ.
///
/// Search:
/// 1. *Pruning.* Keep a candidate set of profiles per state (initially all). Bound every
///    candidate combination's values from below and above by the min/max Markov decision
///    problems over the candidates, `Lₚ = min_k [uₚ(s,k) + δₚ P(·|s,k)·Lₚ]` and likewise `Uₚ`
///    (value iteration from `min u/(1−δ)` resp. `max u/(1−δ)`, monotone, so every iterate is a
///    valid bound). Profile k in state s is discarded when some player's one-shot deviation
///    gain is positive for *every* value vector in the box [Lₚ, Uₚ] (its lower bound exceeds
///    `tolerance`). Repeat until nothing changes. No equilibrium is ever discarded.
/// 2. *Branch and bound.* Pick the state with the fewest (but more than one) candidates, fix
///    each of its candidates in turn and prune again with the tighter bounds; a node whose
///    candidate sets are all singletons is a pure profile, evaluated exactly and checked by
///    one-shot deviation in every state (`MarkovEquilibrium`). If more than `maximumNodes`
///    nodes are needed the search stops and the report says it is incomplete.
///
/// Degenerate inputs: payoff ties make several profiles equilibria; all are reported.
/// Floating-point arithmetic: equilibria are profiles with regret ≤ `tolerance`.
///
/// - Complexity: per node O(R · (I · Σₛ Σₖ nnzₛₖ + N · maxₚ nₚ · Σₛ Σₖ nnzₛₖ)) for R pruning
///   rounds of at most I bound iterations, plus O(S³) per leaf; the number of nodes is at most
///   `maximumNodes` (worst case exponential in S: the problem is hard in general).
/// - References: E. Maskin and J. Tirole, "Markov perfect equilibrium: I. Observable actions",
///   *J. Econ. Theory* 100(2):191–219, 2001. doi:10.1006/jeth.2000.2785 (definition);
///   D. Blackwell, "Discounted dynamic programming", *Ann. Math. Statist.* 36(1):226–235, 1965.
///   doi:10.1214/aoms/1177700285 (one-shot deviation / unimprovability).
public struct PureMarkovPerfectEquilibria: Sendable {
    public var tolerance: Double
    public var maximumNodes: Int
    public var boundIterations: Int

    public init(tolerance: Double = 1e-9, maximumNodes: Int = 200_000, boundIterations: Int = 2_000) {
        self.tolerance = tolerance
        self.maximumNodes = maximumNodes
        self.boundIterations = boundIterations
    }

    /// The surviving candidate profiles (flat indices) per state after pruning from the full
    /// sets (the root node of the search).
    public func candidates(_ game: MarkovGame) -> [[Int]] {
        var cand = game.stageGames.map { Array(0..<$0.profileCount) }
        var bounds: [(lo: [Double], hi: [Double])]? = nil
        prune(game, &cand, bounds: &bounds)
        return cand
    }

    /// Prunes `cand` to a fixed point; returns false when some state has no candidate left.
    ///
    /// `bounds` (per player) are value bounds valid for a superset of `cand` — the parent
    /// node's — used as the starting point of the bound iteration (still valid for the subset:
    /// a min over fewer policies is larger); on return they hold the bounds for `cand`.
    @discardableResult
    func prune(_ game: MarkovGame, _ cand: inout [[Int]], bounds: inout [(lo: [Double], hi: [Double])]?) -> Bool {
        let n = game.stateCount
        var scratch = [Double](repeating: 0, count: n)
        while true {
            if cand.contains(where: \.isEmpty) { return false }
            var fresh = [(lo: [Double], hi: [Double])]()
            for p in 0..<game.playerCount { fresh.append(valueBounds(game, cand, player: p, start: bounds?[p])) }
            bounds = fresh
            var removed = false
            for s in 0..<n where cand[s].count > 0 {
                let g = game.stageGames[s]
                let shape = g.shape
                let keep = cand[s].filter { k in
                    let prof = g.profile(at: k)
                    let rowK = game.sparseTransitions[s][k]
                    var stride = 1
                    for p in 0..<game.playerCount {
                        defer { stride *= shape[p] }
                        let d = game.discountFactors[p]
                        let base = k - prof[p] * stride
                        for a in 0..<shape[p] where a != prof[p] {
                            let k2 = base + a * stride
                            var gain = g.payoffTable[p][k2] - g.payoffTable[p][k]
                            if d > 0 {
                                let row2 = game.sparseTransitions[s][k2]
                                for (i, t) in row2.indices.enumerated() { scratch[t] += row2.values[i] }
                                for (i, t) in rowK.indices.enumerated() { scratch[t] -= rowK.values[i] }
                                var c = 0.0
                                for t in row2.indices + rowK.indices where scratch[t] != 0 {
                                    let diff = scratch[t]
                                    c += diff > 0 ? diff * fresh[p].lo[t] : diff * fresh[p].hi[t]
                                    scratch[t] = 0
                                }
                                gain += d * c
                            }
                            if gain > tolerance { return false }
                        }
                    }
                    return true
                }
                if keep.count != cand[s].count { removed = true; cand[s] = keep }
            }
            if !removed { return !cand.contains(where: \.isEmpty) }
        }
    }

    /// Lower and upper bounds on player p's values over all pure stationary profiles that
    /// use only candidate profiles (min and max Markov decision problems, value iteration).
    func valueBounds(_ game: MarkovGame, _ cand: [[Int]], player p: Int,
                     start: (lo: [Double], hi: [Double])? = nil) -> (lo: [Double], hi: [Double]) {
        let n = game.stateCount
        let d = game.discountFactors[p]
        var umin = Double.infinity, umax = -Double.infinity
        for s in 0..<n { for k in cand[s] { umin = min(umin, game.stageGames[s].payoffTable[p][k]); umax = max(umax, game.stageGames[s].payoffTable[p][k]) } }
        var lo = [Double](repeating: umin / (1 - d), count: n)
        var hi = [Double](repeating: umax / (1 - d), count: n)
        if d == 0 { return (lo, hi) }
        if let start {
            // Both are valid bounds; keep the tighter. Iterating x ← max(x, T x) from any valid
            // lower bound stays valid (T is monotone, v* = T v*) and still converges to v*.
            for s in 0..<n { lo[s] = max(lo[s], start.lo[s]); hi[s] = min(hi[s], start.hi[s]) }
        }
        let stop = 1e-12 * max(1, abs(umin), abs(umax)) / (1 - d)
        for _ in 0..<boundIterations {
            var change = 0.0
            // Gauss–Seidel order (in place): still monotone, every iterate a valid bound.
            for s in 0..<n {
                var a = Double.infinity, b = -Double.infinity
                for k in cand[s] {
                    let row = game.sparseTransitions[s][k]
                    let u = game.stageGames[s].payoffTable[p][k]
                    a = min(a, u + d * row.dot(lo))
                    b = max(b, u + d * row.dot(hi))
                }
                if a > lo[s] { change = max(change, a - lo[s]); lo[s] = a }
                if b < hi[s] { change = max(change, hi[s] - b); hi[s] = b }
            }
            if change <= stop { break }
        }
        return (lo, hi)
    }

    public func solve(_ game: MarkovGame) throws -> MarkovEquilibriumReport {
        var root = game.stageGames.map { Array(0..<$0.profileCount) }
        let totalProfiles = game.stageGames.reduce(1.0) { $0 * Double($1.profileCount) }
        var rootBounds: [(lo: [Double], hi: [Double])]? = nil
        let feasible = prune(game, &root, bounds: &rootBounds)
        let combos = feasible ? root.reduce(1.0) { $0 * Double($1.count) } : 0
        var notes = ["root pruning kept \(root.map(\.count).reduce(0, +)) of \(game.stageGames.map(\.profileCount).reduce(0, +)) state-profiles (\(formatCount(combos)) of \(formatCount(totalProfiles)) stationary pure profiles)"]
        var found = [MarkovEquilibrium]()
        var nodes = 0, leaves = 0
        var exhausted = false
        var stack: [(cand: [[Int]], bounds: [(lo: [Double], hi: [Double])]?)] = feasible ? [(root, rootBounds)] : []
        while let (cand, parentBounds) = stack.popLast() {
            nodes += 1
            if nodes > maximumNodes { exhausted = true; break }
            guard let s = (0..<cand.count).filter({ cand[$0].count > 1 }).min(by: { cand[$0].count < cand[$1].count }) else {
                leaves += 1
                let actions = (0..<game.stateCount).map { game.stageGames[$0].profile(at: cand[$0][0]) }
                let eq = try MarkovEquilibrium(game: game, profile: .pure(actions, in: game))
                if eq.regret <= tolerance { found.append(eq) }
                continue
            }
            // Push in reverse so that candidates are explored in increasing profile order.
            for k in cand[s].reversed() {
                var child = cand
                child[s] = [k]
                var b = parentBounds
                if prune(game, &child, bounds: &b) { stack.append((child, b)) }
            }
        }
        // Deterministic order: by the flat profile index in state 0, then state 1, …
        func key(_ e: MarkovEquilibrium) -> [Int] {
            (e.profile.pureActions ?? []).enumerated().map { game.stageGames[$0].profileIndex($1) }
        }
        found.sort { key($0).lexicographicallyPrecedes(key($1)) }
        notes.append("\(nodes) search nodes, \(leaves) profiles evaluated exactly")
        if exhausted {
            notes.append("stopped after maximumNodes = \(maximumNodes) nodes: equilibria outside the explored part may be missing")
        } else if found.isEmpty {
            notes.append("no pure stationary Markov perfect equilibrium exists")
        }
        return MarkovEquilibriumReport(method: "pure-exhaustive", equilibria: found, isComplete: !exhausted,
                                       scope: exhausted ? "part of the pure stationary profiles (node limit reached)"
                                                        : "all pure stationary Markov perfect equilibria",
                                       tolerance: tolerance, converged: !exhausted, iterations: nodes, notes: notes)
    }

    private func formatCount(_ x: Double) -> String {
        x < 1e15 ? String(Int(x)) : "\(x)"
    }
}
