import GameTheory
import LinearAlgebra

/// The exact values of a stationary profile and the state chain it induces.
///
/// Definition: with `P_σ[s][t] = Σₖ σ(k | s) P(t | s, k)` and `rₚ,σ(s) = Σₖ σ(k | s) uₚ(s, k)`,
/// player p's value vector is the unique solution of `(I − δₚ P_σ) vₚ = rₚ,σ`, i.e.
/// `vₚ(s) = E[Σₜ δₚᵗ uₚ(sₜ, aₜ) | s₀ = s]`. Players with the same discount factor share one
/// LU factorisation (LAPACK `dgetrf`/`dgetrs`); one step of iterative refinement follows and
/// the final residual `‖rₚ − (I − δₚ P_σ) vₚ‖∞` is reported.
///
/// - Complexity: O(S³) per distinct discount factor for S states (dense LU), plus
///   O(S² + S · Σₛ |Aₛ|) to build the chain.
public struct PolicyEvaluation: Sendable {
    /// `chain[s, t]`: the one-step transition probability of the induced state chain.
    public let chain: Matrix
    /// `rewards[p][s]`: player p's expected stage payoff in state s.
    public let rewards: [[Double]]
    /// `values[p][s]`: player p's discounted value from state s.
    public let values: [[Double]]
    /// `normalizedValues[p][s] = (1 − δₚ) values[p][s]`: the average payoff per period.
    public let normalizedValues: [[Double]]
    /// The largest residual of the linear systems after refinement.
    public let residual: Double
    /// The smallest reciprocal condition number estimate of `I − δₚ P_σ` (dgecon); it is at
    /// least about `(1 − δ)/(1 + δ)` in exact arithmetic, so a small value signals δ near 1.
    public let reciprocalCondition: Double
}

extension MarkovGame {
    /// The transition matrix and expected stage payoffs induced by `profile`.
    ///
    /// - Complexity: O(S · Σₛ |Aₛ|) for S states and |Aₛ| pure profiles in state s.
    public func inducedChain(_ profile: StationaryProfile) throws -> (chain: Matrix, rewards: [[Double]]) {
        try validate(profile)
        let n = stateCount
        var p = Matrix(rows: n, columns: n)
        var r = [[Double]](repeating: [Double](repeating: 0, count: n), count: playerCount)
        for s in 0..<n {
            let w = profileWeights(state: s, profile)
            let g = stageGames[s]
            for (k, x) in w.enumerated() where x != 0 {
                let row = transitions[s][k]
                for t in 0..<n where row[t] != 0 { p.storage[s + t * n] += x * row[t] }
                for q in 0..<playerCount { r[q][s] += x * g.payoffTable[q][k] }
            }
        }
        return (p, r)
    }

    /// The exact discounted values of a stationary profile (see `PolicyEvaluation`).
    ///
    /// - Throws: `MarkovGameError.invalidStrategy` for a malformed profile;
    ///   `LinearAlgebraError` if LAPACK fails (it cannot for δ < 1 and a stochastic `P_σ`,
    ///   since `I − δP_σ` is then strictly diagonally dominant).
    public func evaluate(_ profile: StationaryProfile) throws -> PolicyEvaluation {
        let (chain, rewards) = try inducedChain(profile)
        let n = stateCount
        var values = rewards
        var residual = 0.0
        var rcond = 1.0
        var done = [Bool](repeating: false, count: playerCount)
        for p in 0..<playerCount where !done[p] {
            let d = discountFactors[p]
            let group = (p..<playerCount).filter { discountFactors[$0] == d }
            for q in group { done[q] = true }
            if d == 0 || n == 0 { continue }   // v = r
            var a = Matrix(rows: n, columns: n)
            for j in 0..<n {
                let base = j * n
                for i in 0..<n { a.storage[base + i] = -d * chain.storage[base + i] }
                a.storage[base + j] += 1
            }
            let lu = try LUDecomposition(a)
            rcond = min(rcond, try lu.reciprocalConditionNumber())
            var rhs = Matrix(rows: n, columns: group.count)
            for (c, q) in group.enumerated() { for i in 0..<n { rhs[i, c] = rewards[q][i] } }
            var x = try lu.solve(rhs)
            // One step of iterative refinement: x += A⁻¹ (b − A x).
            var res = rhs
            gemm(alpha: -1, a, transposeA: false, x, transposeB: false, beta: 1, into: &res)
            let dx = try lu.solve(res)
            for i in 0..<x.storage.count { x.storage[i] += dx.storage[i] }
            res = rhs
            gemm(alpha: -1, a, transposeA: false, x, transposeB: false, beta: 1, into: &res)
            residual = max(residual, res.storage.reduce(0) { max($0, abs($1)) })
            for (c, q) in group.enumerated() { values[q] = x.column(c) }
        }
        let normalized = (0..<playerCount).map { p in values[p].map { (1 - discountFactors[p]) * $0 } }
        return PolicyEvaluation(chain: chain, rewards: rewards, values: values, normalizedValues: normalized,
                                residual: residual, reciprocalCondition: rcond)
    }

    /// The one-shot deviation gains of a stationary profile given its own values:
    /// `gains[s][p] = maxₐ (uₚ(s, a, σ₋ₚ) + δₚ Σₜ P(t | s, a, σ₋ₚ) vₚ(t)) − vₚ(s)`, never
    /// negative (up to rounding). The profile is a Markov perfect equilibrium exactly when all
    /// gains are zero (one-shot deviation principle for discounted games, δ < 1).
    ///
    /// - Complexity: one policy evaluation plus O(N · S · Σₛ |Aₛ|).
    public func deviationGains(_ profile: StationaryProfile,
                               evaluation: PolicyEvaluation? = nil) throws -> [[Double]] {
        let ev = try evaluation ?? evaluate(profile)
        return try (0..<stateCount).map { s in
            let aux = try auxiliaryGame(state: s, values: ev.values)
            return (0..<playerCount).map { p in
                let payoffs = aux.actionPayoffs(of: p, against: profile.strategies[s])
                var u = 0.0
                for (a, x) in profile.strategies[s][p].enumerated() where x != 0 { u += x * payoffs[a] }
                return max(0, (payoffs.max() ?? u) - u)
            }
        }
    }
}
