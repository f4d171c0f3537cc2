import BigInt
import Foundation

/// Raised inside the fixed-width integer tiers when a product or difference does not fit;
/// the caller restarts the computation in the next wider tier (Int64 → Int128 → BigInt).
struct PivotOverflow: Error {}

/// An integer type for fraction-free (Bareiss) pivoting: exact, with overflow reported rather
/// than trapped, so that a computation can start in `Int64` and fall back to wider types.
///
/// Internal to the solvers; not API.
protocol PivotInteger: Sendable, Equatable {
    /// A precomputed form of the Bareiss divisor (the previous pivot), for fast exact division.
    associatedtype Divisor
    init?(pivotValue big: BigInt)
    var big: BigInt { get }
    static var zeroValue: Self { get }
    static var oneValue: Self { get }
    /// −1, 0 or 1.
    var sign: Int { get }
    /// The value as a `Double`, within a relative 2⁻⁵¹ (a filter for comparisons, never a result).
    var approximateDouble: Double { get }
    static func divisor(_ d: Self) -> Divisor
    /// `(a·b − c·e) / d` where `d` (given as `divisor(d)`) divides `a·b − c·e` exactly; throws
    /// `PivotOverflow` when an intermediate or the result does not fit.
    static func bareiss(_ a: Self, _ b: Self, _ c: Self, _ e: Self, _ d: Divisor) throws -> Self
    /// The sign of `a·b − c·e` (throws `PivotOverflow` when it cannot be decided in this type).
    static func productDifferenceSign(_ a: Self, _ b: Self, _ c: Self, _ e: Self) throws -> Int
    /// `−a`.
    static func negate(_ a: Self) throws -> Self
}

/// `Int64` entries with exact `Int128` intermediates: a product of two entries always fits, the
/// difference of two such products too (|·| < 2¹²⁷), and the exact division by the previous
/// pivot is a multiplication by its inverse modulo 2¹²⁸ after removing its factors of two
/// (Jebelean's exact division), far cheaper than a 128-bit division. Only a result that does
/// not fit in 64 bits is an overflow.
extension Int64: PivotInteger {
    struct ExactDivisor { var shift: Int; var inverse: UInt128; var isOne: Bool }
    init?(pivotValue big: BigInt) {
        guard big.bitWidth <= 63 else { return nil }   // |value| < 2⁶², see `bareiss`
        self = Int64(big)
    }
    var big: BigInt { BigInt(self) }
    @inline(__always) var approximateDouble: Double { Double(self) }
    static var zeroValue: Int64 { 0 }
    static var oneValue: Int64 { 1 }
    var sign: Int { self > 0 ? 1 : (self < 0 ? -1 : 0) }
    static func divisor(_ d: Int64) -> ExactDivisor {
        precondition(d > 0, "Bareiss divisor must be positive")
        let shift = d.trailingZeroBitCount
        let odd = UInt128(UInt64(d) >> UInt64(shift))
        var x = odd                                   // correct to 3 bits: odd·odd ≡ 1 (mod 8)
        for _ in 0..<6 { x = x &* (2 &- odd &* x) }   // Newton: doubles the correct bits
        return ExactDivisor(shift: shift, inverse: x, isOne: d == 1)
    }
    @inline(__always)
    static func bareiss(_ a: Int64, _ b: Int64, _ c: Int64, _ e: Int64, _ d: ExactDivisor) throws -> Int64 {
        // Wrapping operations cannot wrap here: each product of two entries below 2⁶² is below
        // 2¹²⁴ in magnitude (a single 64 × 64 → 128-bit multiplication), their difference 2¹²⁵.
        let num = Int128(a) &* Int128(b) &- Int128(c) &* Int128(e)
        let q = d.isOne ? num : Int128(bitPattern: UInt128(bitPattern: num >> Int128(d.shift)) &* d.inverse)
        // Entries stay below 2⁶² in magnitude so that products and their difference fit Int128.
        guard q.magnitude < (UInt128(1) << 62) else { throw PivotOverflow() }
        return Int64(truncatingIfNeeded: q)
    }
    @inline(__always)
    static func productDifferenceSign(_ a: Int64, _ b: Int64, _ c: Int64, _ e: Int64) throws -> Int {
        let x = Int128(a) &* Int128(b), y = Int128(c) &* Int128(e)
        return x > y ? 1 : (x < y ? -1 : 0)
    }
    @inline(__always)
    static func negate(_ a: Int64) throws -> Int64 {
        guard a != .min else { throw PivotOverflow() }
        return -a
    }
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
    var approximateDouble: Double { Double(self) }
    static var zeroValue: Int128 { 0 }
    static var oneValue: Int128 { 1 }
    var sign: Int { self > 0 ? 1 : (self < 0 ? -1 : 0) }
    static func divisor(_ d: Int128) -> Int128 { d }
    @inline(__always)
    static func bareiss(_ a: Int128, _ b: Int128, _ c: Int128, _ e: Int128, _ d: Int128) throws -> Int128 {
        let (p, o1) = a.multipliedReportingOverflow(by: b)
        let (q, o2) = c.multipliedReportingOverflow(by: e)
        let (r, o3) = p.subtractingReportingOverflow(q)
        if o1 || o2 || o3 { throw PivotOverflow() }
        return d == 1 ? r : r / d
    }
    @inline(__always)
    static func productDifferenceSign(_ a: Int128, _ b: Int128, _ c: Int128, _ e: Int128) throws -> Int {
        let (p, o1) = a.multipliedReportingOverflow(by: b)
        let (q, o2) = c.multipliedReportingOverflow(by: e)
        if o1 || o2 { throw PivotOverflow() }
        return p > q ? 1 : (p < q ? -1 : 0)
    }
    static func negate(_ a: Int128) throws -> Int128 {
        guard a != .min else { throw PivotOverflow() }
        return -a
    }
}

extension BigInt: PivotInteger {
    init?(pivotValue big: BigInt) { self = big }
    var big: BigInt { self }
    var approximateDouble: Double { Double(self) }
    static var zeroValue: BigInt { 0 }
    static var oneValue: BigInt { 1 }
    var sign: Int { Int(signum()) }
    static func divisor(_ d: BigInt) -> BigInt { d }
    static func bareiss(_ a: BigInt, _ b: BigInt, _ c: BigInt, _ e: BigInt, _ d: BigInt) throws -> BigInt {
        d == 1 ? a * b - c * e : (a * b - c * e) / d
    }
    static func productDifferenceSign(_ a: BigInt, _ b: BigInt, _ c: BigInt, _ e: BigInt) throws -> Int {
        Int((a * b - c * e).signum())
    }
    static func negate(_ a: BigInt) throws -> BigInt { -a }
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

/// `Int128` entries with exact 256-bit intermediates and no overflow checks, for tableaux whose
/// entries are all known to stay below 2¹²⁴ in magnitude (see `hadamardLog2`): every Bareiss
/// entry is a minor of the initial tableau, bounded by the product of its row norms.
/// Exact division is a multiplication by the inverse of the divisor's odd part modulo 2¹²⁸.
struct BoundedInt128: PivotInteger {
    var value: Int128
    init(_ v: Int128) { value = v }
    /// Whether |value| < 2⁶².
    @inline(__always) var isSmall: Bool { value.magnitude < (UInt128(1) << 62) }
    struct ExactDivisor { var shift: Int; var inverse: UInt128; var isOne: Bool }
    init?(pivotValue big: BigInt) {
        guard let v = Int128(pivotValue: big) else { return nil }
        value = v
    }
    var big: BigInt { value.big }
    @inline(__always) var approximateDouble: Double {
        if isSmall { return Double(Int64(truncatingIfNeeded: value)) }
        // Two roundings (the high part's product by 2⁶⁴ is exact): relative error ≤ 2⁻⁵².
        return Double(Int64(truncatingIfNeeded: value >> 64)) * 0x1p64 + Double(UInt64(truncatingIfNeeded: value))
    }
    static var zeroValue: BoundedInt128 { BoundedInt128(0) }
    static var oneValue: BoundedInt128 { BoundedInt128(1) }
    var sign: Int { value > 0 ? 1 : (value < 0 ? -1 : 0) }
    static func divisor(_ d: BoundedInt128) -> ExactDivisor {
        precondition(d.value > 0, "Bareiss divisor must be positive")
        let shift = d.value.trailingZeroBitCount
        let odd = UInt128(d.value) >> UInt128(shift)
        var x = odd
        for _ in 0..<7 { x = x &* (2 &- odd &* x) }
        return ExactDivisor(shift: shift, inverse: x, isOne: d.value == 1)
    }

    /// The exact signed product as a 256-bit two's-complement pair (high, low): four
    /// 64 × 64 → 128-bit multiplications of the magnitudes' halves (one `mul` instruction each).
    @inline(__always)
    static func wideProduct(_ a: Int128, _ b: Int128) -> (hi: UInt128, lo: UInt128) {
        let ma = a.magnitude, mb = b.magnitude
        let a0 = UInt64(truncatingIfNeeded: ma), a1 = UInt64(truncatingIfNeeded: ma >> 64)
        let b0 = UInt64(truncatingIfNeeded: mb), b1 = UInt64(truncatingIfNeeded: mb >> 64)
        let p00 = a0.multipliedFullWidth(by: b0), p01 = a0.multipliedFullWidth(by: b1)
        let p10 = a1.multipliedFullWidth(by: b0), p11 = a1.multipliedFullWidth(by: b1)
        // mid < 3·2⁶⁴: the carries out of the middle 64-bit column.
        let mid = UInt128(p00.high) &+ UInt128(p01.low) &+ UInt128(p10.low)
        var lo = UInt128(p00.low) | (mid << 64)
        // No overflow: the magnitude of the product is below 2²⁵⁶.
        var hi = (UInt128(p11.high) << 64 | UInt128(p11.low)) &+ UInt128(p01.high) &+ UInt128(p10.high) &+ (mid >> 64)
        if (a < 0) != (b < 0) && (lo != 0 || hi != 0) {
            lo = ~lo &+ 1
            hi = ~hi &+ (lo == 0 ? 1 : 0)
        }
        return (hi, lo)
    }

    @inline(__always)
    static func wideDifference(_ a: Int128, _ b: Int128, _ c: Int128, _ e: Int128) -> (hi: UInt128, lo: UInt128) {
        let x = wideProduct(a, b), y = wideProduct(c, e)
        let lo = x.lo &- y.lo
        let hi = x.hi &- y.hi &- (x.lo < y.lo ? 1 : 0)
        return (hi, lo)
    }

    @inline(__always)
    static func bareiss(_ a: BoundedInt128, _ b: BoundedInt128, _ c: BoundedInt128, _ e: BoundedInt128,
                        _ d: ExactDivisor) throws -> BoundedInt128 {
        let s = d.shift
        if s <= 3 {
            // Fast path, no 256-bit product: the quotient q has |q| < 2¹²⁴, so it is fixed by its
            // residue modulo 2¹²⁸⁻ˢ ≥ 2¹²⁵, and that residue only needs the numerator N modulo
            // 2¹²⁸: bits s…127 of N are (N / 2ˢ) mod 2¹²⁸⁻ˢ = q·odd mod 2¹²⁸⁻ˢ. Multiply by the
            // inverse of the odd part, then sign-extend from bit 127 − s.
            let n = UInt128(bitPattern: a.value &* b.value &- c.value &* e.value)
            if d.isOne { return BoundedInt128(Int128(bitPattern: n)) }
            let r = (n >> UInt128(s)) &* d.inverse
            return BoundedInt128(Int128(bitPattern: r << UInt128(s)) >> Int128(s))
        }
        let (hi, lo) = wideDifference(a.value, b.value, c.value, e.value)
        let shifted = s == 0 ? lo : (lo >> UInt128(s)) | (hi << UInt128(128 - s))
        return BoundedInt128(Int128(bitPattern: shifted &* d.inverse))
    }
    @inline(__always)
    static func productDifferenceSign(_ a: BoundedInt128, _ b: BoundedInt128, _ c: BoundedInt128,
                                      _ e: BoundedInt128) throws -> Int {
        if a.isSmall && b.isSmall && c.isSmall && e.isSmall {
            let x = Int128(Int64(truncatingIfNeeded: a.value)) * Int128(Int64(truncatingIfNeeded: b.value))
            let y = Int128(Int64(truncatingIfNeeded: c.value)) * Int128(Int64(truncatingIfNeeded: e.value))
            return x > y ? 1 : (x < y ? -1 : 0)
        }
        let (hi, lo) = wideDifference(a.value, b.value, c.value, e.value)
        if Int128(bitPattern: hi) < 0 { return -1 }
        return hi == 0 && lo == 0 ? 0 : 1
    }
    static func negate(_ a: BoundedInt128) throws -> BoundedInt128 { BoundedInt128(-a.value) }
}

/// log₂ of Hadamard's bound on every minor of the tableau `[M | I | 1]` (the product of the
/// rows' Euclidean norms), computed with a safety margin. Every entry of a Bareiss tableau
/// (and every determinant) is such a minor.
func hadamardLog2(_ rows: [[BigInt]]) -> Double {
    var total = 0.0
    for r in rows {
        var s = 2.0   // the identity entry and the right-hand side 1
        for v in r { let x = Double(v); s += x * x }
        total += 0.5 * log2(s) * (1 + 1e-12)
    }
    return total + 1e-6
}
