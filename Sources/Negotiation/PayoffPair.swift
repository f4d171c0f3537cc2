import GameTheory

/// A pair of utilities `(u1, u2)`: player 1's payoff first, player 2's second.
///
/// Player numbers in this module count from 1 in prose and messages (`u1`, `u2`) and from 0
/// where an index is used (`pair[0] == u1`), matching `NormalFormGame`'s player indices.
public struct PayoffPair<T: GameScalar>: Sendable, Equatable, CustomStringConvertible {
    public var u1: T
    public var u2: T

    public init(_ u1: T, _ u2: T) {
        self.u1 = u1
        self.u2 = u2
    }

    /// Player `index`'s utility (0 for player 1, 1 for player 2).
    public subscript(index: Int) -> T {
        get { index == 0 ? u1 : u2 }
        set { if index == 0 { u1 = newValue } else { u2 = newValue } }
    }

    /// The pair as doubles `[u1, u2]`.
    public var doubles: [Double] { [u1.doubleValue, u2.doubleValue] }

    /// `"(u1, u2)"`, with exact values as fractions.
    public var description: String { "(\(u1), \(u2))" }

    /// Whether `self` is at least `other` for both players.
    public func weaklyDominates(_ other: PayoffPair<T>) -> Bool { u1 >= other.u1 && u2 >= other.u2 }

    public static func + (a: PayoffPair, b: PayoffPair) -> PayoffPair { PayoffPair(a.u1 + b.u1, a.u2 + b.u2) }
    public static func - (a: PayoffPair, b: PayoffPair) -> PayoffPair { PayoffPair(a.u1 - b.u1, a.u2 - b.u2) }
    public static func * (s: T, a: PayoffPair) -> PayoffPair { PayoffPair(s * a.u1, s * a.u2) }
    public static var zero: PayoffPair { PayoffPair(T.zero, T.zero) }
}

extension PayoffPair: Hashable where T: Hashable {}

extension PayoffPair where T == Double {
    /// Throws when a coordinate is NaN or infinite.
    func checkFinite(_ what: String) throws {
        guard u1.isFinite && u2.isFinite else { throw NegotiationError.nonFinite(what: what, value: description) }
    }
}

// MARK: - Scalar helpers shared by the module

/// `x` in the arithmetic `T`: exactly for `Rational` (every double is a dyadic rational).
@usableFromInline
func scalar<T: GameScalar>(_ x: Double, as _: T.Type = T.self) -> T {
    if T.self == Double.self { return x as! T }
    return (Rational(exactly: x) ?? .zero) as! T
}

/// The absolute tolerance for comparisons of quantities of size `scale` in arithmetic `T`:
/// zero in exact arithmetic, a relative 1e-12 otherwise.
func tolerance<T: GameScalar>(_ scale: T) -> T {
    if T.isExact { return .zero }
    let s = abs(scale.doubleValue)
    return scalar(1e-12 * max(1, s), as: T.self)
}

func absolute<T: GameScalar>(_ x: T) -> T { x < .zero ? -x : x }
func maximum<T: GameScalar>(_ a: T, _ b: T) -> T { a < b ? b : a }
func minimum<T: GameScalar>(_ a: T, _ b: T) -> T { a < b ? a : b }

/// Throws unless a double parameter is finite (no-op for exact values).
func checkFinite<T: GameScalar>(_ x: T, _ what: String) throws {
    if !T.isExact && !x.doubleValue.isFinite {
        throw NegotiationError.nonFinite(what: what, value: "\(x)")
    }
}
