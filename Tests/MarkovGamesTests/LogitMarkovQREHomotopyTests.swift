import Testing
import GameTheory
import LinearAlgebra
@testable import MarkovGames

@Suite struct LogitMarkovQREHomotopyTests {
    /// One state that returns to itself: continuation values add the same constant to every
    /// action, so the logit Markov QRE path is the stage game's logit QRE path and its limit
    /// is the stage game's limit. Stage game (row, column) with flat order (r0,c0), (r1,c0),
    /// (r0,c1), (r1,c1): row [[3, 0], [0, 1]], column [[0, 2], [1, 0]]. No pure equilibrium
    /// (each cell has a profitable deviation); the unique mixed one: the column is indifferent
    /// when 1 − x = 2x, x = 1/3 on r0; the row when 3y = 1 − y, y = 1/4 on c0.
    @Test func oneStateReducesToStageLogitLimit() throws {
        let stage = try NormalFormGame.bimatrix([[3.0, 0], [0, 1]], [[0.0, 2], [1, 0]],
                                                actions: [["r0", "r1"], ["c0", "c1"]])
        let game = try MarkovGame(states: ["only"], stageGames: [stage],
                                  transitions: [[[1], [1], [1], [1]]], discountFactors: [0.9])
        let report = try LogitMarkovQREHomotopy().solve(game)
        #expect(report.equilibria.count == 1)
        let eq = try #require(report.equilibria.first)
        #expect(eq.regret <= 1e-8)
        let st = eq.profile.strategies[0]
        #expect(abs(st[0][0] - 1.0 / 3) < 1e-9 && abs(st[1][0] - 0.25) < 1e-9)
        let logit = try solveNPlayer(stage, method: .logit)
        let mixed = try #require(logit.equilibria.first { !$0.isPure })
        #expect(abs(mixed.strategies[0][0] - st[0][0]) < 1e-7 && abs(mixed.strategies[1][0] - st[1][0]) < 1e-7)
    }

    /// Matching pennies (one state, δ = 1/2): ½, ½ for both, value 0.
    @Test func matchingPennies() throws {
        let stage = try NormalFormGame.bimatrix([[1.0, -1], [-1, 1]], [[-1.0, 1], [1, -1]],
                                                actions: [["H", "T"], ["H", "T"]])
        let game = try MarkovGame(states: ["only"], stageGames: [stage],
                                  transitions: [[[1], [1], [1], [1]]], discountFactors: [0.5])
        let eq = try #require(LogitMarkovQREHomotopy().solve(game).equilibria.first)
        #expect(abs(eq.profile.strategies[0][0][0] - 0.5) < 1e-10 && abs(eq.profile.strategies[0][1][0] - 0.5) < 1e-10)
        #expect(abs(eq.values[0][0]) < 1e-9 && eq.regret <= 1e-8)
    }

    /// Two states, hand-derived mixed MPE. State 0 plays matching pennies, row payoffs
    /// u₁ = [[1, −1], [−1, 1]] (rows r0, r1; columns c0, c1), column u₂ = −u₁. When the row plays
    /// r0 the game moves to the absorbing state 1 w.p. π = 1/2 (else stays); r1 stays. State 1
    /// pays (W, 0) = (1, 0) forever. δ = 1/2.
    ///
    /// The column's continuation term δ(1 − π_r)V₂(0) depends on the row's action only, so
    /// the column is indifferent exactly when the row mixes x = 1/2 (stage payoffs). Row: with
    /// y the probability of c0, r1 pays 1 − 2y + δV₁(0) and r0 pays 2y − 1 + δ(1 − π)V₁(0) +
    /// δπW/(1 − δ). Since r1 is in the support, V₁(0) = (1 − 2y)/(1 − δ). Indifference with
    /// z = 2y − 1: 2z = δπ(−z − W)/(1 − δ), so z = −δπW/(2(1 − δ) + δπ) = −(1/4)/(5/4) = −1/5,
    /// y = 2/5, V₁(0) = (1/5)/(1/2) = 2/5, V₁(1) = W/(1 − δ) = 2. Column: expected stage payoff
    /// 0 at x = 1/2, V₂(0) = δ(3/4)V₂(0), so V₂(0) = 0. No pure MPE: against a pure column the
    /// column's best reply and the row's reply cycle as in matching pennies.
    @Test func twoStateHandDerivedMixedMPE() throws {
        let g0 = try NormalFormGame.bimatrix([[1.0, -1], [-1, 1]], [[-1.0, 1], [1, -1]],
                                             actions: [["r0", "r1"], ["c0", "c1"]])
        let g1 = TestGames.trivial([1, 0])
        // (r0,c0), (r1,c0), (r0,c1), (r1,c1)
        let t0: [[Double]] = [[0.5, 0.5], [1, 0], [0.5, 0.5], [1, 0]]
        let game = try MarkovGame(states: ["play", "absorbed"], stageGames: [g0, g1],
                                  transitions: [t0, [[0, 1]]], discountFactors: [0.5])
        let report = try LogitMarkovQREHomotopy().solve(game)
        let eq = try #require(report.equilibria.first)
        #expect(report.method == "logit-markov-qre-homotopy" && !report.isComplete)
        #expect(eq.regret <= 1e-8)
        #expect(abs(eq.profile.strategies[0][0][0] - 0.5) < 1e-9)
        #expect(abs(eq.profile.strategies[0][1][0] - 0.4) < 1e-9)
        #expect(abs(eq.values[0][0] - 0.4) < 1e-9 && abs(eq.values[0][1] - 2) < 1e-9)
        #expect(abs(eq.values[1][0]) < 1e-9)
    }

    /// Property: on random small games (two players with 2–3 actions and 1–4 states, and two
    /// three-player games) the endpoint is an MPE with regret ≤ 1e-8 in every state.
    @Test func randomGamesEndAtEquilibria() throws {
        let seed: UInt64 = 20261130
        print("LogitMarkovQREHomotopyTests seed \(seed)")
        var rng = SplitMix64(seed: seed)
        var solved = 0, mixed = 0
        for i in 0..<12 {
            let players = i >= 10 ? 3 : 2
            let n = 1 + i % 4
            let game = try TestGames.random(states: n, players: players, actions: 2 + i % 2, delta: 0.8, rng: &rng)
            let report = try LogitMarkovQREHomotopy().solve(game)
            let eq = try #require(report.equilibria.first, "game \(i): \(report.notes)")
            print("game \(i): \(players) players, \(n) states, \(eq.isPure ? "pure" : "mixed"), regret \(eq.regret); \(report.notes[0])")
            #expect(eq.deviationGains.allSatisfy { $0.allSatisfy { $0 <= 1e-8 } })
            solved += 1
            if !eq.isPure { mixed += 1 }
        }
        print("solved \(solved) of 12, \(mixed) mixed")
        #expect(solved == 12)
    }
}
