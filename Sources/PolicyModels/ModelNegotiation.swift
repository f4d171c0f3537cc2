import GameTheory
import Negotiation
import RepeatedGames

/// The repeated game's subgame-perfect payoff set of one two-player stage game at given
/// discount factors: what `set: spe` and `disagreement: worst-spe` bargain over.
///
/// Vertices are `[u1, u2]` pairs in any order (the bargaining polygon takes their hull);
/// `worst` is each player's lowest SPE payoff. Exact values, when the set was computed in
/// rational arithmetic, sit alongside (the convention of `Equilibrium`).
public struct SPEPayoffSummary: Sendable, Equatable {
    public var vertices: [[Double]]
    public var exactVertices: [[Rational]]?
    public var worst: [Double]
    public var exactWorst: [Rational]?

    public init(vertices: [[Double]], exactVertices: [[Rational]]? = nil, worst: [Double], exactWorst: [Rational]? = nil) {
        self.vertices = vertices
        self.exactVertices = exactVertices
        self.worst = worst
        self.exactWorst = exactWorst
    }
}

/// Computes the SPE payoff set of a two-player stage game at discount factors `[δ1, δ2]`
/// (Abreu–Sannikov 2014, pure strategies with public randomisation). The RepeatedGames
/// module supplies one; `solve(model:…:spe:)` passes it the stage game of each domain.
public typealias SPEPayoffSetSolver = @Sendable (_ game: NormalFormGame, _ deltas: [Double]) throws -> SPEPayoffSummary

/// Why a model's negotiation settings could not be solved at a scenario.
public enum ModelNegotiationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The settings need the repeated game's SPE payoff set (`bargaining_set: spe` or
    /// `disagreement: worst-spe`) and no SPE solver was given or it failed.
    case speSetNotComputed(domain: String, setting: String, reason: String)
    /// The bargaining problem is ill-posed at these parameters (message from Negotiation).
    case bargaining(String)
    /// The settings are not defined for this model (for example more than two players).
    case unsupported(String)

    public var description: String {
        switch self {
        case .speSetNotComputed(let d, let s, let r):
            return "SPE payoff set not computed for domain '\(d)' (the negotiation settings ask for \(s)): \(r)"
        case .bargaining(let m): return "negotiation: \(m)"
        case .unsupported(let m): return "negotiation: \(m)"
        }
    }
}

/// The exact rational of a double that prints as a short decimal (at most 12 significant
/// digits), as parameters written in a model file do; `nil` otherwise.
func shortDecimal(_ v: Double) -> Rational? {
    guard v.isFinite else { return nil }
    let s = v == v.rounded() && Swift.abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
    guard !s.contains("e"), s.filter(\.isNumber).count <= 12 else { return nil }
    return Rational(parsing: s)
}

func rationalOrExact(_ v: Double) -> Rational { shortDecimal(v) ?? Rational(exactly: v) ?? .zero }

/// The Negotiation module's settings for a model's `negotiation:` block at the parameters θ:
/// weights, outside options and a given disagreement point evaluated and read exactly when
/// they are short decimals. A player without an outside option is given `floor[p]` (the
/// lowest payoff the package can give, so it never binds). With `alternating_offers: true` the
/// discount factors are `deltas` (the players' at θ) and the breakdown probability its
/// expression at θ.
public func negotiationSettings(_ n: ModelNegotiationSpec, theta: [Double], floor: [Rational] = [],
                                deltas: [Double] = []) -> NegotiationSettings {
    let solution: BargainingSolutionKind
    switch n.solution {
    case .nash: solution = .nash
    case .kalaiSmorodinsky: solution = .kalaiSmorodinsky
    case .egalitarian: solution = .egalitarian
    case .utilitarian: solution = .utilitarian
    }
    let disagreement: DisagreementSetting
    switch n.disagreement {
    case .stageEquilibrium: disagreement = .stageEquilibrium
    case .minmax: disagreement = .minmax
    case .pureMinmax: disagreement = .pureMinmax
    case .worstSPE: disagreement = .worstSPE
    case .point(let e):
        let v = e.map { rationalOrExact($0.evaluate(theta)) }
        disagreement = .point(PayoffPair(v[0], v[1]))
    }
    // Outside options: a player without one gets `floor[p]`, a payoff no agreement is below.
    var options: [Rational]?
    if n.outsideOptions.contains(where: { $0 != nil }) {
        options = n.outsideOptions.enumerated().map { p, e in
            e.map { rationalOrExact($0.evaluate(theta)) } ?? (p < floor.count ? floor[p] : .zero)
        }
    }
    return NegotiationSettings(
        solution: solution, weights: n.weights.map(rationalOrExact), disagreement: disagreement,
        set: n.bargainingSet == .spe ? .spe : .feasible, outsideOptions: options,
        discountFactors: n.alternatingOffers && !deltas.isEmpty ? deltas.map(rationalOrExact) : nil,
        breakdownProbability: n.alternatingOffers ? n.breakdownProbability.map { rationalOrExact($0.evaluate(theta)) } : nil)
}

/// The negotiation section of a model report at one scenario: the package over all domains
/// (`PackageSummary`: the linked agreement, the issue-by-issue deals, the agreed scope and who
/// concedes on which domain) under the model's `negotiation:` settings.
///
/// Per domain, the bargaining set is the feasible set of its stage game (`feasible`: the hull
/// of the pure payoff profiles, reached by public randomisation, i.e. an agreement that is
/// enforced) or the repeated game's SPE payoff set from `spe` (`spe`: self-enforcing
/// agreements); the disagreement point is the domain's status-quo stage equilibrium (the
/// highest joint payoff, as in the regime), the pure or mixed minmax, the worst SPE payoff,
/// or the given point split equally across domains. Outside options are the players'
/// alternatives to the whole package (the outside-option principle: they bind only when the
/// package would give less).
///
/// - Complexity: O(D² m²) for D domains of m pure profiles (the package's Minkowski sums).
/// - Throws: `.speSetNotComputed` only when the settings need the SPE set or the worst SPE
///   payoff and `spe` is `nil` (or fails); `.unsupported` for other than two players;
///   `.bargaining` when the problem is ill-posed (no point dominates the disagreement point…).
/// - References: J. F. Nash (1950), Econometrica 18(2), 155–162, doi:10.2307/1907266;
///   K. Binmore, A. Rubinstein, A. Wolinsky (1986), RAND Journal of Economics 17(2), 176–188,
///   doi:10.2307/2555382; J. K. Sebenius (1983), International Organization 37(2), 281–316,
///   doi:10.1017/S002081830003438X.
public func negotiate(model: PolicyModel, theta: [Double], deltas: [Double], games: [NormalFormGame],
                      statusQuo: [Equilibrium?], spe: SPEPayoffSetSolver?) throws(ModelNegotiationError) -> PackageSummary {
    guard let n = model.negotiation else { throw .unsupported("the model has no negotiation settings") }
    guard model.players.count == 2 else {
        throw .unsupported("bargaining is solved for two players; the model has \(model.players.count)")
    }
    // The lowest payoff each player can get in the package: a never-binding outside option.
    let floor = (0..<2).map { p in
        games.reduce(Rational.zero) { acc, g in
            acc + (0..<g.profileCount).map { k in g.exactPayoffTable?[p][k] ?? rationalOrExact(g.payoffTable[p][k]) }.min()!
        }
    }
    var settings = negotiationSettings(n, theta: theta, floor: floor, deltas: deltas)
    // A given disagreement point is for the whole package: each of the D domains gets 1/D of it.
    if case .point(let p) = settings.disagreement, games.count > 1 {
        let share = Rational(1) / Rational(games.count)
        settings.disagreement = .point(PayoffPair(share * p.u1, share * p.u2))
    }
    let needsSPE = settings.set == .spe || settings.disagreement == .worstSPE
    var domains = [(name: String, context: NegotiationContext)]()
    for (d, game) in games.enumerated() {
        var context = NegotiationContext(game: game, stageEquilibrium: statusQuo[d])
        if settings.disagreement == .minmax {
            // The mixed minmax by linear programming, exact when the stage game is.
            do {
                if game.hasExactPayoffs {
                    let mm = try game.mixedMinmax(Rational.self)
                    context.exactMinmax = mm.map(\.value)
                    context.minmax = mm.map(\.value.doubleValue)
                } else {
                    context.minmax = try game.mixedMinmax(Double.self).map(\.value)
                }
            } catch {
                throw .bargaining("the minmax of domain '\(model.domains[d].name)' could not be computed: \(error)")
            }
        }
        if needsSPE {
            let what = settings.set == .spe ? "bargaining_set: spe" : "disagreement: worst-spe"
            guard let spe else {
                throw .speSetNotComputed(domain: model.domains[d].name, setting: what,
                                         reason: "no SPE solver was passed (spe: nil)")
            }
            let summary: SPEPayoffSummary
            do { summary = try spe(game, deltas) } catch {
                throw .speSetNotComputed(domain: model.domains[d].name, setting: what, reason: "\(error)")
            }
            context.speVertices = summary.vertices
            context.exactSPEVertices = summary.exactVertices
            context.worstSPE = summary.worst
            context.exactWorstSPE = summary.exactWorst
        }
        domains.append((model.domains[d].name, context))
    }
    do {
        return try PackageSummary(settings: settings, domains: domains)
    } catch let e as NegotiationError {
        throw .bargaining(e.description)
    } catch {
        throw .bargaining("\(error)")
    }
}
