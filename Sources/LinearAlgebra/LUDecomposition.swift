internal import CLapack

/// The LU factorisation `P A = L U` of a square matrix with partial pivoting (LAPACK `dgetrf`).
///
/// Factor once, solve many right-hand sides. The reciprocal condition number in the 1-norm
/// (`dgecon`) is computed on request so callers can refuse to trust a nearly singular system.
///
/// - Complexity: O(n³) to factor, O(n²) per right-hand side.
public struct LUDecomposition: Sendable {
    public let n: Int
    var factors: [Double]      // column-major L and U
    var pivots: [detente_lapack_int]
    /// The 1-norm of the original matrix (kept for the condition estimate).
    public let norm1: Double

    /// Factors `a`. Throws `LinearAlgebraError.singular` when a pivot is exactly zero.
    public init(_ a: Matrix) throws {
        guard a.rows == a.columns else {
            throw LinearAlgebraError.dimensionMismatch("LU needs a square matrix, got \(a.rows)×\(a.columns)")
        }
        n = a.rows
        factors = a.storage
        pivots = [detente_lapack_int](repeating: 0, count: max(1, n))
        var nrm = 0.0
        for j in 0..<n {
            var s = 0.0
            for i in 0..<n { s += abs(a[i, j]) }
            nrm = max(nrm, s)
        }
        norm1 = nrm
        if n == 0 { return }
        let nn = lapackInt(n)
        let info = factors.withUnsafeMutableBufferPointer { f in
            pivots.withUnsafeMutableBufferPointer { p in
                LAPACKE_dgetrf(LAPACK_COL_MAJOR, nn, nn, f.baseAddress, nn, p.baseAddress)
            }
        }
        try check(info, "dgetrf") { .singular(pivot: $0 - 1) }
    }

    /// Solves `A X = B` for a matrix of right-hand sides.
    public func solve(_ b: Matrix) throws -> Matrix {
        guard b.rows == n else {
            throw LinearAlgebraError.dimensionMismatch("right-hand side has \(b.rows) rows, system has \(n)")
        }
        if n == 0 || b.columns == 0 { return b }
        var x = b.storage
        var f = factors
        var p = pivots
        let nn = lapackInt(n)
        let info = f.withUnsafeMutableBufferPointer { fp in
            p.withUnsafeMutableBufferPointer { pp in
                x.withUnsafeMutableBufferPointer { xp in
                    LAPACKE_dgetrs(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "N")), nn, lapackInt(b.columns),
                                   fp.baseAddress, nn, pp.baseAddress, xp.baseAddress, nn)
                }
            }
        }
        try check(info, "dgetrs") { _ in .noConvergence(routine: "dgetrs", info: Int(info)) }
        return Matrix(rows: n, columns: b.columns, columnMajor: x)
    }

    /// Solves `A x = b` for one right-hand side.
    public func solve(_ b: [Double]) throws -> [Double] {
        try solve(Matrix(rows: b.count, columns: 1, columnMajor: b)).storage
    }

    /// The reciprocal of the 1-norm condition number, estimated by LAPACK `dgecon`.
    /// Near 1: well conditioned; near machine epsilon (2.2e-16): numerically singular.
    public func reciprocalConditionNumber() throws -> Double {
        if n == 0 { return 1 }
        var rcond = 0.0
        var f = factors
        let info = f.withUnsafeMutableBufferPointer { fp in
            LAPACKE_dgecon(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "1")), lapackInt(n), fp.baseAddress,
                           lapackInt(n), norm1, &rcond)
        }
        try check(info, "dgecon") { _ in .noConvergence(routine: "dgecon", info: Int(info)) }
        return rcond
    }
}

/// Solves the square system `A x = b` (LAPACK `dgesv` through `LUDecomposition`).
///
/// - Throws: `LinearAlgebraError.singular` when `A` is exactly singular, and
///   `.illConditioned` when `minimumReciprocalCondition` is given and the estimate falls below it.
public func solve(_ a: Matrix, _ b: [Double], minimumReciprocalCondition: Double? = nil) throws -> [Double] {
    let lu = try LUDecomposition(a)
    if let threshold = minimumReciprocalCondition {
        let rc = try lu.reciprocalConditionNumber()
        if rc < threshold { throw LinearAlgebraError.illConditioned(reciprocalCondition: rc) }
    }
    return try lu.solve(b)
}
