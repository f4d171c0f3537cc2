import Testing
@testable import GameTheory

@Suite struct EquilibriumMethodTests {
    @Test func automaticIsVertexEnumerationForTwoPlayers() throws {
        let report = try solveEquilibria(stengel3x2Degenerate, components: true)
        #expect(report.method == "vertex-enumeration")
        #expect(report.isComplete)
        #expect(report.isDegenerate == true)
        #expect(report.equilibria.count == 3)
        #expect(report.components?.count == 2)
    }

    @Test func automaticForThreePlayersIsPureWithANote() throws {
        // Unanimity: every player gets 1 when all choose the same action, else 0.
        var table = [[Double]](repeating: [], count: 3)
        for p in 0..<3 { table[p] = (0..<8).map { $0 == 0 || $0 == 7 ? 1 : 0 } }
        let g = try NormalFormGame(players: ["1", "2", "3"], actions: [["A", "B"], ["A", "B"], ["A", "B"]],
                                   payoffs: table)
        let report = try solveEquilibria(g)
        #expect(report.method == "pure-enumeration")
        #expect(report.equilibria.count == 2)
        #expect(report.notes.contains { $0.contains("mixed equilibria need another method") })
        #expect(throws: GameError.self) { try solveEquilibria(g, method: .vertexEnumeration) }
    }

    @Test func namedMethodsRun() throws {
        for method in EquilibriumMethod.allCases {
            let report = try solveEquilibria(stengel3x2, method: method)
            #expect(!report.equilibria.isEmpty, "\(method)")
            #expect(report.equilibria.allSatisfy { $0.exactRegret == 0 }, "\(method)")
        }
        let fp = try solveEquilibria(stengel3x2, method: .vertexEnumeration, arithmetic: .floatingPoint)
        #expect(fp.notes.contains { $0.contains("exact arithmetic") })
        let se = try solveEquilibria(stengel3x2, method: .supportEnumeration, components: true)
        #expect(se.components == nil)
        #expect(se.notes.contains { $0.contains("vertex enumeration") })
    }

    /// Property: on seeded random games (small payoff ranges, so many are degenerate) every
    /// equilibrium from every method has exact regret 0 (floating point: ≤ 1e-9), and what
    /// support enumeration and Lemke–Howson find is among vertex enumeration's extreme
    /// equilibria (exact modes).
    @Test func everyMethodReturnsOnlyEquilibria() throws {
        let seed: UInt64 = 20_261_130
        print("EquilibriumMethodTests.everyMethodReturnsOnlyEquilibria seed \(seed)")
        var rng = SplitMix64(seed: seed)
        for trial in 0..<60 {
            let m = Int.random(in: 1...4, using: &rng), n = Int.random(in: 1...4, using: &rng)
            let range = Int.random(in: 2...6, using: &rng)
            let a = (0..<m).map { _ in (0..<n).map { _ in Int.random(in: 0..<range, using: &rng) } }
            let b = (0..<m).map { _ in (0..<n).map { _ in Int.random(in: 0..<range, using: &rng) } }
            let game = try NormalFormGame.bimatrix(a, b)
            let context = "seed \(seed) trial \(trial): A=\(a) B=\(b)"
            let ve = try solveEquilibria(game, method: .vertexEnumeration)
            #expect(!ve.equilibria.isEmpty, "\(context)")
            #expect(ve.notes.isEmpty, "\(context): \(ve.notes)")
            let all = exactSet(ve)
            for method in [EquilibriumMethod.supportEnumeration, .lemkeHowson] {
                let report = try solveEquilibria(game, method: method)
                #expect(report.equilibria.allSatisfy { $0.exactRegret == 0 }, "\(method) \(context)")
                #expect(exactSet(report).isSubset(of: all), "\(method) \(context)")
                let fp = try solveEquilibria(game, method: method, arithmetic: .floatingPoint)
                #expect(fp.maximumRegret <= 1e-9, "\(method) fp \(context)")
            }
            #expect(ve.equilibria.allSatisfy { $0.exactRegret == 0 }, "\(context)")
            // Pure equilibria are extreme equilibria.
            let pure = PureEquilibria().solve(game)
            #expect(exactSet(pure).isSubset(of: all), "\(context)")
        }
    }
}
