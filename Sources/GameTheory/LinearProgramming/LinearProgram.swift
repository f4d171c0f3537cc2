/// A linear program: maximise or minimise `cᵀx` subject to linear rows `aᵢᵀx ≤ / = / ≥ bᵢ`,
/// with each variable either non-negative (the default) or free.
///
/// Index convention: variable `j` is `x[j]`, `j = 0..<objective.count`; constraint `i` has
/// `constraints[i].coefficients[j]` as the coefficient of `x[j]`.
///
/// ```swift
/// // maximise 3x + 5y s.t. x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18, x, y ≥ 0   (optimum 36 at (2, 6))
/// let lp = LinearProgram<Rational>(sense: .maximize, objective: [3, 5], constraints: [
///     .init([1, 0], .lessOrEqual, 4), .init([0, 2], .lessOrEqual, 12), .init([3, 2], .lessOrEqual, 18)])
/// let result = try lp.solve()
/// ```
///
/// Solved by `solve()`, a dense two-phase tableau simplex in either arithmetic: `Rational`
/// (exact, Bland's rule, which cannot cycle; for small problems) or `Double` (scaled, perturbed,
/// Dantzig pricing with a Harris ratio test and periodic LU refactorisation, and every
/// infeasible/unbounded/optimal answer checked by a certificate; see `FloatingPointSimplex`).
public struct LinearProgram<T: GameScalar>: Sendable {
    public enum Sense: String, Sendable { case maximize, minimize }
    public enum Relation: String, Sendable { case lessOrEqual, equal, greaterOrEqual }

    /// One row `coefficientsᵀ x  relation  rhs`.
    public struct Constraint: Sendable {
        public var coefficients: [T]
        public var relation: Relation
        public var rhs: T
        public init(_ coefficients: [T], _ relation: Relation, _ rhs: T) {
            self.coefficients = coefficients
            self.relation = relation
            self.rhs = rhs
        }
    }

    public var sense: Sense
    public var objective: [T]
    public var constraints: [Constraint]
    /// Indices of variables without the sign constraint `x ≥ 0`.
    public var freeVariables: Set<Int>

    public init(sense: Sense, objective: [T], constraints: [Constraint], freeVariables: Set<Int> = []) {
        self.sense = sense
        self.objective = objective
        self.constraints = constraints
        self.freeVariables = freeVariables
    }

    public var variableCount: Int { objective.count }
}

/// The outcome of solving a linear program.
public enum LinearProgramResult<T: GameScalar>: Sendable {
    /// An optimal solution `x` with its objective value (in the program's own sense) and
    /// dual values `duals[i]` for constraint i, signed so that `Σᵢ duals[i]·rhsᵢ = value`
    /// (for a maximisation with ≤ rows they are the non-negative shadow prices). A row
    /// dropped as redundant gets dual 0.
    case optimal(x: [T], value: T, duals: [T])
    /// No `x` satisfies the constraints.
    case infeasible
    /// The objective is unbounded in the direction of optimisation.
    case unbounded

    public var solution: (x: [T], value: T, duals: [T])? {
        if case .optimal(let x, let v, let y) = self { return (x, v, y) }
        return nil
    }
}

/// A malformed linear program (a programming or input error, reported instead of a crash).
public enum LinearProgramError: Error, Sendable, Equatable, CustomStringConvertible {
    case rowLength(row: Int, count: Int, expected: Int)
    case freeVariableOutOfRange(Int)
    case nonFinite(String)
    case iterationLimit(Int)
    /// Floating point only: the simplex could not produce a verified answer (a basis primal
    /// and dual feasible after refactorisation, a Farkas vector, or an improving ray checked
    /// against the original rows), so it gives none; solve in exact arithmetic instead.
    case numericallyUnreliable(String)

    public var description: String {
        switch self {
        case .rowLength(let r, let c, let e):
            return "constraint \(r + 1) has \(c) coefficients; the program has \(e) variables"
        case .freeVariableOutOfRange(let j): return "free variable index \(j) is out of range"
        case .nonFinite(let s): return "linear program has a non-finite number: \(s)"
        case .iterationLimit(let n): return "simplex stopped after \(n) pivots without reaching an optimum"
        case .numericallyUnreliable(let s): return "floating-point simplex is numerically unreliable here: \(s)"
        }
    }
}

extension LinearProgram {
    /// Solves the program by the two-phase simplex method.
    ///
    /// Phase 1 minimises the sum of artificial variables (a positive minimum means
    /// `.infeasible`); artificial variables left basic at level zero are pivoted out or their
    /// redundant rows dropped; phase 2 optimises the objective (`.unbounded` when an entering
    /// column has no positive entry). Free variables are split as `x = x⁺ − x⁻`.
    ///
    /// In `Rational` nothing is rounded and Bland's rule (lowest index) prevents cycling. In
    /// `Double` the program is equilibrated, perturbed, priced by Dantzig's rule with a Harris
    /// ratio test (Bland only after 50 degenerate pivots in a row) and refactorised by LU every
    /// 100 pivots; each answer carries a check (primal and dual feasibility within 1e-9 after
    /// refactorisation, a Farkas vector, an improving ray), and when a check fails the solver
    /// throws `numericallyUnreliable` rather than answer. See `FloatingPointSimplex`.
    ///
    /// - Complexity: each pivot is O(m·n) for m rows and n columns (after slacks), each
    ///   floating-point refactorisation O(m²·n); the pivot rules terminate but can take
    ///   exponentially many pivots in the worst case.
    /// - Throws: `LinearProgramError` for rows of the wrong length, non-finite entries, more
    ///   than `maxPivots` pivots, or (floating point only) `numericallyUnreliable`.
    /// - References: G. B. Dantzig (1963), *Linear Programming and Extensions*, Princeton
    ///   University Press. R. G. Bland (1977), "New finite pivoting rules for the simplex
    ///   method", Mathematics of Operations Research 2(2), 103–107. doi:10.1287/moor.2.2.103
    ///   P. M. J. Harris (1973), "Pivot selection methods of the Devex LP code", Mathematical
    ///   Programming 5, 1–28. doi:10.1007/BF01580108
    // Pre-specialised for both arithmetics so that callers in other modules do not run the
    // unspecialised generic code (measured: about 100× slower in release builds).
    @_specialize(exported: true, where T == Double)
    @_specialize(exported: true, where T == Rational)
    public func solve(maxPivots: Int = 100_000) throws -> LinearProgramResult<T> {
        let n = variableCount
        for (i, c) in constraints.enumerated() where c.coefficients.count != n {
            throw LinearProgramError.rowLength(row: i, count: c.coefficients.count, expected: n)
        }
        for j in freeVariables where j < 0 || j >= n { throw LinearProgramError.freeVariableOutOfRange(j) }
        if !T.isExact {
            let all = objective + constraints.flatMap { $0.coefficients + [$0.rhs] }
            if let bad = all.first(where: { !$0.doubleValue.isFinite }) {
                throw LinearProgramError.nonFinite("\(bad)")
            }
        }
        if T.self == Double.self {
            return try (self as! LinearProgram<Double>).solveFloatingPoint(maxPivots: maxPivots) as! LinearProgramResult<T>
        }
        return try solveByBlandTableau(maxPivots: maxPivots)
    }

    /// The textbook two-phase tableau simplex with Bland's rule: exact for `Rational`; in
    /// `Double` (entries below 1e-9 count as zero) it is the solver used before
    /// `FloatingPointSimplex`, kept for exact arithmetic and for comparisons.
    func solveByBlandTableau(maxPivots: Int) throws -> LinearProgramResult<T> {
        let n = variableCount
        // Column layout: structural columns (x⁺ for every variable, then x⁻ for free ones),
        // slack/surplus columns, artificial columns, then the right-hand side.
        let free = freeVariables.sorted()
        let structural = n + free.count
        var rows = [(coef: [T], rel: Relation, rhs: T)]()
        var flipped = [Bool]()
        for c in constraints {
            var coef = c.coefficients
            for j in free { coef.append(-c.coefficients[j]) }
            var rel = c.relation, rhs = c.rhs
            if rhs < T.zero {
                coef = coef.map { -$0 }
                rhs = -rhs
                rel = rel == .lessOrEqual ? .greaterOrEqual : (rel == .greaterOrEqual ? .lessOrEqual : .equal)
            }
            flipped.append(c.rhs < T.zero)
            rows.append((coef, rel, rhs))
        }
        let m = rows.count
        let slackCount = rows.filter { $0.rel != .equal }.count
        let artificialCount = rows.filter { $0.rel != .lessOrEqual }.count
        let width = structural + slackCount + artificialCount + 1
        let rhsColumn = width - 1
        let firstArtificial = structural + slackCount
        var tab = Tableau<T>(rows: m, width: width)
        var basis = [Int](repeating: 0, count: m)
        // The column whose reduced cost gives each row's dual, and that column's sign in the row.
        var dualColumn = [(column: Int, sign: T)]()
        var artificialRow = [Int: Int]()
        var s = structural, a = firstArtificial
        for (i, r) in rows.enumerated() {
            for j in 0..<structural { tab[i, j] = r.coef[j] }
            tab[i, rhsColumn] = r.rhs
            switch r.rel {
            case .lessOrEqual:
                tab[i, s] = T.one; basis[i] = s; dualColumn.append((s, T.one)); s += 1
            case .greaterOrEqual:
                tab[i, s] = -T.one; dualColumn.append((s, -T.one)); s += 1
                tab[i, a] = T.one; basis[i] = a; artificialRow[a] = i; a += 1
            case .equal:
                tab[i, a] = T.one; basis[i] = a; dualColumn.append((a, T.one)); artificialRow[a] = i; a += 1
            }
        }
        var redundant = Set<Int>()
        let eps: T = T.isExact ? T.zero : T(1) / T(1_000_000_000)
        var pivots = 0

        // Phase 1: maximise −Σ artificials.
        if artificialCount > 0 {
            var cost = [T](repeating: T.zero, count: width - 1)
            for j in firstArtificial..<(width - 1) { cost[j] = -T.one }
            let outcome = try tab.optimize(cost: cost, basis: &basis, allowed: width - 1, eps: eps,
                                           pivots: &pivots, maxPivots: maxPivots)
            if case .unbounded = outcome { return .infeasible }   // cannot happen: bounded by 0
            var artificialSum = T.zero
            for (i, b) in basis.enumerated() where b >= firstArtificial { artificialSum = artificialSum + tab[i, rhsColumn] }
            if artificialSum > eps * T(max(1, m)) { return .infeasible }
            // Drive remaining (zero-level) artificials out of the basis, or drop redundant rows.
            var i = 0
            while i < basis.count {
                if basis[i] >= firstArtificial {
                    if let j = (0..<firstArtificial).first(where: { magnitudeOf(tab[i, $0]) > eps }) {
                        tab.pivot(row: i, column: j)
                        basis[i] = j
                        i += 1
                    } else {
                        if let row = artificialRow[basis[i]] { redundant.insert(row) }
                        tab.removeRow(i)
                        basis.remove(at: i)
                    }
                } else { i += 1 }
            }
        }
        // Phase 2: the objective, as a maximisation, over non-artificial columns.
        var cost = [T](repeating: T.zero, count: width - 1)
        let sign: T = sense == .maximize ? T.one : -T.one
        for j in 0..<n { cost[j] = sign * objective[j] }
        for (k, j) in free.enumerated() { cost[n + k] = -(sign * objective[j]) }
        let outcome = try tab.optimize(cost: cost, basis: &basis, allowed: firstArtificial, eps: eps,
                                       pivots: &pivots, maxPivots: maxPivots)
        if case .unbounded = outcome { return .unbounded }
        var y = [T](repeating: T.zero, count: width - 1)
        for (i, b) in basis.enumerated() { y[b] = tab[i, rhsColumn] }
        var x = Array(y[0..<n])
        for (k, j) in free.enumerated() { x[j] = x[j] - y[n + k] }
        var value = T.zero
        for j in 0..<n { value = value + objective[j] * x[j] }
        // Duals from reduced costs: for a row's own column e (coefficient σ = ±1) with cost 0,
        // d_e = −σ·yᵢ in the maximisation form; then undo the row flip and the sense change.
        var duals = [T]()
        for (i, dc) in dualColumn.enumerated() {
            if redundant.contains(i) { duals.append(T.zero); continue }
            var d = T.zero
            for (r, b) in basis.enumerated() where tab[r, dc.column] != T.zero { d = d - cost[b] * tab[r, dc.column] }
            var y = dc.sign == T.one ? -d : d
            if flipped[i] { y = -y }
            duals.append(sense == .maximize ? y : -y)
        }
        return .optimal(x: x, value: value, duals: duals)
    }
}

@inline(__always) func magnitudeOf<T: GameScalar>(_ x: T) -> T { x < T.zero ? -x : x }

/// A dense row-major simplex tableau (constraint rows only; reduced costs are recomputed).
struct Tableau<T: GameScalar> {
    var rows: Int
    let width: Int
    var data: [T]

    init(rows: Int, width: Int) {
        self.rows = rows
        self.width = width
        data = [T](repeating: T.zero, count: rows * width)
    }

    subscript(i: Int, j: Int) -> T {
        get { data[i * width + j] }
        set { data[i * width + j] = newValue }
    }

    mutating func removeRow(_ i: Int) {
        data.removeSubrange((i * width)..<((i + 1) * width))
        rows -= 1
    }

    mutating func pivot(row r: Int, column c: Int) {
        let p = self[r, c]
        for j in 0..<width where self[r, j] != T.zero { self[r, j] = self[r, j] / p }
        for i in 0..<rows where i != r {
            let f = self[i, c]
            if f == T.zero { continue }
            for j in 0..<width {
                let v = self[r, j]
                if v != T.zero { self[i, j] = self[i, j] - f * v }
            }
            if !T.isExact { self[i, c] = T.zero }
        }
    }

    enum Outcome { case optimal, unbounded }

    /// Maximises `costᵀy` over columns `0..<allowed` from the current feasible basis, with
    /// Bland's rule: the entering column is the lowest-indexed one with positive reduced cost,
    /// the leaving row the lowest-indexed basic variable among ratio-test ties.
    mutating func optimize(cost: [T], basis: inout [Int], allowed: Int, eps: T,
                           pivots: inout Int, maxPivots: Int) throws -> Outcome {
        let rhs = width - 1
        // Reduced costs d_j = c_j − Σ_i c_{B(i)} a_ij, computed once and then updated by
        // each pivot like a tableau row.
        var reduced = [T](repeating: T.zero, count: width)
        for j in 0..<(width - 1) { reduced[j] = j < cost.count ? cost[j] : T.zero }
        for i in 0..<rows {
            let cb = cost[basis[i]]
            if cb == T.zero { continue }
            for j in 0..<width where self[i, j] != T.zero { reduced[j] = reduced[j] - cb * self[i, j] }
        }
        var isBasic = [Bool](repeating: false, count: width)
        for b in basis { isBasic[b] = true }
        while true {
            var entering = -1
            for j in 0..<allowed where !isBasic[j] && reduced[j] > eps { entering = j; break }
            if entering < 0 { return .optimal }
            var leave = -1
            var best = T.zero
            for i in 0..<rows {
                let a = self[i, entering]
                guard a > eps else { continue }
                let ratio = self[i, rhs] / a
                if leave < 0 || ratio < best - eps {
                    leave = i
                    best = ratio
                } else if !(best < ratio - eps) && basis[i] < basis[leave] {
                    leave = i          // a tie in the ratio test: Bland's lowest index
                    best = ratio
                }
            }
            if leave < 0 { return .unbounded }
            pivot(row: leave, column: entering)
            let f = reduced[entering]
            for j in 0..<width where self[leave, j] != T.zero { reduced[j] = reduced[j] - f * self[leave, j] }
            if !T.isExact { reduced[entering] = T.zero }
            isBasic[basis[leave]] = false
            isBasic[entering] = true
            basis[leave] = entering
            pivots += 1
            if pivots > maxPivots { throw LinearProgramError.iterationLimit(maxPivots) }
        }
    }
}
