import LinearAlgebra

/// The floating-point two-phase simplex behind `LinearProgram<Double>.solve()`, built to
/// survive highly degenerate programs (correlated-equilibrium programs have every right-hand
/// side 0 but one).
///
/// Standard form: the processed rows (every right-hand side made ≥ 0, and `aᵀx ≥ 0` written
/// as `−aᵀx ≤ 0` so that it needs no artificial variable) become `Ã y = b̃` over structural,
/// slack/surplus and artificial columns `y ≥ 0`; column `j` of `Ã` is `A[:, j]` scaled by
/// `rowScale[i]·columnScale[j]`. The tableau holds `B⁻¹[Ã | b̃]` for the basis `B`.
///
/// Safeguards, each for a failure seen with Bland's rule and absolute tolerances:
/// - scaling: geometric-mean equilibration of rows and columns (4 passes; entries below 1e-9
///   of the largest ignored, factors within 2^±30), rounded to powers
///   of two so the scaled data are exact;
/// - pricing: Dantzig's largest reduced cost on the scaled program; after 50 consecutive
///   degenerate pivots Bland's rule takes over until a pivot makes progress;
/// - ratio test: Harris's two passes (tolerance 1e-9 relative to the right-hand sides): among
///   the rows that block within the relaxed step, the largest pivot element; entries below
///   1e-7 of the column's largest are never pivots;
/// - perturbation: at the start of each phase every basic value is raised by a deterministic
///   pseudo-random (1e-7…2e-7)·(1 + value) in scaled units, which removes the ties of a
///   degenerate vertex; at the perturbed optimum the exact right-hand side is restored, a dual
///   simplex repairs any infeasibility, and if that loses dual feasibility the phase is
///   perturbed and run again from the current basis (at most 8 rounds; never a primal
///   simplex on the unperturbed, degenerate program, which is where Bland's rule stalled);
/// - refactorisation: every 100 pivots, and before any conclusion, the tableau and reduced
///   costs are recomputed from the original data by an LU factorisation of `B` (LAPACK), so
///   rounding drift cannot accumulate;
/// - certificates: "optimal" only for a basis that is primal and dual feasible within 1e-9
///   after refactorisation, "infeasible" only with a Farkas vector and "unbounded" only with
///   an improving ray checked against the original rows; otherwise
///   `LinearProgramError.numericallyUnreliable`.
///
/// - References: P. M. J. Harris (1973), "Pivot selection methods of the Devex LP code",
///   Mathematical Programming 5, 1–28. doi:10.1007/BF01580108.
///   A. Koberstein (2005), *The dual simplex method, techniques for a fast and stable
///   implementation*, PhD thesis, Universität Paderborn (scaling, perturbation, Harris ratio
///   test with bound shifting).
///   R. G. Bland (1977), "New finite pivoting rules for the simplex method", Mathematics of
///   Operations Research 2(2), 103–107. doi:10.1287/moor.2.2.103
struct FloatingPointSimplex {
    /// Number of columns (structural, slack/surplus, artificial); the tableau has one more.
    let columns: Int
    /// Original scaled matrix, `originalRows × columns`, row-major.
    let matrix: [Double]
    /// Scaled right-hand sides (≥ 0).
    let rhs: [Double]
    /// Right-hand sides in use (perturbed during a phase).
    var workingRHS: [Double]
    /// The original row of each tableau row (rows found redundant are removed).
    var activeRows: [Int]
    var basis: [Int]
    var isBasic: [Bool]
    /// `B⁻¹[Ã | b]`, `basis.count × (columns + 1)`, row-major.
    var tab: [Double]
    var cost: [Double]
    var reduced: [Double]
    let pivotTolerance = 1e-9
    let feasibilityTolerance: Double
    let optimalityTolerance = 1e-9
    var random = SplitMix64(seed: 0x5EED_1F_2026)
    var pivots = 0
    let maxPivots: Int

    var width: Int { columns + 1 }
    var rowCount: Int { basis.count }

    init(matrix: [Double], rhs: [Double], columns: Int, basis: [Int], maxPivots: Int) {
        self.matrix = matrix
        self.rhs = rhs
        self.columns = columns
        self.workingRHS = rhs
        self.activeRows = Array(0..<rhs.count)
        self.basis = basis
        self.maxPivots = maxPivots
        feasibilityTolerance = 1e-9 * max(1, rhs.map(abs).max() ?? 1)
        isBasic = [Bool](repeating: false, count: columns)
        for b in basis { isBasic[b] = true }
        cost = [Double](repeating: 0, count: columns)
        reduced = cost
        tab = []
    }

    @inline(__always) func value(_ r: Int) -> Double { tab[r * width + columns] }

    /// Recomputes `B⁻¹[Ã | b]` and the reduced costs from the original data.
    mutating func refactor() throws {
        let m = basis.count, n = columns
        var b = Matrix(rows: m, columns: m)
        var right = [Double](repeating: 0, count: m * (n + 1))   // column-major
        for (k, i) in activeRows.enumerated() {
            for (c, j) in basis.enumerated() { b[k, c] = matrix[i * n + j] }
            for j in 0..<n { right[k + j * m] = matrix[i * n + j] }
            right[k + n * m] = workingRHS[i]
        }
        let solved: Matrix
        do {
            solved = try LUDecomposition(b).solve(Matrix(rows: m, columns: n + 1, columnMajor: right))
        } catch {
            throw LinearProgramError.numericallyUnreliable("the simplex basis became singular (\(error))")
        }
        var t = [Double](repeating: 0, count: m * (n + 1))
        solved.storage.withUnsafeBufferPointer { s in
            for r in 0..<m { for j in 0...n { t[r * (n + 1) + j] = s[r + j * m] } }
        }
        for (r, j) in basis.enumerated() {   // basic columns are unit vectors by definition
            for k in 0..<m { t[k * (n + 1) + j] = k == r ? 1 : 0 }
        }
        tab = t
        recomputeReducedCosts()
    }

    mutating func recomputeReducedCosts() {
        let m = basis.count, w = width
        var d = cost
        for r in 0..<m {
            let cb = cost[basis[r]]
            if cb == 0 { continue }
            for j in 0..<columns { d[j] -= cb * tab[r * w + j] }
        }
        for b in basis { d[b] = 0 }
        reduced = d
    }

    /// Pivots column `e` into the basis at row `r`, updating the tableau and reduced costs.
    mutating func pivot(row r: Int, column e: Int) throws {
        let m = basis.count, w = width
        tab.withUnsafeMutableBufferPointer { t in
            let p = t[r * w + e]
            for j in 0..<w { t[r * w + j] /= p }
            t[r * w + e] = 1
            for i in 0..<m where i != r {
                let f = t[i * w + e]
                if f == 0 { continue }
                for j in 0..<w {
                    let v = t[r * w + j]
                    if v != 0 { t[i * w + j] -= f * v }
                }
                t[i * w + e] = 0
            }
            let f = reduced[e]
            if f != 0 { for j in 0..<columns { let v = t[r * w + j]; if v != 0 { reduced[j] -= f * v } } }
        }
        reduced[e] = 0
        isBasic[basis[r]] = false
        isBasic[e] = true
        basis[r] = e
        pivots += 1
        if pivots > maxPivots { throw LinearProgramError.iterationLimit(maxPivots) }
    }

    /// Raises every basic value by a small pseudo-random amount (changing the working
    /// right-hand side to match), so that no two rows tie in the ratio test.
    mutating func perturb() throws {
        var delta = [Double](repeating: 0, count: basis.count)
        for r in 0..<basis.count { delta[r] = 1e-7 * (1 + abs(value(r))) * (1 + random.nextUnit()) }
        for i in activeRows {
            var s = 0.0
            for (r, j) in basis.enumerated() { s += matrix[i * columns + j] * delta[r] }
            workingRHS[i] += s
        }
        // B⁻¹(b + Bδ) = x_B + δ: the tableau needs only its right-hand side moved.
        for r in 0..<basis.count { tab[r * width + columns] += delta[r] }
    }

    enum Outcome { case optimal, unbounded(column: Int) }

    /// Primal simplex for `max costᵀy` over columns `0..<allowed` from a (nearly) feasible basis.
    mutating func primal(allowed: Int) throws -> Outcome {
        var sinceRefactor = 0, degenerateRun = 0
        let w = width
        while true {
            var entering = -1
            if degenerateRun >= 50 {
                entering = (0..<allowed).first { !isBasic[$0] && reduced[$0] > optimalityTolerance } ?? -1
            } else {
                var best = optimalityTolerance
                for j in 0..<allowed where !isBasic[j] && reduced[j] > best { best = reduced[j]; entering = j }
            }
            // No refactorisation here: `phase` refactorises with the exact right-hand side and
            // checks the reduced costs again before accepting.
            if entering < 0 { return .optimal }
            // Harris: the largest step any row allows within the tolerance, then the largest
            // pivot among rows blocking no later than that.
            // Entries below 1e-7 of the column's largest are not pivots: they would make the
            // basis nearly singular.
            var columnMax = 0.0
            for i in 0..<rowCount { columnMax = max(columnMax, abs(tab[i * w + entering])) }
            let tolerance = max(pivotTolerance, 1e-7 * columnMax)
            var bound = Double.infinity
            for i in 0..<rowCount {
                let a = tab[i * w + entering]
                if a > tolerance { bound = min(bound, (max(0, tab[i * w + columns]) + feasibilityTolerance) / a) }
            }
            var leave = -1, bestPivot = 0.0, bestRatio = Double.infinity
            if bound < .infinity {
                for i in 0..<rowCount {
                    let a = tab[i * w + entering]
                    guard a > tolerance else { continue }
                    let ratio = max(0, tab[i * w + columns]) / a
                    guard ratio <= bound else { continue }
                    if degenerateRun >= 50 {
                        // Bland: the smallest ratio, ties to the lowest basic index.
                        if leave < 0 || ratio < bestRatio || (ratio == bestRatio && basis[i] < basis[leave]) {
                            leave = i; bestRatio = ratio
                        }
                    } else if a > bestPivot {
                        leave = i; bestPivot = a; bestRatio = ratio
                    }
                }
            }
            if leave < 0 {
                if sinceRefactor > 0 { try refactor(); sinceRefactor = 0; continue }
                return .unbounded(column: entering)
            }
            degenerateRun = bestRatio * reduced[entering] <= 1e-12 ? degenerateRun + 1 : 0
            try pivot(row: leave, column: entering)
            sinceRefactor += 1
            if sinceRefactor >= 100 { try refactor(); sinceRefactor = 0 }
        }
    }

    /// Dual simplex from a dual feasible basis until every basic value is ≥ −tolerance.
    mutating func dual(allowed: Int) throws {
        var sinceRefactor = 0
        let w = width
        while true {
            var leave = -1, worst = -feasibilityTolerance
            for i in 0..<rowCount where value(i) < worst { worst = value(i); leave = i }
            if leave < 0 {
                if sinceRefactor > 0 { try refactor(); sinceRefactor = 0; continue }
                return
            }
            var rowMax = 0.0
            for j in 0..<allowed where !isBasic[j] { rowMax = max(rowMax, abs(tab[leave * w + j])) }
            let tolerance = max(pivotTolerance, 1e-7 * rowMax)
            var bound = Double.infinity
            for j in 0..<allowed where !isBasic[j] {
                let a = tab[leave * w + j]
                if a < -tolerance { bound = min(bound, (max(0, -reduced[j]) + optimalityTolerance) / -a) }
            }
            var entering = -1, bestPivot = 0.0
            if bound < .infinity {
                for j in 0..<allowed where !isBasic[j] {
                    let a = tab[leave * w + j]
                    guard a < -tolerance, max(0, -reduced[j]) / -a <= bound else { continue }
                    if -a > bestPivot { entering = j; bestPivot = -a }
                }
            }
            if entering < 0 {
                if sinceRefactor > 0 { try refactor(); sinceRefactor = 0; continue }
                throw LinearProgramError.numericallyUnreliable(
                    "after removing the perturbation, row \(activeRows[leave]) has basic value \(worst) and no column to restore it")
            }
            try pivot(row: leave, column: entering)
            sinceRefactor += 1
            if sinceRefactor >= 100 { try refactor(); sinceRefactor = 0 }
        }
    }

    /// One phase: perturbed primal simplex, then the exact right-hand side restored and the
    /// basis repaired by the dual simplex; repeated (perturbed afresh) until the basis is both
    /// primal and dual feasible.
    mutating func phase(cost c: [Double], allowed: Int) throws -> Outcome {
        cost = c
        for _ in 0..<8 {
            // Perturbed primal simplex, then the exact right-hand side back (refactorised).
            try perturb()
            if case .unbounded(let j) = try primal(allowed: allowed) { return .unbounded(column: j) }
            workingRHS = rhs
            try refactor()
            if (0..<rowCount).contains(where: { value($0) < -feasibilityTolerance }) { try dual(allowed: allowed) }
            if !(0..<allowed).contains(where: { !isBasic[$0] && reduced[$0] > optimalityTolerance }) { return .optimal }
            // The repair lost dual feasibility: perturb again from this basis.
        }
        throw LinearProgramError.numericallyUnreliable("the basis did not settle to primal and dual feasibility after 8 repairs")
    }

    /// Removes tableau row `r` (its original row is redundant).
    mutating func removeRow(_ r: Int) {
        isBasic[basis[r]] = false
        tab.removeSubrange((r * width)..<((r + 1) * width))
        basis.remove(at: r)
        activeRows.remove(at: r)
    }
}

/// The final optimal basis of a floating-point solve, in the scaled standard form, so that a
/// caller (a test) can verify its optimality in exact arithmetic: the scaled data are the
/// original numbers times powers of two, hence exactly representable as `Rational`.
struct FloatingPointBasisReport {
    /// Scaled matrix (rows × columns, row-major), right-hand sides and phase-2 costs.
    let matrix: [Double], rhs: [Double], cost: [Double]
    let columns: Int, structural: Int, firstArtificial: Int
    /// Basic column of each row still present; `activeRows[k]` is that row's index.
    let basis: [Int], activeRows: [Int]
    /// Original objective value = Σ_j `objectiveWeights[j]`·(scaled value of column j).
    let objectiveWeights: [Double]
}

extension LinearProgram where T == Double {
    /// The floating-point solve (see `FloatingPointSimplex` for the safeguards).
    func solveFloatingPoint(maxPivots: Int) throws -> LinearProgramResult<Double> {
        try solveFloatingPointReportingBasis(maxPivots: maxPivots).result
    }

    func solveFloatingPointReportingBasis(maxPivots: Int) throws -> (result: LinearProgramResult<Double>, basis: FloatingPointBasisReport?) {
        let n = variableCount
        let free = freeVariables.sorted()
        let structural = n + free.count
        // Processed rows: rhs ≥ 0, and "≥ 0" rows written as "≤ 0".
        var rows = [(coef: [Double], rel: Relation, rhs: Double)]()
        var flipped = [Bool]()
        for c in constraints {
            var coef = c.coefficients
            for j in free { coef.append(-c.coefficients[j]) }
            let flip = c.rhs < 0 || (c.rhs == 0 && c.relation == .greaterOrEqual)
            var rel = c.relation, rhs = c.rhs
            if flip {
                coef = coef.map { -$0 }
                rhs = -rhs
                rel = rel == .lessOrEqual ? .greaterOrEqual : (rel == .greaterOrEqual ? .lessOrEqual : .equal)
            }
            flipped.append(flip)
            rows.append((coef, rel, rhs == 0 ? 0 : rhs))
        }
        let m = rows.count
        // Geometric-mean equilibration, rounded to powers of two.
        // Entries below 1e-9 of the largest are left out of the scale factors (they are
        // usually rounding noise, such as cos(π/2), and would blow the factors up); each factor
        // stays within 2^±30.
        var rowScale = [Double](repeating: 1, count: m), columnScale = [Double](repeating: 1, count: structural)
        let negligible = 1e-9 * (rows.flatMap { $0.coef.map(abs) }.max() ?? 0)
        for _ in 0..<4 {
            for i in 0..<m {
                var lo = Double.infinity, hi = 0.0
                for j in 0..<structural where abs(rows[i].coef[j]) > negligible {
                    let v = abs(rows[i].coef[j]) * columnScale[j]
                    lo = min(lo, v); hi = max(hi, v)
                }
                if hi > 0 { rowScale[i] = 1 / (lo * hi).squareRoot() }
            }
            for j in 0..<structural {
                var lo = Double.infinity, hi = 0.0
                for i in 0..<m where abs(rows[i].coef[j]) > negligible {
                    let v = abs(rows[i].coef[j]) * rowScale[i]
                    lo = min(lo, v); hi = max(hi, v)
                }
                if hi > 0 { columnScale[j] = 1 / (lo * hi).squareRoot() }
            }
        }
        func powerOfTwo(_ x: Double) -> Double {
            x.isFinite && x > 0 ? Double(sign: .plus, exponent: min(30, max(-30, Int(x.exponent))), significand: 1) : 1
        }
        rowScale = rowScale.map(powerOfTwo)
        columnScale = columnScale.map(powerOfTwo)
        // Columns: structural, slack/surplus, artificial.
        let slackCount = rows.filter { $0.rel != .equal }.count
        let artificialCount = rows.filter { $0.rel != .lessOrEqual }.count
        let columns = structural + slackCount + artificialCount
        let firstArtificial = structural + slackCount
        var matrix = [Double](repeating: 0, count: m * columns)
        var rhs = [Double](repeating: 0, count: m)
        var basis = [Int](repeating: 0, count: m)
        var slackOf = [Int](repeating: -1, count: m), artificialOf = [Int](repeating: -1, count: m)
        var s = structural, a = firstArtificial
        for (i, r) in rows.enumerated() {
            for j in 0..<structural { matrix[i * columns + j] = r.coef[j] * rowScale[i] * columnScale[j] }
            rhs[i] = r.rhs * rowScale[i]
            switch r.rel {
            case .lessOrEqual:
                matrix[i * columns + s] = 1; slackOf[i] = s; basis[i] = s; s += 1
            case .greaterOrEqual:
                matrix[i * columns + s] = -1; slackOf[i] = s; s += 1
                matrix[i * columns + a] = 1; artificialOf[i] = a; basis[i] = a; a += 1
            case .equal:
                matrix[i * columns + a] = 1; artificialOf[i] = a; basis[i] = a; a += 1
            }
        }
        var lp = FloatingPointSimplex(matrix: matrix, rhs: rhs, columns: columns, basis: basis, maxPivots: maxPivots)
        // The starting basis is each row's own +1 column, so B = I and the tableau is [Ã | b̃].
        lp.tab = [Double](repeating: 0, count: m * (columns + 1))
        for i in 0..<m {
            for j in 0..<columns { lp.tab[i * (columns + 1) + j] = matrix[i * columns + j] }
            lp.tab[i * (columns + 1) + columns] = rhs[i]
        }
        lp.recomputeReducedCosts()

        // Phase 1: maximise −Σ artificials.
        if artificialCount > 0 {
            var cost = [Double](repeating: 0, count: columns)
            for j in firstArtificial..<columns { cost[j] = -1 }
            if case .unbounded = try lp.phase(cost: cost, allowed: columns) {
                throw LinearProgramError.numericallyUnreliable("phase 1 reported an unbounded objective, impossible there")
            }
            var artificialSum = 0.0
            for r in 0..<lp.rowCount where lp.basis[r] >= firstArtificial { artificialSum += lp.value(r) }
            if artificialSum > lp.feasibilityTolerance * Double(max(1, m)) {
                // Farkas vector of the processed rows: y_i = rowScale_i·(c_Bᵀ B⁻¹)_i, read from
                // the reduced cost of row i's own ±unit column (cost 0 in phase 1 for slacks,
                // −1 for artificials).
                var y = [Double](repeating: 0, count: m)
                for i in lp.activeRows {
                    var v: Double
                    switch rows[i].rel {
                    case .lessOrEqual: v = max(0, -lp.reduced[slackOf[i]])
                    case .greaterOrEqual: v = min(0, lp.reduced[slackOf[i]])
                    case .equal: v = -1 - lp.reduced[artificialOf[i]]
                    }
                    y[i] = v * rowScale[i]
                }
                // Accepted when yᵀA_j ≥ −1e-9·‖y‖₁·max|A| for every column and
                // yᵀb < −1e-9·‖y‖₁·max(1, max|b|): any x ≥ 0 meeting the rows would then need
                // entries of order 1e9.
                let yNorm = y.reduce(0) { $0 + abs($1) }
                let aMax = rows.flatMap { $0.coef.map(abs) }.max() ?? 0
                let bMax = max(1, rows.map { abs($0.rhs) }.max() ?? 0)
                var yb = 0.0
                for i in 0..<m { yb += y[i] * rows[i].rhs }
                var worst = 0.0
                for j in 0..<structural {
                    var v = 0.0
                    for i in 0..<m { v += y[i] * rows[i].coef[j] }
                    worst = min(worst, v)
                }
                if yNorm > 0 && yb < -1e-9 * yNorm * bMax && worst >= -1e-9 * yNorm * aMax { return (.infeasible, nil) }
                throw LinearProgramError.numericallyUnreliable(
                    "phase 1 ended with artificial sum \(artificialSum) but no verified Farkas certificate (yᵀb = \(yb), min yᵀA_j = \(worst))")
            }
            // Basic artificials at level zero: pivot them out on the largest entry, or drop
            // their rows as redundant.
            var r = 0
            var changed = false
            while r < lp.rowCount {
                guard lp.basis[r] >= firstArtificial else { r += 1; continue }
                var best = -1, size = 1e-7
                for j in 0..<firstArtificial where !lp.isBasic[j] {
                    let v = abs(lp.tab[r * lp.width + j])
                    if v > size { size = v; best = j }
                }
                if best >= 0 { try lp.pivot(row: r, column: best); r += 1 } else { lp.removeRow(r) }
                changed = true
            }
            if changed { try lp.refactor() }
        }
        let redundant = Set(0..<m).subtracting(lp.activeRows)

        // Phase 2: the objective as a maximisation over non-artificial columns, scaled so its
        // largest coefficient is about 1.
        let sign: Double = sense == .maximize ? 1 : -1
        var cost = [Double](repeating: 0, count: columns)
        for j in 0..<n { cost[j] = sign * objective[j] * columnScale[j] }
        for (k, j) in free.enumerated() { cost[n + k] = -sign * objective[j] * columnScale[n + k] }
        let largestCost = cost.map(abs).max() ?? 0
        let costScale = largestCost > 0 ? powerOfTwo(1 / largestCost) : 1
        cost = cost.map { $0 * costScale }
        if case .unbounded(let e) = try lp.phase(cost: cost, allowed: firstArtificial) {
            // The ray: entering column up, basic variables down by its tableau column.
            var d = [Double](repeating: 0, count: structural)
            if e < structural { d[e] = columnScale[e] }
            for r in 0..<lp.rowCount where lp.basis[r] < structural {
                d[lp.basis[r]] -= lp.tab[r * lp.width + e] * columnScale[lp.basis[r]]
            }
            let dNorm = d.map(abs).max() ?? 0
            var ok = dNorm > 0 && d.allSatisfy { $0 >= -1e-9 * dNorm }
            for r in rows where ok {
                var v = 0.0, scale = 0.0
                for j in 0..<structural { v += r.coef[j] * d[j]; scale += abs(r.coef[j] * d[j]) }
                let tol = 1e-9 * max(scale, 1e-300)
                switch r.rel {
                case .lessOrEqual: ok = v <= tol
                case .greaterOrEqual: ok = v >= -tol
                case .equal: ok = abs(v) <= tol
                }
            }
            var gain = 0.0, gainScale = 0.0
            for j in 0..<n { gain += sign * objective[j] * d[j]; gainScale += abs(objective[j] * d[j]) }
            for (k, j) in free.enumerated() { gain -= sign * objective[j] * d[n + k]; gainScale += abs(objective[j] * d[n + k]) }
            if ok && gain > 1e-9 * gainScale { return (.unbounded, nil) }
            throw LinearProgramError.numericallyUnreliable(
                "phase 2 found no blocking row for column \(e) but the ray does not verify (objective gain \(gain))")
        }
        var yValues = [Double](repeating: 0, count: structural)
        for r in 0..<lp.rowCount where lp.basis[r] < structural {
            yValues[lp.basis[r]] = max(0, lp.value(r)) * columnScale[lp.basis[r]]
        }
        var x = Array(yValues[0..<n])
        for (k, j) in free.enumerated() { x[j] -= yValues[n + k] }
        var value = 0.0
        for j in 0..<n { value += objective[j] * x[j] }
        // Duals: for row i's own column e (coefficient σ = ±1, cost 0) d_e = −σ·ỹ_i in the
        // scaled maximisation; then undo the scalings, the row flip and the sense.
        var duals = [Double]()
        for i in 0..<m {
            if redundant.contains(i) { duals.append(0); continue }
            var y: Double
            switch rows[i].rel {
            case .lessOrEqual: y = -lp.reduced[slackOf[i]]
            case .greaterOrEqual: y = lp.reduced[slackOf[i]]
            case .equal: y = -lp.reduced[artificialOf[i]]
            }
            y = y * rowScale[i] / costScale
            if flipped[i] { y = -y }
            duals.append(sense == .maximize ? y : -y)
        }
        var weights = [Double](repeating: 0, count: columns)
        for j in 0..<n { weights[j] = objective[j] * columnScale[j] }
        for (k, j) in free.enumerated() { weights[n + k] = -objective[j] * columnScale[n + k] }
        let report = FloatingPointBasisReport(matrix: lp.matrix, rhs: lp.rhs, cost: cost, columns: columns,
                                              structural: structural, firstArtificial: firstArtificial, basis: lp.basis,
                                              activeRows: lp.activeRows, objectiveWeights: weights)
        return (.optimal(x: x, value: value, duals: duals), report)
    }
}

