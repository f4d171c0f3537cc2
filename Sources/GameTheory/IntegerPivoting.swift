import BigInt

/// Raised inside the fixed-width integer tiers when a product or difference does not fit;
/// the caller restarts the computation in the next wider tier (Int64 → Int128 → BigInt).
struct PivotOverflow: Error {}

/// An integer type for fraction-free (Bareiss) pivoting: exact, with overflow reported rather
/// than trapped, so that a computation can start in `Int64` and fall back to wider types.
///
/// Internal to the solvers; not API.
protocol PivotInteger: Sendable, Equatable {
    init?(pivotValue big: BigInt)
    var big: BigInt { get }
    static var zeroValue: Self { get }
    static var oneValue: Self { get }
    /// −1, 0 or 1.
    var sign: Int { get }
    /// `a·b − c·d`, throwing `PivotOverflow` when it does not fit.
    static func mulSub(_ a: Self, _ b: Self, _ c: Self, _ d: Self) throws -> Self
    /// `a·b`, throwing `PivotOverflow` when it does not fit.
    static func mul(_ a: Self, _ b: Self) throws -> Self
    /// `a / b` where `b` divides `a` exactly (the Bareiss division).
    static func exactDiv(_ a: Self, _ b: Self) -> Self
    static func add(_ a: Self, _ b: Self) throws -> Self
}

extension Int64: PivotInteger {
    init?(pivotValue big: BigInt) {
        guard big.bitWidth <= 64 else { return nil }
        self = Int64(big)
    }
    var big: BigInt { BigInt(self) }
    static var zeroValue: Int64 { 0 }
    static var oneValue: Int64 { 1 }
    var sign: Int { self > 0 ? 1 : (self < 0 ? -1 : 0) }
    @inline(__always)
    static func mulSub(_ a: Int64, _ b: Int64, _ c: Int64, _ d: Int64) throws -> Int64 {
        let (p, o1) = a.multipliedReportingOverflow(by: b)
        let (q, o2) = c.multipliedReportingOverflow(by: d)
        let (r, o3) = p.subtractingReportingOverflow(q)
        if o1 || o2 || o3 { throw PivotOverflow() }
        return r
    }
    @inline(__always)
    static func mul(_ a: Int64, _ b: Int64) throws -> Int64 {
        let (p, o) = a.multipliedReportingOverflow(by: b)
        if o { throw PivotOverflow() }
        return p
    }
    @inline(__always)
    static func add(_ a: Int64, _ b: Int64) throws -> Int64 {
        let (p, o) = a.addingReportingOverflow(b)
        if o { throw PivotOverflow() }
        return p
    }
    @inline(__always)
    static func exactDiv(_ a: Int64, _ b: Int64) -> Int64 { a / b }
}

extension Int128: PivotInteger {
    init?(pivotValue big: BigInt) {
        guard big.bitWidth <= 127 else { return nil }
        let mag = big.magnitude
        var v: UInt128 = 0
        for (k, w) in mag.words.enumerated() where k < 2 { v |= UInt128(w) << (64 * k) }
        self = big.signum() < 0 ? -Int128(v) : Int128(v)
    }
    var big: BigInt {
        let mag = self.magnitude
        let b = (BigInt(UInt64(truncatingIfNeeded: mag >> 64)) << 64) | BigInt(UInt64(truncatingIfNeeded: mag))
        return self < 0 ? -b : b
    }
    static var zeroValue: Int128 { 0 }
    static var oneValue: Int128 { 1 }
    var sign: Int { self > 0 ? 1 : (self < 0 ? -1 : 0) }
    @inline(__always)
    static func mulSub(_ a: Int128, _ b: Int128, _ c: Int128, _ d: Int128) throws -> Int128 {
        let (p, o1) = a.multipliedReportingOverflow(by: b)
        let (q, o2) = c.multipliedReportingOverflow(by: d)
        let (r, o3) = p.subtractingReportingOverflow(q)
        if o1 || o2 || o3 { throw PivotOverflow() }
        return r
    }
    @inline(__always)
    static func mul(_ a: Int128, _ b: Int128) throws -> Int128 {
        let (p, o) = a.multipliedReportingOverflow(by: b)
        if o { throw PivotOverflow() }
        return p
    }
    @inline(__always)
    static func add(_ a: Int128, _ b: Int128) throws -> Int128 {
        let (p, o) = a.addingReportingOverflow(b)
        if o { throw PivotOverflow() }
        return p
    }
    @inline(__always)
    static func exactDiv(_ a: Int128, _ b: Int128) -> Int128 { a / b }
}

extension BigInt: PivotInteger {
    init?(pivotValue big: BigInt) { self = big }
    var big: BigInt { self }
    static var zeroValue: BigInt { 0 }
    static var oneValue: BigInt { 1 }
    var sign: Int { Int(signum()) }
    static func mulSub(_ a: BigInt, _ b: BigInt, _ c: BigInt, _ d: BigInt) throws -> BigInt { a * b - c * d }
    static func mul(_ a: BigInt, _ b: BigInt) throws -> BigInt { a * b }
    static func add(_ a: BigInt, _ b: BigInt) throws -> BigInt { a + b }
    static func exactDiv(_ a: BigInt, _ b: BigInt) -> BigInt { a / b }
}

/// Runs `body` in `Int64`, then `Int128`, then `BigInt`, moving on when a tier overflows.
/// Returns the first tier's result that completes (all tiers give the same exact answer).
func withIntegerTiers<R>(_ body: (any PivotInteger.Type) throws -> R) rethrows -> R {
    for tier in [Int64.self, Int128.self] as [any PivotInteger.Type] {
        do { return try body(tier) } catch is PivotOverflow { continue }
    }
    return try body(BigInt.self)
}

/// Scales a rational matrix to a positive integer matrix with the same best responses:
/// multiplies by the least common multiple of the denominators, then shifts so that the
/// smallest entry is 1. Both operations leave the Nash equilibria of a bimatrix game unchanged
/// (a positive affine transformation of one player's payoffs).
func positiveIntegerMatrix(_ rows: [[Rational]]) -> [[BigInt]] {
    var l = BigInt(1)
    for r in rows { for v in r { l = l / l.greatestCommonDivisor(with: v.denominator) * v.denominator } }
    let ints = rows.map { $0.map { $0.numerator * (l / $0.denominator) } }
    let minimum = ints.joined().min() ?? 0
    return ints.map { $0.map { $0 - minimum + 1 } }
}
