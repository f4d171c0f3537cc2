import GameTheory
import RepeatedGames
import Negotiation
import Foundation

/// Errors of `solve(model:scenario:overrides:delta:)`: the request, not the file, is wrong.
public enum ModelSolveError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownScenario(String, known: [String])
    case unknownParameter(String, known: [String])
    case discountOutOfRange(player: String, value: Double)
    case invalidPayoff(domain: String, player: String, profile: String, value: Double)
    case gameError(domain: String, message: String)
    /// The model's Markov states are invalid at these parameters (positions in the file).
    case invalidStates([Diagnostic])
    /// The Markov dynamics could not be analysed (no states, no equilibrium, a game error).
    case markov(String)
    case discountCount(given: Int, players: Int)

    public var description: String {
        switch self {
        case .unknownScenario(let s, let known):
            return unknownNameMessage(s, known: ["baseline"] + known, kind: "scenario")
                + "; the model's scenarios are " + (["baseline"] + known).joined(separator: ", ")
        case .unknownParameter(let p, let known): return "--set: " + unknownNameMessage(p, known: known)
        case .discountOutOfRange(let p, let v): return "the discount factor of \(p) is \(formatNumber(v)); it must lie strictly between 0 and 1"
        case .invalidPayoff(let d, let p, let k, let v): return "payoff of \(p) at \(k) in domain '\(d)' is \(formatNumber(v)) at these parameters"
        case .gameError(let d, let m): return "domain '\(d)': \(m)"
        case .invalidStates(let problems): return problems.map(\.description).joined(separator: "\n")
        case .markov(let m): return "states: \(m)"
        case .discountCount(let g, let p): return "\(g) discount factors given for a model with \(p) players; give one, or one per player"
        }
    }
}

/// The parameter vector and discount factors of a scenario with overrides applied.
///
/// `delta` replaces every player's discount factor by one common value; `perPlayerDeltas`
/// (one per player) replaces them player by player (it wins over `delta`).
public func resolveScenario(model: PolicyModel, scenario: String? = nil, overrides: [(String, Double)] = [],
                            delta: Double? = nil, perPlayerDeltas: [Double]? = nil) throws(ModelSolveError) -> (name: String, theta: [Double], deltas: [Double]) {
    var theta = model.baseline
    var discount = model.discount
    var name = "baseline"
    if let scenario, scenario != "baseline" {
        guard let s = model.scenario(named: scenario) else {
            throw .unknownScenario(scenario, known: model.scenarios.map(\.name))
        }
        for (i, v) in s.overrides { theta[i] = v }
        if let d = s.discount { discount = d }
        name = scenario
    }
    for (p, v) in overrides {
        guard let i = model.parameterNames.firstIndex(of: p) else { throw .unknownParameter(p, known: model.parameterNames) }
        theta[i] = v
    }
    if !overrides.isEmpty {
        name += " with " + overrides.map { "\($0.0)=\(formatNumber($0.1))" }.joined(separator: ", ")
    }
    var deltas = discount.count == 1 ? Array(repeating: discount[0].evaluate(theta), count: model.players.count)
                                     : discount.map { $0.evaluate(theta) }
    if let delta { deltas = Array(repeating: delta, count: model.players.count); name += " at δ=\(formatNumber(delta))" }
    if let perPlayerDeltas {
        guard perPlayerDeltas.count == model.players.count else { throw .discountCount(given: perPlayerDeltas.count, players: model.players.count) }
        deltas = perPlayerDeltas
        name += " at δ=" + perPlayerDeltas.map { formatNumber($0) }.joined(separator: ",")
    }
    for (p, d) in deltas.enumerated() where !(d > 0 && d < 1) {
        throw .discountOutOfRange(player: model.players[p], value: d)
    }
    return (name, theta, deltas)
}

/// The stage game of a domain at the parameter vector θ. Payoffs that print as short
/// decimals (at most 12 significant digits) are taken exactly as those decimals, so ties
/// are exact; otherwise the game is floating point.
public func stageGame(model: PolicyModel, domain d: Int, theta: [Double]) throws(ModelSolveError) -> NormalFormGame {
    let dom = model.domains[d]
    var table = [[Double]]()
    for (p, row) in dom.payoffs.enumerated() {
        var values = [Double]()
        for (k, e) in row.enumerated() {
            let v = e.evaluate(theta)
            guard v.isFinite else {
                throw .invalidPayoff(domain: dom.name, player: model.players[p],
                                     profile: "(" + dom.profile(at: k).enumerated().map { dom.actions[$0][$1] }.joined(separator: ", ") + ")", value: v)
            }
            values.append(v)
        }
        table.append(values)
    }
    var exact = [[Rational]]()
    for row in table {
        var r = [Rational]()
        for v in row {
            let s = v == v.rounded() && Swift.abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
            guard !s.contains("e"), s.filter(\.isNumber).count <= 12, let q = Rational(parsing: s) else { break }
            r.append(q)
        }
        if r.count != row.count { exact = []; break }
        exact.append(r)
    }
    do {
        if exact.count == table.count {
            return try NormalFormGame(title: dom.name, players: model.players, actions: dom.actions, exactPayoffs: exact)
        }
        return try NormalFormGame(title: dom.name, players: model.players, actions: dom.actions, payoffs: table)
    } catch {
        throw .gameError(domain: dom.name, message: "\(error)")
    }
}

/// Solves a model at a scenario (default: the baseline parameter values) with `--set`
/// overrides and an optional common discount factor replacing the model's.
///
/// Per domain: the stage game, its equilibria (`solveEquilibria`, each checked by regret),
/// the cooperative profile's critical δ under Nash reversion to the stage equilibrium that
/// punishes best (lowest threshold). Then for every set S of domains (up to 12 domains),
/// whether cooperating on S and playing the status-quo stage equilibrium (highest joint
/// payoff) elsewhere is sustainable with the S-domains linked, and the regime of DESIGN.md §7.
/// For two players, each domain's SPE payoff set at the scenario's δ from `spe` (by default
/// `abreuSannikovSPESolver`; it needs one common δ, otherwise the report says why it is
/// missing) and the cooperative profile's optimal-penal-code threshold beside the
/// Nash-reversion one. When the model has `negotiation:` settings, the negotiated package
/// over all domains (`negotiate(model:…)`), bargaining over the SPE sets from `spe` when the
/// settings ask for them (with `spe: nil` such a negotiation is reported as not computed).
///
/// - Complexity: O(2^D · D · e^D) for D domains with e stage equilibria each (the punishment
///   combination search is capped at 4096 combinations; beyond it each domain's own best
///   punishment is used).
/// - References: J. W. Friedman (1971), Review of Economic Studies 38(1), 1–12,
///   doi:10.2307/2296617; B. D. Bernheim and M. D. Whinston (1990), RAND Journal of Economics
///   21(1), 1–26, doi:10.2307/2555490.
public func solve(model: PolicyModel, scenario: String? = nil, overrides: [(String, Double)] = [],
                  delta: Double? = nil, perPlayerDeltas: [Double]? = nil,
                  spe: SPEPayoffSetSolver? = abreuSannikovSPESolver) throws(ModelSolveError) -> ModelReport {
    let (name, theta, deltas) = try resolveScenario(model: model, scenario: scenario, overrides: overrides, delta: delta,
                                                    perPlayerDeltas: perPlayerDeltas)
    var notes = [String]()
    for (i, p) in model.parameters.enumerated() {
        if let lo = p.lowerBound, let hi = p.upperBound, theta[i] < lo || theta[i] > hi {
            notes.append("\(p.name) = \(formatNumber(theta[i])) is outside its bounds [\(formatNumber(lo)), \(formatNumber(hi))]")
        }
    }
    var domains = [ModelReport.Domain]()
    var games = [NormalFormGame]()
    var equilibria = [[Equilibrium]]()
    for d in model.domains.indices {
        let dom = model.domains[d]
        let game = try stageGame(model: model, domain: d, theta: theta)
        games.append(game)
        let report: EquilibriumReport
        do { report = try solveEquilibria(game) } catch { throw .gameError(domain: dom.name, message: "\(error)") }
        equilibria.append(report.equilibria)
        notes.append(contentsOf: report.notes.map { "\(dom.name): \($0)" })
        if report.equilibria.isEmpty {
            notes.append("\(dom.name): no stage equilibrium found (\(report.scope)); the domain's thresholds and the regime are undetermined")
        }
        let eqs = report.equilibria.map { e in
            ModelReport.StageEquilibrium(strategies: e.strategies, payoffs: e.payoffs, regret: e.regret,
                                         actions: e.isPure ? e.supports.enumerated().map { dom.actions[$0][$1[0]] } : nil)
        }
        // Best punishment for the cooperative profile alone.
        var best: (Int, CriticalDiscountFactor)?
        for (i, e) in report.equilibria.enumerated() {
            let t = nashReversionThreshold(game: game, profile: dom.cooperative, punishment: e.payoffs)
            if best == nil || (t.value ?? .infinity) < (best!.1.value ?? .infinity) { best = (i, t) }
        }
        let statusQuo = report.equilibria.indices.max { a, b in
            let ja = report.equilibria[a].payoffs.reduce(0, +), jb = report.equilibria[b].payoffs.reduce(0, +)
            return ja < jb || (ja == jb && a > b)
        }
        // The repeated game's SPE payoff set and the optimal-penal-code threshold.
        var speSet: ModelReport.SPEPayoffSet?
        var speUnavailable: String?
        var penalCode: ModelReport.PenalCodeThreshold?
        if let spe, model.players.count == 2 {
            do {
                let set = try spe(game, deltas)
                speSet = .init(vertices: set.vertices, exactVertices: set.exactVertices?.map { $0.map(\.description) },
                               worstPayoffs: set.worst, exactWorstPayoffs: set.exactWorst?.map(\.description))
                let tolerance = 1e-5
                let per = penalCodeThresholds(game: game, profile: dom.cooperative, equilibria: report.equilibria, spe: spe, tolerance: tolerance)
                let base = nashReversionThreshold(game: game, profile: dom.cooperative, punishment: set.worst)
                var binding: Double? = 0
                for x in per { if let x, let b = binding { binding = max(b, x) } else { binding = nil } }
                penalCode = .init(perPlayer: per, criticalDelta: binding, tolerance: tolerance, worstPayoffs: set.worst,
                                  sustainable: base.constraints.allSatisfy { c in
                                      c.cooperation >= (1 - deltas[c.player]) * c.deviation + deltas[c.player] * c.punishment
                                          - 1e-9 * max(1, Swift.abs(c.deviation))
                                  })
            } catch {
                speUnavailable = "\(error)"
                notes.append("\(dom.name): SPE payoff set not computed: \(error)")
            }
        }
        let coop = ModelReport.Cooperation(
            actions: dom.cooperative.enumerated().map { dom.actions[$0][$1] },
            payoffs: model.players.indices.map { game.payoff($0, dom.cooperative) },
            punishmentEquilibrium: best?.0,
            alone: best.map { b in
                thresholdReport(b.1, players: model.players, deltas: deltas,
                                exact: exactThreshold([(game, dom.cooperative, report.equilibria[b.0].exactPayoffs)]))
            },
            optimalPenalCode: penalCode)
        domains.append(ModelReport.Domain(
            name: dom.name, actions: dom.actions,
            profiles: (0..<game.profileCount).map { k in
                let prof = game.profile(at: k)
                return ModelReport.ProfilePayoff(actions: prof.enumerated().map { dom.actions[$0][$1] },
                                                 payoffs: model.players.indices.map { game.payoffTable[$0][k] })
            },
            arithmetic: report.arithmetic.rawValue, method: report.method, scope: report.scope,
            equilibria: eqs, statusQuoEquilibrium: statusQuo, cooperative: coop,
            spePayoffSet: speSet, speUnavailable: speUnavailable))
    }

    // Linked thresholds over every set of domains.
    let D = model.domains.count
    let determined = equilibria.allSatisfy { !$0.isEmpty }
    func linked(_ set: [Int]) -> (CriticalDiscountFactor, [Int]) {
        let counts = set.map { equilibria[$0].count }
        let combos = counts.reduce(1) { $0 * $1 > 4096 ? 4097 : $0 * $1 }
        var best: CriticalDiscountFactor?
        var bestChoice = [Int]()
        if combos <= 4096 {
            var choice = [Int](repeating: 0, count: set.count)
            while true {
                let parts = set.enumerated().map { i, d in
                    nashReversionThreshold(game: games[d], profile: model.domains[d].cooperative,
                                           punishment: equilibria[d][choice[i]].payoffs)
                }
                let t = linkedThreshold(parts)
                if best == nil || (t.value ?? .infinity) < (best!.value ?? .infinity) { best = t; bestChoice = choice }
                var i = 0
                while i < choice.count { choice[i] += 1; if choice[i] < counts[i] { break }; choice[i] = 0; i += 1 }
                if i == choice.count { break }
            }
            return (best!, bestChoice)
        }
        let choice = set.map { domains[$0].cooperative.punishmentEquilibrium! }
        return (linkedThreshold(set.indices.map { i in
            nashReversionThreshold(game: games[set[i]], profile: model.domains[set[i]].cooperative,
                                   punishment: equilibria[set[i]][choice[i]].payoffs)
        }), choice)
    }
    func exact(_ set: [Int], _ choice: [Int]) -> ExactThreshold? {
        exactThreshold(set.indices.map { i in
            (games[set[i]], model.domains[set[i]].cooperative, equilibria[set[i]][choice[i]].exactPayoffs)
        })
    }
    var sets = [ModelReport.CooperationSet]()
    var linkedAll: ModelReport.Threshold?
    var regime = ModelReport.Regime(name: "undetermined", best: [], jointPayoff: nil, ties: [], linkageDependent: false, sets: [])
    if determined && D <= 12 {
        let coopJoint = domains.map { $0.cooperative.payoffs.reduce(0, +) }
        let sqJoint = domains.map { $0.equilibria[$0.statusQuoEquilibrium!].payoffs.reduce(0, +) }
        var candidates: [(set: [Int], joint: Double)] = [([], sqJoint.reduce(0, +))]
        var anySustainable = false
        for mask in 1..<(1 << D) {
            let s = (0..<D).filter { mask & (1 << $0) != 0 }
            let (t, choice) = linked(s)
            let rep = thresholdReport(t, players: model.players, deltas: deltas, exact: exact(s, choice))
            let separately = s.allSatisfy { domains[$0].cooperative.alone?.sustainable ?? false }
            let joint = (0..<D).reduce(0.0) { $0 + (s.contains($1) ? coopJoint[$1] : sqJoint[$1]) }
            sets.append(ModelReport.CooperationSet(domains: s.map { model.domains[$0].name }, jointPayoff: joint,
                                                   sustainable: rep.sustainable, sustainableSeparately: separately, linked: rep))
            if rep.sustainable { candidates.append((s, joint)); anySustainable = true }
            if s.count == D { linkedAll = rep }
        }
        // Best: highest joint payoff; on ties, larger sets first, then file order.
        candidates.sort { a, b in
            if a.joint != b.joint { return a.joint > b.joint }
            if a.set.count != b.set.count { return a.set.count > b.set.count }
            return a.set.lexicographicallyPrecedes(b.set)
        }
        let top = candidates[0]
        let tolerance = 1e-9 * (1 + Swift.abs(top.joint))
        // Domains whose status-quo stage equilibrium is the cooperative profile itself
        // cooperate whether or not they are in S: sets differing only in those are the same
        // outcome, not ties.
        let selfEnforcing = Set((0..<D).filter { d in
            let e = equilibria[d][domains[d].statusQuoEquilibrium!]
            return e.isPure && e.supports.map { $0[0] } == model.domains[d].cooperative
        })
        var seenOutcomes: Set<Set<Int>> = [Set(top.set).union(selfEnforcing)]
        let tied = candidates.dropFirst().filter {
            Swift.abs($0.joint - top.joint) <= tolerance && seenOutcomes.insert(Set($0.set).union(selfEnforcing)).inserted
        }
        let bestSeparately = top.set.allSatisfy { domains[$0].cooperative.alone?.sustainable ?? false }
        regime = ModelReport.Regime(
            name: top.set.count == D ? "full-cooperation" : top.set.isEmpty ? "decoupling" : "managed-competition",
            best: top.set.map { model.domains[$0].name }, jointPayoff: top.joint,
            ties: tied.map { $0.set.map { model.domains[$0].name } },
            linkageDependent: !top.set.isEmpty && !bestSeparately, sets: sets)
        if top.set.isEmpty && anySustainable {
            notes.append("cooperation is sustainable on some domains but gives no more joint payoff than the stage equilibria")
        }
        if sets.last!.sustainable && top.set.count < D {
            notes.append("cooperation on all domains is sustainable but another set gives a higher joint payoff")
        }
    } else if D > 12 {
        notes.append("the model has \(D) domains; sets of domains are enumerated only up to 12")
    }

    var negotiation: ModelReport.NegotiationInfo?
    if let n = model.negotiation {
        var point: [Double]?
        if case .point(let e) = n.disagreement { point = e.map { $0.evaluate(theta) } }
        var info = ModelReport.NegotiationInfo(solution: n.solution.rawValue, weights: n.weights,
                                               disagreement: n.disagreement.name, disagreementPoint: point,
                                               bargainingSet: n.bargainingSet.rawValue,
                                               outsideOptions: n.outsideOptions.map { $0?.evaluate(theta) })
        if determined {
            do {
                let statusQuo = domains.indices.map { d in domains[d].statusQuoEquilibrium.map { equilibria[d][$0] } }
                if model.players.count > 2 {
                    info.nPlayer = try negotiateNPlayer(model: model, theta: theta, games: games, statusQuo: statusQuo)
                } else {
                    info.package = try negotiate(model: model, theta: theta, deltas: deltas, games: games,
                                                 statusQuo: statusQuo, spe: spe)
                }
            } catch {
                info.unavailable = error.description
                notes.append(error.description)
            }
        } else {
            info.unavailable = "negotiation: some domain has no stage equilibrium, so its disagreement point is undetermined"
        }
        negotiation = info
    }
    var states: ModelReport.StatesInfo?
    if let s = model.states {
        states = ModelReport.StatesInfo(domain: model.domains[s.domain].name, initial: s.states[s.initial].name,
                                        states: s.states.map(\.name),
                                        transitions: s.states.map { st in st.transitions.map { row in row.map { $0.evaluate(theta) } } })
    }
    let markov = model.states == nil ? nil : try solveMarkov(model: model, theta: theta, deltas: deltas)
    return ModelReport(
        model: .init(title: model.title, source: model.source, path: model.path, contentHash: model.contentHash, format: model.format),
        scenario: name, players: model.players,
        parameters: model.parameters.enumerated().map { .init(name: $1.name, value: theta[$0], unit: $1.unit) },
        discountFactors: deltas, domains: domains, linked: linkedAll, regime: regime,
        negotiation: negotiation, states: states, notes: notes, markov: markov)
}

func thresholdReport(_ t: CriticalDiscountFactor, players: [String], deltas: [Double],
                     exact: ExactThreshold? = nil) -> ModelReport.Threshold {
    ModelReport.Threshold(
        constraints: t.constraints.map {
            .init(player: players[$0.player], cooperation: $0.cooperation, deviation: $0.deviation,
                  punishment: $0.punishment, criticalDelta: $0.criticalDiscountFactor,
                  exactCriticalDelta: exact?.perPlayer[$0.player])
        },
        criticalDelta: t.value, exactCriticalDelta: exact?.value, sustainable: t.isSustainable(deltas: deltas))
}

/// Exact critical discount factors as fractions (`"9/13"`, `"0"`, or `"never"`), per player
/// and binding.
struct ExactThreshold {
    var perPlayer: [String]
    var value: String
}

/// The pooled Nash-reversion threshold in exact arithmetic, or `nil` when some game or
/// punishment is not exact. Same definition as `nashReversionThreshold` + `linkedThreshold`:
/// per player, gain = Σ_d (best deviation − cooperation), loss = Σ_d (cooperation − punishment),
/// δ* = 0 if gain ≤ 0, never if loss ≤ 0, else gain/(gain + loss).
func exactThreshold(_ parts: [(game: NormalFormGame, profile: [Int], punishment: [Rational]?)]) -> ExactThreshold? {
    guard let first = parts.first else { return nil }
    var perPlayer = [Rational?]()
    for p in 0..<first.game.playerCount {
        var gain = Rational.zero, loss = Rational.zero
        for part in parts {
            guard let coop = part.game.exactPayoff(p, part.profile), let pun = part.punishment?[p] else { return nil }
            var dev = coop
            var alt = part.profile
            for a in 0..<part.game.actions[p].count {
                alt[p] = a
                if let u = part.game.exactPayoff(p, alt), u > dev { dev = u }
            }
            gain = gain + (dev - coop)
            loss = loss + (coop - pun)
        }
        if gain <= .zero { perPlayer.append(.zero) } else if loss <= .zero { perPlayer.append(nil) } else { perPlayer.append(gain / (gain + loss)) }
    }
    var value: Rational? = .zero
    for d in perPlayer { if let d, let v = value { value = max(v, d) } else { value = nil } }
    return ExactThreshold(perPlayer: perPlayer.map { $0?.description ?? "never" }, value: value?.description ?? "never")
}

/// Solves every scenario of a model: the baseline first, then the scenarios in file order.
public func solveAllScenarios(model: PolicyModel, overrides: [(String, Double)] = [], delta: Double? = nil,
                              perPlayerDeltas: [Double]? = nil,
                              spe: SPEPayoffSetSolver? = abreuSannikovSPESolver) throws(ModelSolveError) -> [ModelReport] {
    var result = [try solve(model: model, overrides: overrides, delta: delta, perPlayerDeltas: perPlayerDeltas, spe: spe)]
    for s in model.scenarios {
        result.append(try solve(model: model, scenario: s.name, overrides: overrides, delta: delta,
                                perPlayerDeltas: perPlayerDeltas, spe: spe))
    }
    return result
}
