import LinearAlgebra

/// Refines an approximate Nash equilibrium of an N-player game by identifying its support
/// and solving the indifference system on that support by Newton's method.
///
/// For supports `Sₚ` (player p's actions with positive probability) the unknowns are
/// `σₚ(a), a ∈ Sₚ`, and the equations are `Σ_{a∈Sₚ} σₚ(a) = 1` and
/// `uₚ(a, σ₋ₚ) = uₚ(aₚ⁰, σ₋ₚ)` for `a ∈ Sₚ \ {aₚ⁰}` (aₚ⁰ the first action of the support):
/// as many equations as unknowns. Jacobians are solved by LAPACK (`LUDecomposition`).
/// The result is accepted only when it is a probability profile whose regret, computed from
/// the game by `Equilibrium(game:strategies:)`, is at most `tolerance`.
///
/// Candidate supports come from thresholds on the approximate probabilities (1e-3, 1e-5,
/// 1e-7, 1e-10 of the largest probability), tried in turn.
///
/// - Complexity: O(iterations · (∏ nᵢ · N³ + (Σ nᵢ)³)) per candidate support.
/// - Degenerate inputs: when the indifference system is singular on the candidate support
///   (a continuum of equilibria), minimum-norm Gauss–Newton steps (LAPACK `dgelsd`) move to a
///   nearby point of the continuum; a candidate whose result fails the regret check is
///   skipped, and `nil` comes back if no candidate works (the caller keeps its own point).
struct SupportPolishing {
    var tolerance: Double
    var maximumIterations = 50

    func polish(_ game: NormalFormGame, near sigma: [[Double]]) -> Equilibrium? {
        let pj = PayoffJacobian(game)
        var tried = Set<[[Int]]>()
        for threshold in [1e-3, 1e-5, 1e-7, 1e-10] {
            let supports = sigma.map { s -> [Int] in
                let top = s.max() ?? 0
                return s.indices.filter { s[$0] > threshold * top }
            }
            if tried.contains(supports) { continue }
            tried.insert(supports)
            if let eq = solve(game, pj, supports: supports, start: sigma), eq.regret <= tolerance { return eq }
        }
        return nil
    }

    /// Newton's method on the indifference system of `supports`, started from `start`
    /// (restricted to the supports and renormalised).
    func solve(_ game: NormalFormGame, _ pj: PayoffJacobian, supports: [[Int]], start: [[Double]]) -> Equilibrium? {
        let n = pj.playerCount
        var sigma = (0..<n).map { p -> [Double] in
            var s = [Double](repeating: 0, count: pj.shape[p])
            var total = 0.0
            for a in supports[p] { s[a] = start[p][a]; total += s[a] }
            if total <= 0 { for a in supports[p] { s[a] = 1 / Double(supports[p].count) } }
            else { for a in supports[p] { s[a] /= total } }
            return s
        }
        // unknown k ↔ (player, action)
        var unknowns = [(Int, Int)]()
        for p in 0..<n { for a in supports[p] { unknowns.append((p, a)) } }
        let m = unknowns.count
        for _ in 0..<maximumIterations {
            let (u, cross) = pj.evaluate(sigma)
            var f = [Double](repeating: 0, count: m)
            var jac = Matrix(rows: m, columns: m)
            var row = 0
            for p in 0..<n {
                // normalisation row
                for (k, (q, b)) in unknowns.enumerated() where q == p {
                    jac[row, k] = 1
                    f[row] += sigma[q][b]
                }
                f[row] -= 1
                row += 1
                let a0 = supports[p][0]
                let r0 = pj.offsets[p] + a0
                for a in supports[p].dropFirst() {
                    let ra = pj.offsets[p] + a
                    f[row] = u[ra] - u[r0]
                    for (k, (q, b)) in unknowns.enumerated() where q != p {
                        let c = pj.offsets[q] + b
                        jac[row, k] = cross[ra * pj.dimension + c] - cross[r0 * pj.dimension + c]
                    }
                    row += 1
                }
            }
            let residual = f.map(abs).max() ?? 0
            if residual < 1e-15 * max(1, pj.payoffScale) { break }
            // Square and well conditioned: LU. Singular (a continuum of equilibria on this
            // support, or a degenerate game): the minimum-norm Gauss–Newton step (dgelsd),
            // which converges to a point of the solution set when there is one.
            var step: [Double]
            if let lu = try? LUDecomposition(jac), let rc = try? lu.reciprocalConditionNumber(), rc > 1e-13,
               let s = try? lu.solve(f.map { -$0 }) {
                step = s
            } else if let (s, _) = try? leastSquares(jac, f.map { -$0 }, rcond: 1e-12) {
                step = s
            } else { return nil }
            var size = 0.0
            for (k, (q, b)) in unknowns.enumerated() {
                sigma[q][b] += step[k]
                size = max(size, abs(step[k]))
            }
            if !sigma.allSatisfy({ $0.allSatisfy(\.isFinite) }) { return nil }
            if size < 1e-15 { break }
        }
        // Probabilities must be non-negative; clip rounding-level negatives only.
        for p in 0..<n {
            for a in supports[p] {
                if sigma[p][a] < -1e-12 { return nil }
                if sigma[p][a] < 0 { sigma[p][a] = 0 }
            }
        }
        guard game.isValidProfile(sigma) else { return nil }
        return Equilibrium(game: game, strategies: sigma)
    }
}
