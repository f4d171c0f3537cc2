/// The outputs of a model over a design: `outputs[i]` belongs to `design.points[i]`.
public struct SweepResult<Output: Sendable>: Sendable {
    public var design: DesignPoints
    public var outputs: [Output]
    public var seed: UInt64
}

/// Evaluates `model` over `design` for the varied `parameters`, the others held at baseline.
///
/// - Throws: the design's errors (before any evaluation), `AnalysisError.unknownParameter`,
///   and the model's own errors.
/// - Complexity: O(points) model evaluations, spread by `evaluator`.
public func sweep<M: ParameterModel>(_ model: M, parameters: [ParameterSpec], design: SamplingDesign,
                                     seed: UInt64 = 0,
                                     evaluator: ParallelEvaluator = ParallelEvaluator()) throws -> SweepResult<M.Output> {
    let points = try design.generate(parameters: parameters, seed: seed)
    _ = try model.columns(of: points.names)
    let outputs = try evaluator.evaluate(model, varying: points.names, values: points.points)
    return SweepResult(design: points, outputs: outputs, seed: seed)
}
