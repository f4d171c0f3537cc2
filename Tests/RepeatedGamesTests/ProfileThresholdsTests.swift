import Testing
@testable import GameTheory
@testable import RepeatedGames

/// Optimal-penal-code and Nash-reversion thresholds of pure profiles (`ProfileThresholds.swift`).
@Suite struct ProfileThresholdsTests {
    /// A symmetric 3×3 game with a costly punishment P: row payoffs against (C, D, P) are
    /// C: (3, 0, −1), D: (4, 1, 0), P: (0, −1, −2). (D, D) is the only pure equilibrium, worth 1;
    /// the pure minmax is 0 (the opponent plays P). For (C, C): gain 1, so with punishment v
    /// the threshold is 1/(1 + 3 − v): 1/4 with the minmax, 1/3 with Nash reversion.
    static let punishmentGame: NormalFormGame = {
        let row: [[Rational]] = [[3, 0, -1], [4, 1, 0], [0, -1, -2]].map { $0.map { Rational($0) } }
        let flat0 = (0..<9).map { k in row[k % 3][k / 3] }      // player 0 fastest: (a, b) at a + 3b
        let flat1 = (0..<9).map { k in row[k / 3][k % 3] }      // u2(a, b) = u1(b, a)
        return try! NormalFormGame(title: "punishment", players: ["1", "2"], actions: [["C", "D", "P"], ["C", "D", "P"]],
                                   exactPayoffs: [flat0, flat1])
    }()

    /// With a hand-given worst-SPE function the bisection lands where the constraint starts to
    /// hold: v̲(δ) = 1 below δ = 0.3 and 0 from 0.3 on; with v = 1 the constraint needs
    /// δ ≥ 1/3 > 0.3, with v = 0 only δ ≥ 1/4, so the threshold is 0.3.
    @Test func bisectionBetweenTheMinmaxAndNashReversionBounds() throws {
        let game = Self.punishmentGame
        let eqs = PureEquilibria().solve(game).equilibria
        #expect(eqs.count == 1 && eqs[0].payoffs == [1, 1])
        let step = penalCodeCriticalDiscountFactors(game: game, profile: [0, 0], equilibria: eqs, tolerance: 1e-9) { d in
            d < 0.3 ? [1, 1] : [0, 0]
        }
        #expect(step.allSatisfy { abs($0! - 0.3) <= 1e-9 })
        // Worst payoff the minmax everywhere: the lower bound 1/4 exactly, no bisection.
        let minmax = penalCodeCriticalDiscountFactors(game: game, profile: [0, 0], equilibria: eqs) { _ in [0, 0] }
        #expect(minmax == [0.25, 0.25])
        // No pure SPE below 0.9: the threshold is where the SPE set appears.
        let late = penalCodeCriticalDiscountFactors(game: game, profile: [0, 0], equilibria: [], tolerance: 1e-9) { d in
            d < 0.9 ? nil : [0, 0]
        }
        #expect(late.allSatisfy { abs($0! - 0.9) <= 1e-9 })
        // A profile with nothing to gain for player 1 ((D, C): D is 1's best reply to C).
        let dc = penalCodeCriticalDiscountFactors(game: game, profile: [1, 0], equilibria: eqs) { _ in [0, 0] }
        #expect(dc[0] == 0)
        // Player 2 at (D, C) earns 0 and could earn 1 by D: gain 1, loss 0 − 0 = 0 against the
        // minmax: never sustainable.
        #expect(dc[1] == nil)
    }

    /// Pareto improvements on the stage equilibrium (1, 1): (C, C) = (3, 3) only
    /// ((D, C) = (4, 0) and (C, D) = (0, 4) hurt one player).
    @Test func paretoImprovements() {
        let game = Self.punishmentGame
        #expect(paretoImprovingProfiles(game: game, equilibria: PureEquilibria().solve(game).equilibria) == [[0, 0]])
    }

    /// The summary with thresholds: the exact Nash-reversion threshold 1/3 for (C, C) and the
    /// penal-code one within [1/4, 1/3] (its bounds); a wrong δ or game is a typed error.
    @Test func summaryWithThresholds() throws {
        let game = Self.punishmentGame
        let eqs = PureEquilibria().solve(game).equilibria
        let s = try RepeatedGameSummary(game: game, delta: 0.9, equilibria: eqs)
        let t = try #require(s.thresholds?.first)
        #expect(t.profile == [0, 0] && t.nashReversion[0].exactCriticalDelta == "1/3")
        let code = try #require(t.optimalPenalCode?.criticalDelta)
        #expect(code >= 0.25 - 1e-12 && code <= 1.0 / 3 + 1e-12)
        #expect(t.optimalPenalCode?.sustainable == true)
        #expect(throws: RepeatedGameError.discountFactorOutOfRange("1.0")) {
            _ = try RepeatedGameSummary(game: game, delta: 1, equilibria: eqs)
        }
        #expect(throws: RepeatedGameError.invalidProfile([3, 0])) {
            _ = try RepeatedGameSummary(game: game, delta: 0.9, equilibria: eqs, targets: [[3, 0]])
        }
    }
}
