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

    /// The exact optimal value certified by the floating-point solve's final basis, or nil
    /// when that basis is not exactly optimal. The scaled data are the program's numbers times
    /// powers of two, so they convert to `Rational` without error; the basis values
    /// `B x_B = b` and duals `Bᵀy = c_B` are solved exactly and every sign condition is
    /// checked exactly (x_B ≥ 0, reduced costs ≤ 0 on non-artificial columns).
    static func exactCertifiedValue(_ report: FloatingPointBasisReport) -> Rational? {
        let n = report.columns
        func a(_ i: Int, _ j: Int) -> Rational { Rational(exactly: report.matrix[i * n + j])! }
        // Unit basic columns (slacks, artificials) each cover the row of their single entry;
        // the other rows form the square system with the structural basic columns.
        var unitRow = [Int: (row: Int, sign: Rational)]()
        var coveredRows = Set<Int>()
        var structuralBasic = [Int]()
        for j in report.basis {
            if j >= report.structural {
                let nonzero = report.activeRows.filter { report.matrix[$0 * n + j] != 0 }
                guard nonzero.count == 1 else { return nil }
                unitRow[j] = (nonzero[0], a(nonzero[0], j))
                coveredRows.insert(nonzero[0])
            } else { structuralBasic.append(j) }
        }
        let tight = report.activeRows.filter { !coveredRows.contains($0) }
        guard tight.count == structuralBasic.count else { return nil }
        let k = tight.count
        // Solve M x = b_T and Mᵀ y = c_S exactly (M = A[tight, structuralBasic]).
        func solve(_ m: [[Rational]], _ rhs: [Rational]) -> [Rational]? {
            var aug = zip(m, rhs).map { $0 + [$1] }
            var order = [Int]()
            for col in 0..<k {
                guard let r = (0..<k).first(where: { !order.contains($0) && !aug[$0][col].isZero }) else { return nil }
                let p = aug[r][col]
                aug[r] = aug[r].map { $0 / p }
                for i in 0..<k where i != r && !aug[i][col].isZero {
                    let f = aug[i][col]
                    for j in col...k where !aug[r][j].isZero { aug[i][j] = aug[i][j] - f * aug[r][j] }
                }
                order.append(r)
            }
            return order.map { aug[$0][k] }
        }
        let m = tight.map { i in structuralBasic.map { a(i, $0) } }
        guard let xs = solve(m, tight.map { Rational(exactly: report.rhs[$0])! }),
              let yt = solve((0..<k).map { c in (0..<k).map { r in m[r][c] } }, structuralBasic.map { Rational(exactly: report.cost[$0])! })
        else { return nil }
        guard xs.allSatisfy({ $0 >= 0 }) else { return nil }
        // Unit basic values: σ·u = b_i − Σ_S a_ij x_j ≥ 0 needed.
        for (_, u) in unitRow {
            var v = Rational(exactly: report.rhs[u.row])!
            for (c, j) in structuralBasic.enumerated() { v = v - a(u.row, j) * xs[c] }
            if (v / u.sign) < 0 { return nil }
        }
        // Reduced costs c_j − yᵀA_j ≤ 0 for every non-artificial column (rows covered by a
        // unit basic column of cost 0 have dual 0).
        let basic = Set(report.basis)
        for j in 0..<report.firstArtificial where !basic.contains(j) {
            var d = Rational(exactly: report.cost[j])!
            for (r, i) in tight.enumerated() where report.matrix[i * n + j] != 0 { d = d - yt[r] * a(i, j) }
            if d > 0 { return nil }
        }
        var value = Rational.zero
        for (c, j) in structuralBasic.enumerated() where j < report.objectiveWeights.count {
            value = value + Rational(exactly: report.objectiveWeights[j])! * xs[c]
        }
        return value
    }

    /// Checks a floating-point optimum's primal feasibility on the original rows.
    static func checkFeasible(_ dlp: LinearProgram<Double>, _ x: [Double], _ context: String) {
        for (i, c) in dlp.constraints.enumerated() {
            var lhs = 0.0
            for j in 0..<x.count { lhs += c.coefficients[j] * x[j] }
            let tol = 1e-9 * max(1, c.coefficients.map(abs).max() ?? 1)
            switch c.relation {
            case .lessOrEqual: #expect(lhs <= c.rhs + tol, "\(context): row \(i) residual")
            case .greaterOrEqual: #expect(lhs >= c.rhs - tol, "\(context): row \(i) residual")
            case .equal: #expect(abs(lhs - c.rhs) <= tol, "\(context): row \(i) residual")
            }
        }
        for j in 0..<x.count where !dlp.freeVariables.contains(j) { #expect(x[j] >= 0, "\(context): x[\(j)] = \(x[j])") }
    }

    /// Solves in Double and in Rational; checks Double's status, primal feasibility and
    /// objective (1e-9 relative) against the exact solve.
    static func compare(_ dlp: LinearProgram<Double>, _ rlp: LinearProgram<Rational>, _ context: String) throws {
        let exact = try rlp.solve()
        let float: LinearProgramResult<Double>
        do { float = try dlp.solve() } catch LinearProgramError.numericallyUnreliable(let why) {
            Issue.record("\(context): the floating-point simplex refused: \(why)")
            return
        }
        switch (exact, float) {
        case (.optimal(_, let ve, _), .optimal(let x, let vd, _)):
            let scale = max(1, abs(ve.doubleValue))
            #expect(abs(vd - ve.doubleValue) <= 1e-9 * scale, "\(context): objective \(vd) vs exact \(ve)")
            checkFeasible(dlp, x, context)
        case (.infeasible, .infeasible), (.unbounded, .unbounded): break
        default: Issue.record("\(context): exact \(exact), floating point \(float)")
        }
    }

    /// The two CE programs that defeated the Bland's-rule simplex (6×6 seed 8: "infeasible";
    /// 10×10 seed 5: 100 000-pivot limit) now solve, and their final bases are certified
    /// optimal in exact arithmetic with the same value.
    @Test(arguments: [(6, 8 as UInt64), (10, 5)])
    func knownDegenerateCorrelatedPrograms(size: Int, seed: UInt64) throws {
        print("LinearProgramRobustnessTests.knownDegenerateCorrelatedPrograms \(size)×\(size) seed \(seed)")
        let g = try Self.randomGame(m: size, n: size, seed: seed)
        let dlp = try Self.ceProgram(g, Double.self)
        let (result, report) = try dlp.solveFloatingPointReportingBasis(maxPivots: 20_000)
        guard case .optimal(let x, let v, _) = result, let report else { Issue.record("seed \(seed): \(result)"); return }
        Self.checkFeasible(dlp, x, "CE \(size)×\(size) seed \(seed)")
        guard let exact = Self.exactCertifiedValue(report) else {
            Issue.record("seed \(seed): the final basis is not exactly optimal"); return
        }
        #expect(abs(v - exact.doubleValue) <= 1e-9 * max(1, abs(exact.doubleValue)), "value \(v), exact \(exact)")
        // The correlated-equilibrium solver no longer needs its exact re-solve here.
        let res = try CorrelatedEquilibriumSolver(arithmetic: .floatingPoint).solve(g)
        #expect(res.optimum.isVerified)
        #expect(!res.notes.contains { $0.contains("solved again in exact arithmetic") }, "\(res.notes)")
    }

    /// The exact certificate itself can fail: the welfare-maximising basis of the 6×6 seed-8
    /// program is rejected as a basis for minimising welfare (costs negated), since the
    /// polytope holds distributions of lower welfare (the pure equilibria, for one).
    @Test func exactCertificateRejectsANonOptimalBasis() throws {
        let g = try Self.randomGame(m: 6, n: 6, seed: 8)
        let (result, report) = try Self.ceProgram(g, Double.self).solveFloatingPointReportingBasis(maxPivots: 20_000)
        guard case .optimal = result, let r = report else { Issue.record("\(result)"); return }
        #expect(Self.exactCertifiedValue(r) != nil)
        let negated = FloatingPointBasisReport(matrix: r.matrix, rhs: r.rhs, cost: r.cost.map { -$0 }, columns: r.columns,
                                               structural: r.structural, firstArtificial: r.firstArtificial,
                                               basis: r.basis, activeRows: r.activeRows, objectiveWeights: r.objectiveWeights)
        #expect(Self.exactCertifiedValue(negated) == nil)
    }

    /// Random 4×4 CE programs against the exact simplex `LinearProgram<Rational>` (a few seeds,
    /// small enough for a debug build; the measurement over 6×6 and 10×10 games is in
    /// docs/NPLAYER.md).
    @Test func randomCorrelatedProgramsAgreeWithExact() throws {
        for seed: UInt64 in [1, 2, 3] {
            print("LinearProgramRobustnessTests.randomCorrelatedProgramsAgreeWithExact 4×4 seed \(seed)")
            let g = try Self.randomGame(m: 4, n: 4, seed: seed)
            try Self.compare(try Self.ceProgram(g, Double.self), try Self.ceProgram(g, Rational.self), "CE 4×4 seed \(seed)")
        }
    }

    /// Degenerate programs that are infeasible or unbounded are reported as such: the CE rows
    /// of the 6×6 seed-8 game with Σx = 1 and Σx ≤ 1/2 (a verified Farkas vector), and with
    /// Σx = 1 replaced by Σx ≥ 1 (the welfare, with payoffs 0…9, grows without bound along
    /// any positive multiple of a correlated equilibrium).
    @Test func degenerateInfeasibleAndUnboundedAreReported() throws {
        let g = try Self.randomGame(m: 6, n: 6, seed: 8)
        var lp = try Self.ceProgram(g, Double.self)
        lp.constraints.append(.init([Double](repeating: 1, count: 36), .lessOrEqual, 0.5))
        let r1 = try lp.solve()
        guard case .infeasible = r1 else { Issue.record("expected infeasible, got \(r1)"); return }
        var lp2 = try Self.ceProgram(g, Double.self)
        lp2.constraints[lp2.constraints.count - 1].relation = .greaterOrEqual
        let r2 = try lp2.solve()
        guard case .unbounded = r2 else { Issue.record("expected unbounded, got \(r2)"); return }
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
