import Negotiation

/// The result of solving a policy model at one scenario: per-domain stage equilibria,
/// cooperative profiles with their critical discount factors alone and linked, and the regime
/// (DESIGN.md §7). Codable; `jsonString()` gives deterministic JSON (sorted keys).
public struct ModelReport: Codable, Sendable, Equatable {
    public struct ModelInfo: Codable, Sendable, Equatable {
        public var title: String
        public var source: String
        public var path: String
        public var contentHash: String
        public var format: Int
    }
    public struct ParameterValue: Codable, Sendable, Equatable {
        public var name: String
        public var value: Double
        public var unit: String
    }
    public struct ProfilePayoff: Codable, Sendable, Equatable {
        public var actions: [String]
        public var payoffs: [Double]
    }
    public struct StageEquilibrium: Codable, Sendable, Equatable {
        /// `strategies[p][a]`: probability of action a for player p.
        public var strategies: [[Double]]
        public var payoffs: [Double]
        public var regret: Double
        /// For pure equilibria, the action names.
        public var actions: [String]?
    }
    public struct Constraint: Codable, Sendable, Equatable {
        public var player: String
        public var cooperation: Double
        public var deviation: Double
        public var punishment: Double
        /// `nil`: never sustainable for this player.
        public var criticalDelta: Double?
        /// The same as a fraction (`"9/13"`, `"never"`) when the stage games are exact.
        public var exactCriticalDelta: String?
    }
    public struct Threshold: Codable, Sendable, Equatable {
        public var constraints: [Constraint]
        /// The binding critical δ (`nil`: never sustainable).
        public var criticalDelta: Double?
        /// The same as a fraction (`"9/13"`, `"never"`) when the stage games are exact.
        public var exactCriticalDelta: String?
        public var sustainable: Bool
    }
    public struct Cooperation: Codable, Sendable, Equatable {
        public var actions: [String]
        public var payoffs: [Double]
        /// Index into the domain's `equilibria` of the Nash-reversion punishment used.
        public var punishmentEquilibrium: Int?
        /// The threshold in this domain alone (`nil` when no stage equilibrium was found).
        public var alone: Threshold?
        /// The threshold in this domain alone under optimal penal codes (Abreu 1988): a
        /// deviator is held to his worst SPE payoff (`nil` when the SPE set was not computed).
        public var optimalPenalCode: PenalCodeThreshold? = nil
    }
    /// The optimal-penal-code threshold of a cooperative profile: each player's critical δ
    /// (by bisection on a common δ to `tolerance`; `nil`: not even at δ = 0.999) and whether
    /// the profile is sustainable at the scenario's δ with the worst SPE payoffs as punishment.
    public struct PenalCodeThreshold: Codable, Sendable, Equatable {
        public var perPlayer: [Double?]
        public var criticalDelta: Double?
        public var tolerance: Double
        /// The worst SPE payoffs at the scenario's δ (the punishment).
        public var worstPayoffs: [Double]
        public var sustainable: Bool
    }
    /// A domain's repeated-game SPE payoff set at the scenario's δ (Abreu–Sannikov 2014, pure
    /// strategies with public randomisation).
    public struct SPEPayoffSet: Codable, Sendable, Equatable {
        /// Counter-clockwise from the lexicographically smallest vertex.
        public var vertices: [[Double]]
        /// The same as fractions when verified exactly.
        public var exactVertices: [[String]]?
        /// Each player's worst SPE payoff.
        public var worstPayoffs: [Double]
        public var exactWorstPayoffs: [String]?
    }
    public struct Domain: Codable, Sendable, Equatable {
        public var name: String
        public var actions: [[String]]
        /// Every pure profile with its payoffs (flat order, player 0 fastest).
        public var profiles: [ProfilePayoff]
        public var arithmetic: String
        public var method: String
        public var scope: String
        public var equilibria: [StageEquilibrium]
        /// Index of the stage equilibrium played when the domain is not cooperated on (the
        /// one with the highest joint payoff).
        public var statusQuoEquilibrium: Int?
        public var cooperative: Cooperation
        /// The SPE payoff set (`nil` when not computed; `speUnavailable` says why).
        public var spePayoffSet: SPEPayoffSet? = nil
        public var speUnavailable: String? = nil
    }
    public struct CooperationSet: Codable, Sendable, Equatable {
        public var domains: [String]
        public var jointPayoff: Double
        /// Sustainable with the domains linked (pooled incentive constraints).
        public var sustainable: Bool
        /// Sustainable in every domain of the set on its own.
        public var sustainableSeparately: Bool
        public var linked: Threshold?
    }
    public struct Regime: Codable, Sendable, Equatable {
        /// `full-cooperation`, `managed-competition`, `decoupling` or `undetermined`.
        public var name: String
        /// The best sustainable set of domains (highest joint payoff; larger sets first on ties).
        public var best: [String]
        public var jointPayoff: Double?
        /// Other sets tied with the best.
        public var ties: [[String]]
        /// The best set is sustainable only because its domains are linked.
        public var linkageDependent: Bool
        public var sets: [CooperationSet]
    }
    public struct NegotiationInfo: Codable, Sendable, Equatable {
        public var solution: String
        public var weights: [Double]
        public var disagreement: String
        public var disagreementPoint: [Double]?
        public var bargainingSet: String
        public var outsideOptions: [Double?]
        /// The package over all domains: linked agreement, issue-by-issue deals, agreed scope
        /// and who concedes on which domain (`nil` when it could not be computed).
        public var package: PackageSummary? = nil
        /// Why the package could not be computed (for example "SPE payoff set not computed…").
        public var unavailable: String? = nil
        /// The package for more than two players (`negotiateNPlayer`); `package` is then `nil`.
        public var nPlayer: NPlayerPackageSummary? = nil
    }
    public struct StatesInfo: Codable, Sendable, Equatable {
        public var domain: String
        public var initial: String
        public var states: [String]
        /// `transitions[s][k][t]`: probability of moving from state s to t after profile k.
        public var transitions: [[[Double]]]
    }

    public var model: ModelInfo
    public var scenario: String
    public var players: [String]
    public var parameters: [ParameterValue]
    /// One discount factor per player.
    public var discountFactors: [Double]
    public var domains: [Domain]
    /// All domains linked.
    public var linked: Threshold?
    public var regime: Regime
    public var negotiation: NegotiationInfo?
    public var states: StatesInfo?
    public var notes: [String]
    /// Markov perfect equilibria and long-run state dynamics, for models with `states:`.
    public var markov: MarkovInfo? = nil
}
