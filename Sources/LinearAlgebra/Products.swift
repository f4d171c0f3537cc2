internal import CLapack

/// Below this many multiply-adds a plain Swift loop beats the ~135 ns call overhead of
/// `cblas_dgemm` on this machine kind (measured: 2×2 dgemm ~135 ns vs ~22 ns in Swift; BLAS
/// wins from about 8×8). See Benchmarks/ for the measurement.
public let smallProductThreshold = 8 * 8 * 8

/// `C = α A B + β C` (BLAS `dgemm`, or a Swift loop for small products).
///
/// - Complexity: O(m n k).
public func multiply(_ a: Matrix, _ b: Matrix) throws -> Matrix {
    guard a.columns == b.rows else {
        throw LinearAlgebraError.dimensionMismatch("\(a.rows)×\(a.columns) times \(b.rows)×\(b.columns)")
    }
    var c = Matrix(rows: a.rows, columns: b.columns)
    gemm(alpha: 1, a, transposeA: false, b, transposeB: false, beta: 0, into: &c)
    return c
}

/// `C ← α op(A) op(B) + β C` where `op` optionally transposes. Shapes must fit (checked by
/// precondition: a mismatch is a programming error, not a run-time condition).
public func gemm(alpha: Double, _ a: Matrix, transposeA: Bool, _ b: Matrix, transposeB: Bool,
                 beta: Double, into c: inout Matrix) {
    let m = transposeA ? a.columns : a.rows
    let k = transposeA ? a.rows : a.columns
    let kb = transposeB ? b.columns : b.rows
    let n = transposeB ? b.rows : b.columns
    precondition(k == kb && c.rows == m && c.columns == n, "gemm: shapes do not fit")
    if m == 0 || n == 0 { return }
    if m * n * k <= smallProductThreshold {
        for j in 0..<n {
            for i in 0..<m {
                var s = 0.0
                for l in 0..<k {
                    let x = transposeA ? a[l, i] : a[i, l]
                    let y = transposeB ? b[j, l] : b[l, j]
                    s += x * y
                }
                c[i, j] = alpha * s + (beta == 0 ? 0 : beta * c[i, j])
            }
        }
        return
    }
    a.storage.withUnsafeBufferPointer { ap in
        b.storage.withUnsafeBufferPointer { bp in
            c.storage.withUnsafeMutableBufferPointer { cp in
                cblas_dgemm(CblasColMajor, transposeA ? CblasTrans : CblasNoTrans,
                            transposeB ? CblasTrans : CblasNoTrans,
                            Int32(m), Int32(n), Int32(k), alpha, ap.baseAddress, Int32(max(1, a.rows)),
                            bp.baseAddress, Int32(max(1, b.rows)), beta, cp.baseAddress, Int32(max(1, c.rows)))
            }
        }
    }
}

/// `y = A x` (BLAS `dgemv`, or a Swift loop for small matrices).
public func multiply(_ a: Matrix, _ x: [Double], transpose: Bool = false) throws -> [Double] {
    let inDim = transpose ? a.rows : a.columns
    let outDim = transpose ? a.columns : a.rows
    guard x.count == inDim else {
        throw LinearAlgebraError.dimensionMismatch("\(a.rows)×\(a.columns)\(transpose ? "ᵀ" : "") times vector of \(x.count)")
    }
    var y = [Double](repeating: 0, count: outDim)
    if outDim == 0 { return y }
    if a.rows * a.columns <= 64 {
        for i in 0..<outDim {
            var s = 0.0
            for l in 0..<inDim { s += (transpose ? a[l, i] : a[i, l]) * x[l] }
            y[i] = s
        }
        return y
    }
    a.storage.withUnsafeBufferPointer { ap in
        x.withUnsafeBufferPointer { xp in
            y.withUnsafeMutableBufferPointer { yp in
                cblas_dgemv(CblasColMajor, transpose ? CblasTrans : CblasNoTrans, Int32(a.rows), Int32(a.columns),
                            1, ap.baseAddress, Int32(max(1, a.rows)), xp.baseAddress, 1, 0, yp.baseAddress, 1)
            }
        }
    }
    return y
}

/// Batched products `C_i = A B_i` for many right-hand matrices sharing one left factor: the
/// `B_i` are laid side by side so a single `dgemm` does all of them.
///
/// This is the shape of a parameter sweep: `A` maps parameters to payoff entries, each column
/// block of `B` is a batch of parameter points.
public func batchedMultiply(_ a: Matrix, _ bs: [Matrix]) throws -> [Matrix] {
    guard let first = bs.first else { return [] }
    guard bs.allSatisfy({ $0.rows == a.columns && $0.columns == first.columns }) else {
        throw LinearAlgebraError.dimensionMismatch("batched operands must all be \(a.columns)×\(first.columns)")
    }
    var wide = [Double]()
    wide.reserveCapacity(a.columns * first.columns * bs.count)
    for b in bs { wide.append(contentsOf: b.storage) }
    let c = try multiply(a, Matrix(rows: a.columns, columns: first.columns * bs.count, columnMajor: wide))
    let block = a.rows * first.columns
    return (0..<bs.count).map { i in
        Matrix(rows: a.rows, columns: first.columns, columnMajor: Array(c.storage[(i * block)..<((i + 1) * block)]))
    }
}
