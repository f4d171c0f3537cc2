import Foundation

/// A complex number in double precision, for homotopy continuation (`PolynomialEnumeration`).
/// Internal: not a general-purpose complex type.
struct Complex: Sendable, Equatable {
    var re: Double
    var im: Double
    init(_ re: Double, _ im: Double) { self.re = re; self.im = im }
    static let zero = Complex(0, 0)
    var modulus: Double { hypot(re, im) }
    static func + (a: Complex, b: Complex) -> Complex { Complex(a.re + b.re, a.im + b.im) }
    static func - (a: Complex, b: Complex) -> Complex { Complex(a.re - b.re, a.im - b.im) }
    static func * (a: Complex, b: Complex) -> Complex {
        Complex(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
    }
    static func * (a: Complex, s: Double) -> Complex { Complex(a.re * s, a.im * s) }
    static prefix func - (a: Complex) -> Complex { Complex(-a.re, -a.im) }
    static func / (a: Complex, b: Complex) -> Complex {
        // Smith's algorithm (avoids overflow in |b|²).
        if abs(b.re) >= abs(b.im) {
            let r = b.im / b.re, d = b.re + b.im * r
            return Complex((a.re + a.im * r) / d, (a.im - a.re * r) / d)
        } else {
            let r = b.re / b.im, d = b.re * r + b.im
            return Complex((a.re * r + a.im) / d, (a.im * r - a.re) / d)
        }
    }
    /// xᵏ for k ≥ 0 (1 for k ≤ 0).
    func power(_ k: Int) -> Complex {
        var r = Complex(1, 0)
        if k <= 0 { return r }
        for _ in 0..<k { r = r * self }
        return r
    }
}

/// LU factorisation with partial pivoting of a small dense complex matrix (row-major m×m);
/// nil when a pivot is exactly zero or not finite.
struct ComplexLU {
    private var a: [Complex]
    private var perm: [Int]
    let m: Int
    /// min |pivot| / max |pivot|: a cheap indicator of rank deficiency.
    let pivotRatio: Double

    init?(_ matrix: [Complex], _ m: Int) {
        self.m = m
        a = matrix
        perm = Array(0..<m)
        var lo = Double.infinity, hi = 0.0
        for k in 0..<m {
            var best = k, bestValue = a[k * m + k].modulus
            for i in (k + 1)..<max(k + 1, m) where a[i * m + k].modulus > bestValue {
                best = i; bestValue = a[i * m + k].modulus
            }
            guard bestValue > 0, bestValue.isFinite else { return nil }
            if best != k {
                for j in 0..<m { a.swapAt(k * m + j, best * m + j) }
                perm.swapAt(k, best)
            }
            lo = min(lo, bestValue); hi = max(hi, bestValue)
            let pivot = a[k * m + k]
            for i in (k + 1)..<max(k + 1, m) {
                let factor = a[i * m + k] / pivot
                a[i * m + k] = factor
                if factor == .zero { continue }
                for j in (k + 1)..<m { a[i * m + j] = a[i * m + j] - factor * a[k * m + j] }
            }
        }
        pivotRatio = m == 0 ? 1 : lo / hi
    }

    func solve(_ b: [Complex]) -> [Complex]? {
        var y = perm.map { b[$0] }
        for i in 0..<m { for j in 0..<i { y[i] = y[i] - a[i * m + j] * y[j] } }
        for i in stride(from: m - 1, through: 0, by: -1) {
            for j in (i + 1)..<m { y[i] = y[i] - a[i * m + j] * y[j] }
            y[i] = y[i] / a[i * m + i]
        }
        return y.allSatisfy({ $0.re.isFinite && $0.im.isFinite }) ? y : nil
    }
}

