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
/// 2. *Enumeration.* Every combination of surviving candidates is evaluated exactly (LU) and
///    checked by one-shot deviation in every state (`MarkovEquilibrium`). If the number of
///    combinations exceeds `maximumCombinations`, nothing is enumerated and the report says so.
///
/// Degenerate inputs: payoff ties make several profiles equilibria; all are reported.
/// Floating-point arithmetic: equilibria are profiles with regret ≤ `tolerance`.
///
/// - Complexity: pruning O(R · I · S · Σₛ |Aₛ| · N · maxₚ nₚ) for R rounds of I bound
///   iterations; enumeration O(C · (S³ + S · Σₛ|Aₛ|)) for C surviving combinations.
/// - References: E. Maskin and J. Tirole, "Markov perfect equilibrium: I. Observable actions",
///   *J. Econ. Theory* 100(2):191–219, 2001. doi:10.1006/jeth.2000.2785 (definition);
///   D. Blackwell, "Discounted dynamic programming", *Ann. Math. Statist.* 36(1):226–235, 1965.
///   doi:10.1214/aoms/1177700285 (one-shot deviation / unimprovability).
public struct PureMarkovPerfectEquilibria: Sendable {
    public var tolerance: Double
    public var maximumCombinations: Int
    public var boundIterations: Int

    public init(tolerance: Double = 1e-9, maximumCombinations: Int = 1_000_000, boundIterations: Int = 2_000) {
        self.tolerance = tolerance
        self.maximumCombinations = maximumCombinations
        self.boundIterations = boundIterations
    }

    /// The surviving candidate profiles (flat indices) per state after pruning.
    public func candidates(_ game: MarkovGame) -> [[Int]] {
        let n = game.stateCount
        var cand = game.stageGames.map { Array(0..<$0.profileCount) }
        while true {
            if cand.contains(where: \.isEmpty) { return cand }
            var bounds = [(lo: [Double], hi: [Double])]()
            for p in 0..<game.playerCount { bounds.append(valueBounds(game, cand, player: p)) }
            var removed = false
            for s in 0..<n {
                let g = game.stageGames[s]
                let shape = g.shape
                let keep = cand[s].filter { k in
                    let prof = g.profile(at: k)
                    for p in 0..<game.playerCount {
                        let d = game.discountFactors[p]
                        var stride = 1
                        for q in 0..<p { stride *= shape[q] }
                        let base = k - prof[p] * stride
                        let rowK = game.transitions[s][k]
                        for a in 0..<shape[p] where a != prof[p] {
                            let k2 = base + a * stride
                            var gain = g.payoffTable[p][k2] - g.payoffTable[p][k]
                            if d > 0 {
                                let row2 = game.transitions[s][k2]
                                var c = 0.0
                                for t in 0..<n {
                                    let diff = row2[t] - rowK[t]
                                    if diff > 0 { c += diff * bounds[p].lo[t] } else if diff < 0 { c += diff * bounds[p].hi[t] }
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
            if !removed { return cand }
        }
    }

    /// Lower and upper bounds on player p's values over all pure stationary profiles that
    /// use only candidate profiles (min and max Markov decision problems, value iteration).
    func valueBounds(_ game: MarkovGame, _ cand: [[Int]], player p: Int) -> (lo: [Double], hi: [Double]) {
        let n = game.stateCount
        let d = game.discountFactors[p]
        var umin = Double.infinity, umax = -Double.infinity
        for s in 0..<n { for k in cand[s] { umin = min(umin, game.stageGames[s].payoffTable[p][k]); umax = max(umax, game.stageGames[s].payoffTable[p][k]) } }
        var lo = [Double](repeating: umin / (1 - d), count: n)
        var hi = [Double](repeating: umax / (1 - d), count: n)
        if d == 0 { return (lo, hi) }
        for _ in 0..<boundIterations {
            var change = 0.0
            var nlo = lo, nhi = hi
            for s in 0..<n {
                var a = Double.infinity, b = -Double.infinity
                for k in cand[s] {
                    let row = game.transitions[s][k]
                    var cl = 0.0, ch = 0.0
                    for t in 0..<n where row[t] != 0 { cl += row[t] * lo[t]; ch += row[t] * hi[t] }
                    let u = game.stageGames[s].payoffTable[p][k]
                    a = min(a, u + d * cl)
                    b = max(b, u + d * ch)
                }
                // Monotone iteration: keep the tighter of the old and new bounds.
                nlo[s] = max(lo[s], a)
                nhi[s] = min(hi[s], b)
                change = max(change, nlo[s] - lo[s], hi[s] - nhi[s])
            }
            lo = nlo; hi = nhi
            if change <= 1e-12 * max(1, abs(umin), abs(umax)) { break }
        }
        return (lo, hi)
    }

    public func solve(_ game: MarkovGame) throws -> MarkovEquilibriumReport {
        let cand = candidates(game)
        let totalProfiles = game.stageGames.reduce(1.0) { $0 * Double($1.profileCount) }
        let combos = cand.reduce(1.0) { $0 * Double($1.count) }
        var notes = ["pruning kept \(cand.map(\.count).reduce(0, +)) of \(game.stageGames.map(\.profileCount).reduce(0, +)) state-profiles; \(formatCount(combos)) of \(formatCount(totalProfiles)) stationary pure profiles left to check"]
        if combos == 0 {
            return MarkovEquilibriumReport(method: "pure-exhaustive", equilibria: [], isComplete: true,
                                           scope: "all pure stationary Markov perfect equilibria", tolerance: tolerance,
                                           converged: true, iterations: 0, notes: notes + ["no pure stationary Markov perfect equilibrium exists"])
        }
        guard combos <= Double(maximumCombinations) else {
            notes.append("more than maximumCombinations = \(maximumCombinations) combinations; none checked")
            return MarkovEquilibriumReport(method: "pure-exhaustive", equilibria: [], isComplete: false,
                                           scope: "nothing: the pruned search space is too large", tolerance: tolerance,
                                           converged: false, iterations: 0, notes: notes)
        }
        var found = [MarkovEquilibrium]()
        var idx = [Int](repeating: 0, count: game.stateCount)
        var checked = 0
        var rejectedNearMisses = 0
        outer: while true {
            let actions = (0..<game.stateCount).map { game.stageGames[$0].profile(at: cand[$0][idx[$0]]) }
            let eq = try MarkovEquilibrium(game: game, profile: .pure(actions, in: game))
            checked += 1
            if eq.regret <= tolerance { found.append(eq) } else if eq.regret <= 1e3 * tolerance { rejectedNearMisses += 1 }
            var s = 0
            while s < game.stateCount {
                idx[s] += 1
                if idx[s] < cand[s].count { break }
                idx[s] = 0
                s += 1
            }
            if s == game.stateCount { break outer }
        }
        if rejectedNearMisses > 0 {
            notes.append("\(rejectedNearMisses) profiles had regret within 1000× the tolerance but above it (possible ties lost to rounding)")
        }
        return MarkovEquilibriumReport(method: "pure-exhaustive", equilibria: found, isComplete: true,
                                       scope: "all pure stationary Markov perfect equilibria", tolerance: tolerance,
                                       converged: true, iterations: checked, notes: notes)
    }

    private func formatCount(_ x: Double) -> String {
        x < 1e15 ? String(Int(x)) : "\(x)"
    }
}
