import LinearAlgebra

/// A model whose results depend on named real parameters: what every sweep, design and
/// sensitivity analysis in `Analysis` evaluates.
///
/// `evaluate(points:)` receives a matrix with one row per parameter point and one column per
/// parameter (in `parameterNames` order) and returns one output per row, in row order. A
/// model that computes payoffs for all points at once can do so as one matrix product
/// (points × parameters times parameters × payoff entries, DESIGN.md §4).
///
/// Requirements the analyses rely on:
/// - `evaluate` is a pure function of each row: the output for a row does not depend on the
///   other rows in the matrix or on how the points are split into chunks (this is what makes
///   results identical for any number of workers);
/// - it throws (never crashes) on a point where the model is undefined, naming the point;
/// - it is safe to call from several threads at once (`Sendable`, no shared mutable state).
///
/// The policy models of `PolicyModels` plug in by conforming a compiled model (with its
/// scenario applied) to this protocol; tests use `FunctionModel`.
public protocol ParameterModel: Sendable {
    associatedtype Output: Sendable
    /// Every parameter of the model, in column order.
    var parameterNames: [String] { get }
    /// The baseline value of each parameter (same order): analyses vary some parameters and
    /// hold the others here.
    var baseline: [Double] { get }
    /// One output per row of `points` (rows: points, columns: `parameterNames`).
    func evaluate(points: Matrix) throws -> [Output]
}

/// A `ParameterModel` from a closure evaluated point by point.
public struct FunctionModel<Output: Sendable>: ParameterModel {
    public let parameterNames: [String]
    public let baseline: [Double]
    public let function: @Sendable ([Double]) throws -> Output

    public init(parameterNames: [String], baseline: [Double],
                _ function: @escaping @Sendable ([Double]) throws -> Output) {
        precondition(parameterNames.count == baseline.count, "one baseline value per parameter")
        self.parameterNames = parameterNames
        self.baseline = baseline
        self.function = function
    }

    public func evaluate(points: Matrix) throws -> [Output] {
        var out = [Output]()
        out.reserveCapacity(points.rows)
        var row = [Double](repeating: 0, count: points.columns)
        for i in 0..<points.rows {
            for j in 0..<points.columns { row[j] = points[i, j] }
            out.append(try function(row))
        }
        return out
    }
}

extension ParameterModel {
    /// The column of each named parameter, or `AnalysisError.unknownParameter`.
    public func columns(of names: [String]) throws -> [Int] {
        try names.map { name in
            guard let j = parameterNames.firstIndex(of: name) else {
                throw AnalysisError.unknownParameter(name, known: parameterNames)
            }
            return j
        }
    }

    /// Full parameter vectors: the baseline with the `varied` parameters replaced by each row
    /// of `values` (columns in `varied` order).
    public func embed(_ values: [[Double]], varying varied: [String]) throws -> [[Double]] {
        let cols = try columns(of: varied)
        return values.map { v in
            precondition(v.count == cols.count, "point has \(v.count) values for \(cols.count) parameters")
            var full = baseline
            for (k, j) in cols.enumerated() { full[j] = v[k] }
            return full
        }
    }
}
