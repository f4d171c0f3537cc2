/// The vertices of a labelled polytope `{z ≥ 0 : M z ≤ 1}` with a positive integer matrix
/// `M` (k × d), found by exact fraction-free pivoting over all feasible bases.
///
/// Variables: `z₀ … z_{d−1}` (structural) and slacks `s₀ … s_{k−1}` with `M z + s = 1`.
/// Variable v carries label `labels[v]`; a vertex's label set is the set of labels of its
/// variables that are zero (the tight constraints). Every vertex is reported once, with the
/// numerators of its structural coordinates over the basis determinant (only ratios matter
/// to the caller, who normalises to a probability vector).
///
/// Completeness on degenerate polytopes: the graph whose nodes are the feasible bases and
/// whose edges are simplex pivots (any entering column, any row attaining the minimum ratio)
/// is connected, so a depth-first search over feasible bases from the slack basis visits every
/// feasible basis and therefore every vertex, however many bases a degenerate vertex has.
///
/// - Complexity: O(β · d · k · (d + k)) integer operations for β feasible bases (β is the
///   number of vertices when the polytope is simple).
struct PolytopeVertices<I: PivotInteger> {
    /// Label mask of each vertex (bit `labels[v]` for each zero variable v).
    var labelMasks: [UInt64] = []
    /// `coordinates[d·t + v]`: numerator of structural coordinate v of vertex t.
    var coordinates: [I] = []
    /// Whether some vertex has more tight constraints than the dimension.
    var isDegenerate = false
    let dimension: Int

    /// A feasible basis: the tableau (k rows of d + k + 1 entries, right-hand side last),
    /// the basic variable of each row, and the common determinant.
    struct Node { var t: [I]; var basis: [Int]; var det: I }

    /// Enumerates the vertices. `matrix` is k rows of d positive integers; `labels` has d + k
    /// entries, each below 64.
    init(matrix: [[I]], labels: [Int]) throws {
        let k = matrix.count
        let d = matrix.first?.count ?? 0
        dimension = d
        let nv = d + k
        let cols = nv + 1
        precondition(nv <= 64 && labels.count == nv && labels.allSatisfy { $0 >= 0 && $0 < 64 })
        var start = [I](repeating: I.zeroValue, count: k * cols)
        for r in 0..<k {
            for v in 0..<d { start[r * cols + v] = matrix[r][v] }
            start[r * cols + d + r] = I.oneValue
            start[r * cols + nv] = I.oneValue
        }
        var stack = [Node(t: start, basis: (0..<k).map { d + $0 }, det: I.oneValue)]
        var visited = Set<UInt64>()
        visited.insert(stack[0].basis.reduce(UInt64(0)) { $0 | (1 << UInt64($1)) })
        var seen = Set<UInt64>()
        var tied = [Int]()
        tied.reserveCapacity(k)
        while let node = stack.popLast() {
            let t = node.t
            let basis = node.basis
            var basisMask: UInt64 = 0
            for v in basis { basisMask |= 1 << UInt64(v) }
            // The vertex: zero variables are the nonbasic ones and the basic ones at zero.
            var labelMask: UInt64 = 0
            var zeroCount = 0
            for v in 0..<nv where basisMask & (1 << UInt64(v)) == 0 {
                labelMask |= 1 << UInt64(labels[v]); zeroCount += 1
            }
            for r in 0..<k where t[r * cols + nv].sign == 0 {
                labelMask |= 1 << UInt64(labels[basis[r]]); zeroCount += 1
            }
            if zeroCount > d { isDegenerate = true }
            if seen.insert(labelMask).inserted {
                labelMasks.append(labelMask)
                var coords = [I](repeating: I.zeroValue, count: d)
                for r in 0..<k where basis[r] < d { coords[basis[r]] = t[r * cols + nv] }
                coordinates.append(contentsOf: coords)
            }
            // Neighbouring feasible bases.
            for c in 0..<nv where basisMask & (1 << UInt64(c)) == 0 {
                tied.removeAll(keepingCapacity: true)
                for r in 0..<k where t[r * cols + c].sign > 0 {
                    guard let best = tied.first else { tied.append(r); continue }
                    // Compare rhs_r / t_rc with rhs_best / t_best,c by cross-multiplication.
                    let s = try I.mulSub(t[r * cols + nv], t[best * cols + c],
                                         t[best * cols + nv], t[r * cols + c]).sign
                    if s < 0 { tied.removeAll(keepingCapacity: true); tied.append(r) }
                    else if s == 0 { tied.append(r) }
                }
                for r in tied {
                    let newMask = (basisMask & ~(1 << UInt64(basis[r]))) | (1 << UInt64(c))
                    guard visited.insert(newMask).inserted else { continue }
                    stack.append(try PolytopeVertices.pivot(t, basis: basis, det: node.det, row: r, col: c,
                                                            rows: k, cols: cols))
                }
            }
        }
    }

    /// One Bareiss pivot on (row, col): every other row i becomes
    /// `(t_ij · p − t_ic · t_rj) / det` with `p = t_rc`, and `p` becomes the new determinant.
    private static func pivot(_ t: [I], basis: [Int], det: I, row: Int, col: Int, rows k: Int, cols: Int)
        throws -> Node {
        var u = t
        let p = t[row * cols + col]
        for i in 0..<k where i != row {
            let f = t[i * cols + col]
            let base = i * cols
            if f.sign == 0 {
                for j in 0..<cols { u[base + j] = I.exactDiv(try I.mul(t[base + j], p), det) }
            } else {
                for j in 0..<cols {
                    u[base + j] = I.exactDiv(try I.mulSub(t[base + j], p, f, t[row * cols + j]), det)
                }
            }
        }
        var b = basis
        b[row] = col
        return Node(t: u, basis: b, det: p)
    }
}
