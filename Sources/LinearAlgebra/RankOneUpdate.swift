internal import CLapack

/// Row-major rank-one update in place: `a[i·rowStride + j] += alpha · x[i] · y[j]` for
/// i = 0…rows−1, j = 0…cols−1 (BLAS `dger`).
///
/// For pivoting kernels over raw tableaux (Lemke–Howson's elimination step is one such update
/// per pivot), hence the pointer interface: the caller owns the storage and keeps it alive.
/// `x` must not alias the updated part of `a` (copy the pivot column first). A zero `x[i]`
/// leaves row i bit-for-bit unchanged (`a + 0·y = a` for finite `y`).
///
/// - Complexity: O(rows · cols).
public func addOuterProduct(alpha: Double, x: UnsafePointer<Double>, y: UnsafePointer<Double>,
                            to a: UnsafeMutablePointer<Double>, rows: Int, cols: Int, rowStride: Int) {
    precondition(rows >= 0 && cols >= 0 && rowStride >= max(1, cols), "addOuterProduct: bad shape")
    if rows == 0 || cols == 0 { return }
    cblas_dger(CblasRowMajor, Int32(rows), Int32(cols), alpha, x, 1, y, 1, a, Int32(rowStride))
}
