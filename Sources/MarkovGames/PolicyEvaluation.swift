import Foundation
import GameTheory
import LinearAlgebra

/// The exact values of a stationary profile and the state chain it induces.
///
/// Definition: with `P_σ[s][t] = Σₖ σ(k | s) P(t | s, k)` and `rₚ,σ(s) = Σₖ σ(k | s) uₚ(s, k)`,
/// player p's value vector is the unique solution of `(I − δₚ P_σ) vₚ = rₚ,σ`, i.e.
/// `vₚ(s) = E[Σₜ δₚᵗ uₚ(sₜ, aₜ) | s₀ = s]`.
///
/// Two solvers (see `PolicyEvaluationMethod`): dense LU (LAPACK `dgetrf`/`dgetrs`, one
/// factorisation per distinct discount factor, one step of iterative refinement), and
/// Gauss–Seidel sweeps on the sparse chain. Either way the result carries a *certified* error
/// bound: since `‖(I − δP)⁻¹‖∞ ≤ 1/(1 − δ)` for a stochastic P, the computed residual ρ gives
/// `‖v − v*‖∞ ≤ ρ/(1 − δ)` (up to the rounding of the residual itself).
///
/// - Complexity: dense LU O(S³) per distinct discount factor; Gauss–Seidel O(nnz(P_σ)) per
///   sweep, at most `log(ε(1 − δ)/‖r‖) / log δ` sweeps (it contracts at least like δ);
///   building the chain O(Σₛ Σₖ nnz(P(· | s, k))).
public struct PolicyEvaluation: Sendable {
    /// `chain[s, t]`: the one-step transition probability of the induced state chain, built
    /// densely from `sparseChain` on each access (O(S²): keep the result if used repeatedly).
    public var chain: Matrix { denseChain() }
    /// The induced chain's rows, sparse.
    public let sparseChain: [SparseRow]
    /// `rewards[p][s]`: player p's expected stage payoff in state s.
    public let rewards: [[Double]]
    /// `values[p][s]`: player p's discounted value from state s.
    public let values: [[Double]]
    /// `normalizedValues[p][s] = (1 − δₚ) values[p][s]`: the average payoff per period.
    public let normalizedValues: [[Double]]
    /// The largest residual `‖rₚ − (I − δₚ P_σ) vₚ‖∞`.
    public let residual: Double
    /// `maxₚ (residualₚ + roundingₚ) / (1 − δₚ)`: a bound on the error of `values` in the sup
    /// norm, where roundingₚ bounds the floating-point error of computing the residual itself
    /// (without it, for δ = 1 − 10⁻⁹ the computed residual was 0 while the values were off by 64).
    public let errorBound: Double
    /// The solver that ran.
    public let method: PolicyEvaluationMethod
    /// The smallest reciprocal condition number estimate of `I − δₚ P_σ` (dgecon) when dense
    /// LU ran; `nil` for Gauss–Seidel.
    public let reciprocalCondition: Double?

    func denseChain() -> Matrix {
        let n = sparseChain.count
        var m = Matrix(rows: n, columns: n)
        for (s, row) in sparseChain.enumerated() {
            for (i, t) in row.indices.enumerated() { m.storage[s + t * n] = row.values[i] }
        }
        return m
    }
}

/// How `MarkovGame.evaluate` solves `(I − δP_σ) v = r`.
public enum PolicyEvaluationMethod: String, Sendable, Codable, CaseIterable {
    /// Dense LU below 200 states; above, Gauss–Seidel when the chain is sparse
    /// (≤ 5 % non-zeros) and the predicted sweep count is cheaper than LU, else dense LU.
    case automatic = "automatic"
    /// LAPACK LU with one step of iterative refinement.
    case denseLU = "dense-lu"
    /// Gauss–Seidel sweeps on the sparse chain until the certified error bound is below
    /// `1e-12 · max(1, ‖r‖∞/(1 − δ))`; falls back to dense LU if that needs more sweeps than
    /// the budget.
    case gaussSeidel = "gauss-seidel"
}

extension MarkovGame {
    /// The sparse transition rows and expected stage payoffs induced by `profile`.
    ///
    /// - Complexity: O(Σₛ Σₖ nnz(P(· | s, k)) + N · Σₛ |Aₛ|).
    public func inducedSparseChain(_ profile: StationaryProfile) throws -> (rows: [SparseRow], rewards: [[Double]]) {
        try validate(profile)
        let n = stateCount
        var scratch = [Double](repeating: 0, count: n)
        var touched = [Bool](repeating: false, count: n)
        var rows = [SparseRow]()
        rows.reserveCapacity(n)
        var r = [[Double]](repeating: [Double](repeating: 0, count: n), count: playerCount)
        for s in 0..<n {
            let w = profileWeights(state: s, profile)
            let g = stageGames[s]
            var list = [Int]()
            for (k, x) in w.enumerated() where x != 0 {
                let row = sparseTransitions[s][k]
                for (i, t) in row.indices.enumerated() {
                    if !touched[t] { touched[t] = true; list.append(t) }
                    scratch[t] += x * row.values[i]
                }
                for q in 0..<playerCount { r[q][s] += x * g.payoffTable[q][k] }
            }
            list.sort()
            rows.append(SparseRow(indices: list, values: list.map { scratch[$0] }))
            for t in list { scratch[t] = 0; touched[t] = false }
        }
        return (rows, r)
    }

    /// The dense transition matrix and expected stage payoffs induced by `profile`.
    public func inducedChain(_ profile: StationaryProfile) throws -> (chain: Matrix, rewards: [[Double]]) {
        let (rows, r) = try inducedSparseChain(profile)
        let ev = PolicyEvaluation(sparseChain: rows, rewards: r, values: r, normalizedValues: r, residual: 0,
                                  errorBound: 0, method: .denseLU, reciprocalCondition: nil)
        return (ev.denseChain(), r)
    }

    /// The exact discounted values of a stationary profile (see `PolicyEvaluation`).
    ///
    /// - Throws: `MarkovGameError.invalidStrategy` for a malformed profile;
    ///   `LinearAlgebraError` if LAPACK fails (it cannot for δ < 1 and a stochastic `P_σ`,
    ///   since `I − δP_σ` is then strictly diagonally dominant).
    public func evaluate(_ profile: StationaryProfile, method: PolicyEvaluationMethod = .automatic) throws -> PolicyEvaluation {
        let (rows, rewards) = try inducedSparseChain(profile)
        let n = stateCount
        var values = rewards
        var residual = 0.0, bound = 0.0
        var rcond: Double? = nil
        var used = PolicyEvaluationMethod.denseLU
        let nnz = rows.reduce(0) { $0 + $1.indices.count }
        var done = [Bool](repeating: false, count: playerCount)
        for p in 0..<playerCount where !done[p] {
            let d = discountFactors[p]
            let group = (p..<playerCount).filter { discountFactors[$0] == d }
            for q in group { done[q] = true }
            if d == 0 || n == 0 { continue }   // v = r exactly
            let rmax = group.map { q in rewards[q].map(abs).max() ?? 0 }.max() ?? 0
            let target = 1e-12 * max(1, rmax / (1 - d))
            // Predicted Gauss–Seidel sweeps (contraction at least δ) and their cost against LU.
            let sweeps = Int((log(target * (1 - d) / max(rmax, 1e-300)) / log(d)).rounded(.up)) + 2
            let iterativeCheaper = Double(sweeps) * Double(nnz + n) * Double(group.count) < Double(n) * Double(n) * Double(n) / 3
            let tryIterative: Bool
            switch method {
            case .denseLU: tryIterative = false
            case .gaussSeidel: tryIterative = true
            case .automatic: tryIterative = n >= 200 && Double(nnz) <= 0.05 * Double(n) * Double(n) && iterativeCheaper
            }
            var solved = false
            if tryIterative {
                var all = true
                var results = [(Int, [Double], Double)]()
                for q in group {
                    guard let (v, res) = gaussSeidel(rows, rewards[q], delta: d, target: target,
                                                     maxSweeps: max(50, 4 * sweeps)) else { all = false; break }
                    results.append((q, v, res))
                }
                if all {
                    for (q, v, res) in results {
                        values[q] = v
                        residual = max(residual, res)
                        bound = max(bound, (res + residualRounding(rows, rewards[q], v, delta: d)) / (1 - d))
                    }
                    used = .gaussSeidel
                    solved = true
                }
            }
            if !solved {
                var a = Matrix(rows: n, columns: n)
                for (s, row) in rows.enumerated() {
                    for (i, t) in row.indices.enumerated() { a.storage[s + t * n] = -d * row.values[i] }
                }
                for j in 0..<n { a.storage[j + j * n] += 1 }
                let lu = try LUDecomposition(a)
                rcond = min(rcond ?? 1, try lu.reciprocalConditionNumber())
                var rhs = Matrix(rows: n, columns: group.count)
                for (c, q) in group.enumerated() { for i in 0..<n { rhs[i, c] = rewards[q][i] } }
                var x = try lu.solve(rhs)
                // One step of iterative refinement: x += A⁻¹ (b − A x).
                var res = rhs
                gemm(alpha: -1, a, transposeA: false, x, transposeB: false, beta: 1, into: &res)
                let dx = try lu.solve(res)
                for i in 0..<x.storage.count { x.storage[i] += dx.storage[i] }
                for (c, q) in group.enumerated() {
                    values[q] = x.column(c)
                    let rq = sparseResidual(rows, rewards[q], values[q], delta: d)
                    residual = max(residual, rq)
                    bound = max(bound, (rq + residualRounding(rows, rewards[q], values[q], delta: d)) / (1 - d))
                }
            }
        }
        let normalized = (0..<playerCount).map { p in values[p].map { (1 - discountFactors[p]) * $0 } }
        return PolicyEvaluation(sparseChain: rows, rewards: rewards, values: values, normalizedValues: normalized,
                                residual: residual, errorBound: bound, method: used, reciprocalCondition: rcond)
    }

    /// A bound on the rounding error of `sparseResidual`: for row s, evaluating
    /// r(s) − v(s) + δ Σₜ P[s,t] v(t) in floating point errs by at most
    /// γₖ (|r(s)| + |v(s)| + δ Σₜ P[s,t] |v(t)|) with k = nnz(row) + 3 operations and
    /// γₖ = k u / (1 − k u), u = 2⁻⁵³ (Higham 2002, *Accuracy and Stability of Numerical
    /// Algorithms*, 2nd ed., SIAM, §3.1, doi:10.1137/1.9780898718027). Added to the computed
    /// residual it makes `errorBound` hold even when the residual rounds to 0.
    func residualRounding(_ rows: [SparseRow], _ r: [Double], _ v: [Double], delta d: Double) -> Double {
        let u = Double.ulpOfOne / 2
        var worst = 0.0
        for s in rows.indices {
            var magnitude = abs(r[s]) + abs(v[s])
            for (i, t) in rows[s].indices.enumerated() { magnitude += d * rows[s].values[i] * abs(v[t]) }
            let k = Double(rows[s].indices.count + 3)
            worst = max(worst, k * u / (1 - k * u) * magnitude)
        }
        // The magnitude sum is itself rounded: a relative margin of 1e-12 covers it.
        return worst * (1 + 1e-12)
    }

    /// `‖r − (I − δP) v‖∞` computed from the sparse rows.
    func sparseResidual(_ rows: [SparseRow], _ r: [Double], _ v: [Double], delta d: Double) -> Double {
        var worst = 0.0
        for s in rows.indices { worst = max(worst, abs(r[s] - v[s] + d * rows[s].dot(v))) }
        return worst
    }

    /// Gauss–Seidel for `(I − δP) v = r`: `v(s) ← (r(s) + δ Σ_{t≠s} P[s,t] v(t)) / (1 − δ P[s,s])`,
    /// residual checked every 8 sweeps; `nil` if `maxSweeps` pass without reaching `target`.
    func gaussSeidel(_ rows: [SparseRow], _ r: [Double], delta d: Double, target: Double,
                     maxSweeps: Int) -> ([Double], Double)? {
        let n = rows.count
        var v = r.map { $0 / (1 - d) }
        var diag = [Double](repeating: 1, count: n)
        for s in 0..<n {
            let row = rows[s]
            for (i, t) in row.indices.enumerated() where t == s { diag[s] = 1 - d * row.values[i] }
        }
        var sweep = 0
        while sweep < maxSweeps {
            v.withUnsafeMutableBufferPointer { vp in
                for s in 0..<n {
                    let row = rows[s]
                    var acc = 0.0
                    row.indices.withUnsafeBufferPointer { ip in
                        row.values.withUnsafeBufferPointer { xp in
                            for i in 0..<ip.count where ip[i] != s { acc += xp[i] * vp[ip[i]] }
                        }
                    }
                    vp[s] = (r[s] + d * acc) / diag[s]
                }
            }
            sweep += 1
            if sweep % 8 == 0 {
                let res = sparseResidual(rows, r, v, delta: d)
                if res / (1 - d) <= target { return (v, res) }
            }
        }
        let res = sparseResidual(rows, r, v, delta: d)
        return res / (1 - d) <= target ? (v, res) : nil
    }

    /// The one-shot deviation gains of a stationary profile given its own values:
    /// `gains[s][p] = maxₐ (uₚ(s, a, σ₋ₚ) + δₚ Σₜ P(t | s, a, σ₋ₚ) vₚ(t)) − vₚ(s)`, never
    /// negative (up to rounding). The profile is a Markov perfect equilibrium exactly when all
    /// gains are zero (one-shot deviation principle for discounted games, δ < 1).
    ///
    /// - Complexity: one policy evaluation plus O(N · Σₛ Σₖ nnz(P(· | s, k))).
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
