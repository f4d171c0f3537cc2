import GameTheory

/// A policy model read from a YAML file: players, parameters, domains (issue areas) with
/// payoffs as compiled expressions of the parameters, discount factors, scenarios, and the
/// optional negotiation settings and Markov states. See docs/MODEL_FORMAT.md.
///
/// Index conventions: players and parameters in file order; `payoffs[p][k]` of a domain is
/// player p's payoff at the profile with flat index k (Gambit order, player 0 fastest, the
/// order of `NormalFormGame`).
public struct PolicyModel: Sendable {
    public var path: String
    public var format: Int
    public var title: String
    /// The citation of what the model formalises.
    public var source: String
    public var description: String
    public var players: [String]
    public var parameters: [ModelParameter]
    /// One expression (common δ) or one per player.
    public var discount: [ModelExpression]
    public var domains: [ModelDomain]
    public var negotiation: ModelNegotiationSpec?
    public var states: MarkovStates?
    public var scenarios: [Scenario]
    /// FNV-1a 64-bit hash of the file's bytes, as 16 hex digits (provenance, not security).
    public var contentHash: String

    public var parameterNames: [String] { parameters.map(\.name) }
    /// The baseline parameter vector θ (file order).
    public var baseline: [Double] { parameters.map(\.value) }

    /// The scenario with that name, if any.
    public func scenario(named name: String) -> Scenario? { scenarios.first { $0.name == name } }
}

/// An expression from the file with its compiled form and where it was written.
public struct ModelExpression: Sendable {
    public var compiled: CompiledExpression
    public var position: SourcePosition
    public var text: String { compiled.text }
    public func evaluate(_ theta: [Double]) -> Double { compiled.evaluate(theta) }
}

public struct ModelParameter: Sendable {
    public var name: String
    public var value: Double
    public var lowerBound: Double?
    public var upperBound: Double?
    public var description: String
    public var unit: String
    public var position: SourcePosition
}

/// An issue area: a stage game whose payoffs are expressions of the parameters.
public struct ModelDomain: Sendable {
    public var name: String
    public var description: String
    /// `actions[p]`: player p's action names.
    public var actions: [[String]]
    /// `payoffs[p][k]`: player p's payoff at flat profile index k (player 0 fastest).
    public var payoffs: [[ModelExpression]]
    /// The designated cooperative profile (action index per player).
    public var cooperative: [Int]
    public var position: SourcePosition

    public var shape: [Int] { actions.map(\.count) }
    public var profileCount: Int { shape.reduce(1, *) }
    /// The flat index of a profile (player 0 fastest).
    public func profileIndex(_ profile: [Int]) -> Int {
        var k = 0, stride = 1
        for (p, a) in profile.enumerated() { k += a * stride; stride *= actions[p].count }
        return k
    }
    public func profile(at index: Int) -> [Int] {
        var k = index
        return shape.map { n in defer { k /= n }; return k % n }
    }
}

/// A named set of parameter values (and optionally discount factors) replacing the baseline.
public struct Scenario: Sendable {
    public var name: String
    public var description: String
    /// `(parameter index, value)` in file order.
    public var overrides: [(parameter: Int, value: Double)]
    /// Where each override's value was written.
    public var overridePositions: [SourcePosition]
    /// Discount-factor expressions replacing the model's, if given.
    public var discount: [ModelExpression]?
    public var position: SourcePosition
}

/// The bargaining settings a model's `negotiation:` block asks for, as written (expressions
/// of the parameters); `negotiationSettings(_:theta:floor:)` turns them into the Negotiation
/// module's `NegotiationSettings` at a parameter point. (Named apart from that type so that
/// both read unambiguously through `import Detente`.)
public struct ModelNegotiationSpec: Sendable {
    public enum Solution: String, Sendable, Codable, CaseIterable {
        case nash, kalaiSmorodinsky = "kalai-smorodinsky", egalitarian, utilitarian
    }
    public enum Disagreement: Sendable {
        case stageEquilibrium, minmax, pureMinmax, worstSPE
        /// A given point, one expression per player.
        case point([ModelExpression])
        public var name: String {
            switch self {
            case .stageEquilibrium: return "stage-equilibrium"
            case .minmax: return "minmax"
            case .pureMinmax: return "pure-minmax"
            case .worstSPE: return "worst-spe"
            case .point: return "point"
            }
        }
    }
    public enum BargainingSet: String, Sendable, Codable, CaseIterable {
        case feasible, spe
    }
    public var solution: Solution
    /// Bargaining weights, one per player, summing to 1 (equal by default).
    public var weights: [Double]
    public var disagreement: Disagreement
    public var bargainingSet: BargainingSet
    /// Outside option per player (`nil`: none for that player).
    public var outsideOptions: [ModelExpression?]
    public var position: SourcePosition
    /// `alternating_offers: true`: also report Rubinstein's alternating-offers equilibrium over
    /// the same package set, with the players' discount factors (two players).
    public var alternatingOffers: Bool = false
    /// `breakdown_probability:` after each rejected offer (alternating offers only; 0 if absent).
    public var breakdownProbability: ModelExpression? = nil
}

/// Markov dynamics: the stage game of one domain changes with a state that moves according
/// to transition probabilities depending on the action profile.
public struct MarkovStates: Sendable {
    /// Index of the domain whose actions drive the transitions.
    public var domain: Int
    /// Index of the initial state.
    public var initial: Int
    public var states: [MarkovState]
    public var position: SourcePosition
}

public struct MarkovState: Sendable {
    public var name: String
    /// `payoffs[p][k]` as in `ModelDomain` (the domain's own payoffs when the file gives none).
    public var payoffs: [[ModelExpression]]
    /// `transitions[k][s]`: probability of moving to state s after profile k.
    public var transitions: [[ModelExpression]]
    /// Where each profile's row was written, and whether it came from the `"*"` row.
    public var rowPositions: [SourcePosition]
    public var rowIsDefault: [Bool]
    public var position: SourcePosition
}
