// Errors of the Negotiation module.

/// Why a bargaining problem could not be set up or solved.
///
/// Every message names the offending object and its value, so that a model author can find
/// the setting that caused it.
public enum NegotiationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bargaining set has no points (`what` names the set).
    case emptySet(what: String)
    /// A coordinate, weight or parameter is NaN or infinite.
    case nonFinite(what: String, value: String)
    /// Given vertices are not in convex position: `point` (the `index`-th given vertex, from 0)
    /// lies strictly inside the convex hull of the others.
    case notConvex(index: Int, point: String)
    /// No point of the bargaining set weakly dominates the disagreement point.
    case disagreementNotDominated(point: String, set: String)
    /// Bargaining weights outside [0, 1] or not summing to one.
    case invalidWeights(String)
    /// A discount factor outside the open interval (0, 1); `player` counts from 1.
    case discountFactorOutOfRange(player: Int, value: String)
    /// A probability outside its allowed range.
    case probabilityOutOfRange(what: String, value: String, allowed: String)
    /// Outside options or breakdown payoffs leave nothing to bargain over.
    case noGainsFromAgreement(String)
    /// A smooth frontier that is not a decreasing concave function on its interval.
    case invalidFrontier(String)
    /// A payoff point that is not in the bargaining set (for example when asking for the lottery
    /// that implements it).
    case pointOutsideSet(point: String)
    /// An input the requested setting needs was not passed (for example the worst SPE payoffs).
    case missingInput(String)
    /// A setting that cannot be used (for example a three-player game).
    case invalidSetting(String)

    public var description: String {
        switch self {
        case .emptySet(let what): return "the bargaining set \(what) is empty"
        case .nonFinite(let what, let v): return "\(what) is \(v); it must be a finite number"
        case .notConvex(let i, let p):
            return "the given vertices are not in convex position: vertex \(i + 1) \(p) lies strictly inside the convex hull of the others"
        case .disagreementNotDominated(let p, let s):
            return "no point of the bargaining set \(s) weakly dominates the disagreement point \(p)"
        case .invalidWeights(let s): return s
        case .discountFactorOutOfRange(let p, let v):
            return "the discount factor of player \(p) is \(v); it must lie strictly between 0 and 1"
        case .probabilityOutOfRange(let what, let v, let allowed):
            return "\(what) is \(v); it must lie in \(allowed)"
        case .noGainsFromAgreement(let s): return s
        case .invalidFrontier(let s): return s
        case .pointOutsideSet(let p): return "the point \(p) is not in the bargaining set"
        case .missingInput(let s): return s
        case .invalidSetting(let s): return s
        }
    }
}
