/// Errors raised by designs, sensitivity analyses and batch runs. Every message names the
/// thing that is wrong and the bad value.
public enum AnalysisError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A parameter range with no points (`low > high`, or a grid with fewer than one step).
    case emptyRange(parameter: String, detail: String)
    /// A distribution whose parameters are invalid (`sd ≤ 0`, `mode` outside `[low, high]`...).
    case invalidDistribution(parameter: String, detail: String)
    /// A design option that cannot be used (0 samples, too many Sobol dimensions...).
    case invalidDesign(String)
    /// A parameter name that the model does not have.
    case unknownParameter(String, known: [String])
    /// A model that returned the wrong number of outputs, or failed.
    case modelFailure(String)
    /// An analysis whose result is undefined on this input (zero output variance...).
    case degenerate(String)

    public var description: String {
        switch self {
        case let .emptyRange(p, d): return "parameter '\(p)': empty range: \(d)"
        case let .invalidDistribution(p, d): return "parameter '\(p)': invalid distribution: \(d)"
        case let .invalidDesign(d): return "invalid design: \(d)"
        case let .unknownParameter(p, known):
            return "unknown parameter '\(p)'; the model has: \(known.joined(separator: ", "))"
        case let .modelFailure(d): return "model evaluation failed: \(d)"
        case let .degenerate(d): return "degenerate input: \(d)"
        }
    }
}
