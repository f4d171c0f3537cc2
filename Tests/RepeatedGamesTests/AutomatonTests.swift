import Testing
@testable import GameTheory
@testable import RepeatedGames

/// A random Moore machine for the prisoner's dilemma with 1…4 states.
func randomAutomaton(_ rng: inout SplitMix64, name: String) throws -> Automaton {
    let k = Int.random(in: 1...4, using: &rng)
    var transitions = [Automaton.Transition]()
    for s in 0..<k { for a in 0..<2 { for b in 0..<2 {
        transitions.append(.init(from: s, own: a, opponent: b, to: Int.random(in: 0..<k, using: &rng)))
    } } }
    return try Automaton(name: name, states: (0..<k).map { "s\($0)" },
                         actions: (0..<k).map { _ in Int.random(in: 0...1, using: &rng) }, transitions: transitions)
}

@Suite struct AutomatonTests {
    typealias Q = Rational
    // (T, R, P, S) = (10, 9, 3, 1).
    let pd = prisonersDilemma

    /// TFT against TFT with implementation errors ε ∈ (0, 1): the chain on the last realised
    /// actions is doubly stochastic, so its stationary distribution is uniform and the
    /// limit-of-means payoff is (R + S + T + P)/4 = 23/4 for any ε (hand derivation).
    @Test(arguments: [Q(1, 100), Q(1, 10), Q(1, 3)])
    func titForTatWithNoiseAveragesAllOutcomes(eps: Q) throws {
        let v: [Q] = try limitOfMeansPayoffs(.titForTat, .titForTat, in: pd, noise: eps)
        #expect(v == [Q(23, 4), Q(23, 4)])
        let d: [Double] = try limitOfMeansPayoffs(.titForTat, .titForTat, in: pd, noise: eps.doubleValue)
        #expect(abs(d[0] - 5.75) < 1e-12)
        // Without noise TFT cooperates forever.
        #expect(try limitOfMeansPayoffs(.titForTat, .titForTat, in: pd, noise: Q.zero) == [Q(9), Q(9)])
    }

    /// Grim trigger against itself with noise ε: from the cooperative state,
    /// v_C = ((1−δ)E_CC + δ(1 − (1−ε)²) v_D) / (1 − δ(1−ε)²), v_D = E_DD, where E_CC, E_DD are
    /// the expected stage payoffs when both intend C (resp. D) (hand derivation).
    @Test func grimTriggerWithNoiseClosedForm() throws {
        let eps = Q(1, 20), delta = Q(9, 10)
        let (t, r, p, s) = (Q(10), Q(9), Q(3), Q(1))
        let keep = (1 - eps) * (1 - eps)
        let ecc = keep * r + (1 - eps) * eps * s + eps * (1 - eps) * t + eps * eps * p
        let edd = keep * p + (1 - eps) * eps * t + eps * (1 - eps) * s + eps * eps * r
        let vC = ((1 - delta) * ecc + delta * (1 - keep) * edd) / (1 - delta * keep)
        let exact: [Q] = try discountedPayoffs(.grimTrigger, .grimTrigger, in: pd, delta: delta, noise: eps)
        #expect(exact == [vC, vC])
        let fp: [Double] = try discountedPayoffs(.grimTrigger, .grimTrigger, in: pd, delta: 0.9, noise: 0.05)
        #expect(abs(fp[0] - vC.doubleValue) < 1e-12 && abs(fp[1] - vC.doubleValue) < 1e-12)
    }

    /// ALLD against ALLC with noise: outcomes are i.i.d. each period, so the discounted payoff
    /// is the one-period expectation (1−ε)²T + (1−ε)εP + ε(1−ε)R + ε²S (hand derivation).
    @Test func alwaysDefectAgainstAlwaysCooperate() throws {
        let eps = Q(1, 10)
        let expected = (1 - eps) * (1 - eps) * 10 + (1 - eps) * eps * 3 + eps * (1 - eps) * 9 + eps * eps * 1
        let v: [Q] = try discountedPayoffs(.alwaysDefect, .alwaysCooperate, in: pd, delta: Q(1, 2), noise: eps)
        #expect(v[0] == expected)
        // ALLD against TFT without noise: T once, then P: (1−δ)T + δP.
        let w: [Q] = try discountedPayoffs(.alwaysDefect, .titForTat, in: pd, delta: Q(3, 4))
        #expect(w[0] == Q(1, 4) * 10 + Q(3, 4) * 3)
    }

    /// Nowak & Sigmund (1992): for (T, R, P, S) = (5, 3, 1, 0) the generosity is
    /// min(1 − 2/3, 2/4) = 1/3. Against ALLD, GTFT(1/3) concedes gT + (1 − g)P = 7/3 per
    /// period in the limit of means — below R = 3, so ALLD cannot invade.
    @Test func generousTitForTatForgiveness() throws {
        let g = try Automaton.generousForgiveness(temptation: 5, reward: 3, punishment: 1, sucker: 0)
        #expect(g == Q(1, 3))
        let game = try NormalFormGame.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        let gtft = try Automaton.generousTitForTat(forgiveness: g)
        let v: [Q] = try limitOfMeansPayoffs(.alwaysDefect, gtft, in: game)
        #expect(v == [Q(7, 3), Q(1, 3) * 0 + Q(2, 3) * 1])
        #expect(try limitOfMeansPayoffs(gtft, gtft, in: game, noise: Q.zero) == [Q(3), Q(3)])
    }

    /// Grim trigger (punishing any defection) is a subgame-perfect equilibrium of the
    /// prisoner's dilemma iff δ ≥ (T − R)/(T − P) = 1/7; TFT is not (at (C, D) states
    /// continuing the echo is worse than forgiving when δ is large).
    @Test func subgamePerfectionByOneShotDeviations() throws {
        #expect(try checkSubgamePerfection(.grimTrigger, .grimTrigger, in: pd, delta: 0.15).isSubgamePerfect)
        let low = try checkSubgamePerfection(.grimTrigger, .grimTrigger, in: pd, delta: 0.13)
        #expect(!low.isSubgamePerfect && low.violations.contains { $0.states == ["C", "C"] && $0.action == 1 })
        #expect(!(try checkSubgamePerfection(.titForTat, .titForTat, in: pd, delta: 0.9).isSubgamePerfect))
        #expect(try checkSubgamePerfection(.alwaysDefect, .alwaysDefect, in: pd, delta: 0.9).isSubgamePerfect)
    }

    @Test func missingTransitionNamesIt() {
        #expect(throws: RepeatedGameError.missingTransition(automaton: "half", state: "C", own: 1, opponent: 0)) {
            try Automaton(name: "half", states: ["C"], actions: [0], transitions: [.init(from: 0, own: 0, to: 0)])
        }
        #expect(throws: RepeatedGameError.probabilityOutOfRange(name: "noise ε", value: "1.5")) {
            let _: [Double] = try discountedPayoffs(.titForTat, .titForTat, in: prisonersDilemma, delta: 0.9, noise: 1.5)
        }
    }

    /// Seeded property: the tournament's Double payoffs equal the exact ones, and the limit of
    /// means lies between the smallest and largest stage payoffs.
    @Test func tournamentMatchesExactPayoffs() throws {
        let seed: UInt64 = 20261130
        print("tournamentMatchesExactPayoffs seed \(seed)")
        var rng = SplitMix64(seed: seed)
        let machines = try (0..<8).map { try randomAutomaton(&rng, name: "m\($0)") } + [.titForTat, .grimTrigger, .winStayLoseShift]
        let t = try Tournament(machines, game: pd, delta: 0.9, noise: 0.05)
        for i in machines.indices { for j in machines.indices {
            // Exact arithmetic is slow in debug builds: check a band of pairs exactly.
            if (i + 2 * j) % 5 == 0 {
                let e: [Q] = try discountedPayoffs(machines[i], machines[j], in: pd, delta: Q(9, 10), noise: Q(1, 20))
                #expect(abs(t.payoffs[i][j] - e[0].doubleValue) < 1e-10, "seed \(seed) pair \(i),\(j)")
            }
            let l: [Double] = try limitOfMeansPayoffs(machines[i], machines[j], in: pd, noise: 0.05)
            #expect(l[0] >= 1 - 1e-9 && l[0] <= 10 + 1e-9)
        } }
    }
}
