import Testing
@testable import GameTheory

/// The floating-point simplex on programs that once defeated it, checked against the exact
/// (Rational) simplex on the same program.
@Suite struct LinearProgramRobustnessTests {
    /// A random m×n game, payoffs uniform in 0…9 from SplitMix64(seed), one table per player
    /// in flat profile order (player 0 fastest).
    static func randomGame(m: Int, n: Int, seed: UInt64) throws -> NormalFormGame {
        var rng = SplitMix64(seed: seed)
        let table = (0..<2).map { _ in (0..<(m * n)).map { _ in Double(rng.next() % 10) } }
        return try NormalFormGame(players: ["P0", "P1"],
                                  actions: [(0..<m).map { "a\($0)" }, (0..<n).map { "b\($0)" }],
                                  payoffs: table)
    }

    /// The correlated-equilibrium program (maximise welfare over incentive rows ≥ 0, Σx = 1).
    static func ceProgram<T: GameScalar>(_ game: NormalFormGame, _: T.Type) throws -> LinearProgram<T> {
        let t = game.table(T.self)
        let k = game.profileCount
        let c = try CorrelatedObjective.welfare.coefficients(game, t)
        var constraints = CorrelatedEquilibrium.incentiveRows(game, t, .correlated).map { sparse -> LinearProgram<T>.Constraint in
            var dense = [T](repeating: T.zero, count: k)
            for (j, v) in sparse { dense[j] = v }
            return .init(dense, .greaterOrEqual, T.zero)
        }
        constraints.append(.init([T](repeating: T.one, count: k), .equal, T.one))
        return LinearProgram<T>(sense: .maximize, objective: c, constraints: constraints)
    }

    /// Solves in Double and in Rational; checks Double's status, primal feasibility and
    /// objective against the exact solve.
    static func compare(_ dlp: LinearProgram<Double>, _ rlp: LinearProgram<Rational>, _ context: String) throws {
        let exact = try rlp.solve()
        let float: LinearProgramResult<Double>
        do { float = try dlp.solve() } catch LinearProgramError.numericallyUnreliable {
            return   // an honest refusal is allowed; a wrong status is not
        }
        switch (exact, float) {
        case (.optimal(_, let ve, _), .optimal(let x, let vd, _)):
            let scale = max(1, abs(ve.doubleValue))
            #expect(abs(vd - ve.doubleValue) <= 1e-7 * scale, "\(context): objective \(vd) vs exact \(ve)")
            for (i, c) in dlp.constraints.enumerated() {
                var lhs = 0.0
                for j in 0..<x.count { lhs += c.coefficients[j] * x[j] }
                let tol = 1e-7 * max(1, c.coefficients.map(abs).max() ?? 1)
                switch c.relation {
                case .lessOrEqual: #expect(lhs <= c.rhs + tol, "\(context): row \(i) residual")
                case .greaterOrEqual: #expect(lhs >= c.rhs - tol, "\(context): row \(i) residual")
                case .equal: #expect(abs(lhs - c.rhs) <= tol, "\(context): row \(i) residual")
                }
            }
            for j in 0..<x.count where !dlp.freeVariables.contains(j) { #expect(x[j] >= -1e-9, "\(context): x[\(j)] = \(x[j])") }
        case (.infeasible, .infeasible), (.unbounded, .unbounded): break
        default: Issue.record("\(context): exact \(exact), floating point \(float)")
        }
    }

    /// The CE program of the random 6×6 game, seed 8, once reported infeasible in Double.
    @Test(arguments: [(6, 8 as UInt64)])
    func correlatedProgramSolves(size: Int, seed: UInt64) throws {
        print("LinearProgramRobustnessTests.correlatedProgramSolves \(size)×\(size) seed \(seed)")
        let g = try Self.randomGame(m: size, n: size, seed: seed)
        let dlp = try Self.ceProgram(g, Double.self)
        let result = try dlp.solve(maxPivots: 20_000)
        guard case .optimal = result else { Issue.record("seed \(seed): \(result)"); return }
        print("double: \(result)")
        if size <= 6 { try Self.compare(dlp, try Self.ceProgram(g, Rational.self), "CE \(size)×\(size) seed \(seed)") }
        // The exact route of the solver (floating-point basis, exact vertex) agrees.
        let res = try CorrelatedEquilibriumSolver(arithmetic: .floatingPoint).solve(g)
        #expect(res.optimum.isVerified)
        #expect(!res.notes.contains { $0.contains("solved again in exact arithmetic") }, "\(res.notes)")
        if case .optimal(_, let v, _) = result { #expect(abs(v - res.objectiveValue) <= 1e-7 * max(1, abs(v))) }
    }

    /// Property: ~50 random small programs (mixed relations, small integer data, many ties),
    /// Double against exact Rational on status and objective.
    @Test func randomSmallProgramsAgreeWithExact() throws {
        let seed: UInt64 = 0x1F_2026_1130
        print("LinearProgramRobustnessTests.randomSmallProgramsAgreeWithExact seed \(seed)")
        var rng = SplitMix64(seed: seed)
        for trial in 0..<50 {
            let n = 2 + Int(rng.next() % 4), m = 2 + Int(rng.next() % 5)
            func value() -> Int { Int(rng.next() % 7) - 3 }
            let c = (0..<n).map { _ in value() }
            var rows = [(coef: [Int], rel: LinearProgram<Double>.Relation, rhs: Int)]()
            for _ in 0..<m {
                let rel: LinearProgram<Double>.Relation = [.lessOrEqual, .lessOrEqual, .greaterOrEqual, .equal][Int(rng.next() % 4)]
                rows.append(((0..<n).map { _ in value() }, rel, value()))
            }
            let free: Set<Int> = rng.next() % 3 == 0 ? [0] : []
            let sense: LinearProgram<Double>.Sense = rng.next() % 2 == 0 ? .maximize : .minimize
            let dlp = LinearProgram<Double>(sense: sense, objective: c.map(Double.init),
                                            constraints: rows.map { .init($0.coef.map(Double.init), $0.rel, Double($0.rhs)) },
                                            freeVariables: free)
            let rlp = LinearProgram<Rational>(sense: LinearProgram<Rational>.Sense(rawValue: sense.rawValue)!,
                                              objective: c.map { Rational($0) },
                                              constraints: rows.map { .init($0.coef.map { Rational($0) },
                                                                            LinearProgram<Rational>.Relation(rawValue: $0.rel.rawValue)!, Rational($0.rhs)) },
                                              freeVariables: free)
            try Self.compare(dlp, rlp, "seed \(seed) trial \(trial)")
        }
    }
}
