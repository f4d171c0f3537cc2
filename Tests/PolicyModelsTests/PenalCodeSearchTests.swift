import Foundation
import Testing
@testable import PolicyModels

/// The model layer's optimal-penal-code thresholds on the slow fuzzed model
/// (Fixtures/fuzz/penal-code-slow.yaml, see Fixtures/fuzz/README.md), against values derived
/// by hand. (The search itself is compared with the upper-limit-first search in
/// RepeatedGamesTests/PenalCodeSearchTests.)
@Suite("Penal-code search on the slow fuzzed model")
struct PenalCodeSearchTests {
    /// Arms race, (Restrain, Restrain) = (0, 0); Build against Restrain pays the builder 6.
    /// Player 1 gains 6 by deviating and can be held to its minmax −1/2 (Build, Build), so
    /// δ ≥ 6/(6 + 0 + 1/2) = 12/13; player 2's minmax is 6 > 0, so never.
    /// Health, (Share, Share) = (5, 5); withholding gains 1 for either. Minmaxes 1 and 0
    /// (also the payoffs of the stage equilibrium (Withhold, Withhold)), so 1/(1 + 5 − 1) = 1/5
    /// and 1/(1 + 5 − 0) = 1/6.
    @Test("thresholds equal the hand-derived 12/13, never; 1/5, 1/6")
    func handDerivedThresholds() throws {
        let path = fixturesDirectory.appendingPathComponent("fuzz/penal-code-slow.yaml").path
        let r = try solve(model: try loadModel(path: path))
        let arms = try #require(r.domains.first { $0.name == "arms_race" }?.cooperative.optimalPenalCode)
        let health = try #require(r.domains.first { $0.name == "health" }?.cooperative.optimalPenalCode)
        #expect(arms.perPlayer.count == 2 && arms.perPlayer[1] == nil)
        #expect(abs((arms.perPlayer[0] ?? .nan) - 12.0 / 13) <= 1e-12, "\(arms.perPlayer)")
        #expect(abs((health.perPlayer[0] ?? .nan) - 1.0 / 5) <= 1e-12, "\(health.perPlayer)")
        #expect(abs((health.perPlayer[1] ?? .nan) - 1.0 / 6) <= 1e-12, "\(health.perPlayer)")
    }
}
