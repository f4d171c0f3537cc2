/// The vertices of a labelled polytope `{z ≥ 0 : M z ≤ 1}` with a positive integer matrix
/// `M` (k × d), found by exact fraction-free pivoting over all feasible bases.
///
/// Variables: `z₀ … z_{d−1}` (structural) and slacks `s₀ … s_{k−1}` with `M z + s = 1`.
/// Variable v carries label `labels[v]`; a vertex's label set is the set of labels of its
/// variables that are zero (the tight constraints). Every vertex is reported once, with the
/// numerators of its structural coordinates over the basis determinant (only ratios matter
/// to the caller, who normalises to a probability vector).
///
/// The tableau is the compact dictionary: k rows (one per basic variable) of d nonbasic
/// columns plus the right-hand side, all integers; the common denominator `det` (the product
/// of the pivots so far, divided out Bareiss-style) is implicit in every row, so basic
/// variable `basis[r]` has value `t[r][d] / det`.
///
/// Completeness on degenerate polytopes: the graph whose nodes are the feasible bases and
/// whose edges are simplex pivots (any entering column, any row attaining the minimum ratio)
/// is connected, so a depth-first search over feasible bases from the slack basis visits every
/// feasible basis and therefore every vertex, however many bases a degenerate vertex has.
/// Bases and label sets are remembered as 64-bit masks in a `UInt64HashSet`.
///
/// - Complexity: O(β · d · k) integer operations for β feasible bases (β is the number of
///   vertices when the polytope is simple), plus O(β) hash-set operations.
struct PolytopeVertices<I: PivotInteger> {
    /// Label mask of each vertex (bit `labels[v]` for each zero variable v).
    var labelMasks: [UInt64] = []
    /// `coordinates[d·t + v]`: numerator of structural coordinate v of vertex t.
    var coordinates: [I] = []
    /// Whether some vertex has more tight constraints than the dimension.
    var isDegenerate = false
    let dimension: Int

    /// A feasible basis: the compact tableau (k rows of d + 1 entries, right-hand side last),
    /// the basic variable of each row, the nonbasic variable of each column, the determinant.
    struct Node { var t: [I]; var basis: [Int]; var cobasis: [Int]; var det: I }
    /// A child basis still to be explored: its parent and the pivot leading to it.
    struct Pending { var parent: Node; var row: Int; var col: Int }

    /// Enumerates the vertices. `matrix` is k rows of d positive integers; `labels` has d + k
    /// entries, each below 64.
    init(matrix: [[I]], labels: [Int]) throws {
        let k = matrix.count
        let d = matrix.first?.count ?? 0
        dimension = d
        let nv = d + k
        let cols = d + 1
        precondition(nv <= 64 && labels.count == nv && labels.allSatisfy { $0 >= 0 && $0 < 64 })
        var start = [I](repeating: I.zeroValue, count: k * cols)
        for r in 0..<k {
            for v in 0..<d { start[r * cols + v] = matrix[r][v] }
            start[r * cols + d] = I.oneValue
        }
        let labelBit = labels.map { UInt64(1) << UInt64($0) }
        // Pending pivots (parent tableau shared, not copied, until the child is popped): the
        // child's tableau is computed when it is explored, so it is hot in cache for the ratio
        // tests, and the stack holds one tableau per parent instead of one per child.
        let root = Node(t: start, basis: (0..<k).map { d + $0 }, cobasis: Array(0..<d), det: I.oneValue)
        var stack = [Pending(parent: root, row: -1, col: -1)]
        var visited = UInt64HashSet(minimumCapacity: 1024)
        _ = visited.insert(root.basis.reduce(UInt64(0)) { $0 | (1 << UInt64($1)) })
        var seen = UInt64HashSet(minimumCapacity: 256)
        var tied = [Int]()
        tied.reserveCapacity(k)
        while let pending = stack.popLast() {
            let node = pending.row < 0 ? pending.parent
                : try PolytopeVertices.pivot(pending.parent, row: pending.row, col: pending.col, rows: k, cols: cols)
            let t = node.t
            var basisMask: UInt64 = 0
            for v in node.basis { basisMask |= 1 << UInt64(v) }
            // The vertex: zero variables are the nonbasic ones and the basic ones at zero.
            var labelMask: UInt64 = 0
            var zeroCount = d
            for v in node.cobasis { labelMask |= labelBit[v] }
            for r in 0..<k where t[r * cols + d].sign == 0 {
                labelMask |= labelBit[node.basis[r]]; zeroCount += 1
            }
            if zeroCount > d { isDegenerate = true }
            if seen.insert(labelMask) {
                labelMasks.append(labelMask)
                var coords = [I](repeating: I.zeroValue, count: d)
                for r in 0..<k where node.basis[r] < d { coords[node.basis[r]] = t[r * cols + d] }
                coordinates.append(contentsOf: coords)
            }
            // Neighbouring feasible bases: entering column c, leaving any row of minimum ratio.
            for c in 0..<d {
                tied.removeAll(keepingCapacity: true)
                try t.withUnsafeBufferPointer { tp in
                    var best = -1
                    for r in 0..<k where tp[r * cols + c].sign > 0 {
                        if best < 0 { best = r; tied.append(r); continue }
                        // rhs_r / t_rc versus rhs_best / t_best,c, by cross-multiplication.
                        let s = try I.productDifferenceSign(tp[r * cols + d], tp[best * cols + c],
                                                            tp[best * cols + d], tp[r * cols + c])
                        if s < 0 { tied.removeAll(keepingCapacity: true); tied.append(r); best = r }
                        else if s == 0 { tied.append(r) }
                    }
                }
                for r in tied {
                    let newMask = (basisMask & ~(1 << UInt64(node.basis[r]))) | (1 << UInt64(node.cobasis[c]))
                    guard visited.insert(newMask) else { continue }
                    stack.append(Pending(parent: node, row: r, col: c))
                }
            }
        }
    }

    /// One Bareiss pivot on (row, col) of the compact tableau, p = t_rc, D = det:
    /// entries off the pivot row and column become `(t_ij · p − t_ic · t_rj) / D`; the pivot
    /// column (now the leaving variable's) becomes `−t_ic` off the pivot row and `D` on it;
    /// the pivot row is otherwise unchanged; `p` is the new determinant.
    static func pivot(_ node: Node, row: Int, col: Int, rows k: Int, cols: Int) throws -> Node {
        let t = node.t
        var u = t
        let p = t[row * cols + col]
        let div = I.divisor(node.det)
        let rowBase = row * cols
        try t.withUnsafeBufferPointer { tp in
            try u.withUnsafeMutableBufferPointer { up in
                for i in 0..<k where i != row {
                    let base = i * cols
                    let f = tp[base + col]
                    for j in 0..<cols where j != col {
                        up[base + j] = try I.bareiss(tp[base + j], p, f, tp[rowBase + j], div)
                    }
                    up[base + col] = try I.negate(f)
                }
                up[rowBase + col] = node.det
            }
        }
        var b = node.basis, cb = node.cobasis
        b[row] = node.cobasis[col]
        cb[col] = node.basis[row]
        return Node(t: u, basis: b, cobasis: cb, det: p)
    }
}
