import Foundation
import Testing
@testable import GameTheory
@testable import RepeatedGames

@Suite struct ThresholdTests {
    /// Grim trigger with Nash reversion sustains (C, C) iff δ ≥ (T − R)/(T − P) = 1/7 for
    /// (T, R, P) = (10, 9, 3); the one-shot gain is 1 and the per-period loss 6.
    @Test func grimTriggerThreshold() throws {
        let report = try solveEquilibria(prisonersDilemma, method: .pure)
        let t = try nashReversionThresholds(game: prisonersDilemma, profile: [0, 0], equilibria: report)
        #expect(t.count == 1)
        #expect(abs(t[0].value! - 1.0 / 7) < 1e-15)
        #expect(t[0].constraints.map(\.gain) == [1, 1] && t[0].constraints.map(\.loss) == [6, 6])
    }

    @Test func perPlayerDiscountFactors() throws {
        let t = try nashReversionThresholds(game: prisonersDilemma, profile: [0, 0], equilibriumPayoffs: [[3, 3]])[0]
        #expect(try t.sustainability(deltas: [0.2, 0.1]) == [true, false])
        #expect(throws: RepeatedGameError.discountFactorCount(given: 3, players: 2)) { try t.sustainability(deltas: [0.5, 0.5, 0.5]) }
        #expect(throws: RepeatedGameError.discountFactorOutOfRange("1.2")) { try t.sustainability(deltas: [0.5, 1.2]) }
        #expect(throws: RepeatedGameError.invalidProfile([0, 5])) {
            try nashReversionThresholds(game: prisonersDilemma, profile: [0, 5], equilibriumPayoffs: [[3, 3]])
        }
        #expect(throws: RepeatedGameError.self) {
            try nashReversionThresholds(game: prisonersDilemma, profile: [0, 0], equilibriumPayoffs: [[3]])
        }
    }

    /// In the prisoner's dilemma the stage equilibrium already gives the minmax payoff 3, so no
    /// penal code punishes harder and the optimal-penal-code threshold is Nash reversion's 1/7.
    @Test func optimalPenalCodeInPrisonersDilemma() throws {
        let d = try OptimalPenalCode.criticalDiscountFactors(game: prisonersDilemma, profile: [0, 0], tolerance: 1e-4)
        for x in d { #expect(abs(x! - 1.0 / 7) < 2e-4) }
    }

    /// Abreu–Sannikov's 3×3 example: the stage equilibrium (2nd, 2nd) pays (10, 4); sustaining
    /// (1st, 1st) = (16, 9) against deviations to 21 and 13 by Nash reversion needs
    /// δ ≥ 5/11 (player 1) and 4/9 (player 2). At δ = 0.3 the worst SPE payoffs are about
    /// (1.1257, 0) (QuantEcon's vertices), so with optimal penal codes player 1's constraint
    /// 16 ≥ 0.7·21 + 0.3·1.1257 holds while player 2's 9 ≥ 0.7·13 + 0.3·0 = 9.1 fails.
    @Test func optimalPenalCodeBeatsNashReversion() throws {
        let ref = try #require(try quantEconReference()["as2014_delta0.3"] as? [String: Any])
        let game = try referenceGame(ref)
        let nash = try nashReversionThresholds(game: game, profile: [0, 0], equilibriumPayoffs: [[10, 4]])[0]
        #expect(abs(nash.perPlayer[0]! - 5.0 / 11) < 1e-15 && abs(nash.perPlayer[1]! - 4.0 / 9) < 1e-15)
        let code = try OptimalPenalCode(game: game, profile: [0, 0], delta: 0.3)
        #expect(abs(code.worstPayoffs![0] - 1.1256824) < 1e-6 && abs(code.worstPayoffs![1]) < 1e-9)
        let c = code.constraints
        #expect(c[0].cooperation >= 0.7 * c[0].deviation + 0.3 * c[0].punishment)
        #expect(c[1].cooperation < 0.7 * c[1].deviation + 0.3 * c[1].punishment)
        #expect(!code.isSustainable)
        let critical = try OptimalPenalCode.criticalDiscountFactors(game: game, profile: [0, 0], tolerance: 1e-3)
        #expect(critical[0]! < 0.3 && critical[1]! > 0.3 && critical[1]! <= 4.0 / 9 + 1e-3)
    }
}

@Suite struct IssueLinkageTests {
    /// Two prisoner's dilemmas: domain 1 with gain 1 and loss 6 (alone δ* = 1/7), domain 2
    /// with gain 10 and loss 2 (alone δ* = 5/6). Linked: (g₁ + g₂)/(g₁ + g₂ + l₁ + l₂) = 11/19.
    @Test func linkedThresholdAndLinkageOnlyDomains() throws {
        let d1 = nashReversionThreshold(game: prisonersDilemma, profile: [0, 0], punishment: [3, 3])
        let g2 = try NormalFormGame.bimatrix([[10, 0], [20, 8]], [[10, 20], [0, 8]])
        let d2 = nashReversionThreshold(game: g2, profile: [0, 0], punishment: [8, 8])
        #expect(abs(d2.value! - 5.0 / 6) < 1e-15)
        let linked = linkedThreshold([d1, d2])
        #expect(abs(linked.value! - 11.0 / 19) < 1e-15)
        let analysis = try IssueLinkage(domains: [d1, d2], deltas: [0.6])
        #expect(analysis.sustainableAlone == [true, false])
        #expect(analysis.sustainableSets == [[0], [0, 1]])
        #expect(analysis.linkageOnlyDomains == [1])
        let low = try IssueLinkage(domains: [d1, d2], deltas: [0.5])
        #expect(low.sustainableSets == [[0]] && low.linkageOnlyDomains.isEmpty)
        #expect(throws: RepeatedGameError.discountFactorCount(given: 3, players: 2)) {
            try IssueLinkage(domains: [d1, d2], deltas: [0.5, 0.5, 0.5])
        }
    }
}

@Suite struct RepeatedGameSummaryTests {
    @Test func prisonersDilemmaSummaryJSON() throws {
        let s = try RepeatedGameSummary(game: prisonersDilemma, delta: 0.9)
        #expect(s.minmax == [3, 3] && s.exactMinmax == ["3", "3"])
        #expect(s.payoffSet.exactVertices == [["3", "3"], ["39/4", "3"], ["9", "9"], ["3", "39/4"]])
        #expect(s.payoffSet.vertices == [[3, 3], [9.75, 3], [9, 9], [3, 9.75]])
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try enc.encode(s)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix(#"{"delta":0.9,"exact_delta":"9/10","exact_minmax":["3","3"],"feasible_set":"#))
        #expect(text.contains(#""payoff_set":{"converged":true,"empty":false,"exact_vertices":[["3","3"],["39/4","3"],["9","9"],["3","39/4"]]"#))
        #expect(try enc.encode(RepeatedGameSummary(game: prisonersDilemma, delta: 0.9)) == data)
        #expect(try JSONDecoder().decode(RepeatedGameSummary.self, from: data) == s)
    }

    @Test func summaryRejectsBadDelta() {
        #expect(throws: RepeatedGameError.discountFactorOutOfRange("1.0")) { try RepeatedGameSummary(game: prisonersDilemma, delta: 1.0) }
    }
}
