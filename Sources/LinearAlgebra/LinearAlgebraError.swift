/// A failure reported by LAPACK (through its `info` return value) or detected before a call.
///
/// Every LAPACK call in this module checks `info` and throws one of these; none asserts.
public enum LinearAlgebraError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The matrix is exactly singular: `U(pivot, pivot)` is zero (zero-based index).
    case singular(pivot: Int)
    /// Argument number `argument` (one-based, as LAPACK counts) of `routine` had an illegal value.
    case illegalArgument(routine: String, argument: Int)
    /// An iterative routine (for example the SVD inside least squares) did not converge.
    case noConvergence(routine: String, info: Int)
    /// The operands' shapes do not fit together.
    case dimensionMismatch(String)
    /// The matrix is so ill-conditioned that its solution cannot be trusted
    /// (reciprocal condition number below the threshold the caller asked for).
    case illConditioned(reciprocalCondition: Double)

    public var description: String {
        switch self {
        case .singular(let p): return "singular matrix (zero pivot at position \(p + 1))"
        case .illegalArgument(let r, let a): return "\(r): argument \(a) had an illegal value"
        case .noConvergence(let r, let i): return "\(r) did not converge (info = \(i))"
        case .dimensionMismatch(let s): return "dimension mismatch: \(s)"
        case .illConditioned(let rc):
            return "matrix is ill-conditioned (reciprocal condition number \(rc)); the result cannot be trusted"
        }
    }
}
