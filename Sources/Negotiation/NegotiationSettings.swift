import GameTheory

/// Which disagreement point a model's `negotiation:` settings ask for.
///
/// Codable as the strings `"stage-equilibrium"`, `"minmax"`, `"pure-minmax"`, `"worst-spe"`,
/// or a two-element array `[u1, u2]` of numbers or fraction strings.
public enum DisagreementSetting: Sendable, Equatable, Codable, CustomStringConvertible {
    case stageEquilibrium
    /// The minmax payoffs: the mixed minmax passed in the context, else the pure minmax (noted).
    case minmax
    case pureMinmax
    case worstSPE
    case point(PayoffPair<Rational>)

    public var description: String {
        switch self {
        case .stageEquilibrium: return "stage-equilibrium"
        case .minmax: return "minmax"
        case .pureMinmax: return "pure-minmax"
        case .worstSPE: return "worst-spe"
        case .point(let p): return p.description
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) {
            switch s {
            case "stage-equilibrium": self = .stageEquilibrium
            case "minmax": self = .minmax
            case "pure-minmax": self = .pureMinmax
            case "worst-spe": self = .worstSPE
            default:
                throw DecodingError.dataCorruptedError(in: c, debugDescription:
                    "disagreement is \"\(s)\"; expected stage-equilibrium, minmax, pure-minmax, worst-spe or [u1, u2]")
            }
            return
        }
        let values = try decodeRationalList(c, what: "disagreement point")
        guard values.count == 2 else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "the disagreement point has \(values.count) entries; it needs 2")
        }
        self = .point(PayoffPair(values[0], values[1]))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if case .point(let p) = self { try c.encode([p.u1, p.u2]) } else { try c.encode(description) }
    }
}

/// Reads `[x, y, ...]` whose entries are numbers (read through their shortest decimal form, so
/// `0.1` is exactly 1/10) or fraction strings (`"2/3"`).
func decodeRationalList(_ c: SingleValueDecodingContainer, what: String) throws -> [Rational] {
    if let strings = try? c.decode([String].self) {
        return try strings.map { s in
            guard let r = Rational(parsing: s) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "\(what): \"\(s)\" is not a number")
            }
            return r
        }
    }
    let numbers = try c.decode([Double].self)
    return try numbers.map { x in
        guard x.isFinite, let r = Rational(parsing: "\(x)") ?? Rational(exactly: x) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "\(what): \(x) is not a finite number")
        }
        return r
    }
}

/// Which bargaining set a model's `negotiation:` settings ask for.
public enum BargainingSetSetting: String, Sendable, Codable, Equatable {
    /// The convex hull of the stage game's pure payoff profiles.
    case feasible = "feasible"
    /// The repeated game's subgame-perfect payoff set (vertices passed in the context).
    case spe = "spe"
}

/// A model's `negotiation:` settings, ready to be solved by `NegotiationSummary(settings:context:)`.
///
/// JSON/YAML keys: `solution` (`nash`, `kalai-smorodinsky`, `egalitarian`, `utilitarian`),
/// `weights` (`[w1, w2]`, default equal), `disagreement` (see `DisagreementSetting`), `set`
/// (`feasible` or `spe`), `outside_options` (`[w1, w2]`, optional), `discount_factors`
/// (`[δ1, δ2]`, optional: adds the alternating-offers equilibrium over the same set) and
/// `breakdown_probability` (optional, with `discount_factors`).
public struct NegotiationSettings: Sendable, Equatable, Codable {
    public var solution: BargainingSolutionKind
    /// `[w1, w2]`; `nil` means equal weights.
    public var weights: [Rational]?
    public var disagreement: DisagreementSetting
    public var set: BargainingSetSetting
    /// `[w1, w2]`, treated as constraints (the outside-option principle).
    public var outsideOptions: [Rational]?
    /// `[δ1, δ2]`: when given, the summary adds Rubinstein's alternating-offers equilibrium.
    public var discountFactors: [Rational]?
    /// Probability of breakdown after each rejected offer (alternating offers only).
    public var breakdownProbability: Rational?

    public init(solution: BargainingSolutionKind = .nash, weights: [Rational]? = nil,
                disagreement: DisagreementSetting = .stageEquilibrium, set: BargainingSetSetting = .feasible,
                outsideOptions: [Rational]? = nil, discountFactors: [Rational]? = nil,
                breakdownProbability: Rational? = nil) {
        self.solution = solution
        self.weights = weights
        self.disagreement = disagreement
        self.set = set
        self.outsideOptions = outsideOptions
        self.discountFactors = discountFactors
        self.breakdownProbability = breakdownProbability
    }

    enum CodingKeys: String, CodingKey {
        case solution, weights, disagreement, set
        case outsideOptions = "outside_options"
        case discountFactors = "discount_factors"
        case breakdownProbability = "breakdown_probability"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        solution = try c.decodeIfPresent(BargainingSolutionKind.self, forKey: .solution) ?? .nash
        disagreement = try c.decodeIfPresent(DisagreementSetting.self, forKey: .disagreement) ?? .stageEquilibrium
        set = try c.decodeIfPresent(BargainingSetSetting.self, forKey: .set) ?? .feasible
        weights = try c.decodeIfPresent(RationalList.self, forKey: .weights)?.values
        outsideOptions = try c.decodeIfPresent(RationalList.self, forKey: .outsideOptions)?.values
        discountFactors = try c.decodeIfPresent(RationalList.self, forKey: .discountFactors)?.values
        breakdownProbability = try c.decodeIfPresent(RationalList.self, forKey: .breakdownProbability)?.values.first
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(solution, forKey: .solution)
        try c.encode(disagreement, forKey: .disagreement)
        try c.encode(set, forKey: .set)
        try c.encodeIfPresent(weights, forKey: .weights)
        try c.encodeIfPresent(outsideOptions, forKey: .outsideOptions)
        try c.encodeIfPresent(discountFactors, forKey: .discountFactors)
        try c.encodeIfPresent(breakdownProbability, forKey: .breakdownProbability)
    }

    /// A list of numbers, or a single number read as a one-element list.
    private struct RationalList: Decodable {
        let values: [Rational]
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let x = try? c.decode(Double.self), x.isFinite, let r = Rational(parsing: "\(x)") {
                values = [r]
            } else if let t = try? c.decode(String.self), let r = Rational(parsing: t) {
                values = [r]
            } else {
                values = try decodeRationalList(c, what: "list")
            }
        }
    }
}

/// What the settings may draw on besides the game: results other parts of Detente compute.
///
/// Each quantity comes as doubles, with the exact values alongside when they were computed
/// exactly (the convention of `Equilibrium`); the negotiation runs in exact arithmetic when
/// the game and every quantity it uses are exact.
public struct NegotiationContext: Sendable {
    public var game: NormalFormGame
    /// The stage equilibrium whose payoffs are the disagreement point; when `nil`, the game's
    /// unique pure equilibrium is used (an error if there is none or several).
    public var stageEquilibrium: Equilibrium?
    /// Mixed minmax payoffs `[v1, v2]` (from an LP solver).
    public var minmax: [Double]?
    public var exactMinmax: [Rational]?
    /// The worst subgame-perfect payoffs `[u1, u2]` of the repeated game.
    public var worstSPE: [Double]?
    public var exactWorstSPE: [Rational]?
    /// Vertices `[[u1, u2], ...]` of the repeated game's SPE payoff set.
    public var speVertices: [[Double]]?
    public var exactSPEVertices: [[Rational]]?

    public init(game: NormalFormGame, stageEquilibrium: Equilibrium? = nil,
                minmax: [Double]? = nil, exactMinmax: [Rational]? = nil,
                worstSPE: [Double]? = nil, exactWorstSPE: [Rational]? = nil,
                speVertices: [[Double]]? = nil, exactSPEVertices: [[Rational]]? = nil) {
        self.game = game
        self.stageEquilibrium = stageEquilibrium
        self.minmax = minmax
        self.exactMinmax = exactMinmax
        self.worstSPE = worstSPE
        self.exactWorstSPE = exactWorstSPE
        self.speVertices = speVertices
        self.exactSPEVertices = exactSPEVertices
    }
}
