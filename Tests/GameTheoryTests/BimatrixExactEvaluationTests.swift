import Testing
@testable import GameTheory

/// `exactBimatrixEvaluation` (the two-player path of `Equilibrium(game:exact:)`) against
/// hand-computed values and against the generic `expectedPayoffs` / `regret` in `Rational`.
@Suite struct BimatrixExactEvaluationTests {
    /// Battle of the sexes A = [[2, 0], [0, 1]], B = [[1, 0], [0, 2]]. By hand: at the mixed
    /// equilibrium x = (2/3, 1/3), y = (1/3, 2/3) both payoffs are 2/3 and the regret 0; at
    /// x = y = (1/2, 1/2), Ay = (1, 1/2) and Bᵀx = (1/2, 1), both payoffs 3/4 and both
    /// players gain 1/4 by deviating; at the pure (0, 1) profile both payoffs are 0 and each
    /// player gains 1.
    @Test func battleOfTheSexesByHand() throws {
        let game = try NormalFormGame.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
        let eq = game.exactBimatrixEvaluation([Rational(2, 3), Rational(1, 3)], [Rational(1, 3), Rational(2, 3)])
        #expect(eq.payoffs == [Rational(2, 3), Rational(2, 3)])
        #expect(eq.regret == 0)
        let half = game.exactBimatrixEvaluation([Rational(1, 2), Rational(1, 2)], [Rational(1, 2), Rational(1, 2)])
        #expect(half.payoffs == [Rational(3, 4), Rational(3, 4)])
        #expect(half.regret == Rational(1, 4))
        let pure = game.exactBimatrixEvaluation([1, 0], [0, 1])
        #expect(pure.payoffs == [0, 0])
        #expect(pure.regret == 1)
    }

    /// Random games (integer, fractional and binary64 payoffs, some negative) and random
    /// profiles (with zeros, and some not summing to one): identical to the generic code.
    @Test func agreesWithGenericRationalCode() throws {
        let seed: UInt64 = 0xB1A7_21C5_2026
        print("BimatrixExactEvaluationTests.agreesWithGenericRationalCode seed \(seed)")
        var rng = SplitMix64(seed: seed)
        for trial in 0..<300 {
            let m = Int.random(in: 1...6, using: &rng), n = Int.random(in: 1...6, using: &rng)
            let kind = trial % 3
            func entry() -> Rational {
                let v = Int.random(in: -40...40, using: &rng)
                return kind == 0 ? Rational(v) : Rational(v, Int.random(in: 1...12, using: &rng))
            }
            let game: NormalFormGame
            if kind == 2 {
                func d() -> Double { Double(Int.random(in: -400...400, using: &rng)) / 10 }
                game = try NormalFormGame.bimatrix((0..<m).map { _ in (0..<n).map { _ in d() } },
                                                   (0..<m).map { _ in (0..<n).map { _ in d() } })
            } else {
                game = try NormalFormGame.bimatrix((0..<m).map { _ in (0..<n).map { _ in entry() } },
                                                   (0..<m).map { _ in (0..<n).map { _ in entry() } })
            }
            func strategy(_ k: Int) -> [Rational] {
                let w = (0..<k).map { _ in Int.random(in: 0...3, using: &rng) == 0 ? 0 : Int.random(in: 1...50, using: &rng) }
                let total = max(1, w.reduce(0, +))
                let normalised = trial % 5 != 4
                return w.map { normalised ? Rational($0, total) : Rational($0, 7) }
            }
            let x = strategy(m), y = strategy(n)
            let fast = game.exactBimatrixEvaluation(x, y)
            #expect(fast.payoffs == game.expectedPayoffs([x, y]), "seed \(seed) trial \(trial) x=\(x) y=\(y)")
            #expect(fast.regret == game.regret([x, y]), "seed \(seed) trial \(trial) x=\(x) y=\(y)")
        }
    }
}
