/// A failure of an N-player solver (path following, dynamics), naming the solver, the
/// parameter or the place on the path where it happened.
public enum NPlayerSolverError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An option was out of its range: `name` and the offending `value`.
    case invalidParameter(name: String, value: String)
    /// Path following could not continue (step size underflow or a singular Jacobian)
    /// at the given `lambda` after `steps` accepted steps.
    case pathFailed(solver: String, lambda: Double, steps: Int, reason: String)
    /// A dynamics integrator could not meet its tolerance (step size underflow) at `time`.
    case integrationFailed(solver: String, time: Double, reason: String)
    /// The method needs a game of another shape (for example a symmetric two-player game).
    case unsupportedGame(solver: String, reason: String)

    public var description: String {
        switch self {
        case .invalidParameter(let name, let value): return "invalid \(name): \(value)"
        case .pathFailed(let s, let l, let n, let r):
            return "\(s): path following failed at lambda = \(l) after \(n) steps: \(r)"
        case .integrationFailed(let s, let t, let r): return "\(s): integration failed at t = \(t): \(r)"
        case .unsupportedGame(let s, let r): return "\(s): \(r)"
        }
    }
}
