import Testing
@testable import GameTheory
@testable import RepeatedGames

/// The penal-code threshold search asks for the SPE set at the upper limit only when nothing
/// below it satisfies the constraint (`penalCodeCriticalDiscountFactors`); it must give the
/// thresholds of the straightforward search that checks the upper limit first.
@Suite struct PenalCodeSearchTests {
    /// The straightforward search: fail at once when the constraint fails at `upperLimit`
    /// (unless a pure stage equilibrium already bounds the threshold), then the lower bound,
    /// then bisection. Written out here as the reference.
    static func reference(game: NormalFormGame, profile: [Int], equilibria: [Equilibrium], tolerance: Double,
                          upperLimit: Double = 0.999, worst: (Double) -> [Double]?) -> [Double?] {
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
                guard let w = worst(x) else { return false }
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

    /// A 2×2 game from its payoffs `[(a₀, a₁)] → (u₁, u₂)` listed at (0,0), (1,0), (0,1), (1,1).
    static func game(_ title: String, _ payoffs: [(Rational, Rational)]) -> NormalFormGame {
        try! NormalFormGame(title: title, players: ["1", "2"], actions: [["C", "D"], ["C", "D"]],
                            exactPayoffs: [payoffs.map(\.0), payoffs.map(\.1)])
    }

    /// Worst SPE payoffs by Abreu–Sannikov (as `profileThresholds` computes them), memoised
    /// and shared by both searches; `calls` records the δ each search asked for.
    final class Worst {
        let game: NormalFormGame
        var memo = [Double: [Double]?]()
        var calls = [Double]()
        init(_ game: NormalFormGame) { self.game = game }
        func callAsFunction(_ d: Double) -> [Double]? {
            calls.append(d)
            if let w = memo[d] { return w }
            let w = try! AbreuSannikov(tolerance: 1e-10, exactCheck: false).solve(game, delta: d).worstPayoffs
            memo[d] = w
            return w
        }
    }

    static func compare(_ game: NormalFormGame, profile: [Int], tolerance: Double = 1e-6) -> (new: [Double?], calls: [Double]) {
        let eqs = PureEquilibria().solve(game).equilibria
        let worst = Worst(game)
        let ref = reference(game: game, profile: profile, equilibria: eqs, tolerance: tolerance) { worst($0) }
        worst.calls = []
        let new = penalCodeCriticalDiscountFactors(game: game, profile: profile, equilibria: eqs, tolerance: tolerance) { worst($0) }
        #expect(new == ref, "\(game.title) \(profile): \(new) vs reference \(ref)")
        return (new, worst.calls)
    }

    /// Prisoner's dilemma (3, 3), (4, 0), (0, 4), (1, 1): the minmax is the equilibrium
    /// payoff, the bounds meet at 1/3 for (C, C) without any SPE computation.
    @Test func prisonersDilemma() {
        let pd = Self.game("PD", [(3, 3), (4, 0), (0, 4), (1, 1)])
        let r = Self.compare(pd, profile: [0, 0])
        #expect(r.new.allSatisfy { abs($0! - 1.0 / 3) <= 1e-15 })
        #expect(r.calls.isEmpty)
    }

    /// The two domains of the fuzzed vaccine-diplomacy model (PolicyModelsTests/Fixtures/fuzz/penal-code-slow.yaml,
    /// parameters g = 6, c = 1/2, v = 5, e = 1). Arms race: (R, R) = (0, 0), (B, R) = (6, 6),
    /// (R, B) = (−6, 6), (B, B) = (−1/2, −1/2). Player 1's pure minmax is −1/2 (the rival
    /// builds), so no threshold for (R, R) lies below 6/(6 + 1/2) = 12/13; player 2's minmax
    /// is 6 > 0, so (R, R) is never sustainable for player 2. Player 1's constraint already
    /// holds at 12/13, so the slow solve at δ = 0.999 (about 23 000 iterations) is skipped.
    /// Health: (S, S) = (5, 5), (W, S) = (6, −1), (S, W) = (−1, 6), (W, W) = (1, 0).
    @Test func fuzzedVaccineDiplomacyDomains() {
        let arms = Self.game("arms race", [(0, 0), (6, 6), (-6, 6), (-1 / 2, -1 / 2)])
        let a = Self.compare(arms, profile: [0, 0])
        #expect(abs(a.new[0]! - 12.0 / 13) <= 1e-12 && a.new[1] == nil)
        #expect(!a.calls.contains(0.999))
        let health = Self.game("health", [(5, 5), (6, -1), (-1, 6), (1, 0)])
        _ = Self.compare(health, profile: [0, 0])
    }

    /// A game whose threshold needs a real bisection (`ProfileThresholdsTests.punishmentGame`,
    /// threshold in [1/4, 1/3]) and profiles that are never sustainable, where the upper
    /// limit decides: (D, C) in the prisoner's dilemma gives player 2 a loss against every
    /// punishment, and a hand-given worst function with no SPE below δ = 0.9995.
    @Test func bisectionAndUpperLimitCases() {
        let punish = ProfileThresholdsTests.punishmentGame
        let eqs = PureEquilibria().solve(punish).equilibria
        let worst = Worst(punish)
        let ref = Self.reference(game: punish, profile: [0, 0], equilibria: eqs, tolerance: 1e-6) { worst($0) }
        let new = penalCodeCriticalDiscountFactors(game: punish, profile: [0, 0], equilibria: eqs, tolerance: 1e-6) { worst($0) }
        #expect(new == ref)
        #expect(new.allSatisfy { $0! >= 0.25 - 1e-12 && $0! <= 1.0 / 3 + 1e-12 })
        let pd = Self.game("PD", [(3, 3), (4, 0), (0, 4), (1, 1)])
        _ = Self.compare(pd, profile: [1, 0])
        // No SPE below 0.9995 (beyond the upper limit) and no pure stage equilibrium to bound
        // the search: both searches answer nil; with the set appearing at 0.95, both 0.95.
        for appears in [0.9995, 0.95] {
            let step: (Double) -> [Double]? = { d in d < appears ? nil : [0, 0] }
            let r = Self.reference(game: punish, profile: [0, 0], equilibria: [], tolerance: 1e-9, worst: step)
            let n = penalCodeCriticalDiscountFactors(game: punish, profile: [0, 0], equilibria: [], tolerance: 1e-9, worst: step)
            #expect(n == r, "appears at \(appears): \(n) vs \(r)")
            if appears > 0.999 { #expect(n == [nil, nil]) } else { #expect(n.allSatisfy { abs($0! - appears) <= 1e-9 }) }
        }
    }
}
