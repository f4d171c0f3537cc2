import Foundation
import Testing
import GameTheory
import RepeatedGames
@testable import PolicyModels

/// The model layer's optimal-penal-code thresholds on the slow fuzzed model
/// (Fixtures/fuzz/penal-code-slow.yaml, see Fixtures/fuzz/README.md) against the
/// straightforward search that solves the SPE set at the upper limit δ = 0.999 first.
@Suite("Penal-code search on the slow fuzzed model")
struct PenalCodeSearchTests {
    /// The straightforward search (upper limit first, then the minmax lower bound, then
    /// bisection), with the model's Abreu–Sannikov solver; written out as the reference.
    static func reference(game: NormalFormGame, profile: [Int], equilibria: [Equilibrium],
                          tolerance: Double = 1e-5, upperLimit: Double = 0.999) -> [Double?] {
        let base = nashReversionThreshold(game: game, profile: profile, punishment: [0, 0]).constraints
        let minmax = game.pureMinmax(Double.self).map(\.value)
        return (0..<2).map { p -> Double? in
            let c = base[p]
            if c.gain <= 0 { return 0 }
            func critical(_ v: Double) -> Double? { c.cooperation - v > 0 ? c.gain / (c.gain + c.cooperation - v) : nil }
            guard let lower = critical(minmax[p]), lower <= upperLimit else { return nil }
            var upper = upperLimit
            for e in equilibria where e.isPure { if let t = critical(e.payoffs[p]) { upper = min(upper, t) } }
            if upper - lower <= 1e-12 * max(1, upper) { return upper }
            func ok(_ x: Double) -> Bool {
                guard let w = (try? abreuSannikovSPESolver(game, [x, x]))?.worst else { return false }
                return c.cooperation >= (1 - x) * c.deviation + x * w[p] - 1e-9 * max(1, abs(c.deviation))
            }
            if upper == upperLimit, !ok(upper) { return nil }
            var lo = lower, hi = upper
            if ok(lo) { return lo }
            while hi - lo > tolerance {
                let mid = (lo + hi) / 2
                if ok(mid) { hi = mid } else { lo = mid }
            }
            return hi
        }
    }

    /// Each domain's reported thresholds equal the reference's. The arms race's (Restrain,
    /// Restrain) has player 1's minmax bound 6/(6 + 1/2) = 12/13 and is never sustainable for
    /// player 2 (minmax 6 above the cooperative payoff 0).
    @Test("each domain's penal-code thresholds equal the upper-limit-first search's")
    func sameAsReference() throws {
        let path = fixturesDirectory.appendingPathComponent("fuzz/penal-code-slow.yaml").path
        let model = try loadModel(path: path)
        let r = try solve(model: model)
        for (d, dom) in model.domains.enumerated() {
            let game = try stageGame(model: model, domain: d, theta: model.baseline)
            let eqs = try solveEquilibria(game).equilibria
            let code = try #require(r.domains[d].cooperative.optimalPenalCode)
            let ref = Self.reference(game: game, profile: dom.cooperative, equilibria: eqs)
            #expect(code.perPlayer == ref, "\(dom.name): \(code.perPlayer) vs reference \(ref)")
        }
        let arms = try #require(r.domains.first { $0.name == "arms_race" }?.cooperative.optimalPenalCode)
        #expect(close(arms.perPlayer[0], 12.0 / 13) && arms.perPlayer[1] == nil)
    }
}
