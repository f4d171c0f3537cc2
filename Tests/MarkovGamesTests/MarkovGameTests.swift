import Testing
import GameTheory
import LinearAlgebra
@testable import MarkovGames

@Suite struct MarkovGameValidationTests {
    let pd = try! NormalFormGame.bimatrix([[3.0, 0], [5, 1]], [[3.0, 5], [0, 1]], actions: [["C", "D"], ["C", "D"]])

    private func message(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }

    @Test func rowNotSummingToOneNamesStateProfileAndSum() {
        let m = message {
            _ = try MarkovGame(states: ["a", "b"], stageGames: [pd, pd],
                               transitions: [[[1, 0], [0.5, 0.4], [1, 0], [1, 0]], [[1, 0], [1, 0], [1, 0], [1, 0]]],
                               discountFactors: [0.9])
        }
        #expect(m == "state a, profile (D, C): transition probabilities sum to 0.9, not 1")
    }

    @Test func negativeProbabilityIsRejected() {
        let m = message {
            _ = try MarkovGame(states: ["a", "b"], stageGames: [pd, pd],
                               transitions: [[[1, 0], [1, 0], [1.5, -0.5], [1, 0]], [[1, 0], [1, 0], [1, 0], [1, 0]]],
                               discountFactors: [0.9])
        }
        #expect(m == "state a, profile (C, D): probability of moving to b is -0.5; probabilities must be non-negative")
    }

    @Test func missingStageGameAndShapesAreRejected() {
        #expect(message {
            _ = try MarkovGame(states: ["a", "b"], stageGames: [pd, nil],
                               transitions: [[[1, 0]], [[1, 0]]], discountFactors: [0.9])
        } == "state b has no stage game")
        #expect(message {
            _ = try MarkovGame(states: ["a"], stageGames: [pd], transitions: [[[1], [1], [1]]], discountFactors: [0.9])
        } == "state a has 4 action profiles but 3 transition rows")
        #expect(message {
            _ = try MarkovGame(states: ["a"], stageGames: [pd], transitions: [[[1], [1], [1], [1, 0]]], discountFactors: [0.9])
        } == "state a, profile (D, D): transition row has 2 entries; the game has 1 states")
        #expect(message {
            _ = try MarkovGame(states: ["a"], stageGames: [pd], transitions: [[[1], [1], [1], [1]]], discountFactors: [1])
        } == "discount factor of player 1 is 1.0; it must lie in [0, 1)")
        #expect(message {
            _ = try MarkovGame(states: ["a"], stageGames: [pd], transitions: [[[1], [1], [1], [1]]], discountFactors: [0.5, 0.5, 0.5])
        } == "3 discount factors for 2 players (give one or one per player)")
    }

    @Test func toleranceIsOneBillionthAndRationalRowsMustBeExact() throws {
        // Within 1e-9: accepted; 1e-8 off: rejected.
        _ = try MarkovGame(states: ["a"], stageGames: [pd], transitions: [[[1 + 5e-10], [1], [1], [1]]], discountFactors: [0.9])
        #expect(throws: MarkovGameError.self) {
            _ = try MarkovGame(states: ["a"], stageGames: [pd], transitions: [[[1 + 1e-8], [1], [1], [1]]], discountFactors: [0.9])
        }
        let third = Rational(1, 3)
        _ = try MarkovGame(states: ["a", "b", "c"], stageGames: [pd, pd, pd],
                           exactTransitions: Array(repeating: Array(repeating: [third, third, third], count: 4), count: 3),
                           discountFactors: [0.9])
        let m = message {
            _ = try MarkovGame(states: ["a", "b", "c"], stageGames: [pd, pd, pd],
                               exactTransitions: Array(repeating: Array(repeating: [third, third, Rational(333333, 1000000)], count: 4), count: 3),
                               discountFactors: [0.9])
        }
        #expect(m == "state a, profile (C, C): transition probabilities sum to 2999999/3000000, not 1")
    }
}

@Suite struct PolicyEvaluationTests {
    /// The two-state game of `TestGames.twoState` under the profile "player 0 mixes C and D
    /// half-half, player 1 plays C" in state 0.
    ///
    /// Induced chain: from state 0 the profiles (C,C) and (D,C) each have weight 1/2, so
    /// P(0→1) = a = (0 + 0.2)/2 = 0.1; from state 1, P(1→0) = b = 0.3. Stationary
    /// distribution of P = [[1−a, a], [b, 1−b]]: π = (b, a)/(a + b) = (3/4, 1/4).
    ///
    /// Rewards: player 0 gets (3 + 5)/2 = 4 in state 0 and 1 in state 1; player 1 gets
    /// (3 + 0)/2 = 3/2 and 1. Values solve (I − δP)v = r; for a 2×2 chain
    ///   det = (1 − δ(1−a))(1 − δ(1−b)) − δ² a b,
    ///   v(0) = [(1 − δ(1−b)) r(0) + δ a r(1)] / det,  v(1) = [δ b r(0) + (1 − δ(1−a)) r(1)] / det.
    /// Player 0, δ = 0.5: det = 0.55·0.65 − 0.25·0.03 = 0.35, v = (2.65, 1.15)/0.35 = (53/7, 23/7).
    /// Player 1, δ = 0.8: det = 0.28·0.44 − 0.64·0.03 = 0.104,
    ///   v = (0.44·1.5 + 0.08, 0.24·1.5 + 0.28)/0.104 = (0.74, 0.64)/0.104 = (185/26, 80/13).
    @Test func twoStateValuesAndStationaryDistributionByHand() throws {
        let game = try TestGames.twoState(delta: [0.5, 0.8])
        let profile = StationaryProfile([[[0.5, 0.5], [1, 0]], [[1], [1]]])
        let ev = try game.evaluate(profile)
        #expect(abs(ev.chain[0, 1] - 0.1) < 1e-15 && abs(ev.chain[1, 0] - 0.3) < 1e-15)
        #expect(abs(ev.values[0][0] - 53.0 / 7) < 1e-12)
        #expect(abs(ev.values[0][1] - 23.0 / 7) < 1e-12)
        #expect(abs(ev.values[1][0] - 185.0 / 26) < 1e-12)
        #expect(abs(ev.values[1][1] - 80.0 / 13) < 1e-12)
        #expect(abs(ev.normalizedValues[0][0] - 0.5 * 53.0 / 7) < 1e-12)
        #expect(ev.residual < 1e-12)

        let chain = try StateChain(transition: ev.chain)
        #expect(chain.classes == [[0, 1]] && chain.transientStates.isEmpty)
        let pi = try #require(chain.uniqueStationaryDistribution)
        #expect(abs(pi[0] - 0.75) < 1e-14 && abs(pi[1] - 0.25) < 1e-14)
        // Expected time from "integrated" to "bifurcated": geometric with success 0.1 → 10.
        let h = try chain.expectedHittingTimes(to: [1])
        #expect(abs(h[0]! - 10) < 1e-12 && h[1] == 0)
    }

    @Test func malformedProfileIsATypedError() throws {
        let game = try TestGames.twoState(delta: [0.5])
        #expect(throws: MarkovGameError.invalidStrategy("state integrated, player 1: probabilities sum to 0.9, not 1")) {
            _ = try game.evaluate(StationaryProfile([[[0.5, 0.4], [1, 0]], [[1], [1]]]))
        }
    }
}

@Suite struct StateChainTests {
    /// Gambler's ruin on {0, …, N} with win probability p (q = 1 − p), absorbing at 0 and N.
    /// From k (Feller 1968, *An Introduction to Probability Theory and Its Applications*
    /// vol. I, 3rd ed., §XIV.2–3):
    ///   P(reach N) = (1 − (q/p)ᵏ)/(1 − (q/p)ᴺ),
    ///   E[duration] = k/(q − p) − (N/(q − p)) (1 − (q/p)ᵏ)/(1 − (q/p)ᴺ)   (p ≠ q),
    ///   E[duration] = k (N − k)                                         (p = q = 1/2).
    static func ruin(_ n: Int, _ p: Double) -> Matrix {
        var m = Matrix(rows: n + 1, columns: n + 1)
        m[0, 0] = 1; m[n, n] = 1
        for k in 1..<n { m[k, k + 1] = p; m[k, k - 1] = 1 - p }
        return m
    }

    @Test func gamblersRuinFairCoin() throws {
        let n = 10
        let chain = try StateChain(transition: Self.ruin(n, 0.5))
        #expect(chain.absorbingStates == [0, n])
        #expect(chain.transientStates == Array(1..<n))
        for k in 1..<n {
            #expect(abs(chain.expectedStepsToRecurrence[k] - Double(k * (n - k))) < 1e-9)
            // Recurrent classes are ordered by smallest state: {0} then {N}.
            #expect(abs(chain.absorptionProbabilities[k][1] - Double(k) / Double(n)) < 1e-12)
        }
        // Long-run distribution from k: mass (N−k)/N on 0 and k/N on N.
        let lr = chain.longRunDistribution(from: 3)
        #expect(abs(lr[0] - 0.7) < 1e-12 && abs(lr[n] - 0.3) < 1e-12)
        #expect(chain.uniqueStationaryDistribution == nil)
    }

    @Test func gamblersRuinBiasedCoin() throws {
        let n = 8, p = 0.4, q = 0.6
        let chain = try StateChain(transition: Self.ruin(n, p))
        let r = q / p
        for k in 1..<n {
            let win = (1 - pow(r, Double(k))) / (1 - pow(r, Double(n)))
            let duration = Double(k) / (q - p) - Double(n) / (q - p) * win
            #expect(abs(chain.absorptionProbabilities[k][1] - win) < 1e-12)
            #expect(abs(chain.expectedStepsToRecurrence[k] - duration) < 1e-9)
        }
        // Hitting only {N}: not almost sure from any transient state (ruin possible) → nil.
        let h = try chain.expectedHittingTimes(to: [n])
        #expect(h[1] == nil && h[n] == 0 && h[0] == nil)
    }

    /// A reducible chain: transient {0}, a periodic closed class {1, 2} (flip-flop) and an
    /// absorbing state 3. From 0: to 1 w.p. 1/2, to 3 w.p. 1/4, stay w.p. 1/4.
    /// Absorption: into {1,2} w.p. (1/2)/(3/4) = 2/3, into {3} w.p. 1/3; the flip-flop's
    /// stationary distribution is (1/2, 1/2), so the Cesàro limit from 0 is (0, 1/3, 1/3, 1/3);
    /// expected steps before absorption 1/(3/4) = 4/3.
    @Test func reducibleChainWithPeriodicClass() throws {
        let p = Matrix([[0.25, 0.5, 0, 0.25], [0, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 1]])
        let chain = try StateChain(transition: p)
        #expect(chain.classes == [[0], [1, 2], [3]])
        #expect(chain.recurrentClasses == [1, 2])
        #expect(chain.absorbingStates == [3])
        let lr = chain.longRunDistribution(from: 0)
        for (x, y) in zip(lr, [0, 1.0 / 3, 1.0 / 3, 1.0 / 3]) { #expect(abs(x - y) < 1e-14) }
        #expect(abs(chain.expectedStepsToRecurrence[0] - 4.0 / 3) < 1e-14)
    }
}

@Suite struct SparseEvaluationTests {
    /// Gauss–Seidel on the sparse chain and dense LU solve the same system; both report a
    /// residual-based error bound ρ/(1 − δ), and they must agree within the sum of the bounds.
    @Test func gaussSeidelAgreesWithDenseLU() throws {
        let seed: UInt64 = 2718
        print("SparseEvaluationTests seed \(seed)")
        var rng = SplitMix64(seed: seed)
        for delta in [0.5, 0.9, 0.99] {
            let g = try TestGames.random(states: 60, actions: 2, support: 3, delta: delta, rng: &rng)
            let profile = StationaryProfile(Array(repeating: [[0.25, 0.75], [0.6, 0.4]], count: 60))
            let lu = try g.evaluate(profile, method: .denseLU)
            let gs = try g.evaluate(profile, method: .gaussSeidel)
            #expect(lu.method == .denseLU && gs.method == .gaussSeidel)
            #expect(lu.reciprocalCondition != nil && gs.reciprocalCondition == nil)
            let scale = 9 / (1 - delta)
            #expect(gs.errorBound <= 1e-12 * scale && lu.errorBound <= 1e-12 * scale, "seed \(seed) δ \(delta)")
            for p in 0..<2 {
                for s in 0..<60 {
                    #expect(abs(lu.values[p][s] - gs.values[p][s]) <= lu.errorBound + gs.errorBound + 1e-15 * scale)
                }
            }
        }
    }
}
