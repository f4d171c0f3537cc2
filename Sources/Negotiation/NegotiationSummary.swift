import Foundation
import GameTheory

/// The negotiation section of a result: bargaining set, disagreement point, agreement and the
/// lottery that implements it, as deterministic JSON (snake_case keys, sorted).
///
/// Numbers are doubles; where the computation was exact, `exact` fields repeat them as
/// fraction strings (`"2/3"`), as in `detente solve`'s `exact` keys.
///
/// ```swift
/// let settings = NegotiationSettings(solution: .nash, disagreement: .stageEquilibrium)
/// let summary = try NegotiationSummary(settings: settings, context: NegotiationContext(game: game))
/// print(try summary.jsonString())
/// ```
public struct NegotiationSummary: Sendable, Equatable, Codable {
    /// A payoff pair, with exact fraction strings when known.
    public struct Point: Sendable, Equatable, Codable {
        public var payoffs: [Double]
        public var exact: [String]?

        init<T: GameScalar>(_ p: PayoffPair<T>) {
            payoffs = p.doubles
            exact = T.isExact ? ["\(p.u1)", "\(p.u2)"] : nil
        }
    }

    /// One term of the implementing lottery.
    public struct LotteryEntry: Sendable, Equatable, Codable {
        public var probability: Double
        public var exactProbability: String?
        public var payoffs: [Double]
        /// Outcome labels, e.g. `"(Open, Restrict)"`, any of which yields `payoffs`.
        public var outcomes: [String]
        /// The outcomes' action-index profiles, when they are stage-game profiles.
        public var profiles: [[Int]]?

        enum CodingKeys: String, CodingKey {
            case probability, payoffs, outcomes, profiles
            case exactProbability = "exact_probability"
        }
    }

    public var solution: String
    public var weights: [Double]
    public var exactWeights: [String]?
    public var arithmetic: String
    /// `"feasible"` or `"spe"`.
    public var set: String
    public var setVertices: [Point]
    public var disagreementSource: String
    public var disagreement: Point
    public var outsideOptions: Point?
    public var bindingOutsideOptions: [Bool]
    public var agreement: Point
    public var gains: Point
    public var tiedSegment: [Point]?
    public var paretoOptimal: Bool
    public var implementation: [LotteryEntry]
    /// The check of `implementation`, recomputed from the lottery: the largest difference
    /// between its expected payoffs and the agreement (exactly 0 in exact arithmetic).
    public var implementationError: Double
    /// Rubinstein's alternating offers over the same set and disagreement point, when the
    /// settings give discount factors.
    public var alternatingOffers: AlternatingOffersSummary?
    public var notes: [String]

    /// The stationary equilibrium of alternating offers over the bargaining set.
    public struct AlternatingOffersSummary: Sendable, Equatable, Codable {
        public var discountFactors: [Double]
        public var breakdownProbability: Double
        /// Player 1's proposal: the agreement when player 1 moves first.
        public var firstProposal: Point
        /// Player 2's proposal: the agreement when player 2 moves first.
        public var secondProposal: Point
        public var bindingOutsideOptions: [Bool]

        enum CodingKeys: String, CodingKey {
            case discountFactors = "discount_factors"
            case breakdownProbability = "breakdown_probability"
            case firstProposal = "first_proposal"
            case secondProposal = "second_proposal"
            case bindingOutsideOptions = "binding_outside_options"
        }
    }

    enum CodingKeys: String, CodingKey {
        case solution, weights, arithmetic, set, disagreement, agreement, gains, implementation, notes
        case exactWeights = "exact_weights"
        case setVertices = "set_vertices"
        case disagreementSource = "disagreement_source"
        case outsideOptions = "outside_options"
        case bindingOutsideOptions = "binding_outside_options"
        case tiedSegment = "tied_segment"
        case paretoOptimal = "pareto_optimal"
        case implementationError = "implementation_error"
        case alternatingOffers = "alternating_offers"
    }

    /// Summarises a solved problem on a polygonal set.
    public init<T: GameScalar>(outcome: BargainingOutcome<T>, set: BargainingPolygon<T>, setKind: String,
                               disagreementSource: String, notes extra: [String] = []) throws {
        solution = outcome.solution.rawValue
        weights = [outcome.weights.w1.doubleValue, outcome.weights.w2.doubleValue]
        exactWeights = T.isExact ? ["\(outcome.weights.w1)", "\(outcome.weights.w2)"] : nil
        arithmetic = outcome.arithmetic.rawValue
        self.set = setKind
        setVertices = set.vertices.map(Point.init)
        self.disagreementSource = disagreementSource
        disagreement = Point(outcome.disagreement)
        outsideOptions = outcome.outsideOptions.map(Point.init)
        bindingOutsideOptions = outcome.bindingOutsideOptions
        agreement = Point(outcome.point)
        gains = Point(outcome.gains)
        tiedSegment = outcome.tiedSegment.map { $0.map(Point.init) }
        paretoOptimal = outcome.isParetoOptimal
        let lottery = try set.lottery(for: outcome.point)
        implementation = NegotiationSummary.entries(lottery)
        var expected = PayoffPair<T>.zero
        for term in lottery { expected = expected + term.probability * term.payoffs }
        let err = expected - outcome.point
        implementationError = max(absolute(err.u1).doubleValue, absolute(err.u2).doubleValue)
        notes = extra + outcome.notes
    }

    static func lotteryEntries<T: GameScalar>(_ set: BargainingPolygon<T>, _ point: PayoffPair<T>) throws -> [LotteryEntry] {
        entries(try set.lottery(for: point))
    }

    static func entries<T: GameScalar>(_ lottery: [LotteryTerm<T>]) -> [LotteryEntry] {
        lottery.map { term in
            LotteryEntry(probability: term.probability.doubleValue,
                         exactProbability: T.isExact ? "\(term.probability)" : nil,
                         payoffs: term.payoffs.doubles, outcomes: term.outcomes.map(\.label),
                         profiles: term.outcomes.allSatisfy { $0.profile != nil } && !term.outcomes.isEmpty
                            ? term.outcomes.map { $0.profile! } : nil)
        }
    }

    /// Solves a model's negotiation settings on a game in one call.
    ///
    /// Runs in exact arithmetic when the game has exact payoffs and every quantity the settings
    /// use is available exactly; in floating point otherwise.
    ///
    /// - Throws: `NegotiationError` — `.missingInput` when the settings need a quantity the
    ///   context lacks (the worst SPE payoffs, the SPE vertices, a stage equilibrium when the
    ///   game has no unique pure one); `.invalidWeights`; any error of the solution.
    public init(settings: NegotiationSettings, context: NegotiationContext) throws {
        let exact = NegotiationSummary.canRunExactly(settings, context)
        self = exact ? try NegotiationSummary.run(settings, context, Rational.self)
                     : try NegotiationSummary.run(settings, context, Double.self)
    }

    /// Deterministic JSON: sorted keys, pretty-printed, no trailing newline.
    public func jsonString() throws -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try enc.encode(self), as: UTF8.self)
    }

    static func canRunExactly(_ s: NegotiationSettings, _ c: NegotiationContext) -> Bool {
        guard c.game.hasExactPayoffs else { return false }
        switch s.disagreement {
        case .stageEquilibrium: if let e = c.stageEquilibrium, e.exactPayoffs == nil { return false }
        case .minmax: if c.minmax != nil && c.exactMinmax == nil { return false }
        case .worstSPE: if c.exactWorstSPE == nil { return false }
        case .pureMinmax, .point: break
        }
        if s.set == .spe && c.exactSPEVertices == nil { return false }
        return true
    }

    static func run<T: GameScalar>(_ s: NegotiationSettings, _ c: NegotiationContext, _: T.Type) throws -> NegotiationSummary {
        let (set, d, weights, options, notes) = try setup(s, c, T.self)
        let outcome = try set.solve(s.solution, disagreement: d.point, weights: weights, outsideOptions: options)
        var summary = try NegotiationSummary(outcome: outcome, set: set, setKind: s.set.rawValue,
                                             disagreementSource: d.source.rawValue, notes: notes)
        if let delta = s.discountFactors {
            guard delta.count == 2 else {
                throw NegotiationError.invalidSetting("\(delta.count) discount factors given; two are needed")
            }
            let p = s.breakdownProbability ?? .zero
            let e = try set.alternatingOffers(disagreement: d.point, discountFactors: PayoffPair(conv(delta[0]), conv(delta[1])),
                                              breakdownProbability: conv(p), outsideOptions: options)
            summary.alternatingOffers = AlternatingOffersSummary(
                discountFactors: delta.map(\.doubleValue), breakdownProbability: p.doubleValue,
                firstProposal: Point(e.firstProposal), secondProposal: Point(e.secondProposal),
                bindingOutsideOptions: e.bindingOutsideOptions)
        }
        return summary
    }

    private static func conv<T: GameScalar>(_ r: Rational) -> T {
        T.self == Rational.self ? r as! T : r.doubleValue as! T
    }

    /// The bargaining problem the settings describe on one game.
    static func setup<T: GameScalar>(_ s: NegotiationSettings, _ c: NegotiationContext, _: T.Type) throws
        -> (BargainingPolygon<T>, Disagreement<T>, BargainingWeights<T>, PayoffPair<T>?, [String]) {
        func conv(_ r: Rational) -> T { T.self == Rational.self ? r as! T : r.doubleValue as! T }
        func pair(_ exact: [Rational]?, _ approx: [Double]?, _ what: String) throws -> PayoffPair<T>? {
            if T.self == Rational.self, let e = exact {
                guard e.count == 2 else { throw NegotiationError.invalidSetting("\(what) has \(e.count) entries; it needs 2") }
                return PayoffPair(conv(e[0]), conv(e[1]))
            }
            if let a = approx ?? exact?.map(\.doubleValue) {
                guard a.count == 2 else { throw NegotiationError.invalidSetting("\(what) has \(a.count) entries; it needs 2") }
                return PayoffPair(scalar(a[0]), scalar(a[1]))
            }
            return nil
        }
        var notes = [String]()
        let weights: BargainingWeights<T>
        if let w = s.weights {
            guard w.count == 2 else { throw NegotiationError.invalidWeights("\(w.count) bargaining weights given; two are needed") }
            weights = try BargainingWeights(conv(w[0]), conv(w[1]))
        } else {
            weights = .equal
        }
        // The bargaining set.
        let set: BargainingPolygon<T>
        switch s.set {
        case .feasible:
            set = try BargainingPolygon<T>.feasibleSet(of: c.game)
        case .spe:
            let pts: [PayoffPair<T>]
            if T.self == Rational.self, let e = c.exactSPEVertices {
                pts = try e.enumerated().map { k, v in
                    guard v.count == 2 else { throw NegotiationError.invalidSetting("SPE vertex \(k + 1) has \(v.count) entries; it needs 2") }
                    return PayoffPair(conv(v[0]), conv(v[1]))
                }
            } else if let a = c.speVertices ?? c.exactSPEVertices?.map({ $0.map(\.doubleValue) }) {
                pts = try a.enumerated().map { k, v in
                    guard v.count == 2 else { throw NegotiationError.invalidSetting("SPE vertex \(k + 1) has \(v.count) entries; it needs 2") }
                    return PayoffPair(scalar(v[0]), scalar(v[1]))
                }
            } else {
                throw NegotiationError.missingInput("the negotiation uses the SPE payoff set, but no SPE vertices were computed (is a discount factor given?)")
            }
            set = try BargainingPolygon(vertices: pts, labels: pts.indices.map { "SPE vertex \($0 + 1)" }, name: "SPE payoff set")
        }
        // The disagreement point.
        let d: Disagreement<T>
        switch s.disagreement {
        case .point(let p):
            d = Disagreement(PayoffPair(conv(p.u1), conv(p.u2)), source: .given)
        case .pureMinmax:
            d = try .pureMinmax(of: c.game)
        case .minmax:
            if let p = try pair(c.exactMinmax, c.minmax, "the minmax payoffs") {
                d = Disagreement(p, source: .minmax)
            } else {
                d = try .pureMinmax(of: c.game)
                notes.append("no mixed minmax payoffs were passed; the pure minmax (an upper bound on the mixed minmax) is the disagreement point")
            }
        case .worstSPE:
            guard let p = try pair(c.exactWorstSPE, c.worstSPE, "the worst SPE payoffs") else {
                throw NegotiationError.missingInput("the disagreement point is the worst SPE payoff, but none was computed (is a discount factor given?)")
            }
            d = Disagreement(p, source: .worstSPE)
        case .stageEquilibrium:
            if let e = c.stageEquilibrium {
                d = try .stageEquilibrium(e)
            } else {
                let report = PureEquilibria().solve(c.game)
                guard report.equilibria.count == 1 else {
                    throw NegotiationError.missingInput("the disagreement point is the stage equilibrium, but the game has \(report.equilibria.count) pure equilibria and none was chosen; pass the one to use")
                }
                d = try .stageEquilibrium(report.equilibria[0])
            }
        }
        let options: PayoffPair<T>?
        if let w = s.outsideOptions {
            guard w.count == 2 else { throw NegotiationError.invalidSetting("\(w.count) outside options given; two are needed") }
            options = PayoffPair(conv(w[0]), conv(w[1]))
        } else {
            options = nil
        }
        return (set, d, weights, options, notes)
    }
}

/// The negotiation over several issues (domains) of a model: the linked package against
/// issue-by-issue deals, and who concedes on which issue.
public struct PackageSummary: Sendable, Equatable, Codable {
    public struct Issue: Sendable, Equatable, Codable {
        public var name: String
        public var disagreement: NegotiationSummary.Point
        public var linked: NegotiationSummary.Point
        public var separate: NegotiationSummary.Point
        /// Player i concedes on the issue: gets less there in the package than issue by issue.
        public var concedes: [Bool]
        public var gainShares: [Double]?
        public var getsLessThanHalf: [Bool]
        /// The lottery over this issue's outcomes that implements its part of the package.
        public var implementation: [NegotiationSummary.LotteryEntry]
        /// Whether the package moves this issue away from disagreement.
        public var inAgreement: Bool

        enum CodingKeys: String, CodingKey {
            case name, disagreement, linked, separate, concedes, implementation
            case inAgreement = "in_agreement"
            case gainShares = "gain_shares"
            case getsLessThanHalf = "gets_less_than_half"
        }
    }

    public var solution: String
    public var weights: [Double]
    public var arithmetic: String
    public var linkedAgreement: NegotiationSummary.Point
    public var separateTotal: NegotiationSummary.Point
    public var linkageGain: NegotiationSummary.Point
    public var issues: [Issue]
    /// The names of the issues the package moves away from disagreement, in issue order.
    public var agreedScope: [String]
    /// Outside options to the whole package and whether each binds.
    public var outsideOptions: NegotiationSummary.Point?
    public var bindingOutsideOptions: [Bool]
    /// Rubinstein's alternating offers over the package set from the summed disagreement
    /// point, when the settings give discount factors.
    public var alternatingOffers: NegotiationSummary.AlternatingOffersSummary?
    public var notes: [String]

    enum CodingKeys: String, CodingKey {
        case solution, weights, arithmetic, issues, notes
        case agreedScope = "agreed_scope"
        case outsideOptions = "outside_options"
        case bindingOutsideOptions = "binding_outside_options"
        case alternatingOffers = "alternating_offers"
        case linkedAgreement = "linked_agreement"
        case separateTotal = "separate_total"
        case linkageGain = "linkage_gain"
    }

    /// Summarises a solved package; `issues` are the ones it was solved from.
    ///
    /// - Throws: `.pointOutsideSet` only if an issue's share lies outside its set (a bug).
    public init<T: GameScalar>(_ p: PackageNegotiation<T>, issues: [BargainingIssue<T>]) throws {
        solution = p.solution.rawValue
        weights = [p.weights.w1.doubleValue, p.weights.w2.doubleValue]
        arithmetic = T.isExact ? Arithmetic.exact.rawValue : Arithmetic.floatingPoint.rawValue
        linkedAgreement = .init(p.linked.point)
        separateTotal = .init(p.linked.point - p.linkageGain)
        linkageGain = .init(p.linkageGain)
        self.issues = try p.concessions.enumerated().map { k, c in
            Issue(name: c.issue, disagreement: .init(issues[k].disagreement), linked: .init(c.linked),
                  separate: .init(c.separate), concedes: c.concedes,
                  gainShares: c.gainShares?.map(\.doubleValue), getsLessThanHalf: c.getsLessThanHalf,
                  implementation: try NegotiationSummary.lotteryEntries(issues[k].set, c.linked),
                  inAgreement: c.inAgreement)
        }
        agreedScope = p.concessions.filter(\.inAgreement).map(\.issue)
        outsideOptions = p.linked.outsideOptions.map(NegotiationSummary.Point.init)
        bindingOutsideOptions = p.linked.bindingOutsideOptions
        notes = p.notes + p.linked.notes
    }

    /// Solves a model's negotiation settings over several domains (issues) in one call: each
    /// domain's bargaining set and disagreement point come from its own game and context as in
    /// `NegotiationSummary(settings:context:)`; the package links them all. Outside options in
    /// the settings are the players' alternatives to the whole package.
    ///
    /// - Throws: `.emptySet` without domains; any error of the single-domain setup or solution.
    public init(settings: NegotiationSettings, domains: [(name: String, context: NegotiationContext)]) throws {
        let exact = domains.allSatisfy { NegotiationSummary.canRunExactly(settings, $0.context) }
        self = exact ? try PackageSummary.run(settings, domains, Rational.self)
                     : try PackageSummary.run(settings, domains, Double.self)
    }

    static func run<T: GameScalar>(_ s: NegotiationSettings, _ domains: [(name: String, context: NegotiationContext)],
                                   _: T.Type) throws -> PackageSummary {
        var issues = [BargainingIssue<T>]()
        var weights = BargainingWeights<T>.equal
        var notes = [String]()
        for (name, context) in domains {
            let (set, d, w, _, n) = try NegotiationSummary.setup(s, context, T.self)
            issues.append(BargainingIssue(name: name, set: set, disagreement: d.point))
            weights = w
            notes += n.map { "\(name): \($0)" }
        }
        var options: PayoffPair<T>? = nil
        if let w = s.outsideOptions {
            guard w.count == 2 else { throw NegotiationError.invalidSetting("\(w.count) outside options given; two are needed") }
            options = PayoffPair(T.self == Rational.self ? w[0] as! T : w[0].doubleValue as! T,
                                 T.self == Rational.self ? w[1] as! T : w[1].doubleValue as! T)
        }
        let p = try PackageNegotiation(issues: issues, solution: s.solution, weights: weights, outsideOptions: options)
        var summary = try PackageSummary(p, issues: issues)
        summary.notes = notes + summary.notes
        if let delta = s.discountFactors {
            guard delta.count == 2 else {
                throw NegotiationError.invalidSetting("\(delta.count) discount factors given; two are needed")
            }
            func conv(_ r: Rational) -> T { T.self == Rational.self ? r as! T : r.doubleValue as! T }
            let b = s.breakdownProbability ?? .zero
            let e = try p.packageSet.alternatingOffers(disagreement: p.linked.disagreement,
                                                       discountFactors: PayoffPair(conv(delta[0]), conv(delta[1])),
                                                       breakdownProbability: conv(b), outsideOptions: options)
            summary.alternatingOffers = NegotiationSummary.AlternatingOffersSummary(
                discountFactors: delta.map(\.doubleValue), breakdownProbability: b.doubleValue,
                firstProposal: .init(e.firstProposal), secondProposal: .init(e.secondProposal),
                bindingOutsideOptions: e.bindingOutsideOptions)
        }
        return summary
    }

    /// Deterministic JSON: sorted keys, pretty-printed.
    public func jsonString() throws -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try enc.encode(self), as: UTF8.self)
    }
}
