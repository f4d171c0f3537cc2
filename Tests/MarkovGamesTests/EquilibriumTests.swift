import Testing
import GameTheory
import LinearAlgebra
@testable import MarkovGames

@Suite struct ZeroSumMatrixGameTests {
    /// 2×2 without a saddle point, A = [[a, b], [c, d]]: val = (ad − bc)/(a + d − b − c),
    /// row plays row 0 w.p. (d − c)/(a + d − b − c), column plays column 0 w.p.
    /// (d − b)/(a + d − b − c) (von Neumann and Morgenstern 1944, §17.6).
    /// A = [[3, −1], [−2, 4]]: val = (12 − 2)/10 = 1, x₀ = 6/10 = 3/5, y₀ = 5/10 = 1/2.
    @Test func twoByTwoExact() {
        let a: [[Rational]] = [[3, -1], [-2, 4]]
        let sol = ZeroSumMatrixGame.solve(a)
        #expect(sol.value == 1)
        #expect(sol.rowStrategy == [Rational(3, 5), Rational(2, 5)])
        #expect(sol.columnStrategy == [Rational(1, 2), Rational(1, 2)])
        let d = ZeroSumMatrixGame.solve(a.map { $0.map(\.doubleValue) })
        #expect(abs(d.value - 1) < 1e-12 && abs(d.rowStrategy[0] - 0.6) < 1e-12)
    }

    /// Saddle point: [[1, 2], [0, 3]] has maximin = minimax = 1 at (row 0, column 0).
    /// Rock–paper–scissors: value 0, both play (1/3, 1/3, 1/3).
    @Test func saddlePointAndRockPaperScissors() {
        let s = ZeroSumMatrixGame.solve([[Rational(1), 2], [0, 3]])
        #expect(s.value == 1 && s.rowStrategy == [1, 0] && s.columnStrategy == [1, 0])
        let rps: [[Rational]] = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
        let r = ZeroSumMatrixGame.solve(rps)
        #expect(r.value == 0)
        #expect(r.rowStrategy == [Rational(1, 3), Rational(1, 3), Rational(1, 3)])
        #expect(r.columnStrategy == [Rational(1, 3), Rational(1, 3), Rational(1, 3)])
    }

    /// Property: on random integer matrices (exact arithmetic), the row strategy guarantees
    /// at least the value against every column and the column strategy at most the value
    /// against every row (so both are optimal and the value is right).
    @Test func randomMatricesAreSolvedOptimally() {
        let seed: UInt64 = 20261130
        print("ZeroSumMatrixGameTests seed \(seed)")
        var rng = SplitMix64(seed: seed)
        for _ in 0..<60 {
            let m = 1 + Int(rng.next() % 4), n = 1 + Int(rng.next() % 4)
            let a = (0..<m).map { _ in (0..<n).map { _ in Rational(Int(rng.next() % 11) - 5) } }
            let sol = ZeroSumMatrixGame.solve(a)
            for j in 0..<n {
                let g = (0..<m).reduce(Rational.zero) { $0 + sol.rowStrategy[$1] * a[$1][j] }
                #expect(g >= sol.value, "seed \(seed): row guarantee fails on \(a)")
            }
            for i in 0..<m {
                let g = (0..<n).reduce(Rational.zero) { $0 + sol.columnStrategy[$1] * a[i][$1] }
                #expect(g <= sol.value, "seed \(seed): column guarantee fails on \(a)")
            }
            #expect(sol.rowStrategy.reduce(Rational.zero, +) == 1 && sol.columnStrategy.reduce(Rational.zero, +) == 1)
        }
    }
}

@Suite struct ShapleyValueIterationTests {
    /// The Big Match (D. Blackwell and T. S. Ferguson, "The big match", *Ann. Math. Statist.*
    /// 39(1):159–163, 1968, doi:10.1214/aoms/1177698513), discounted. States: "play", "won"
    /// (absorbing, row gets 1 per period), "lost" (absorbing, 0). In "play" the row player
    /// chooses T (absorb) or B (continue), the column player L or R: (T,L) pays 1 and moves to
    /// "won", (T,R) pays 0 and moves to "lost", (B,L) pays 0 and (B,R) pays 1, both staying.
    ///
    /// Hand derivation (normalised values w = (1 − δ)V, Shapley's equation): w(won) = 1,
    /// w(lost) = 0 and w = val [[1, 0], [δw, 1 − δ + δw]]. Without a saddle point (checked: row
    /// minima 0 and δ/2 < column maxima 1 and 1 − δ/2 at w = 1/2) the 2×2 formula gives
    /// w = (1 − δ + δw)/(2 − δ), so w(2 − 2δ) = 1 − δ and w = 1/2 for every δ — the classical
    /// result that the discounted Big Match has value 1/2. Row plays T with probability
    /// (d − c)/(a + d − b − c) = (1 − δ)/(2 − δ), column plays L with probability
    /// (d − b)/(a + d − b − c) = 1/2. Unnormalised: V(play) = 1/(2(1 − δ)).
    static func bigMatch(delta: Double) throws -> MarkovGame {
        let play = try NormalFormGame.bimatrix([[1.0, 0], [0, 1]], [[-1.0, 0], [0, -1]],
                                               actions: [["T", "B"], ["L", "R"]])
        let won = TestGames.trivial([1, -1]), lost = TestGames.trivial([0, 0])
        // Flat order: (T,L), (B,L), (T,R), (B,R).
        let t: [[Double]] = [[0, 1, 0], [1, 0, 0], [0, 0, 1], [1, 0, 0]]
        return try MarkovGame(states: ["play", "won", "lost"], stageGames: [play, won, lost],
                              transitions: [t, [[0, 1, 0]], [[0, 0, 1]]], discountFactors: [delta])
    }

    @Test(arguments: [0.5, 0.9, 0.95])
    func bigMatchValueIsOneHalf(delta: Double) throws {
        let result = try ShapleyValueIteration().solve(try Self.bigMatch(delta: delta))
        #expect(result.report.converged)
        #expect(abs(result.values[0] - 1 / (2 * (1 - delta))) < 1e-8)
        #expect(abs(result.values[1] - 1 / (1 - delta)) < 1e-8)
        #expect(abs(result.values[2]) < 1e-12)
        let eq = try #require(result.report.equilibria.first)
        #expect(abs(eq.profile.strategies[0][0][0] - (1 - delta) / (2 - delta)) < 1e-7)
        #expect(abs(eq.profile.strategies[0][1][0] - 0.5) < 1e-7)
        #expect(eq.regret <= 1e-7)
        // The exactly evaluated value of the reported strategies agrees with the iteration.
        #expect(abs(eq.values[0][0] - result.values[0]) < 1e-7)
    }

    @Test func rejectsGeneralSumAndUnequalDiscounting() throws {
        #expect(throws: MarkovSolverError.self) { _ = try ShapleyValueIteration().solve(try TestGames.twoState(delta: [0.9])) }
        let bm = try Self.bigMatch(delta: 0.9)
        let unequal = try MarkovGame(states: bm.states, stageGames: bm.stageGames, transitions: bm.transitions,
                                     discountFactors: [0.9, 0.8])
        #expect(throws: MarkovSolverError.unequalDiscountFactors([0.9, 0.8])) { _ = try ShapleyValueIteration().solve(unequal) }
    }

    /// Property: on random zero-sum Markov games Shapley iteration converges and its
    /// strategies have regret within tolerance in every state.
    @Test func randomZeroSumGames() throws {
        let seed: UInt64 = 7_2026
        print("ShapleyValueIterationTests seed \(seed)")
        var rng = SplitMix64(seed: seed)
        for trial in 0..<10 {
            let g = try TestGames.random(states: 2 + trial % 5, actions: 2 + trial % 2, delta: 0.9, rng: &rng, zeroSum: true)
            let r = try ShapleyValueIteration().solve(g)
            #expect(r.report.converged, "seed \(seed) trial \(trial)")
            #expect(r.report.equilibria.count == 1, "seed \(seed) trial \(trial): \(r.report.notes)")
            for e in r.report.equilibria { #expect(e.regret <= 1e-7, "seed \(seed) trial \(trial)") }
        }
    }
}

@Suite struct PureMarkovPerfectEquilibriaTests {
    /// With one state that always returns to itself, continuation values do not depend on
    /// today's actions (`δ P(·|k) v = δ v(s)` for every k), so the one-shot deviation condition
    /// is the stage game's Nash condition: pure MPE = pure stage Nash equilibria.
    static func oneState(_ stage: NormalFormGame, delta: Double) throws -> MarkovGame {
        try MarkovGame(states: ["only"], stageGames: [stage],
                       transitions: [Array(repeating: [1.0], count: stage.profileCount)], discountFactors: [delta])
    }

    @Test func oneStateReducesToStagePureEquilibria() throws {
        // Prisoner's dilemma: only (D, D). Battle of the sexes: (0,0) and (1,1).
        let pd = try NormalFormGame.bimatrix([[3.0, 0], [5, 1]], [[3.0, 5], [0, 1]])
        let bos = try NormalFormGame.bimatrix([[2.0, 0], [0, 1]], [[1.0, 0], [0, 2]])
        for (stage, expected) in [(pd, [[[1, 1]]]), (bos, [[[0, 0]], [[1, 1]]])] {
            let r = try PureMarkovPerfectEquilibria().solve(try Self.oneState(stage, delta: 0.9))
            #expect(r.isComplete)
            #expect(r.equilibria.compactMap(\.profile.pureActions) == expected)
        }
    }

    @Test func oneStateRandomGamesMatchStageEquilibria() throws {
        let seed: UInt64 = 424242
        print("PureMarkovPerfectEquilibriaTests.oneState seed \(seed)")
        var rng = SplitMix64(seed: seed)
        for trial in 0..<40 {
            let players = 2 + trial % 2
            let g = try TestGames.random(states: 1, players: players, actions: 3, delta: 0.8, rng: &rng)
            let r = try PureMarkovPerfectEquilibria().solve(g)
            let stage = PureEquilibria(arithmetic: .floatingPoint).profiles(of: g.stageGames[0])
            #expect(r.equilibria.compactMap { $0.profile.pureActions?[0] } == stage, "seed \(seed) trial \(trial)")
        }
    }

    /// Property: pruning never discards an equilibrium. On random small games the search
    /// returns exactly the pure profiles that a brute-force check of every stationary pure
    /// profile (no pruning) finds, and each has regret ≤ tolerance in every state.
    @Test func pruningIsSoundAgainstBruteForce() throws {
        let seed: UInt64 = 99_1953
        print("PureMarkovPerfectEquilibriaTests.bruteForce seed \(seed)")
        var rng = SplitMix64(seed: seed)
        var totalFound = 0
        for trial in 0..<30 {
            let players = trial % 3 == 2 ? 3 : 2
            // Every fifth game: players discount differently.
            let deltas: [Double]? = trial % 5 == 4 ? Array([0.95, 0.3, 0.7].prefix(players)) : nil
            let g = try TestGames.random(states: 2 + trial % 2, players: players, actions: 2, delta: [0.3, 0.7, 0.95][trial % 3],
                                         rng: &rng, perPlayerDeltas: deltas)
            let search = PureMarkovPerfectEquilibria()
            let r = try search.solve(g)
            var brute = [[[Int]]]()
            let counts = g.stageGames.map(\.profileCount)
            var idx = [Int](repeating: 0, count: g.stateCount)
            repeat {
                let acts = (0..<g.stateCount).map { g.stageGames[$0].profile(at: idx[$0]) }
                if try MarkovEquilibrium(game: g, profile: .pure(acts, in: g)).regret <= search.tolerance { brute.append(acts) }
                var s = 0
                while s < idx.count { idx[s] += 1; if idx[s] < counts[s] { break }; idx[s] = 0; s += 1 }
                if s == idx.count { break }
            } while true
            let found = r.equilibria.compactMap(\.profile.pureActions)
            #expect(Set(found.map { "\($0)" }) == Set(brute.map { "\($0)" }), "seed \(seed) trial \(trial)")
            for e in r.equilibria { #expect(e.regret <= search.tolerance) }
            totalFound += found.count
        }
        #expect(totalFound > 0, "the random games should have some pure MPE (seed \(seed))")
    }

    /// A two-state game where the unique pure MPE differs from playing stage equilibria:
    /// in state 0 (C,C) keeps the game in state 0 while any defection moves it to a state with
    /// payoff 0 forever. Player i's gain from defecting is 5 − 3 = 2 today and costs
    /// δ(3/(1 − δ)) − 0 tomorrow, so (C,C) in state 0 is an MPE iff 2 ≤ 3δ/(1 − δ), i.e. δ ≥ 2/5.
    @Test func cooperationSustainedByStateDependenceAboveTwoFifths() throws {
        let g0 = try NormalFormGame.bimatrix([[3.0, 0], [5, 1]], [[3.0, 5], [0, 1]])
        let g1 = TestGames.trivial([0, 0])
        let t0: [[Double]] = [[1, 0], [0, 1], [0, 1], [0, 1]]
        func solve(_ d: Double) throws -> [[[Int]]] {
            let g = try MarkovGame(states: ["trust", "ruin"], stageGames: [g0, g1], transitions: [t0, [[0, 1]]],
                                   discountFactors: [d])
            return try PureMarkovPerfectEquilibria().solve(g).equilibria.compactMap(\.profile.pureActions)
        }
        #expect(try solve(0.39) == [[[1, 1], [0, 0]]])
        #expect(try solve(0.41) == [[[0, 0], [0, 0]], [[1, 1], [0, 0]]])
    }
}

@Suite struct MarkovValueIterationTests {
    /// One state; stage game A = [[1, −1], [−1, 1]], B = [[−1, 2], [1, −1]] has no pure
    /// equilibrium (each cell has a profitable deviation) and a unique mixed one: the column
    /// player is indifferent when −x + (1 − x) = 2x − (1 − x), x = 2/5; the row player when
    /// y − (1 − y) = −y + (1 − y), y = 1/2. With one state the MPE is that stage equilibrium.
    @Test func oneStateUniqueMixedEquilibrium() throws {
        let stage = try NormalFormGame.bimatrix([[1.0, -1], [-1, 1]], [[-1.0, 2], [1, -1]])
        let g = try PureMarkovPerfectEquilibriaTests.oneState(stage, delta: 0.9)
        let r = try MarkovValueIteration().solve(g)
        #expect(r.equilibria.count == 1)
        let e = try #require(r.equilibria.first)
        #expect(abs(e.profile.strategies[0][0][0] - 0.4) < 1e-9 && abs(e.profile.strategies[0][1][0] - 0.5) < 1e-9)
        #expect(e.regret <= 1e-9)
        #expect(try PureMarkovPerfectEquilibria().solve(g).equilibria.isEmpty)
    }

    /// Property: every equilibrium reported for random general-sum games has regret within
    /// tolerance in every state, re-checked here independently through the auxiliary games.
    @Test func reportedEquilibriaHaveSmallRegretInEveryState() throws {
        let seed: UInt64 = 31_415
        print("MarkovValueIterationTests seed \(seed)")
        var rng = SplitMix64(seed: seed)
        var found = 0
        for trial in 0..<6 {
            let g = try TestGames.random(states: 2 + trial % 3, actions: 2 + trial % 2, delta: 0.8, rng: &rng)
            let solver = MarkovValueIteration(maximumIterations: 400, starts: 3, seed: seed &+ UInt64(trial))
            let r = try solver.solve(g)
            for e in r.equilibria {
                found += 1
                let ev = try g.evaluate(e.profile)
                for s in 0..<g.stateCount {
                    let aux = try g.auxiliaryGame(state: s, values: ev.values)
                    #expect(aux.regret(e.profile.strategies[s]) <= solver.regretTolerance, "seed \(seed) trial \(trial) state \(s)")
                }
            }
        }
        #expect(found > 0, "seed \(seed): value iteration should converge on some random games")
    }
}
