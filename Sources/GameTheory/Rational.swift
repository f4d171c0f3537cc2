import BigInt

/// An exact rational number `numerator / denominator` with arbitrary-precision integers,
/// always in lowest terms with a positive denominator.
///
/// Used for exact equilibrium computation on games with rational payoffs (Gambit's default
/// arithmetic): an equilibrium found in exact arithmetic has regret exactly zero.
///
/// ```swift
/// let x = Rational(3, 4) + Rational(1, 4)   // 1
/// Rational(parsing: "0.125")                // 1/8
/// Rational(parsing: "-7/21")                // -1/3
/// ```
public struct Rational: Sendable, Hashable, Comparable, CustomStringConvertible,
    ExpressibleByIntegerLiteral {
    public private(set) var numerator: BigInt
    public private(set) var denominator: BigInt

    public static let zero = Rational(0)
    public static let one = Rational(1)

    /// `n / d` reduced to lowest terms. `d` must not be zero.
    public init(_ n: BigInt, _ d: BigInt) {
        precondition(!d.isZero, "Rational with zero denominator")
        var n = n, d = d
        if d.signum() < 0 { n = -n; d = -d }
        let g = n.greatestCommonDivisor(with: d)
        if g != 1 && !g.isZero { n /= g; d /= g }
        numerator = n
        denominator = d
    }

    public init(_ n: Int, _ d: Int) { self.init(BigInt(n), BigInt(d)) }
    public init(_ n: Int) { numerator = BigInt(n); denominator = 1 }
    public init(_ n: BigInt) { numerator = n; denominator = 1 }
    public init(integerLiteral value: Int) { self.init(value) }

    /// The exact value of a finite `Double` (every finite double is a dyadic rational).
    /// Returns `nil` for NaN and infinities.
    public init?(exactly x: Double) {
        guard x.isFinite else { return nil }
        if x == 0 { self = .zero; return }
        let e = x.exponent
        let sig = x.significand          // in [1, 2)
        // x = sig * 2^e with sig having 52 fractional bits.
        let m = BigInt(sig * 4503599627370496.0)   // 2^52
        let shift = Int(e) - 52
        var n = x < 0 ? -m : m
        if x < 0 && n.signum() > 0 { n = -n }
        if shift >= 0 { self.init(n << shift, 1) } else { self.init(n, BigInt(1) << (-shift)) }
    }

    /// Parses an integer (`-3`), a fraction (`2/3`), or a decimal with optional exponent
    /// (`0.125`, `1e-3`, `-2.5E2`) exactly. Returns `nil` on anything else.
    public init?(parsing text: some StringProtocol) {
        let s = text.trimmingCharacters(in: " \t")
        if s.isEmpty { return nil }
        if let slash = s.firstIndex(of: "/") {
            guard let n = BigInt(String(s[..<slash])), Rational.isInteger(s[..<slash]),
                  Rational.isInteger(s[s.index(after: slash)...]),
                  let d = BigInt(String(s[s.index(after: slash)...])), !d.isZero else { return nil }
            self.init(n, d)
            return
        }
        var mantissa = Substring(s)
        var exponent = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard Rational.isInteger(s[s.index(after: e)...]), let ex = Int(s[s.index(after: e)...]),
                  abs(ex) <= 100_000 else { return nil }
            exponent = ex
            mantissa = s[..<e]
        }
        var negative = false
        if mantissa.first == "-" { negative = true; mantissa = mantissa.dropFirst() }
        else if mantissa.first == "+" { mantissa = mantissa.dropFirst() }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !(parts.count == 2 && parts[0].isEmpty && parts[1].isEmpty) else { return nil }
        let intPart = parts[0], fracPart = parts.count == 2 ? parts[1] : ""
        guard (intPart + fracPart).allSatisfy({ $0.isASCII && $0.isNumber }), !(intPart + fracPart).isEmpty else { return nil }
        guard let digits = BigInt(String(intPart + fracPart)) else { return nil }
        let scale = exponent - fracPart.count
        var n = negative ? -digits : digits
        var d = BigInt(1)
        if scale >= 0 { n *= BigInt(10).power(scale) } else { d = BigInt(10).power(-scale) }
        self.init(n, d)
    }

    private static func isInteger(_ s: some StringProtocol) -> Bool {
        var t = Substring(s)
        if t.first == "-" || t.first == "+" { t = t.dropFirst() }
        return !t.isEmpty && t.allSatisfy { $0.isASCII && $0.isNumber }
    }

    public var isZero: Bool { numerator.isZero }
    public var isInteger: Bool { denominator == 1 }
    public func signum() -> Int { Int(numerator.signum()) }

    /// The `Double` nearest to the value: correctly rounded when numerator and denominator are
    /// below 2⁵³, within one ulp otherwise.
    public var doubleValue: Double {
        if denominator == 1, let i = Int(exactly: numerator) { return Double(i) }
        if let n = Int64(exactly: numerator), let d = Int64(exactly: denominator),
           n.magnitude < (UInt64(1) << 53), d < (Int64(1) << 53) {
            return Double(n) / Double(d)
        }
        // Scale so that the quotient has 64 significant bits, then divide.
        let nb = numerator.magnitude.bitWidth, db = denominator.magnitude.bitWidth
        let shift = 64 - (nb - db)
        let q: BigInt = shift >= 0 ? (numerator << shift) / denominator : numerator / (denominator << (-shift))
        return Double(sign: .plus, exponent: 0, significand: 1) * Double(q) * pow2(-shift)
    }

    private func pow2(_ e: Int) -> Double { Double(sign: .plus, exponent: e, significand: 1) }

    /// `"p/q"`, or `"p"` for integers: the format of the JSON `exact` fields and of `.nfg` files.
    public var description: String {
        denominator == 1 ? numerator.description : "\(numerator)/\(denominator)"
    }

    public static func + (a: Rational, b: Rational) -> Rational {
        if a.denominator == b.denominator { return Rational(a.numerator + b.numerator, a.denominator) }
        return Rational(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }
    public static func - (a: Rational, b: Rational) -> Rational {
        if a.denominator == b.denominator { return Rational(a.numerator - b.numerator, a.denominator) }
        return Rational(a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator)
    }
    public static func * (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.numerator, a.denominator * b.denominator)
    }
    /// Division; `b` must not be zero (a precondition: callers test for zero pivots first).
    public static func / (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.denominator, a.denominator * b.numerator)
    }
    public static prefix func - (a: Rational) -> Rational {
        var r = a; r.numerator = -a.numerator; return r
    }
    public static func += (a: inout Rational, b: Rational) { a = a + b }
    public static func -= (a: inout Rational, b: Rational) { a = a - b }
    public static func *= (a: inout Rational, b: Rational) { a = a * b }
    public static func /= (a: inout Rational, b: Rational) { a = a / b }

    public static func < (a: Rational, b: Rational) -> Bool {
        a.numerator * b.denominator < b.numerator * a.denominator
    }
}

extension Rational: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let r = Rational(parsing: s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a rational number: \(s)")
        }
        self = r
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

private extension StringProtocol {
    func trimmingCharacters(in set: String) -> Substring {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return s
    }
}
