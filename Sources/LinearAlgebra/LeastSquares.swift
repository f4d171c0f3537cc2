internal import CLapack

/// The minimum-norm least-squares solution of `A x ≈ b` (LAPACK `dgelsd`, SVD based), which
/// handles rank-deficient and non-square `A`.
///
/// - Parameter rcond: singular values below `rcond · σ_max` are treated as zero; the default
///   (−1) uses machine precision.
/// - Returns: the solution and the numerical rank of `A`.
/// - Complexity: O(m n min(m, n)).
public func leastSquares(_ a: Matrix, _ b: [Double], rcond: Double = -1) throws -> (solution: [Double], rank: Int) {
    guard b.count == a.rows else {
        throw LinearAlgebraError.dimensionMismatch("right-hand side has \(b.count) entries, matrix has \(a.rows) rows")
    }
    let m = a.rows, n = a.columns
    if m == 0 || n == 0 { return ([Double](repeating: 0, count: n), 0) }
    var aa = a.storage
    let ldb = max(m, n)
    var bb = [Double](repeating: 0, count: ldb)
    for i in 0..<m { bb[i] = b[i] }
    var s = [Double](repeating: 0, count: min(m, n))
    var rank: detente_lapack_int = 0
    let info = aa.withUnsafeMutableBufferPointer { ap in
        bb.withUnsafeMutableBufferPointer { bp in
            s.withUnsafeMutableBufferPointer { sp in
                LAPACKE_dgelsd(LAPACK_COL_MAJOR, lapackInt(m), lapackInt(n), 1, ap.baseAddress, lapackInt(m),
                               bp.baseAddress, lapackInt(ldb), sp.baseAddress, rcond, &rank)
            }
        }
    }
    try check(info, "dgelsd") { .noConvergence(routine: "dgelsd", info: $0) }
    return (Array(bb[0..<n]), Int(rank))
}
