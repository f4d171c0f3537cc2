/// Fixed-size kernels for the 2×2 to 4×4 systems that occur inside hot loops (stage games of
/// policy models, indifference conditions of small supports), where a LAPACK call's overhead
/// exceeds the arithmetic.

/// Solves a 2×2 system by Cramer's rule. Returns `nil` when the determinant is zero.
@inlinable
public func solve2x2(_ a00: Double, _ a01: Double, _ a10: Double, _ a11: Double,
                     _ b0: Double, _ b1: Double) -> (Double, Double)? {
    let det = a00 * a11 - a01 * a10
    if det == 0 { return nil }
    return ((b0 * a11 - a01 * b1) / det, (a00 * b1 - b0 * a10) / det)
}

/// Solves a small dense system (n ≤ 8 is where this pays) in place by Gaussian elimination with
/// partial pivoting, without allocating a LAPACK workspace. `a` is row-major `n × n`.
/// Throws `LinearAlgebraError.singular` on a zero pivot.
public func solveSmall(_ a: [Double], _ b: [Double]) throws -> [Double] {
    let n = b.count
    guard a.count == n * n else {
        throw LinearAlgebraError.dimensionMismatch("solveSmall: \(a.count) entries for a \(n)×\(n) system")
    }
    var m = a
    var x = b
    for col in 0..<n {
        var p = col
        var best = abs(m[col * n + col])
        for r in (col + 1)..<max(col + 1, n) where abs(m[r * n + col]) > best {
            best = abs(m[r * n + col]); p = r
        }
        if best == 0 { throw LinearAlgebraError.singular(pivot: col) }
        if p != col {
            for c in 0..<n { m.swapAt(col * n + c, p * n + c) }
            x.swapAt(col, p)
        }
        let piv = m[col * n + col]
        for r in (col + 1)..<max(col + 1, n) {
            let f = m[r * n + col] / piv
            if f == 0 { continue }
            for c in col..<n { m[r * n + c] -= f * m[col * n + c] }
            x[r] -= f * x[col]
        }
    }
    for r in stride(from: n - 1, through: 0, by: -1) {
        var s = x[r]
        for c in (r + 1)..<max(r + 1, n) { s -= m[r * n + c] * x[c] }
        x[r] = s / m[r * n + r]
    }
    return x
}
