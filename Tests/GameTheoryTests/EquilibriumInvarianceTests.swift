import Testing
@testable import GameTheory

/// Property tests (seeded, seeds printed): the equilibria a solver returns do not depend on
/// the units of the payoffs or on the order in which actions and players are listed.
///
/// - Positive affine transformation, per player: A ↦ α₁A + β₁, B ↦ α₂B + β₂ with α₁, α₂ > 0
///   rational. Every player's best responses are unchanged, so the Nash equilibria are the
///   same strategy profiles (von Stengel 2007, §3.2). Compared exactly, as sets.
/// - Relabelling: rows permuted by π, columns by σ, and optionally the two players swapped
///   ((A, B) ↦ (Bᵀ, Aᵀ)). An equilibrium (x', y') of the relabelled game maps back to
///   (x, y) with x[π(i)] = x'[i], y[σ(j)] = y'[j] (and the two strategies swapped back).
///
/// Vertex enumeration and support enumeration are checked on every game (their outputs are
/// defined by the geometry of the game, so the sets must be invariant, degenerate games
/// included); Lemke–Howson from all labels only on nondegenerate games (its lexicographic
/// tie-breaking depends on the action order, so in a degenerate game a relabelled game may
/// legitimately end at different equilibria).
///
/// References:
/// - B. von Stengel (2007), "Equilibrium computation for two-player games in strategic and
///   extensive form", *Algorithmic Game Theory* ch. 3, CUP. doi:10.1017/CBO9780511800481.005
@Suite struct EquilibriumInvarianceTests {
    /// A random bimatrix game with integer payoffs in 0..<range (small ranges give ties).
    static func randomGame(_ rng: inout SplitMix64, maxActions: Int = 4) -> (a: [[Rational]], b: [[Rational]]) {
        let m = Int.random(in: 1...maxActions, using: &rng), n = Int.random(in: 1...maxActions, using: &rng)
        let range = [3, 5, 1000][Int.random(in: 0..<3, using: &rng)]
        let a = (0..<m).map { _ in (0..<n).map { _ in Rational(Int.random(in: 0..<range, using: &rng)) } }
        let b = (0..<m).map { _ in (0..<n).map { _ in Rational(Int.random(in: 0..<range, using: &rng)) } }
        return (a, b)
    }

    static func randomPositiveRational(_ rng: inout SplitMix64) -> Rational {
        Rational(Int.random(in: 1...97, using: &rng), Int.random(in: 1...13, using: &rng))
    }

    static func solveExact(_ game: NormalFormGame, _ method: EquilibriumMethod) throws -> Set<[[Rational]]> {
        let report = try solveEquilibria(game, method: method)
        #expect(report.equilibria.allSatisfy { $0.exactRegret == 0 })
        return exactSet(report)
    }

    @Test func extremeEquilibriaAreInvariantUnderPositiveAffineTransformations() throws {
        let seed: UInt64 = 0xAFF1_2026_1130
        print("EquilibriumInvarianceTests.affine seed \(seed)")
        var rng = SplitMix64(seed: seed)
        var checked = 0
        for trial in 0..<80 {
            let (a, b) = Self.randomGame(&rng)
            let a1 = Self.randomPositiveRational(&rng), a2 = Self.randomPositiveRational(&rng)
            let b1 = Rational(Int.random(in: -50...50, using: &rng), Int.random(in: 1...7, using: &rng))
            let b2 = Rational(Int.random(in: -50...50, using: &rng), Int.random(in: 1...7, using: &rng))
            let ta = a.map { $0.map { a1 * $0 + b1 } }, tb = b.map { $0.map { a2 * $0 + b2 } }
            let game = try NormalFormGame.bimatrix(a, b), transformed = try NormalFormGame.bimatrix(ta, tb)
            let context = "seed \(seed) trial \(trial): A=\(a) B=\(b) α=(\(a1), \(a2)) β=(\(b1), \(b2))"
            let nondegenerate = try solveEquilibria(game, method: .vertexEnumeration).isDegenerate == false
            var methods: [EquilibriumMethod] = [.vertexEnumeration, .supportEnumeration]
            if nondegenerate { methods.append(.lemkeHowson) }
            for method in methods {
                let original = try Self.solveExact(game, method)
                let image = try Self.solveExact(transformed, method)
                #expect(!original.isEmpty || method != .vertexEnumeration, "\(method) \(context)")
                #expect(original == image, "\(method) \(context)")
                checked += 1
            }
        }
        print("EquilibriumInvarianceTests.affine: \(checked) (game, method) pairs compared")
        #expect(checked >= 160)
    }

    @Test func extremeEquilibriaAreInvariantUnderRelabellingActionsAndPlayers() throws {
        let seed: UInt64 = 0x5E1A_BE11_2026
        print("EquilibriumInvarianceTests.relabel seed \(seed)")
        var rng = SplitMix64(seed: seed)
        var checked = 0, swapped = 0
        for trial in 0..<80 {
            let (a, b) = Self.randomGame(&rng)
            let m = a.count, n = a[0].count
            let pi = Array(0..<m).shuffled(using: &rng), sigma = Array(0..<n).shuffled(using: &rng)
            let swap = Bool.random(using: &rng)
            // Relabelled matrices: A'[i][j] = A[π(i)][σ(j)], then optionally (Bᵀ, Aᵀ).
            let pa = pi.map { i in sigma.map { j in a[i][j] } }, pb = pi.map { i in sigma.map { j in b[i][j] } }
            let (ra, rb) = swap ? (transpose(pb), transpose(pa)) : (pa, pb)
            let game = try NormalFormGame.bimatrix(a, b), relabelled = try NormalFormGame.bimatrix(ra, rb)
            let context = "seed \(seed) trial \(trial): A=\(a) B=\(b) π=\(pi) σ=\(sigma) swap=\(swap)"
            func mapBack(_ s: [[Rational]]) -> [[Rational]] {
                let (xp, yp) = swap ? (s[1], s[0]) : (s[0], s[1])
                var x = [Rational](repeating: 0, count: m), y = [Rational](repeating: 0, count: n)
                for i in 0..<m { x[pi[i]] = xp[i] }
                for j in 0..<n { y[sigma[j]] = yp[j] }
                return [x, y]
            }
            let nondegenerate = try solveEquilibria(game, method: .vertexEnumeration).isDegenerate == false
            var methods: [EquilibriumMethod] = [.vertexEnumeration, .supportEnumeration]
            if nondegenerate { methods.append(.lemkeHowson) }
            for method in methods {
                let original = try Self.solveExact(game, method)
                let image = Set(try Self.solveExact(relabelled, method).map(mapBack))
                #expect(original == image, "\(method) \(context)")
                checked += 1
            }
            if swap { swapped += 1 }
        }
        print("EquilibriumInvarianceTests.relabel: \(checked) (game, method) pairs compared, \(swapped) games with players swapped")
        #expect(checked >= 160 && swapped >= 20)
    }

    /// Regret property on larger games than `everyMethodReturnsOnlyEquilibria` (5–7 actions,
    /// three-decimal payoffs): exact regret 0 in exact arithmetic; in floating point every
    /// reported equilibrium has regret ≤ 1e-9 × payoff range, and its exact regret (the
    /// payoffs are exact decimals) is ≤ 1e-9 × range too.
    @Test func largerGamesEveryReturnedEquilibriumHasZeroRegret() throws {
        let seed: UInt64 = 0x9E9E_7777_2026
        print("EquilibriumInvarianceTests.largerGamesRegret seed \(seed)")
        var rng = SplitMix64(seed: seed)
        var count = 0
        for trial in 0..<12 {
            let m = Int.random(in: 5...7, using: &rng), n = Int.random(in: 5...7, using: &rng)
            let a = (0..<m).map { _ in (0..<n).map { _ in Rational(Int.random(in: -5000...5000, using: &rng), 1000) } }
            let b = (0..<m).map { _ in (0..<n).map { _ in Rational(Int.random(in: -5000...5000, using: &rng), 1000) } }
            let game = try NormalFormGame.bimatrix(a, b)
            let context = "seed \(seed) trial \(trial) \(m)×\(n)"
            let flat = game.payoffTable.joined()
            let range = flat.max()! - flat.min()!
            for method in [EquilibriumMethod.supportEnumeration, .lemkeHowson] {
                let exact = try solveEquilibria(game, method: method)
                #expect(!exact.equilibria.isEmpty, "\(method) \(context)")
                #expect(exact.equilibria.allSatisfy { $0.exactRegret == 0 }, "\(method) \(context)")
                let fp = try solveEquilibria(game, method: method, arithmetic: .floatingPoint)
                #expect(!fp.equilibria.isEmpty, "\(method) fp \(context)")
                for e in fp.equilibria {
                    #expect(e.regret <= 1e-9 * range, "\(method) fp \(context): regret \(e.regret)")
                    let exactProfile = e.strategies.map { $0.map { Rational(exactly: $0)! } }
                    let r = game.regret(exactProfile)
                    #expect(r.doubleValue <= 1e-9 * range, "\(method) fp \(context): exact regret \(r)")
                    count += 1
                }
            }
        }
        print("EquilibriumInvarianceTests.largerGamesRegret: \(count) floating-point equilibria checked")
    }
}

private func transpose(_ m: [[Rational]]) -> [[Rational]] {
    guard let n = m.first?.count else { return [] }
    return (0..<n).map { j in m.map { $0[j] } }
}
