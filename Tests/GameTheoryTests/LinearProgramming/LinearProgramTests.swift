import Testing
@testable import GameTheory

@Suite struct LinearProgramTests {
    typealias Q = Rational

    /// Hillier & Lieberman's Wyndor Glass example: max 3x + 5y, x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18;
    /// optimum 36 at (2, 6) (by hand: the vertex where 2y = 12 and 3x + 2y = 18 meet).
    @Test func wyndorGlassExactAndFloating() throws {
        let lp = LinearProgram<Q>(sense: .maximize, objective: [3, 5], constraints: [
            .init([1, 0], .lessOrEqual, 4), .init([0, 2], .lessOrEqual, 12), .init([3, 2], .lessOrEqual, 18)])
        let s = try #require(try lp.solve().solution)
        #expect(s.x == [2, 6])
        #expect(s.value == 36)
        // Shadow prices (Hillier & Lieberman): 0, 3/2, 1; and 4·0 + 12·3/2 + 18·1 = 36.
        #expect(s.duals == [0, Q(3, 2), 1])
        let lpd = LinearProgram<Double>(sense: .maximize, objective: [3, 5], constraints: [
            .init([1, 0], .lessOrEqual, 4), .init([0, 2], .lessOrEqual, 12), .init([3, 2], .lessOrEqual, 18)])
        let d = try #require(try lpd.solve().solution)
        #expect(abs(d.value - 36) < 1e-12 && abs(d.x[0] - 2) < 1e-12 && abs(d.x[1] - 6) < 1e-12)
    }

    /// A minimisation with ≥ and = rows (needs phase 1): min 2x + 3y s.t. x + y ≥ 4,
    /// x − y = 1, x, y ≥ 0. From x = y + 1: min 5y + 2 with 2y + 1 ≥ 4, so y = 3/2, x = 5/2,
    /// value 19/2.
    @Test func phaseOneWithEqualityAndGreaterRows() throws {
        let lp = LinearProgram<Q>(sense: .minimize, objective: [2, 3], constraints: [
            .init([1, 1], .greaterOrEqual, 4), .init([1, -1], .equal, 1)])
        let s = try #require(try lp.solve().solution)
        #expect(s.x == [Q(5, 2), Q(3, 2)])
        #expect(s.value == Q(19, 2))
        // Both x and y are basic, so y₁ + y₂ = 2 and y₁ − y₂ = 3: y = (5/2, −1/2); 4·5/2 − 1/2 = 19/2.
        #expect(s.duals == [Q(5, 2), Q(-1, 2)])
    }

    /// A free variable: min x s.t. x ≥ −3 (x free) has optimum −3; with x ≥ 0 it is 0.
    @Test func freeVariables() throws {
        let rows: [LinearProgram<Q>.Constraint] = [.init([1], .greaterOrEqual, -3)]
        #expect(try LinearProgram<Q>(sense: .minimize, objective: [1], constraints: rows, freeVariables: [0]).solve().solution?.value == -3)
        #expect(try LinearProgram<Q>(sense: .minimize, objective: [1], constraints: rows).solve().solution?.value == 0)
    }

    @Test func infeasibleIsReported() throws {
        // x + y ≤ 1 and x + y ≥ 2.
        for arithmetic in [true, false] {
            if arithmetic {
                let r = try LinearProgram<Q>(sense: .maximize, objective: [1, 1], constraints: [
                    .init([1, 1], .lessOrEqual, 1), .init([1, 1], .greaterOrEqual, 2)]).solve()
                guard case .infeasible = r else { Issue.record("expected infeasible, got \(r)"); return }
            } else {
                let r = try LinearProgram<Double>(sense: .maximize, objective: [1, 1], constraints: [
                    .init([1, 1], .lessOrEqual, 1), .init([1, 1], .greaterOrEqual, 2)]).solve()
                guard case .infeasible = r else { Issue.record("expected infeasible, got \(r)"); return }
            }
        }
    }

    @Test func unboundedIsReported() throws {
        // max x + y s.t. x − y ≤ 1: unbounded along (1, 1).
        let r = try LinearProgram<Q>(sense: .maximize, objective: [1, 1], constraints: [.init([1, -1], .lessOrEqual, 1)]).solve()
        guard case .unbounded = r else { Issue.record("expected unbounded, got \(r)"); return }
        let rd = try LinearProgram<Double>(sense: .maximize, objective: [1, 1], constraints: [.init([1, -1], .lessOrEqual, 1)]).solve()
        guard case .unbounded = rd else { Issue.record("expected unbounded, got \(rd)"); return }
    }

    /// Beale's (1955) example, which cycles under Dantzig's largest-coefficient rule with the
    /// lowest-index tie break: max 3/4 x₁ − 150 x₂ + 1/50 x₃ − 6 x₄ s.t.
    /// 1/4 x₁ − 60 x₂ − 1/25 x₃ + 9 x₄ ≤ 0, 1/2 x₁ − 90 x₂ − 1/50 x₃ + 3 x₄ ≤ 0, x₃ ≤ 1.
    /// Optimum 1/20 at x = (1/25, 0, 1, 0) (Chvátal 1983, ch. 3).
    @Test func bealeCyclingExampleTerminates() throws {
        let lp = LinearProgram<Q>(sense: .maximize, objective: [Q(3, 4), -150, Q(1, 50), -6], constraints: [
            .init([Q(1, 4), -60, Q(-1, 25), 9], .lessOrEqual, 0),
            .init([Q(1, 2), -90, Q(-1, 50), 3], .lessOrEqual, 0),
            .init([0, 0, 1, 0], .lessOrEqual, 1)])
        let s = try #require(try lp.solve().solution)
        #expect(s.value == Q(1, 20))
        #expect(s.x == [Q(1, 25), 0, 1, 0])
        #expect(s.duals[0] * 0 + s.duals[1] * 0 + s.duals[2] * 1 == Q(1, 20))   // strong duality
        let lpd = LinearProgram<Double>(sense: .maximize, objective: [0.75, -150, 0.02, -6], constraints: [
            .init([0.25, -60, -0.04, 9], .lessOrEqual, 0), .init([0.5, -90, -0.02, 3], .lessOrEqual, 0),
            .init([0, 0, 1, 0], .lessOrEqual, 1)])
        let d = try #require(try lpd.solve().solution)
        #expect(abs(d.value - 0.05) < 1e-12)
    }

    /// A redundant equality row (the same row twice) leaves a zero-level artificial to drop.
    @Test func redundantEqualityRows() throws {
        let lp = LinearProgram<Q>(sense: .maximize, objective: [1, 2], constraints: [
            .init([1, 1], .equal, 3), .init([2, 2], .equal, 6)])
        let s = try #require(try lp.solve().solution)
        #expect(s.value == 6 && s.x == [0, 3])
        #expect(s.duals[0] * 3 + s.duals[1] * 6 == 6)
    }

    @Test func malformedRowIsAnError() {
        #expect(throws: LinearProgramError.rowLength(row: 0, count: 1, expected: 2)) {
            try LinearProgram<Double>(sense: .maximize, objective: [1, 1], constraints: [.init([1], .lessOrEqual, 1)]).solve()
        }
    }
}
