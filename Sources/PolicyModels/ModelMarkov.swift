import GameTheory
import LinearAlgebra
import MarkovGames

// Markov dynamics of a policy model: the `states:` section of a model file becomes a
// `MarkovGame` (one stage game per state, transitions per state and action profile of the
// states' domain), solved for all pure stationary Markov perfect equilibria, each with the
// long-run behaviour of the state chain it induces.
//
// Index conventions: states in file order; players in file order; a state's profiles in
// Gambit order (player 0 fastest), as in `ModelDomain`.

/// The Markov game of a model's `states:` section at the parameter vector θ.
///
/// State s's stage game has the states' domain's actions and the state's payoffs (the
/// domain's own when the state gives none), evaluated at θ; its transition rows are the
/// state's probability expressions at θ. The file validator checks the rows at the baseline
/// and in every scenario; this function checks them again at θ (which `--set` overrides may
/// have moved), so a probability outside [0, 1], a row that does not sum to one (within
/// 10⁻⁹) or a non-finite payoff is reported with the file position of the expression or row.
///
/// - Parameters:
///   - deltas: one discount factor per player (or one common).
/// - Complexity: O(S · K · (N + S)) expression evaluations for S states, K profiles, N players.
/// - Throws: `ModelSolveError.invalidStates` with every problem found (`PATH:LINE:COLUMN`),
///   or `.markov` when the model has no states or the game cannot be built.
public func markovGame(model: PolicyModel, theta: [Double], deltas: [Double]) throws(ModelSolveError) -> MarkovGame {
    guard let st = model.states else { throw .markov("the model has no 'states:' section") }
    let dom = model.domains[st.domain]
    var problems = [Diagnostic]()
    func report(_ at: SourcePosition, _ message: String) {
        problems.append(Diagnostic(path: model.path, line: at.line, column: at.column, message: message))
    }
    func profileName(_ k: Int) -> String {
        "(" + dom.profile(at: k).enumerated().map { dom.actions[$0][$1] }.joined(separator: ", ") + ")"
    }
    var games = [NormalFormGame?]()
    var transitions = [[[Double]]]()
    for s in st.states {
        var table = [[Double]]()
        for (p, row) in s.payoffs.enumerated() {
            table.append(row.enumerated().map { k, e in
                let v = e.evaluate(theta)
                if !v.isFinite {
                    report(e.position, "payoff of \(model.players[p]) at \(profileName(k)) in state '\(s.name)' is \(formatNumber(v)) at these parameters")
                }
                return v
            })
        }
        var rows = [[Double]]()
        for (k, row) in s.transitions.enumerated() {
            let which = s.rowIsDefault[k] ? "in the \"*\" row" : "after \(profileName(k))"
            var bad = false
            let values = row.enumerated().map { j, e in
                let v = e.evaluate(theta)
                if !(v >= 0 && v <= 1) {
                    report(e.position, "probability of moving from '\(s.name)' to '\(st.states[j].name)' \(which) is \(formatNumber(v)) at these parameters; it must lie in [0, 1]")
                    bad = true
                }
                return v
            }
            let sum = values.reduce(0, +)
            if !bad && Swift.abs(sum - 1) > MarkovGame.rowSumTolerance {
                report(s.rowPositions[k], "transition probabilities from '\(s.name)' \(which) sum to \(formatNumber(sum)) at these parameters, not 1")
            }
            rows.append(values)
        }
        transitions.append(rows)
        games.append(try? NormalFormGame(title: s.name, players: model.players, actions: dom.actions, payoffs: table))
    }
    // One message per (position, text): a "*" row shared by many profiles is reported once.
    var seen = Set<Diagnostic>()
    problems = problems.filter { seen.insert($0).inserted }
    if !problems.isEmpty {
        throw .invalidStates(problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
    }
    do {
        return try MarkovGame(states: st.states.map(\.name), stageGames: games, transitions: transitions,
                              discountFactors: deltas)
    } catch {
        throw .markov("\(error)")
    }
}

/// Solves a model's Markov dynamics at θ: all pure stationary Markov perfect equilibria
/// (`PureMarkovPerfectEquilibria`, exhaustive with sound pruning, each checked by one-shot
/// deviation in every state) and, for each, the long-run behaviour of the state chain from
/// the initial state.
///
/// Per equilibrium and state t, from the model's initial state i: the long-run share of time
/// in t (Cesàro average, `StateChain.longRunDistribution`); the probability of ever reaching t
/// and of having reached it within each horizon H (computed on the chain with t made
/// absorbing: `Σ_{n ≤ H}` first-passage mass = `(P_t^H)[i, t]`); the expected number of
/// periods until t is first reached (`nil` unless it is reached with probability one); the
/// players' discounted and normalised values in t. For an absorbing state ("bifurcated") the
/// reach probability is the absorption probability and the expected time is the expected
/// time to absorption.
///
/// The *selected* equilibrium, used by `longRunShares(model:theta:deltas:)`, is the one with
/// the highest sum of the players' discounted values from the initial state (the first in
/// search order on ties within 10⁻⁹ relative); the report lists all.
///
/// - Parameters:
///   - horizons: numbers of periods for the "reached within H" probabilities.
///   - maximumNodes: node limit of the equilibrium search (the report says when it was hit).
/// - Complexity: the search (worst case exponential in S, see `PureMarkovPerfectEquilibria`),
///   then per equilibrium O(S⁴ + S³ · max H) for S states.
/// - References: E. Maskin and J. Tirole (2001), "Markov perfect equilibrium: I. Observable
///   actions", J. Econ. Theory 100(2), 191–219, doi:10.1006/jeth.2000.2785; J. G. Kemeny and
///   J. L. Snell (1960), *Finite Markov Chains*, Van Nostrand.
public func solveMarkov(model: PolicyModel, theta: [Double], deltas: [Double], horizons: [Int] = [10, 25, 50],
                        maximumNodes: Int = 200_000) throws(ModelSolveError) -> ModelReport.MarkovInfo {
    guard let st = model.states else { throw .markov("the model has no 'states:' section") }
    let game = try markovGame(model: model, theta: theta, deltas: deltas)
    let dom = model.domains[st.domain]
    let horizons = Array(Set(horizons.filter { $0 >= 0 })).sorted()
    do {
        let search = try PureMarkovPerfectEquilibria(maximumNodes: maximumNodes).solve(game)
        var infos = [ModelReport.MarkovEquilibriumInfo]()
        for eq in search.equilibria {
            infos.append(try markovOutcome(game: game, equilibrium: eq, initial: st.initial, horizons: horizons,
                                           actionNames: dom.actions))
        }
        let selected = selectedEquilibrium(search.equilibria, initial: st.initial)
        var notes = search.notes
        if search.equilibria.isEmpty {
            notes.append("no pure stationary Markov perfect equilibrium: long-run shares are undetermined (mixed stationary equilibria were not searched)")
        }
        return ModelReport.MarkovInfo(
            domain: dom.name, initial: st.states[st.initial].name, states: st.states.map(\.name),
            method: search.method, scope: search.scope, complete: search.isComplete, tolerance: search.tolerance,
            horizons: horizons, selected: selected,
            selection: "highest sum of the players' discounted values from the initial state; first in search order on ties",
            equilibria: infos, notes: notes)
    } catch let e as ModelSolveError {
        throw e
    } catch {
        throw .markov("\(error)")
    }
}

/// The long-run share of time in each state (by name) from the model's initial state, under
/// the selected pure stationary Markov perfect equilibrium at θ (see
/// `solveMarkov(model:theta:deltas:)` for the selection rule): the function a sweep or batch
/// adapter calls once per parameter point.
///
/// - Parameters:
///   - deltas: discount factors, one per player or one common; `nil`: the model's discount
///     expressions evaluated at θ.
/// - Complexity: that of `solveMarkov`.
/// - Throws: `ModelSolveError.invalidStates` (bad transition rows at θ, with positions),
///   `.discountOutOfRange`, or `.markov` (no states, or no pure stationary MPE at θ).
public func longRunShares(model: PolicyModel, theta: [Double], deltas: [Double]? = nil) throws(ModelSolveError) -> [String: Double] {
    guard theta.count == model.parameters.count else {
        throw .markov("θ has \(theta.count) values; the model has \(model.parameters.count) parameters")
    }
    let d = deltas ?? model.discount.map { $0.evaluate(theta) }
    let full = d.count == 1 ? Array(repeating: d[0], count: model.players.count) : d
    for (p, x) in full.enumerated() where p < model.players.count && !(x > 0 && x < 1) {
        throw .discountOutOfRange(player: model.players[p], value: x)
    }
    guard let st = model.states else { throw .markov("the model has no 'states:' section") }
    let game = try markovGame(model: model, theta: theta, deltas: full)
    do {
        let search = try PureMarkovPerfectEquilibria().solve(game)
        guard let k = selectedEquilibrium(search.equilibria, initial: st.initial) else {
            throw ModelSolveError.markov("no pure stationary Markov perfect equilibrium at these parameters; long-run shares are undetermined")
        }
        // Only the selected equilibrium's chain is analysed (solveMarkov analyses them all).
        let chain = try StateChain(transition: try game.evaluate(search.equilibria[k].profile).chain)
        let shares = chain.longRunDistribution(from: st.initial)
        return Dictionary(uniqueKeysWithValues: zip(game.states, shares))
    } catch let e as ModelSolveError {
        throw e
    } catch {
        throw .markov("\(error)")
    }
}

/// The index of the equilibrium with the highest sum of the players' discounted values from
/// `initial`; the first in the given order on ties within 10⁻⁹ relative; `nil` when empty.
func selectedEquilibrium(_ equilibria: [MarkovEquilibrium], initial: Int) -> Int? {
    var selected: Int?
    var best = -Double.infinity
    for (k, e) in equilibria.enumerated() {
        let joint = e.values.reduce(0) { $0 + $1[initial] }
        if selected == nil || joint > best + 1e-9 * Swift.max(1, Swift.abs(best)) { selected = k; best = joint }
    }
    return selected
}

/// The state-chain outcome of one equilibrium from `initial`.
func markovOutcome(game: MarkovGame, equilibrium eq: MarkovEquilibrium, initial: Int, horizons: [Int],
                   actionNames: [[String]]) throws -> ModelReport.MarkovEquilibriumInfo {
    let ev = try game.evaluate(eq.profile)
    let p = ev.chain
    let chain = try StateChain(transition: p)
    let n = game.stateCount
    let longRun = chain.longRunDistribution(from: initial)
    let hitting = try (0..<n).map { t in try chain.expectedHittingTimes(to: [t])[initial] }
    let actions = eq.profile.pureActions ?? []
    var states = [ModelReport.MarkovStateOutcome]()
    for t in 0..<n {
        var reach = 1.0
        var within = [Double](repeating: 1, count: horizons.count)
        if t != initial {
            // The chain with t made absorbing: absorption into {t} is "ever reaching t", and
            // the mass on t after H steps is "reached within H".
            var q = p
            for u in 0..<n { q[t, u] = u == t ? 1 : 0 }
            let stopped = try StateChain(transition: q)
            let j = stopped.recurrentClasses.firstIndex { stopped.classes[$0] == [t] }
            reach = j.map { stopped.absorptionProbabilities[initial][$0] } ?? 0
            var x = [Double](repeating: 0, count: n)
            x[initial] = 1
            var step = 0
            for (h, horizon) in horizons.enumerated() {
                while step < horizon {
                    var y = [Double](repeating: 0, count: n)
                    for s in 0..<n where x[s] != 0 { for u in 0..<n { y[u] += x[s] * q[s, u] } }
                    x = y
                    step += 1
                }
                within[h] = x[t]
            }
        }
        states.append(ModelReport.MarkovStateOutcome(
            state: game.states[t],
            actions: actions.isEmpty ? [] : actions[t].enumerated().map { actionNames[$0][$1] },
            values: ev.values.map { $0[t] }, normalizedValues: ev.normalizedValues.map { $0[t] },
            longRunShare: longRun[t], reachProbability: reach, reachWithin: within,
            expectedStepsToReach: hitting[t], absorbing: p[t, t] == 1))
    }
    return ModelReport.MarkovEquilibriumInfo(
        regret: eq.regret, stationaryDistribution: chain.uniqueStationaryDistribution,
        recurrentClasses: chain.recurrentClasses.map { chain.classes[$0].map { game.states[$0] } },
        absorptionProbabilities: chain.absorptionProbabilities[initial],
        states: states)
}

extension ModelReport {
    /// The Markov dynamics of a model with `states:` at one scenario (`solveMarkov`).
    public struct MarkovInfo: Codable, Sendable, Equatable {
        /// The domain whose actions drive the transitions.
        public var domain: String
        public var initial: String
        public var states: [String]
        /// `pure-exhaustive`.
        public var method: String
        /// What was searched, in words.
        public var scope: String
        /// Whether `equilibria` holds every pure stationary MPE.
        public var complete: Bool
        /// The regret tolerance every equilibrium meets.
        public var tolerance: Double
        /// The horizons (periods) of `reach_within`.
        public var horizons: [Int]
        /// Index into `equilibria` of the selected equilibrium (`nil` when there is none).
        public var selected: Int?
        /// The selection rule, in words.
        public var selection: String
        public var equilibria: [MarkovEquilibriumInfo]
        public var notes: [String]
    }

    /// One pure stationary Markov perfect equilibrium and the state chain it induces.
    public struct MarkovEquilibriumInfo: Codable, Sendable, Equatable {
        /// The largest one-shot deviation gain over states and players (checked ≤ tolerance).
        public var regret: Double
        /// The stationary distribution when the chain has one recurrent class.
        public var stationaryDistribution: [Double]?
        /// The closed communicating classes of the chain.
        public var recurrentClasses: [[String]]
        /// Probability of ending in each recurrent class from the initial state.
        public var absorptionProbabilities: [Double]
        /// Per state, in state order.
        public var states: [MarkovStateOutcome]
    }

    /// What happens in and to one state under an equilibrium, seen from the initial state.
    public struct MarkovStateOutcome: Codable, Sendable, Equatable {
        public var state: String
        /// The action of each player in this state.
        public var actions: [String]
        /// Discounted value of each player from this state.
        public var values: [Double]
        /// `(1 − δₚ)` times the value: an average payoff per period.
        public var normalizedValues: [Double]
        /// Long-run share of time in this state from the initial state.
        public var longRunShare: Double
        /// Probability of ever reaching this state from the initial state.
        public var reachProbability: Double
        /// Probability of having reached it within each of `horizons` periods.
        public var reachWithin: [Double]
        /// Expected periods until first reaching it (`nil`: not reached with probability one).
        public var expectedStepsToReach: Double?
        /// The state is absorbing under this equilibrium.
        public var absorbing: Bool
    }
}

// MARK: Rendering

extension ModelReport.MarkovInfo {
    private func number(_ x: Double?) -> String { x.map { formatNumber($0) } ?? "–" }
    private func actionsText(_ o: ModelReport.MarkovStateOutcome) -> String { "(" + o.actions.joined(separator: ", ") + ")" }
    private var header: String {
        "\(scope) (\(complete ? "complete" : "incomplete")), \(equilibria.count) found"
    }

    /// Plain text: every equilibrium with its per-state table.
    public func text() -> String {
        var out = "Markov dynamics (domain \(domain), initial state \(initial)): \(header)\n"
        for (k, e) in equilibria.enumerated() {
            out += "  \(k + 1). " + e.states.map { "\($0.state) \(actionsText($0))" }.joined(separator: ", ")
            out += "; regret \(formatNumber(e.regret))\(k == selected ? " [selected]" : "")\n"
            for o in e.states {
                out += "     \(o.state): long-run share \(formatNumber(o.longRunShare)), reached with probability \(formatNumber(o.reachProbability))"
                if !horizons.isEmpty {
                    out += " (" + zip(horizons, o.reachWithin).map { "within \($0): \(formatNumber($1))" }.joined(separator: ", ") + ")"
                }
                out += ", expected periods to reach \(number(o.expectedStepsToReach)), values \(o.values.map { formatNumber($0) }.joined(separator: ", "))\(o.absorbing ? ", absorbing" : "")\n"
            }
        }
        for n in notes { out += "  note: \(n)\n" }
        return out
    }

    /// Markdown: one table per equilibrium.
    public func markdown() -> String {
        var out = "\n**Markov dynamics** (domain \(domain), initial state \(initial)): \(header).\n"
        let within = horizons.map { "P(reached ≤ \($0))" }
        for (k, e) in equilibria.enumerated() {
            out += "\nEquilibrium \(k + 1)\(k == selected ? " (selected)" : ""), regret \(formatNumber(e.regret)):\n\n"
            out += "| state | actions | long-run share | P(reached) | " + within.map { "\($0) | " }.joined() + "expected periods to reach | values |\n"
            out += "|---|---|---|---|" + String(repeating: "---|", count: within.count) + "---|---|\n"
            for o in e.states {
                out += "| \(o.state)\(o.absorbing ? " (absorbing)" : "") | \(actionsText(o)) | \(formatNumber(o.longRunShare)) | \(formatNumber(o.reachProbability)) | "
                out += o.reachWithin.map { "\(formatNumber($0)) | " }.joined()
                out += "\(number(o.expectedStepsToReach)) | \(o.values.map { formatNumber($0) }.joined(separator: ", ")) |\n"
            }
        }
        return out
    }

    /// A LaTeX booktabs table of the selected equilibrium (`esc` escapes text).
    public func latex(caption: String, label: String, escape esc: (String) -> String) -> String {
        guard let k = selected else {
            return "% \(esc(caption)): no pure stationary Markov perfect equilibrium found\n"
        }
        let e = equilibria[k]
        var out = "\n\\begin{table}[htbp]\n\\centering\n"
        out += "\\caption{\(esc(caption)). Markov dynamics from state \(esc(initial)), selected pure stationary MPE \(k + 1) of \(equilibria.count).}\n"
        out += "\\label{\(label)-markov}\n"
        out += "\\begin{tabular}{ll" + String(repeating: "r", count: 3 + horizons.count) + "}\n\\toprule\n"
        out += "State & Actions & Long-run share & P(reached) & " + horizons.map { "$\\le \($0)$ & " }.joined() + "Expected periods \\\\\n\\midrule\n"
        for o in e.states {
            out += "\(esc(o.state)) & (\(esc(o.actions.joined(separator: ", ")))) & \(formatNumber(o.longRunShare)) & \(formatNumber(o.reachProbability)) & "
            out += o.reachWithin.map { "\(formatNumber($0)) & " }.joined()
            out += "\(o.expectedStepsToReach.map { formatNumber($0) } ?? "--") \\\\\n"
        }
        out += "\\bottomrule\n\\end{tabular}\n\\end{table}\n"
        return out
    }
}
