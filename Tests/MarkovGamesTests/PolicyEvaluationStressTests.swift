import GameTheory
import Testing
@testable import MarkovGames

/// Numerical stress for policy evaluation: discount factors δ = 1 − 10⁻ᵏ make I − δP nearly
/// singular (its condition number grows like 1/(1 − δ)). The evaluation must either be accurate
/// or say how far off it may be: the reported `errorBound` ((residual + its rounding) / (1 − δ))
/// must cover the true error, and `reciprocalCondition` must reveal the ill-conditioning.
/// Before the rounding term was added the bound was 0.0 at δ = 1 − 1e-9 and 1 − 1e-12 (true
/// errors 64 and 6.8e7).
@Suite struct PolicyEvaluationStressTests {
    /// Exact solution of (I − δP) v = r for a 2-state chain P (entries as the evaluation holds
    /// them, converted exactly from binary): det = (1 − δP₀₀)(1 − δP₁₁) − δ² P₀₁ P₁₀,
    /// v(0) = [(1 − δP₁₁) r₀ + δ P₀₁ r₁] / det, v(1) = [δ P₁₀ r₀ + (1 − δP₀₀) r₁] / det.
    static func exactValues(delta d: Rational, chain p: [[Rational]], rewards r: [Rational]) -> [Rational] {
        let one = Rational(1)
        let det = (one - d * p[0][0]) * (one - d * p[1][1]) - d * d * p[0][1] * p[1][0]
        return [((one - d * p[1][1]) * r[0] + d * p[0][1] * r[1]) / det,
                (d * p[1][0] * r[0] + (one - d * p[0][0]) * r[1]) / det]
    }

    @Test(arguments: [3, 6, 9, 12])
    func nearlyUndiscountedValuesAreWithinTheReportedBound(k: Int) throws {
        let delta = 1 - (0..<k).reduce(1.0) { x, _ in x / 10 }
        let game = try TestGames.twoState(delta: [delta])
        // "Player 0 mixes C and D half-half, player 1 plays C" (rewards 4 and 1 for player 0).
        let profile = StationaryProfile([[[0.5, 0.5], [1, 0]], [[1], [1]]])
        for method in [PolicyEvaluationMethod.denseLU, .automatic] {
            let ev = try game.evaluate(profile, method: method)
            // Reference: the exact solution of the very system evaluated (δ, P and r as the
            // doubles held, converted exactly), so the error measured is the solver's alone.
            let p = (0..<2).map { i in (0..<2).map { j in Rational(exactly: ev.chain[i, j])! } }
            let reference = Self.exactValues(delta: Rational(exactly: delta)!, chain: p,
                                             rewards: ev.rewards[0].map { Rational(exactly: $0)! }).map(\.doubleValue)
            let error = zip(ev.values[0], reference).map { abs($0 - $1) }.max()!
            print("δ = 1 − 1e-\(k) \(method): values \(ev.values[0]), true error \(error), reported bound \(ev.errorBound), rcond \(ev.reciprocalCondition.map { "\($0)" } ?? "none")")
            #expect(error <= ev.errorBound + 4 * Double.ulpOfOne * reference.map(abs).max()!,
                    "δ = 1 − 1e-\(k) \(method): true error \(error) above the reported bound \(ev.errorBound)")
            if let rc = ev.reciprocalCondition {
                // ‖(I − δP)⁻¹‖ ≥ 1/(1 − δ) (P is stochastic), so κ₁ ≥ (1 + δ)/(1 − δ) roughly.
                #expect(rc <= 10 * (1 - delta), "δ = 1 − 1e-\(k): rcond \(rc) hides the ill-conditioning")
            }
        }
    }
}
