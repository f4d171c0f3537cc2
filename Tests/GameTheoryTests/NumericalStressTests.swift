import Testing
@testable import GameTheory

/// Numerical stress (seeded, seeds printed): payoffs from 1e-9 to 1e9, near-degenerate games.
/// The rule checked: every equilibrium a floating-point path reports is right, judged by its
/// regret computed *exactly* (the payoffs are exact decimals and the reported probabilities are
/// binary fractions, so `Rational(exactly:)` converts them without error), or the report says
/// it cannot be trusted (a note, or no equilibrium).
@Suite struct NumericalStressTests {
    /// Exact regret of a floating-point profile, relative to the payoff range.
    static func relativeExactRegret(_ game: NormalFormGame, _ e: Equilibrium) -> Double {
        let exactProfile = e.strategies.map { $0.map { Rational(exactly: $0)! } }
        let flat = game.exactPayoffTable!.joined()
        let range = (flat.max()! - flat.min()!).doubleValue
        return game.regret(exactProfile).doubleValue / (range > 0 ? range : 1)
    }

    static func pow10(_ k: Int) -> Rational {
        k >= 0 ? BigIntPower.ten(k) : Rational(1) / BigIntPower.ten(-k)
    }

    /// Integer games scaled by 10^k, k ∈ {−9, −3, 3, 9}: the floating-point solvers find the
    /// same equilibria as exact vertex enumeration of the unscaled game (to 1e-9), each with
    /// exact relative regret ≤ 1e-9. Before the fix in `EquilibriumCollector.tolerance` and
    /// the support-enumeration filter (both floored at 1 payoff unit), every pure profile of a
    /// game scaled by 1e-9 was reported as an equilibrium.
    @Test func uniformlyScaledGames() throws {
        let seed: UInt64 = 0x5CA1_E000_2026
        print("NumericalStressTests.uniformlyScaledGames seed \(seed)")
        var rng = SplitMix64(seed: seed)
        var checked = 0
        for trial in 0..<20 {
            let m = Int.random(in: 2...4, using: &rng), n = Int.random(in: 2...4, using: &rng)
            let a = (0..<m).map { _ in (0..<n).map { _ in Int.random(in: -50...50, using: &rng) } }
            let b = (0..<m).map { _ in (0..<n).map { _ in Int.random(in: -50...50, using: &rng) } }
            let base = try NormalFormGame.bimatrix(a, b)
            let ve = try solveEquilibria(base, method: .vertexEnumeration)
            guard ve.isDegenerate == false else { continue }
            let reference = ve.equilibria.map { $0.strategies }
            for k in [-9, -3, 3, 9] {
                let s = Self.pow10(k)
                let game = try NormalFormGame.bimatrix(a.map { $0.map { s * Rational($0) } }, b.map { $0.map { s * Rational($0) } })
                let context = "seed \(seed) trial \(trial) scale 1e\(k): A=\(a) B=\(b)"
                for method in [EquilibriumMethod.supportEnumeration, .lemkeHowson] {
                    let fp = try solveEquilibria(game, method: method, arithmetic: .floatingPoint)
                    #expect(!fp.equilibria.isEmpty, "\(method) \(context)")
                    for e in fp.equilibria {
                        #expect(Self.relativeExactRegret(game, e) <= 1e-9, "\(method) \(context): \(e.strategies)")
                        let near = reference.contains { r in
                            zip(r, e.strategies).allSatisfy { zip($0, $1).allSatisfy { abs($0 - $1) <= 1e-9 } }
                        }
                        #expect(near, "\(method) \(context): \(e.strategies) is not an equilibrium of the unscaled game")
                        checked += 1
                    }
                    if method == .supportEnumeration {
                        // Nondegenerate: support enumeration finds all of them.
                        #expect(fp.equilibria.count == reference.count, "\(context)")
                    }
                }
                // Logit (default absolute tolerance 1e-9): at scale 1e-9 the tolerance is not
                // small against the payoffs, which the report must say.
                let logit = try LogitQRE().solve(game)
                let flagged = logit.report.notes.contains { $0.contains("not small against the payoff range") }
                for e in logit.report.equilibria where !flagged {
                    #expect(Self.relativeExactRegret(game, e) <= 1e-6, "logit \(context): \(e.strategies)")
                }
                if k == -9 { #expect(flagged, "logit \(context): tolerance 1e-9 against payoffs of order 1e-9 not flagged") }
            }
        }
        print("NumericalStressTests.uniformlyScaledGames: \(checked) floating-point equilibria checked exactly")
        #expect(checked >= 40)
    }

    /// Payoffs spanning 1e-9 to 1e9 inside one game (each entry ±10^k, k ∈ −9…9): every
    /// floating-point equilibrium has exact relative regret ≤ 1e-9, or is absent with a note.
    @Test func payoffsSpanningEighteenOrdersOfMagnitude() throws {
        let seed: UInt64 = 0x0D0E_1E99_2026
        print("NumericalStressTests.payoffsSpanning seed \(seed)")
        var rng = SplitMix64(seed: seed)
        var checked = 0, flagged = 0
        for trial in 0..<25 {
            let m = Int.random(in: 2...4, using: &rng), n = Int.random(in: 2...4, using: &rng)
            func entry() -> Rational {
                let sign = Bool.random(using: &rng) ? 1 : -1
                return Rational(sign * Int.random(in: 1...9, using: &rng)) * Self.pow10(Int.random(in: -9...9, using: &rng))
            }
            let a = (0..<m).map { _ in (0..<n).map { _ in entry() } }
            let b = (0..<m).map { _ in (0..<n).map { _ in entry() } }
            let game = try NormalFormGame.bimatrix(a, b)
            let context = "seed \(seed) trial \(trial): A=\(a) B=\(b)"
            let ve = try solveEquilibria(game, method: .vertexEnumeration)
            #expect(!ve.equilibria.isEmpty && ve.equilibria.allSatisfy { $0.exactRegret == 0 }, "\(context)")
            for method in [EquilibriumMethod.supportEnumeration, .lemkeHowson] {
                let fp = try solveEquilibria(game, method: method, arithmetic: .floatingPoint)
                if fp.equilibria.isEmpty {
                    #expect(!fp.notes.isEmpty || method == .supportEnumeration, "\(method) \(context): nothing found and nothing said")
                    flagged += 1
                }
                for e in fp.equilibria {
                    #expect(Self.relativeExactRegret(game, e) <= 1e-9, "\(method) \(context): \(e.strategies)")
                    checked += 1
                }
            }
            // The same game with floating-point payoffs only (no exact table, so Lemke–Howson
            // cannot re-solve its final basis exactly): judged against the exact values of the
            // binary payoffs it was given.
            let da = a.map { $0.map(\.doubleValue) }, db = b.map { $0.map(\.doubleValue) }
            let floatGame = try NormalFormGame.bimatrix(da, db)
            let binary = try NormalFormGame.bimatrix(da.map { $0.map { Rational(exactly: $0)! } },
                                                     db.map { $0.map { Rational(exactly: $0)! } })
            for method in [EquilibriumMethod.supportEnumeration, .lemkeHowson] {
                let fp = try solveEquilibria(floatGame, method: method, arithmetic: .floatingPoint)
                if fp.equilibria.isEmpty { flagged += 1 }
                for e in fp.equilibria {
                    #expect(Self.relativeExactRegret(binary, e) <= 1e-9, "\(method) float-only \(context): \(e.strategies)")
                    checked += 1
                }
            }
        }
        print("NumericalStressTests.payoffsSpanning: \(checked) equilibria checked exactly, \(flagged) empty reports")
        #expect(checked >= 25)
    }

    /// Degenerate games perturbed by 1e-12 (random games with payoffs in {0, 1, 2}, so with many
    /// ties, each entry moved by −1e-12, 0 or +1e-12): exact support enumeration and Lemke–Howson
    /// return only extreme equilibria found by vertex enumeration; every floating-point
    /// equilibrium has exact regret ≤ 1e-9 × range.
    @Test func nearDegenerateGames() throws {
        let seed: UInt64 = 0xDE6E_0001_2026
        print("NumericalStressTests.nearDegenerateGames seed \(seed)")
        var rng = SplitMix64(seed: seed)
        let eps = Rational(1) / Self.pow10(12)
        var checked = 0
        for trial in 0..<30 {
            let m = Int.random(in: 2...4, using: &rng), n = Int.random(in: 2...4, using: &rng)
            let a = (0..<m).map { _ in (0..<n).map { _ in Rational(Int.random(in: 0...2, using: &rng)) + eps * Rational(Int.random(in: -1...1, using: &rng)) } }
            let b = (0..<m).map { _ in (0..<n).map { _ in Rational(Int.random(in: 0...2, using: &rng)) + eps * Rational(Int.random(in: -1...1, using: &rng)) } }
            let game = try NormalFormGame.bimatrix(a, b)
            let context = "seed \(seed) trial \(trial): A=\(a) B=\(b)"
            let ve = try solveEquilibria(game, method: .vertexEnumeration)
            #expect(!ve.equilibria.isEmpty && ve.equilibria.allSatisfy { $0.exactRegret == 0 }, "\(context)")
            for method in [EquilibriumMethod.supportEnumeration, .lemkeHowson] {
                let exact = try solveEquilibria(game, method: method)
                #expect(exactSet(exact).isSubset(of: exactSet(ve)), "\(method) \(context)")
                let fp = try solveEquilibria(game, method: method, arithmetic: .floatingPoint)
                for e in fp.equilibria {
                    #expect(Self.relativeExactRegret(game, e) <= 1e-9, "\(method) fp \(context): \(e.strategies)")
                    checked += 1
                }
            }
        }
        print("NumericalStressTests.nearDegenerateGames: \(checked) floating-point equilibria checked exactly")
        #expect(checked >= 30)
    }
}

/// Powers of ten as BigInt-backed rationals without importing BigInt in the test target.
enum BigIntPower {
    static func ten(_ k: Int) -> Rational {
        var r = Rational(1)
        for _ in 0..<k { r = r * Rational(10) }
        return r
    }
}
