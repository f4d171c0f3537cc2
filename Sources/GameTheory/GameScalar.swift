/// The arithmetic a solver runs in: `Double` (floating point) or `Rational` (exact).
///
/// Solvers that are generic over `GameScalar` run in exact arithmetic by default on games
/// with rational payoffs (as Gambit does) and in floating point on request.
public protocol GameScalar: Sendable, Comparable {
    static var zero: Self { get }
    static var one: Self { get }
    init(_ n: Int)
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    static func / (a: Self, b: Self) -> Self
    static prefix func - (a: Self) -> Self
    var doubleValue: Double { get }
    /// Whether the arithmetic is exact (tolerances are zero).
    static var isExact: Bool { get }
}

extension Double: GameScalar {
    public var doubleValue: Double { self }
    public static var isExact: Bool { false }
    public static var one: Double { 1 }
}

extension Rational: GameScalar {
    public static var isExact: Bool { true }
}

/// Which arithmetic produced a result.
public enum Arithmetic: String, Sendable, Codable, CustomStringConvertible {
    case exact = "exact"
    case floatingPoint = "floating-point"
    public var description: String { rawValue }
}
