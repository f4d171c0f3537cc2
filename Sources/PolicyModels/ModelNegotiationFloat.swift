import GameTheory
import Negotiation
import RepeatedGames

/// The negotiated package of a model at one parameter point, in floating point: what sweeps
/// report as `negotiation/PLAYER` and `negotiated_in_scope/DOMAIN`.
public struct NegotiatedShares: Sendable, Equatable {
    /// The linked agreement over all domains, one payoff per player (player 1 first).
    public var payoffs: [Double]
    /// Per domain (file order): whether the package moves the domain away from disagreement.
    public var inAgreement: [Bool]
    /// With `alternating_offers: true`: the first proposer's (player 1's) proposal, the
    /// agreement of Rubinstein's game over the package set.
    public var alternatingOffers: [Double]?

    public init(payoffs: [Double], inAgreement: [Bool], alternatingOffers: [Double]? = nil) {
        self.payoffs = payoffs
        self.inAgreement = inAgreement
        self.alternatingOffers = alternatingOffers
    }
}

/// The SPE payoff set solver used by the floating-point negotiation path: Abreu–Sannikov
/// (2014) without the rational fixed-point check (the games it receives have double payoffs).
public let floatingPointSPESolver: SPEPayoffSetSolver = { game, deltas in
    guard game.playerCount == 2 else { throw ModelSPEError.notTwoPlayers(game.playerCount) }
    guard let d = deltas.first, deltas.allSatisfy({ $0 == d }) else { throw ModelSPEError.needsCommonDiscountFactor(deltas) }
    let set = try AbreuSannikov(exactCheck: false).solve(game, delta: d)
    guard let worst = set.worstPayoffs else { throw ModelSPEError.empty(delta: d) }
    return SPEPayoffSummary(vertices: set.vertices.map { [$0.x, $0.y] }, worst: worst)
}

/// The model's negotiation at the parameters θ in floating point, from the stage payoffs
/// already evaluated there: the same problem as `negotiate(model:…)` (two players) or
/// `negotiateNPlayer(model:…)` (N > 2), without the exact arithmetic, lotteries and summaries.
///
/// `deltas` are the players' discount factors at θ (alternating offers).
/// `payoffs[d][p][k]` is player p's payoff at flat profile k (player 1 fastest) of domain d;
/// `statusQuo[d]` the payoffs of domain d's status-quo stage equilibrium (the disagreement
/// point of `disagreement: stage-equilibrium`). `spe(d, game)` supplies the SPE payoff set of
/// domain d when the settings ask for it (`bargaining_set: spe`, `disagreement: worst-spe`);
/// sweeps pass a cached `floatingPointSPESolver`.
///
/// Two players: the package is the Minkowski sum of the domains' polygons with the summed
/// disagreement points, solved by `PackageNegotiation<Double>` with the outside options as
/// constraints (outside-option principle). N > 2: the hull of the sums of one pure profile per
/// domain, solved by `BargainingPolytope<Double>`.
///
/// - Complexity: two players O(D² m²) for D domains of m profiles, plus the SPE sets; N
///   players O(N) linear programs over ∏ m_d payoff vectors (Nash: one per Frank–Wolfe step).
/// - Throws: `ModelNegotiationError` as `negotiate` does: `.speSetNotComputed` when the SPE set
///   fails, `.bargaining` for an ill-posed problem (no agreement beats the outside options or
///   dominates the disagreement point), `.unsupported` for settings not defined for N > 2.
public func negotiatedShares(model: PolicyModel, theta: [Double], deltas: [Double], payoffs: [[[Double]]], statusQuo: [[Double]],
                             spe: (_ domain: Int, _ game: NormalFormGame) throws -> SPEPayoffSummary) throws(ModelNegotiationError) -> NegotiatedShares {
    guard let n = model.negotiation else { throw .unsupported("the model has no negotiation settings") }
    let P = model.players.count, D = model.domains.count
    func game(_ d: Int) throws(ModelNegotiationError) -> NormalFormGame {
        do {
            return try NormalFormGame(title: model.domains[d].name, players: model.players,
                                      actions: model.domains[d].actions, payoffs: payoffs[d])
        } catch { throw .bargaining("domain '\(model.domains[d].name)': \(error)") }
    }
    if P > 2 {
        var disagreements = [[Double]]()
        for d in 0..<D {
            let g = try game(d)
            disagreements.append(try nPlayerDisagreement(model, n, d, g, theta, statusQuo[d], Double.self).point)
        }
        let package = try nPlayerPackage(model, n, tables: payoffs, disagreements: disagreements, Double.self)
        return NegotiatedShares(payoffs: package.outcome.point, inAgreement: package.inAgreement)
    }
    var issues = [BargainingIssue<Double>]()
    do {
        for d in 0..<D {
            let name = model.domains[d].name
            var summary: SPEPayoffSummary?
            let needsSPE = n.bargainingSet == .spe || { if case .worstSPE = n.disagreement { return true } else { return false } }()
            if needsSPE {
                do { summary = try spe(d, try game(d)) } catch {
                    throw ModelNegotiationError.speSetNotComputed(
                        domain: name, setting: n.bargainingSet == .spe ? "bargaining_set: spe" : "disagreement: worst-spe", reason: "\(error)")
                }
            }
            let set: BargainingPolygon<Double>
            if n.bargainingSet == .spe, let s = summary {
                set = try BargainingPolygon(convexHullOf: s.vertices.map { PayoffPair($0[0], $0[1]) }, name: "SPE payoff set")
            } else {
                let cells = payoffs[d][0].count
                set = try BargainingPolygon(convexHullOf: (0..<cells).map { PayoffPair(payoffs[d][0][$0], payoffs[d][1][$0]) },
                                            name: "feasible set of \(name)")
            }
            let point: PayoffPair<Double>
            switch n.disagreement {
            case .stageEquilibrium: point = PayoffPair(statusQuo[d][0], statusQuo[d][1])
            case .pureMinmax: point = try Disagreement<Double>.pureMinmax(of: try game(d)).point
            case .minmax:
                let v = try (try game(d)).mixedMinmax(Double.self).map(\.value)
                point = PayoffPair(v[0], v[1])
            case .worstSPE: point = PayoffPair(summary!.worst[0], summary!.worst[1])
            case .point(let e):
                point = PayoffPair(e[0].evaluate(theta) / Double(D), e[1].evaluate(theta) / Double(D))
            }
            issues.append(BargainingIssue(name: name, set: set, disagreement: point))
        }
        var options: PayoffPair<Double>?
        if n.outsideOptions.contains(where: { $0 != nil }) {
            let o = (0..<2).map { p in
                n.outsideOptions[p]?.evaluate(theta) ?? payoffs.reduce(0) { $0 + $1[p].min()! }
            }
            options = PayoffPair(o[0], o[1])
        }
        let package = try PackageNegotiation(issues: issues, solution: n.solution.bargainingKind,
                                             weights: try BargainingWeights(n.weights[0], n.weights[1]), outsideOptions: options)
        var rubinstein: [Double]?
        if n.alternatingOffers {
            let e = try package.packageSet.alternatingOffers(
                disagreement: package.linked.disagreement, discountFactors: PayoffPair(deltas[0], deltas[1]),
                breakdownProbability: n.breakdownProbability?.evaluate(theta) ?? 0, outsideOptions: options)
            rubinstein = [e.firstProposal.u1, e.firstProposal.u2]
        }
        return NegotiatedShares(payoffs: [package.linked.point.u1, package.linked.point.u2],
                                inAgreement: package.concessions.map(\.inAgreement), alternatingOffers: rubinstein)
    } catch let e as ModelNegotiationError {
        throw e
    } catch let e as NegotiationError {
        throw .bargaining(e.description)
    } catch {
        throw .bargaining("\(error)")
    }
}

extension ModelNegotiationSpec.Solution {
    /// The Negotiation module's name for this solution.
    public var bargainingKind: BargainingSolutionKind {
        switch self {
        case .nash: return .nash
        case .kalaiSmorodinsky: return .kalaiSmorodinsky
        case .egalitarian: return .egalitarian
        case .utilitarian: return .utilitarian
        }
    }
}

// MARK: N players

/// The negotiation section of a model report for more than two players: the package over all
/// domains as one `BargainingPolytope` (the hull of the sums of one pure profile per domain),
/// solved by the model's solution with its weights, and each domain's part of the agreement.
///
/// Numbers are doubles; `exact…` fields repeat them as fraction strings when the run was exact.
public struct NPlayerPackageSummary: Codable, Sendable, Equatable {
    /// One term of the lottery that implements the agreement.
    public struct LotteryEntry: Codable, Sendable, Equatable {
        public var probability: Double
        public var exactProbability: String?
        public var payoffs: [Double]
        /// One label per way of reaching `payoffs`: the profile of every domain,
        /// `"basic: (C, C, C); applied: (C, C, R)"`.
        public var outcomes: [String]
    }
    /// One domain's part of the agreement: the expected payoffs of its profiles under the lottery.
    public struct Issue: Codable, Sendable, Equatable {
        public var name: String
        public var disagreement: [Double]
        public var linked: [Double]
        public var inAgreement: Bool
    }
    public var solution: String
    public var weights: [Double]
    public var arithmetic: String
    /// `"feasible"` (the only set defined for N > 2).
    public var set: String
    public var disagreementSource: String
    public var disagreement: [Double]
    public var exactDisagreement: [String]?
    public var agreement: [Double]
    public var exactAgreement: [String]?
    public var gains: [Double]
    public var paretoOptimal: Bool
    /// Nash: certified bound on the shortfall of the weighted log Nash product (0 when exact).
    public var optimalityGap: Double?
    public var iterations: Int?
    public var implementation: [LotteryEntry]
    public var issues: [Issue]
    /// The domains the agreement moves away from disagreement, in file order.
    public var agreedScope: [String]
    public var notes: [String]
}

/// The N-player (N > 2) negotiation of a model at one scenario: the package over all domains
/// under the model's `negotiation:` settings, exact when the stage games, the status-quo
/// equilibria and the given disagreement point are.
///
/// Defined settings: `bargaining_set: feasible`; `disagreement:` `stage-equilibrium` (the
/// status-quo equilibrium's payoffs), `pure-minmax`, `minmax` (the pure minmax, noted: the
/// mixed minmax is computed for two players) or a point (for the whole package); every
/// solution (Nash with weights, Kalai–Smorodinsky, egalitarian with weights, utilitarian with
/// weights). Not defined: `bargaining_set: spe` and `worst-spe` (the SPE payoff set is
/// computed for two players) and outside options (the N-player solver has no constraints
/// besides `u ≥ d`).
///
/// - Complexity: O(N) linear programs over K = ∏ m_d payoff vectors (at most 4096), Nash one
///   more per Frank–Wolfe iteration.
/// - Throws: `.bargaining` with `path:line:column` of the negotiation settings (of the
///   disagreement point when it is given) when the problem is ill-posed: no point of the set
///   weakly dominates the disagreement point, weights that do not sum to one, an empty set;
///   `.unsupported` (also with the position) for settings not defined for N players.
/// - References: J. F. Nash (1950), Econometrica 18(2), 155–162, doi:10.2307/1907266;
///   J. C. Harsanyi, R. Selten (1972), Management Science 18(5), P80–P106,
///   doi:10.1287/mnsc.18.5.80; E. Kalai, M. Smorodinsky (1975), Econometrica 43(3), 513–518,
///   doi:10.2307/1914280; E. Kalai (1977), Econometrica 45(7), 1623–1630, doi:10.2307/1913954.
public func negotiateNPlayer(model: PolicyModel, theta: [Double], games: [NormalFormGame],
                             statusQuo: [Equilibrium?]) throws(ModelNegotiationError) -> NPlayerPackageSummary {
    guard let n = model.negotiation else { throw .unsupported("the model has no negotiation settings") }
    var exact = games.allSatisfy(\.hasExactPayoffs)
    if case .stageEquilibrium = n.disagreement, statusQuo.contains(where: { $0?.exactPayoffs == nil }) { exact = false }
    if case .point(let e) = n.disagreement, e.contains(where: { shortDecimal($0.evaluate(theta)) == nil }) { exact = false }
    if !equalWeights(n.weights), n.weights.contains(where: { shortDecimal($0) == nil }) { exact = false }
    return exact ? try nPlayerSummary(model, n, theta, games, statusQuo, Rational.self)
                 : try nPlayerSummary(model, n, theta, games, statusQuo, Double.self)
}

private func nPlayerSummary<T: GameScalar>(_ model: PolicyModel, _ n: ModelNegotiationSpec, _ theta: [Double],
                                           _ games: [NormalFormGame], _ statusQuo: [Equilibrium?],
                                           _: T.Type) throws(ModelNegotiationError) -> NPlayerPackageSummary {
    var tables = [[[T]]](), disagreements = [[T]](), notes = [String]()
    for (d, g) in games.enumerated() {
        tables.append(g.table(T.self))
        var sq: [T]? = nil
        if let e = statusQuo[d] {
            if T.self == Rational.self, let x = e.exactPayoffs { sq = x.map { $0 as! T } } else { sq = e.payoffs.map { fromDouble($0, T.self) } }
        }
        let r = try nPlayerDisagreement(model, n, d, g, theta, sq, T.self)
        disagreements.append(r.point)
        notes += r.notes
    }
    let package = try nPlayerPackage(model, n, tables: tables, disagreements: disagreements, T.self)
    let o = package.outcome
    func strings(_ v: [T]) -> [String]? { T.isExact ? v.map { "\($0)" } : nil }
    let dsum = o.disagreement
    return NPlayerPackageSummary(
        solution: n.solution.rawValue, weights: n.weights, arithmetic: o.arithmetic.rawValue, set: "feasible",
        disagreementSource: n.disagreement.name, disagreement: dsum.map(\.doubleValue), exactDisagreement: strings(dsum),
        agreement: o.point.map(\.doubleValue), exactAgreement: strings(o.point), gains: o.gains.map(\.doubleValue),
        paretoOptimal: o.isParetoOptimal, optimalityGap: o.optimalityGap, iterations: o.iterations,
        implementation: o.lottery.map { t in
            NPlayerPackageSummary.LotteryEntry(probability: t.probability.doubleValue, exactProbability: T.isExact ? "\(t.probability)" : nil,
                                               payoffs: t.payoffs.map(\.doubleValue), outcomes: t.outcomes.map(\.label))
        },
        issues: model.domains.indices.map { d in
            NPlayerPackageSummary.Issue(name: model.domains[d].name, disagreement: disagreements[d].map(\.doubleValue),
                                        linked: package.perDomain[d].map(\.doubleValue), inAgreement: package.inAgreement[d])
        },
        agreedScope: model.domains.indices.filter { package.inAgreement[$0] }.map { model.domains[$0].name },
        notes: notes + o.notes)
}

/// `path:line:column: ` of the negotiation settings, or of the given disagreement point.
private func negotiationPlace(_ model: PolicyModel, _ n: ModelNegotiationSpec, disagreement: Bool = false) -> String {
    if disagreement, case .point(let e) = n.disagreement, let first = e.first {
        return "\(model.path):\(first.position): "
    }
    return "\(model.path):\(n.position): "
}

/// Domain d's disagreement point for N players (see `negotiateNPlayer`).
private func nPlayerDisagreement<T: GameScalar>(_ model: PolicyModel, _ n: ModelNegotiationSpec, _ d: Int, _ game: NormalFormGame,
                                                _ theta: [Double], _ statusQuo: [T]?, _: T.Type) throws(ModelNegotiationError) -> (point: [T], notes: [String]) {
    let place = negotiationPlace(model, n)
    if n.bargainingSet == .spe {
        throw .unsupported(place + "bargaining_set: spe is computed for two players; the model has \(model.players.count) (use bargaining_set: feasible)")
    }
    if n.outsideOptions.contains(where: { $0 != nil }) {
        throw .unsupported(place + "outside options are applied for two players; the model has \(model.players.count)")
    }
    let name = model.domains[d].name
    switch n.disagreement {
    case .stageEquilibrium:
        guard let sq = statusQuo else {
            throw .bargaining(place + "domain '\(name)' has no stage equilibrium, so its disagreement point is undetermined")
        }
        return (sq, [])
    case .pureMinmax:
        return (game.pureMinmax(T.self).map(\.value), [])
    case .minmax:
        return (game.pureMinmax(T.self).map(\.value),
                ["\(name): the mixed minmax is computed for two players; the pure minmax (an upper bound on it) is the disagreement point"])
    case .worstSPE:
        throw .unsupported(place + "disagreement: worst-spe needs the SPE payoff set, computed for two players; the model has \(model.players.count)")
    case .point(let e):
        let D = T(model.domains.count)
        return (e.map { x -> T in
            let v = x.evaluate(theta)
            return fromDouble(v, T.self) / D
        }, [])
    }
}

/// The N-player package: the hull of the sums of one profile per domain, solved; each
/// domain's expected payoffs under the implementing lottery.
private func nPlayerPackage<T: GameScalar>(_ model: PolicyModel, _ n: ModelNegotiationSpec, tables: [[[T]]],
                                           disagreements: [[T]], _: T.Type) throws(ModelNegotiationError)
    -> (outcome: NPlayerBargainingOutcome<T>, perDomain: [[T]], inAgreement: [Bool]) {
    let P = model.players.count, D = model.domains.count
    let counts = tables.map { $0[0].count }
    let total = counts.reduce(1) { $0 > 4096 ? $0 : $0 * $1 }
    guard total <= 4096 else {
        throw .unsupported(negotiationPlace(model, n) + "the package has more than 4096 combinations of pure profiles; N-player packages are solved up to 4096")
    }
    var points = [[T]](), labels = [AgreementOutcome]()
    points.reserveCapacity(total)
    var combo = [Int](repeating: 0, count: D)
    for _ in 0..<total {
        var u = [T](repeating: .zero, count: P)
        for d in 0..<D { for p in 0..<P { u[p] = u[p] + tables[d][p][combo[d]] } }
        points.append(u)
        let label = (0..<D).map { d -> String in
            let prof = model.domains[d].profile(at: combo[d])
            return "\(model.domains[d].name): (" + prof.enumerated().map { model.domains[d].actions[$0][$1] }.joined(separator: ", ") + ")"
        }.joined(separator: "; ")
        labels.append(AgreementOutcome(label: label, profile: combo))
        for d in 0..<D { combo[d] += 1; if combo[d] < counts[d] { break }; combo[d] = 0 }
    }
    var dsum = [T](repeating: .zero, count: P)
    for v in disagreements { for p in 0..<P { dsum[p] = dsum[p] + v[p] } }
    let outcome: NPlayerBargainingOutcome<T>
    do {
        let set = try BargainingPolytope(convexHullOf: points, outcomes: labels, name: "package of \(D) domain\(D == 1 ? "" : "s")")
        let w: [T] = equalWeights(n.weights) ? [T](repeating: T.one / T(P), count: P) : n.weights.map { fromDouble($0, T.self) }
        outcome = try set.solve(n.solution.bargainingKind, disagreement: dsum, weights: try BargainingWeightVector(w))
    } catch let e as NegotiationError {
        let place: String
        if case .disagreementNotDominated = e { place = negotiationPlace(model, n, disagreement: true) } else { place = negotiationPlace(model, n) }
        throw .bargaining(place + e.description)
    } catch {
        throw .bargaining(negotiationPlace(model, n) + "\(error)")
    }
    // Each domain's part: expected payoffs of its profiles under the lottery (the first way of
    // reaching each lottery point).
    var perDomain = [[T]](repeating: [T](repeating: .zero, count: P), count: D)
    for term in outcome.lottery {
        guard let c = term.outcomes.first?.profile else { continue }
        for d in 0..<D { for p in 0..<P { perDomain[d][p] = perDomain[d][p] + term.probability * tables[d][p][c[d]] } }
    }
    let scale = points.joined().reduce(1.0) { max($0, abs($1.doubleValue)) }
    let eps = T.isExact ? 0 : 1e-9 * scale
    let inAgreement = (0..<D).map { d in (0..<P).contains { abs((perDomain[d][$0] - disagreements[d][$0]).doubleValue) > eps } }
    return (outcome, perDomain, inAgreement)
}

/// A double in `T`: exactly the short decimal it prints as for `Rational` (as model
/// parameters are read), itself for `Double`.
private func fromDouble<T: GameScalar>(_ v: Double, _: T.Type) -> T {
    T.self == Rational.self ? rationalOrExact(v) as! T : v as! T
}

/// Whether the weights are all equal (the default 1/N, which a double cannot hold exactly).
private func equalWeights(_ w: [Double]) -> Bool { w.allSatisfy { $0 == w[0] } }
