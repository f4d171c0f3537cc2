import BigInt
import LinearAlgebra

/// Lemke–Howson complementary pivoting for two-player games, with lexicographic degeneracy
/// resolution, in exact or floating-point arithmetic.
///
/// Definition (von Stengel 2007, §3.6; Lemke & Howson 1964). With payoffs shifted positive,
/// the tableaux are `Bᵀx + s = 1` (rows j = 0…n−1) and `r + Ay = 1` (rows i = 0…m−1). Labels
/// 0…m−1 belong to xᵢ and rᵢ, labels m…m+n−1 to s_j and y_j. Starting from the artificial
/// equilibrium (0, 0), the path for missing label k lets the variable with label k enter;
/// each leaving variable's label then enters in the other tableau, until label k leaves: the
/// pair is completely labelled, an equilibrium.
///
/// Degeneracy: ties in the minimum-ratio test are broken lexicographically (the right-hand side
/// is perturbed to (1, ε, ε², …), i.e. ties are compared on the columns of the initial slack
/// basis), which makes the leaving variable unique and the path finite: it never cycles. The
/// naive rule (first tied row) is available for comparison only; it detects a repeated basis
/// and reports `.cycled` rather than looping.
///
/// Arithmetic: `Rational` (exact; the default for games with exact payoffs) or `Double`. A
/// floating-point result is always checked: when the game has exact payoffs, the final bases
/// are re-solved exactly (the square system of the tight constraints) and verified by exact
/// regret, so a wrong equilibrium is never printed; otherwise it is verified by its regret.
///
/// - Complexity: each pivot is O((m + n)²) operations; the number of pivots is exponential in
///   the worst case (Savani & von Stengel 2006) and small on random games.
///
/// References:
/// - C. E. Lemke, J. T. Howson (1964), "Equilibrium points of bimatrix games", *Journal of the
///   SIAM* 12(2):413–423. doi:10.1137/0112033
/// - B. von Stengel (2007), "Equilibrium computation for two-player games in strategic and
///   extensive form", *Algorithmic Game Theory* ch. 3, CUP. doi:10.1017/CBO9780511800481.005
/// - R. Savani, B. von Stengel (2006), "Hard-to-solve bimatrix games", *Econometrica*
///   74(2):397–429. doi:10.1111/j.1468-0262.2006.00667.x
public struct LemkeHowson: Sendable {
    /// How ties in the minimum-ratio test are broken.
    public enum TieBreaking: String, Sendable {
        /// Lexicographic (perturbation) rule: never cycles. The default.
        case lexicographic
        /// The first tied row: may cycle on degenerate games (for demonstration and tests).
        case firstRow
    }

    /// The end of one Lemke–Howson path.
    public enum PathEnd<T: GameScalar>: Sendable {
        /// An equilibrium (unverified probability vectors) after `pivots` pivots, with the final
        /// basic labels of the x-tableau and the y-tableau.
        case equilibrium(x: [T], y: [T], pivots: Int, basisX: [Int], basisY: [Int])
        /// The path returned to a basis it had visited (naive tie-breaking only).
        case cycled(pivots: Int)
        /// The pivot limit was reached.
        case pivotLimit(Int)
    }

    public var arithmetic: Arithmetic
    public var tieBreaking: TieBreaking
    /// The starting (missing) labels to try; `nil` means all of 0…m+n−1.
    public var startingLabels: [Int]?
    /// Pivot limit per path (a safeguard for floating point; lexicographic exact paths end).
    public var maximumPivots: Int

    public init(arithmetic: Arithmetic = .exact, tieBreaking: TieBreaking = .lexicographic,
                startingLabels: [Int]? = nil, maximumPivots: Int = 1_000_000) {
        self.arithmetic = arithmetic
        self.tieBreaking = tieBreaking
        self.startingLabels = startingLabels
        self.maximumPivots = maximumPivots
    }

    /// Follows the path for missing label `k` in arithmetic `T`.
    public func path<T: GameScalar>(_ game: NormalFormGame, missingLabel k: Int, _: T.Type) throws -> PathEnd<T> {
        var state = try LHPath<T>(game: game, missingLabel: k, rule: tieBreaking)
        while true {
            if let end = try state.step() { return end }
            if state.pivots >= maximumPivots { return .pivotLimit(state.pivots) }
        }
    }

    /// The equilibria reached from every starting label (or `startingLabels`), verified and
    /// deduplicated. Not complete in general (the report says so).
    public func solve(_ game: NormalFormGame) throws -> EquilibriumReport {
        guard game.playerCount == 2 else {
            throw GameError.unsupported("Lemke–Howson needs a two-player game; this one has \(game.playerCount) players")
        }
        let labels = startingLabels ?? Array(0..<(game.shape[0] + game.shape[1]))
        let exact = arithmetic == .exact
        var found = EquilibriumCollector(game: game)
        var notes = [String]()
        for k in labels {
            if exact {
                switch try path(game, missingLabel: k, Rational.self) {
                case .equilibrium(let x, let y, _, _, _):
                    found.add(exact: [x, y], origin: "label \(k)")
                case .cycled(let p): notes.append("label \(k): the path cycled after \(p) pivots")
                case .pivotLimit(let p): notes.append("label \(k): stopped at the pivot limit \(p)")
                }
            } else {
                switch try path(game, missingLabel: k, Double.self) {
                case .equilibrium(let x, let y, _, let bx, let by):
                    found.addFloatingPoint(x: x, y: y, basisX: bx, basisY: by, origin: "label \(k)")
                case .cycled(let p): notes.append("label \(k): the path cycled after \(p) pivots")
                case .pivotLimit(let p): notes.append("label \(k): stopped at the pivot limit \(p)")
                }
            }
        }
        return EquilibriumReport(
            method: "lemke-howson", arithmetic: found.allExact ? .exact : .floatingPoint,
            equilibria: found.equilibria, isComplete: false,
            scope: "the equilibria reached from starting labels \(labels.map(String.init).joined(separator: ","))",
            notes: notes + found.notes)
    }

    /// One equilibrium of a large game by floating-point Lemke–Howson, verified: the final
    /// bases are re-solved exactly when the game has exact payoffs; otherwise the point is
    /// checked by its floating-point regret.
    ///
    /// With `missingLabel` given, follows that one path. Without it, follows the paths for
    /// labels 0…3 in lockstep (one pivot each in turn) and stops at the first that ends: path
    /// lengths for different labels differ by orders of magnitude on random games (on the
    /// peers' 100×100 game #1, 17 742 pivots from label 0 against 18 from label 1), so this
    /// costs at most four times the shortest of the four. The report's scope says which label
    /// ended and after how many pivots.
    public func solveOneFloatingPoint(_ game: NormalFormGame, missingLabel: Int? = nil) throws -> EquilibriumReport {
        guard game.playerCount == 2 else {
            throw GameError.unsupported("Lemke–Howson needs a two-player game; this one has \(game.playerCount) players")
        }
        let size = game.shape[0] + game.shape[1]
        var found = EquilibriumCollector(game: game)
        var notes = [String]()
        var scope = ""
        if let k = missingLabel {
            switch try path(game, missingLabel: k, Double.self) {
            case .equilibrium(let x, let y, let p, let bx, let by):
                found.addFloatingPoint(x: x, y: y, basisX: bx, basisY: by, origin: "label \(k)")
                scope = "one equilibrium (the path from label \(k), \(p) pivots)"
            case .cycled(let p): notes.append("label \(k): the path cycled after \(p) pivots")
            case .pivotLimit(let p): notes.append("label \(k): stopped at the pivot limit \(p)")
            }
        } else {
            let labels = Array(0..<min(size, 4))
            var paths = try labels.map { try LHPath<Double>(game: game, missingLabel: $0, rule: tieBreaking) }
            var active = Array(paths.indices)
            var total = 0
            search: while !active.isEmpty {
                for q in active {
                    if total >= maximumPivots {
                        notes.append("no path from labels \(labels) ended within \(maximumPivots) pivots in all")
                        break search
                    }
                    total += 1
                    switch try paths[q].step() {
                    case nil: continue
                    case .equilibrium(let x, let y, let p, let bx, let by)?:
                        found.addFloatingPoint(x: x, y: y, basisX: bx, basisY: by, origin: "label \(labels[q])")
                        scope = "one equilibrium (the path from label \(labels[q]), \(p) pivots; \(total) pivots in all)"
                        if !found.equilibria.isEmpty { break search }
                        active.removeAll { $0 == q }
                        continue search
                    case .cycled(let p)?:
                        notes.append("label \(labels[q]): the path cycled after \(p) pivots")
                        active.removeAll { $0 == q }
                        continue search
                    case .pivotLimit?:
                        continue
                    }
                }
            }
        }
        return EquilibriumReport(method: "lemke-howson", arithmetic: found.allExact ? .exact : .floatingPoint,
                                 equilibria: found.equilibria, isComplete: false,
                                 scope: scope.isEmpty ? "one equilibrium (none found)" : scope,
                                 notes: notes + found.notes)
    }

    /// Each player's payoffs shifted and scaled to [1, 2]: `v ↦ (v − lo)/(hi − lo) + 1` over that
    /// player's whole table (every entry 1 when the table is constant), in the game's flat order
    /// (`A[i][j]` at `i + m·j`).
    static func positiveTables<T: GameScalar>(_ game: NormalFormGame, _: T.Type) -> [[T]] {
        game.table(T.self).map { values in
            guard var lo = values.first else { return values }
            var hi = lo
            for v in values {
                if v < lo { lo = v }
                if v > hi { hi = v }
            }
            let range = hi - lo
            if range == T.zero { return [T](repeating: T.one, count: values.count) }
            return values.map { ($0 - lo) / range + T.one }
        }
    }
}

/// The state of one Lemke–Howson path: both tableaux, which one the next label enters, and
/// the entering label. `step()` makes one pivot.
struct LHPath<T: GameScalar> {
    let m: Int, n: Int, k: Int
    let rule: LemkeHowson.TieBreaking
    var tx: LHTableau<T>
    var ty: LHTableau<T>
    var inX: Bool
    var entering: Int
    var pivots = 0
    var seen = Set<[Int]>()

    init(game: NormalFormGame, missingLabel k: Int, rule: LemkeHowson.TieBreaking) throws {
        guard game.playerCount == 2 else {
            throw GameError.unsupported("Lemke–Howson needs a two-player game; this one has \(game.playerCount) players")
        }
        let m = game.shape[0], n = game.shape[1]
        guard (0..<(m + n)).contains(k) else {
            throw GameError.unsupported("missing label \(k) is out of range 0…\(m + n - 1)")
        }
        self.m = m; self.n = n; self.k = k; self.rule = rule
        let tables = LemkeHowson.positiveTables(game, T.self)
        let a = tables[0], b = tables[1]   // A[i][j] = a[i + m·j]
        // Compact tableaux: one column per nonbasic variable plus the right-hand side.
        tx = LHTableau<T>(rows: n, labels: m + n, basis: Array(m..<(m + n)), cobasis: Array(0..<m))
        for j in 0..<n {
            for i in 0..<m { tx.t[j * tx.cols + i] = b[i + m * j] }
            tx.t[j * tx.cols + m] = T.one
        }
        ty = LHTableau<T>(rows: m, labels: m + n, basis: Array(0..<m), cobasis: Array(m..<(m + n)))
        for i in 0..<m {
            for j in 0..<n { ty.t[i * ty.cols + j] = a[i + m * j] }
            ty.t[i * ty.cols + n] = T.one
        }
        inX = k < m
        entering = k
    }

    /// One pivot; returns the end of the path when it is reached.
    mutating func step() throws -> LemkeHowson.PathEnd<T>? {
        if rule == .firstRow {
            let state = tx.basis + [-1] + ty.basis + [inX ? -2 : -3, entering]   // row order included: a repeat is a true cycle
            if !seen.insert(state).inserted { return .cycled(pivots: pivots) }
        }
        let leaving = inX ? tx.pivot(entering: entering, rule: rule) : ty.pivot(entering: entering, rule: rule)
        pivots += 1
        guard leaving >= 0 else {
            throw GameError.unsupported("Lemke–Howson: unbounded ray for label \(entering)")
        }
        if leaving != k {
            inX.toggle()
            entering = leaving
            return nil
        }
        var x = [T](repeating: T.zero, count: m), y = [T](repeating: T.zero, count: n)
        for r in 0..<n where tx.basis[r] < m { x[tx.basis[r]] = max(T.zero, tx.t[r * tx.cols + m]) }
        for r in 0..<m where ty.basis[r] >= m { y[ty.basis[r] - m] = max(T.zero, ty.t[r * ty.cols + n]) }
        let sx = x.reduce(T.zero, +), sy = y.reduce(T.zero, +)
        return .equilibrium(x: x.map { $0 / sx }, y: y.map { $0 / sy }, pivots: pivots,
                            basisX: tx.basis, basisY: ty.basis)
    }
}

/// A dense Lemke–Howson tableau in compact (dictionary) form: `rows` basic variables, one
/// column per nonbasic variable plus the right-hand side, i.e. B⁻¹[N | 1] (field arithmetic).
/// The basic variables' columns of the full tableau B⁻¹[M | I | 1] are unit vectors and are
/// not stored, which halves the work per pivot; the values are the same as the full
/// tableau's, operation for operation.
struct LHTableau<T: GameScalar> {
    let rows: Int
    let cols: Int
    var t: [T]
    /// The label of the basic variable of each row.
    var basis: [Int]
    /// The label of the nonbasic variable of each column (the last column is the right-hand side).
    var cobasis: [Int]
    /// `position[label]`: the column of a nonbasic label, −1 for a basic one.
    var position: [Int]
    /// The labels of the initial basis, in order: the lexicographic tie-breaking columns.
    let lexLabels: [Int]
    /// Positivity threshold for pivot entries and tie tolerance (zero in exact arithmetic).
    let tolerance: T
    /// Work space of the floating-point pivot (`rows + cols` doubles, allocated once).
    var scratch: [Double] = []

    /// A tableau whose initial basis is `basis` (one label per row; also the lexicographic
    /// columns) and whose nonbasic labels are `cobasis`; entries zero, to be filled by the caller.
    init(rows: Int, labels: Int, basis: [Int], cobasis: [Int]) {
        precondition(basis.count == rows && basis.count + cobasis.count == labels)
        self.rows = rows
        cols = cobasis.count + 1
        t = [T](repeating: T.zero, count: rows * (cobasis.count + 1))
        self.basis = basis
        self.cobasis = cobasis
        position = [Int](repeating: -1, count: labels)
        for (q, l) in cobasis.enumerated() { position[l] = q }
        lexLabels = basis
        tolerance = T.isExact ? T.zero : T(1) / T(1_000_000_000_000)
    }

    /// Entry of row r in the full tableau's column for `label`.
    @inline(__always)
    func entry(_ r: Int, label: Int) -> T {
        let q = position[label]
        if q >= 0 { return t[r * cols + q] }
        return basis[r] == label ? T.one : T.zero
    }

    /// Compares rows r and s (candidates for the entering column at position c) lexicographically
    /// on (rhs, lexicographic columns…) divided by their column-c entries: −1 if r is smaller.
    func compareRows(_ r: Int, _ s: Int, column c: Int, firstKeyOnly: Bool) -> Int {
        let pr = t[r * cols + c], ps = t[s * cols + c]
        let keyCount = firstKeyOnly ? 1 : 1 + lexLabels.count
        for q in 0..<keyCount {
            let vr = q == 0 ? t[r * cols + cols - 1] : entry(r, label: lexLabels[q - 1])
            let vs = q == 0 ? t[s * cols + cols - 1] : entry(s, label: lexLabels[q - 1])
            let lhs = vr * ps, rhs = vs * pr
            if T.isExact {
                if lhs < rhs { return -1 }
                if lhs > rhs { return 1 }
            } else {
                let l = lhs.doubleValue, h = rhs.doubleValue
                let scale = Swift.max(Swift.abs(l), Swift.abs(h), 1)
                if l - h < -1e-11 * scale { return -1 }
                if l - h > 1e-11 * scale { return 1 }
            }
        }
        return 0
    }

    /// Brings the variable with label `entering` (nonbasic) into the basis; returns the leaving
    /// label, or −1 when no row limits it.
    mutating func pivot(entering label: Int, rule: LemkeHowson.TieBreaking) -> Int {
        let c = position[label]
        precondition(c >= 0, "Lemke–Howson: entering label \(label) is already basic")
        var best = -1
        for r in 0..<rows where t[r * cols + c] > tolerance {
            if best < 0 { best = r; continue }
            let cmp = compareRows(r, best, column: c, firstKeyOnly: rule == .firstRow)
            if cmp < 0 { best = r }
        }
        guard best >= 0 else { return -1 }
        let r = best
        let leaving = basis[r]
        let cols = self.cols, rows = self.rows
        if T.self == Double.self {
            // Floating point: a non-generic kernel (the generic closure is not specialised).
            if scratch.count < rows + cols { scratch = [Double](repeating: 0, count: rows + cols) }
            var buffer = scratch
            scratch = []
            t.withUnsafeMutableBufferPointer { tp in
                tp.withMemoryRebound(to: Double.self) { dp in
                    buffer.withUnsafeMutableBufferPointer { sp in
                        lhPivotDouble(dp.baseAddress!, rows: rows, cols: cols, row: r, col: c,
                                      scratch: sp.baseAddress!)
                    }
                }
            }
            scratch = buffer
        } else {
            // The full tableau's operations restricted to the stored columns: the pivot row is
            // divided by the pivot, the leaving variable's column (a unit vector e_r before)
            // becomes 1/p in row r and −t_ic/p elsewhere.
            let inv = T.one / t[r * cols + c]
            for j in 0..<cols where j != c && t[r * cols + j] != T.zero {
                t[r * cols + j] = t[r * cols + j] * inv
            }
            t[r * cols + c] = inv
            let nonzero = (0..<cols).filter { $0 != c && t[r * cols + $0] != T.zero }
            for i in 0..<rows where i != r {
                let f = t[i * cols + c]
                if f == T.zero { continue }
                for j in nonzero { t[i * cols + j] = t[i * cols + j] - f * t[r * cols + j] }
                t[i * cols + c] = T.zero - f * inv
            }
        }
        basis[r] = label
        cobasis[c] = leaving
        position[leaving] = c
        position[label] = -1
        return leaving
    }
}


/// Tableaux with at least this many entries (`rows · cols`) do the elimination step of a
/// floating-point pivot as one BLAS rank-one update (`dger`, vectorised for the machine);
/// smaller ones in a Swift loop. The 50×50 games' compact tableaux (50 × 51) are above it.
let lhBLASThreshold = 1024

/// The floating-point pivot kernel of `LHTableau` (compact form): divides row `row` by the
/// pivot p, eliminates column `col` from every other row (`t[i][j] −= t[i][col] · t[row][j]`),
/// and makes column `col` the leaving variable's: 1/p in row `row`, −t[i][col]/p elsewhere.
///
/// Dense pivot rows (the usual case after a few pivots) are eliminated over whole rows: by one
/// BLAS rank-one update on large tableaux, by a contiguous (auto-vectorised) loop otherwise; a
/// sparse pivot row (fewer than a quarter of the entries nonzero) only touches its nonzeros.
/// `scratch` holds `rows + cols` doubles (the pivot column and row, copied for BLAS); no
/// allocation on the dense paths.
private func lhPivotDouble(_ t: UnsafeMutablePointer<Double>, rows: Int, cols: Int, row r: Int, col c: Int,
                           scratch: UnsafeMutablePointer<Double>) {
    let pivotRow = t + r * cols
    let inv = 1 / pivotRow[c]
    var nonzeros = 0
    for j in 0..<cols where pivotRow[j] != 0 {
        pivotRow[j] *= inv
        nonzeros += 1
    }
    pivotRow[c] = inv
    if nonzeros * 4 >= cols {
        if rows * cols >= lhBLASThreshold {
            let x = scratch, y = scratch + rows
            for i in 0..<rows { x[i] = t[i * cols + c] }
            x[r] = 0   // the pivot row is left as it is
            y.update(from: pivotRow, count: cols)
            addOuterProduct(alpha: -1, x: x, y: y, to: t, rows: rows, cols: cols, rowStride: cols)
            for i in 0..<rows where i != r { t[i * cols + c] = -(x[i] * inv) }
        } else {
            for i in 0..<rows where i != r {
                let p = t + i * cols
                let f = p[c]
                if f == 0 { continue }
                for j in 0..<cols { p[j] -= f * pivotRow[j] }
                p[c] = -(f * inv)
            }
        }
        return
    }
    var nonzero = [Int]()
    nonzero.reserveCapacity(nonzeros)
    for j in 0..<cols where j != c && pivotRow[j] != 0 { nonzero.append(j) }
    nonzero.withUnsafeBufferPointer { nz in
        for i in 0..<rows where i != r {
            let p = t + i * cols
            let f = p[c]
            if f == 0 { continue }
            for j in nz { p[j] -= f * pivotRow[j] }
            p[c] = -(f * inv)
        }
    }
}
