internal import CLapack

/// Products with at most this many multiply-adds (`m·n·k`, i.e. up to 3×3 times 3×3) run as a
/// Swift loop over the raw buffers; larger ones call `cblas_dgemm`.
///
/// Measured with `detente-timing linalg` (docs/PERFORMANCE.md, "Linear algebra") on the
/// 2-core AMD EPYC development machine with OpenBLAS 0.3.31, which picks its SkylakeX kernels
/// there: `cblas_dgemm` costs ~23 ns at 2×2, ~25 ns at 3×3–4×4 and ~45 ns at 8×8, against ~13,
/// ~27, ~53 and ~350 ns for the plain loop, so BLAS wins from 3×3–4×4 on. On an older core
/// (`OPENBLAS_CORETYPE=Haswell`) the call costs ~60 ns even at 2×2 and the crossover is about
/// 4×4. Neither machine supports the 8×8 (~135 ns per call) figure this threshold once had.
public let smallProductThreshold = 3 * 3 * 3

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
        smallProduct(alpha: alpha, a, transposeA: transposeA, b, transposeB: transposeB, beta: beta,
                     m: m, n: n, k: k, into: &c)
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

/// The small-product path of `gemm`: a triple loop over the raw column-major buffers, with
/// the transposes resolved into strides once instead of per element.
@inline(__always)
private func smallProduct(alpha: Double, _ a: Matrix, transposeA: Bool, _ b: Matrix, transposeB: Bool,
                          beta: Double, m: Int, n: Int, k: Int, into c: inout Matrix) {
    // op(A)[i, l] = a[i·aRow + l·aDepth] and op(B)[l, j] = b[l·bDepth + j·bColumn].
    let aRow = transposeA ? a.rows : 1, aDepth = transposeA ? 1 : a.rows
    let bDepth = transposeB ? b.rows : 1, bColumn = transposeB ? 1 : b.rows
    a.storage.withUnsafeBufferPointer { ap in
        b.storage.withUnsafeBufferPointer { bp in
            c.storage.withUnsafeMutableBufferPointer { cp in
                for j in 0..<n {
                    for i in 0..<m {
                        var s = 0.0
                        for l in 0..<k { s += ap[i * aRow + l * aDepth] * bp[l * bDepth + j * bColumn] }
                        let index = i + j * m
                        cp[index] = beta == 0 ? alpha * s : alpha * s + beta * cp[index]
                    }
                }
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
