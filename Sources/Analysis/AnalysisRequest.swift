/// A model that batch analyses can run on: a `ParameterModel` that also knows its parameters'
/// ranges and how to read its outputs.
///
/// The policy models conform to this (a compiled model with a scenario applied): `regime`
/// names the regime of DESIGN.md §7 ("full cooperation", "managed competition", ...), and
/// `scalars` gives the named numeric results (critical discount factors alone and linked,
/// equilibrium counts, payoffs, negotiation shares) in `scalarNames` order.
public protocol AnalyzableModel: ParameterModel {
    /// Every parameter with its baseline (the scenario's value), bounds and distribution.
    var parameterSpecs: [ParameterSpec] { get }
    /// The names of the scalar results, in the order `scalars(_:)` returns them.
    var scalarNames: [String] { get }
    func scalars(_ output: Output) -> [Double]
    func regime(_ output: Output) -> String
}

/// One parameter of an analysis request: by name, with optional overrides of the model's
/// bounds, grid steps and distribution.
public struct ParameterRange: Sendable, Equatable {
    public var name: String
    public var low: Double?
    public var high: Double?
    public var steps: Int?
    public var distribution: ParameterDistribution?

    public init(_ name: String, low: Double? = nil, high: Double? = nil, steps: Int? = nil,
                distribution: ParameterDistribution? = nil) {
        self.name = name
        self.low = low
        self.high = high
        self.steps = steps
        self.distribution = distribution
    }
}

/// A named analysis of a model, as a batch spec lists it.
public struct AnalysisRequest: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A sweep over the parameters. With `design` nil: the full grid with each range's
        /// `steps` (default 11).
        case sweep(varying: [ParameterRange], design: SamplingDesign?)
        /// Sobol indices of the scalar `output`.
        case sobol(varying: [ParameterRange], output: String, baseSamples: Int,
                   sampling: SaltelliDesign.Sampling, bootstrapResamples: Int)
        /// Tornado of `output` over the ranges (all of the model's parameters when empty).
        case tornado(varying: [ParameterRange], output: String)
        /// Regime changes along `along`, and threshold curves when `over` is given.
        case thresholds(along: ParameterRange, over: ParameterRange?, scanSteps: Int, tolerance: Double)
        /// Derivatives of `output` at the baseline (all parameters when empty).
        case comparativeStatics(parameters: [String], output: String)
    }

    public var name: String
    public var kind: Kind

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    /// The parameter with the request's overrides applied to the model's spec.
    ///
    /// - Throws: `AnalysisError.unknownParameter`, `.emptyRange`, `.invalidDistribution`.
    public static func resolve<M: AnalyzableModel>(_ r: ParameterRange, in model: M) throws -> ParameterSpec {
        guard var spec = model.parameterSpecs.first(where: { $0.name == r.name }) else {
            throw AnalysisError.unknownParameter(r.name, known: model.parameterSpecs.map(\.name))
        }
        let boundsChanged = r.low != nil || r.high != nil
        if let l = r.low { spec.low = l }
        if let h = r.high { spec.high = h }
        if let d = r.distribution {
            spec.distribution = d
        } else if boundsChanged, case .uniform = spec.distribution {
            spec.distribution = .uniform(low: spec.low, high: spec.high)
        }
        if let s = r.steps, s < 1 {
            throw AnalysisError.emptyRange(parameter: r.name, detail: "\(s) steps")
        }
        try spec.validate()
        return spec
    }

    /// The index of the scalar output `name` in `model.scalarNames`, or `.invalidDesign`.
    public static func outputIndex<M: AnalyzableModel>(_ name: String, in model: M) throws -> Int {
        guard let i = model.scalarNames.firstIndex(of: name) else {
            throw AnalysisError.invalidDesign("unknown output '\(name)'; the model has: \(model.scalarNames.joined(separator: ", "))")
        }
        return i
    }

    /// Checks the request against `model` without evaluating anything and returns its
    /// estimated number of model evaluations (the cost used to balance shards).
    ///
    /// - Throws: unknown parameters or outputs, empty ranges, invalid designs: everything that
    ///   can be known before work starts.
    public func validate<M: AnalyzableModel>(against model: M) throws -> Double {
        func nonEmpty(_ v: [ParameterRange]) throws {
            guard !v.isEmpty else { throw AnalysisError.invalidDesign("analysis '\(name)' varies no parameter") }
        }
        switch kind {
        case let .sweep(varying, design):
            try nonEmpty(varying)
            let specs = try varying.map { try Self.resolve($0, in: model) }
            let d = design ?? .grid(steps: varying.map { $0.steps ?? 11 })
            if case let .sobol(n, _) = d, varying.count > SobolSequence.maximumDimensions || n < 1 {
                throw AnalysisError.invalidDesign("analysis '\(name)': Sobol design of \(varying.count) parameters with \(n) samples")
            }
            if case let .grid(steps) = d {
                guard steps.count == specs.count else {
                    throw AnalysisError.invalidDesign("analysis '\(name)': grid has \(steps.count) step counts for \(specs.count) parameters")
                }
                for (s, p) in zip(steps, specs) where s < 1 { throw AnalysisError.emptyRange(parameter: p.name, detail: "\(s) steps") }
            }
            let n = d.pointCount(parameterCount: specs.count)
            guard n >= 1 else { throw AnalysisError.invalidDesign("analysis '\(name)': the design has no points") }
            return Double(n)
        case let .sobol(varying, output, n, sampling, _):
            try nonEmpty(varying)
            _ = try varying.map { try Self.resolve($0, in: model) }
            _ = try Self.outputIndex(output, in: model)
            guard n >= 2 else { throw AnalysisError.invalidDesign("analysis '\(name)': Sobol indices need at least 2 base samples, got \(n)") }
            if sampling == .sobolSequence, 2 * varying.count > SobolSequence.maximumDimensions {
                throw AnalysisError.invalidDesign("analysis '\(name)': Sobol-sequence sampling supports at most \(SobolSequence.maximumDimensions / 2) parameters; use random sampling")
            }
            return Double(n * (varying.count + 2))
        case let .tornado(varying, output):
            _ = try Self.outputIndex(output, in: model)
            let specs = varying.isEmpty ? model.parameterSpecs : try varying.map { try Self.resolve($0, in: model) }
            for s in specs { try s.validate() }
            return Double(1 + 2 * specs.count)
        case let .thresholds(along, over, scanSteps, tolerance):
            let a = try Self.resolve(along, in: model)
            guard a.low < a.high else { throw AnalysisError.emptyRange(parameter: a.name, detail: "threshold search needs low < high, got [\(a.low), \(a.high)]") }
            guard scanSteps >= 2 else { throw AnalysisError.invalidDesign("analysis '\(name)': threshold scan needs at least 2 steps, got \(scanSteps)") }
            guard tolerance > 0 else { throw AnalysisError.invalidDesign("analysis '\(name)': tolerance must be positive, got \(tolerance)") }
            var curves = 1
            if let over {
                let o = try Self.resolve(over, in: model)
                guard o.name != a.name else { throw AnalysisError.invalidDesign("analysis '\(name)': threshold curve along and over '\(a.name)'") }
                curves = over.steps ?? 11
            }
            return Double(curves * (scanSteps + 50))
        case let .comparativeStatics(parameters, output):
            _ = try Self.outputIndex(output, in: model)
            let names = parameters.isEmpty ? model.parameterNames : parameters
            _ = try model.columns(of: names)
            return Double(10 * names.count)
        }
    }
}
