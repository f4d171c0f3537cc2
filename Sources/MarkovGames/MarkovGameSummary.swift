import Foundation
import GameTheory

/// A Codable summary of a Markov game under one stationary profile (and optionally an
/// equilibrium report), for the report and batch layers.
///
/// Index conventions: `values[p][s]` and `normalizedValues[p][s]` by player then state;
/// distributions and per-state lists in state order; `absorptionProbabilities[s][j]` is the
/// probability of ending in `recurrentClasses[j]` from state s. `jsonData()` is deterministic:
/// sorted keys, Foundation's shortest round-trip number formatting, no timestamps.
public struct MarkovGameSummary: Sendable, Codable, Equatable {
    public struct EquilibriumSummary: Sendable, Codable, Equatable {
        /// `strategies[s][p][a]`.
        public var strategies: [[[Double]]]
        /// `values[p][s]`.
        public var values: [[Double]]
        /// `deviationGains[s][p]`.
        public var deviationGains: [[Double]]
        public var regret: Double
        public var pure: Bool
    }

    public var states: [String]
    public var players: [String]
    public var discountFactors: [Double]
    public var initialState: String
    public var profile: [[[Double]]]
    public var values: [[Double]]
    public var normalizedValues: [[Double]]
    public var classes: [[String]]
    public var recurrentClasses: [[String]]
    public var transientStates: [String]
    public var absorbingStates: [String]
    /// The stationary distribution when unique (one recurrent class), else `nil`.
    public var stationaryDistribution: [Double]?
    /// Long-run share of time in each state from `initialState` (Cesàro average).
    public var longRunDistribution: [Double]
    public var absorptionProbabilities: [[Double]]
    public var expectedStepsToRecurrence: [Double]
    /// The states whose first-passage times are reported in `expectedStepsToTargets`.
    public var targets: [String]
    /// Expected steps until first entering `targets` (`null` where not reached almost surely).
    public var expectedStepsToTargets: [Double?]
    public var equilibrium: Equilibria?

    public struct Equilibria: Sendable, Codable, Equatable {
        public var method: String
        public var complete: Bool
        public var scope: String
        public var tolerance: Double
        public var converged: Bool
        public var notes: [String]
        public var equilibria: [EquilibriumSummary]
    }

    /// Evaluates `profile` on `game` and analyses its state chain.
    ///
    /// - Parameters:
    ///   - initialState: index of the state the long-run distribution starts from.
    ///   - targets: states for first-passage times (for example `["bifurcated"]`).
    ///   - report: equilibria to include.
    public init(game: MarkovGame, profile: StationaryProfile, initialState: Int = 0, targets: [Int] = [],
                report: MarkovEquilibriumReport? = nil) throws {
        guard game.states.indices.contains(initialState) else {
            throw MarkovGameError.invalidStrategy("initial state \(initialState) is not a state index (0..<\(game.stateCount))")
        }
        if let bad = targets.first(where: { !game.states.indices.contains($0) }) {
            throw MarkovGameError.invalidStrategy("target state \(bad) is not a state index (0..<\(game.stateCount))")
        }
        let ev = try game.evaluate(profile)
        let chain = try StateChain(transition: ev.chain)
        let name = { (s: Int) in game.states[s] }
        states = game.states
        players = game.players
        discountFactors = game.discountFactors
        self.initialState = name(initialState)
        self.profile = profile.strategies
        values = ev.values
        normalizedValues = ev.normalizedValues
        classes = chain.classes.map { $0.map(name) }
        recurrentClasses = chain.recurrentClasses.map { chain.classes[$0].map(name) }
        transientStates = chain.transientStates.map(name)
        absorbingStates = chain.absorbingStates.map(name)
        stationaryDistribution = chain.uniqueStationaryDistribution
        longRunDistribution = chain.longRunDistribution(from: initialState)
        absorptionProbabilities = chain.absorptionProbabilities
        expectedStepsToRecurrence = chain.expectedStepsToRecurrence
        self.targets = targets.map(name)
        expectedStepsToTargets = targets.isEmpty ? [] : try chain.expectedHittingTimes(to: Set(targets))
        equilibrium = report.map { r in
            Equilibria(method: r.method, complete: r.isComplete, scope: r.scope, tolerance: r.tolerance,
                       converged: r.converged, notes: r.notes,
                       equilibria: r.equilibria.map {
                           EquilibriumSummary(strategies: $0.profile.strategies, values: $0.values,
                                              deviationGains: $0.deviationGains, regret: $0.regret, pure: $0.isPure)
                       })
        }
    }

    /// Deterministic JSON: sorted keys, no escaped slashes.
    public func jsonData() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try e.encode(self)
    }
}
