import Foundation
import GameTheory

/// Results of the linear-programming solution concepts that a `SolvedGame` may carry beside
/// its Nash equilibria: a zero-sum value, a correlated-equilibrium optimum (and vertices), an
/// iterated-dominance outcome.
public struct SolutionConcepts: Sendable {
    public var zeroSum: ZeroSumSolution?
    public var correlated: CorrelatedEquilibriumResult?
    public var dominance: DominanceSummary?

    public init(zeroSum: ZeroSumSolution? = nil, correlated: CorrelatedEquilibriumResult? = nil,
                dominance: DominanceSummary? = nil) {
        self.zeroSum = zeroSum
        self.correlated = correlated
        self.dominance = dominance
    }

    public var isEmpty: Bool { zeroSum == nil && correlated == nil && dominance == nil }
}

/// An iterated-dominance run with the options it ran under.
public struct DominanceSummary: Sendable {
    public var kind: IteratedDominance.Kind
    public var dominators: IteratedDominance.Dominators
    public var result: IteratedDominance.Result

    public init(kind: IteratedDominance.Kind, dominators: IteratedDominance.Dominators, result: IteratedDominance.Result) {
        self.kind = kind
        self.dominators = dominators
        self.result = result
    }
}

/// Rendering of `SolutionConcepts` in each output format (used by `EquilibriumOutput`).
///
/// JSON keys added to a game's object (only those computed):
/// - `"value"`, `"value_exact"` (fraction string, exact arithmetic only): player 1's zero-sum value;
/// - `"correlated"`: `{"kind", "objective", "objective_value", "objective_value_exact",
///   "distribution": [{"profile": [action names], "indices": [0-based actions], "probability",
///   "exact"}], "payoffs", "payoffs_exact", "welfare", "welfare_exact", "regret", "regret_exact",
///   "verified", "vertices": [{"distribution", "payoffs", "welfare", "regret", "verified", …}] or
///   null, "notes"}` (distribution entries with positive probability only, in flat-index order);
/// - `"dominance"`: `{"kind", "dominators", "rounds", "arithmetic", "eliminated": [{"round",
///   "player", "action", "dominator"}], "survivors": [[action names]...]}`.
enum ConceptOutput {
    static func exactString(_ r: Rational?) -> SortedJSON { r.map { .string($0.description) } ?? .null }

    static func distributionJSON(_ g: NormalFormGame, _ e: CorrelatedEquilibrium) -> [String: SortedJSON] {
        let entries: [SortedJSON] = e.support.map { k in
            let prof = g.profile(at: k)
            var o: [String: SortedJSON] = [
                "profile": .array(prof.enumerated().map { .string(g.actions[$0][$1]) }),
                "indices": .array(prof.map(SortedJSON.number)),
                "probability": .number(e.probabilities[k]),
            ]
            if let x = e.exactProbabilities { o["exact"] = .string(x[k].description) }
            return .object(o)
        }
        var o: [String: SortedJSON] = [
            "distribution": .array(entries),
            "payoffs": .array(e.payoffs.map(SortedJSON.number)),
            "welfare": .number(e.welfare),
            "regret": .number(e.regret),
            "verified": .bool(e.isVerified),
        ]
        if let u = e.exactPayoffs { o["payoffs_exact"] = .array(u.map { .string($0.description) }) }
        if let w = e.exactWelfare { o["welfare_exact"] = .string(w.description) }
        if let r = e.exactRegret { o["regret_exact"] = .string(r.description) }
        return o
    }

    static func json(_ r: SolvedGame) -> [String: SortedJSON] {
        var out = [String: SortedJSON]()
        let c = r.concepts, g = r.game
        if let z = c.zeroSum {
            out["value"] = .number(z.value)
            if let e = z.exactValue { out["value_exact"] = .string(e.description) }
        }
        if let ce = c.correlated {
            var o = distributionJSON(g, ce.optimum)
            o["kind"] = .string(ce.kind.rawValue)
            o["objective"] = .string(ce.objective.description)
            o["objective_value"] = .number(ce.objectiveValue)
            o["objective_value_exact"] = exactString(ce.exactObjectiveValue)
            o["arithmetic"] = .string(ce.arithmetic.rawValue)
            o["vertices"] = ce.vertices.map { .array($0.map { .object(distributionJSON(g, $0)) }) } ?? .null
            o["notes"] = .array(ce.notes.map(SortedJSON.string))
            out["correlated"] = .object(o)
        }
        if let d = c.dominance {
            out["dominance"] = .object([
                "kind": .string(d.kind.rawValue),
                "dominators": .string(d.dominators.rawValue),
                "rounds": .number(d.result.rounds),
                "arithmetic": .string(d.result.arithmetic.rawValue),
                "eliminated": .array(d.result.eliminations.map { e in
                    .object([
                        "round": .number(e.round),
                        "player": .string(g.players[e.player]),
                        "action": .string(g.actions[e.player][e.action]),
                        "dominator": .array(e.dominator.map(SortedJSON.number)),
                    ])
                }),
                "survivors": .array(d.result.survivors.enumerated().map { p, s in .array(s.map { .string(g.actions[p][$0]) }) }),
            ])
        }
        return out
    }

    static func profileText(_ g: NormalFormGame, _ k: Int) -> String {
        "(" + g.profile(at: k).enumerated().map { EquilibriumOutput.actionLabel(g.actions[$0], $1) }.joined(separator: ", ") + ")"
    }

    static func mixtureText(_ g: NormalFormGame, player p: Int, _ mix: [Double]) -> String {
        let support = mix.indices.filter { mix[$0] > 0 }
        if support.count == 1 { return EquilibriumOutput.actionLabel(g.actions[p], support[0]) }
        return support.map { "\(EquilibriumOutput.actionLabel(g.actions[p], $0)) \(EquilibriumOutput.human(mix[$0], exact: nil))" }
            .joined(separator: ", ")
    }

    static func distributionLines(_ g: NormalFormGame, _ e: CorrelatedEquilibrium, indent: String) -> String {
        var out = ""
        for k in e.support {
            out += "\(indent)\(profileText(g, k)) \(EquilibriumOutput.human(e.probabilities[k], exact: e.exactProbabilities?[k]))\n"
        }
        let u = e.payoffs.indices.map { EquilibriumOutput.human(e.payoffs[$0], exact: e.exactPayoffs?[$0]) }
        out += "\(indent)payoffs (\(u.joined(separator: ", "))), welfare \(EquilibriumOutput.human(e.welfare, exact: e.exactWelfare)), "
        out += "regret \(EquilibriumOutput.human(e.regret, exact: e.exactRegret))\(e.isVerified ? " (verified)" : " (NOT verified)")\n"
        return out
    }

    /// Plain text (also the body of the Markdown and LaTeX renderings' extra sections).
    static func text(_ r: SolvedGame) -> String {
        let c = r.concepts, g = r.game
        var out = ""
        if let z = c.zeroSum {
            out += "Value (player \(EquilibriumOutput.playerLabel(g, 0))): \(EquilibriumOutput.human(z.value, exact: z.exactValue))\n"
        }
        if let ce = c.correlated {
            out += "\(ce.kind == .correlated ? "Correlated" : "Coarse correlated") equilibrium maximising \(ce.objective) "
            out += "(value \(EquilibriumOutput.human(ce.objectiveValue, exact: ce.exactObjectiveValue)), \(ce.arithmetic.rawValue) arithmetic):\n"
            out += distributionLines(g, ce.optimum, indent: "  ")
            if let vs = ce.vertices {
                out += "Vertices of the \(ce.kind.rawValue) equilibrium polytope: \(vs.count)\n"
                for (i, v) in vs.enumerated() {
                    out += "  \(i + 1).\n" + distributionLines(g, v, indent: "     ")
                }
            }
            for n in ce.notes { out += "Note: \(n)\n" }
        }
        if let d = c.dominance {
            out += "Iterated \(d.kind.rawValue) dominance by \(d.dominators == .mixedStrategies ? "pure and mixed" : "pure") strategies "
            out += "(\(d.result.rounds) round\(d.result.rounds == 1 ? "" : "s")):\n"
            for e in d.result.eliminations {
                out += "  round \(e.round): \(EquilibriumOutput.playerLabel(g, e.player)) drops "
                out += "\(EquilibriumOutput.actionLabel(g.actions[e.player], e.action)), dominated by \(mixtureText(g, player: e.player, e.dominator))\n"
            }
            out += "  survivors: " + d.result.survivors.enumerated().map { p, s in
                "\(EquilibriumOutput.playerLabel(g, p)) [\(s.map { EquilibriumOutput.actionLabel(g.actions[p], $0) }.joined(separator: ", "))]"
            }.joined(separator: "; ") + "\n"
        }
        return out
    }

    static func markdown(_ r: SolvedGame) -> String {
        let c = r.concepts, g = r.game
        var out = ""
        func md(_ s: String) -> String { EquilibriumOutput.markdownEscape(s) }
        if let z = c.zeroSum {
            out += "\nValue (\(md(EquilibriumOutput.playerLabel(g, 0)))): \(EquilibriumOutput.human(z.value, exact: z.exactValue)).\n"
        }
        if let ce = c.correlated {
            out += "\n\(ce.kind == .correlated ? "Correlated" : "Coarse correlated") equilibrium maximising \(md(ce.objective.description)) "
            out += "(value \(EquilibriumOutput.human(ce.objectiveValue, exact: ce.exactObjectiveValue))):\n\n"
            out += "| profile | probability |\n|---|---:|\n"
            for k in ce.optimum.support {
                out += "| \(md(profileText(g, k))) | \(EquilibriumOutput.human(ce.optimum.probabilities[k], exact: ce.optimum.exactProbabilities?[k])) |\n"
            }
            out += "\n" + md(distributionLines(g, ce.optimum, indent: "").split(separator: "\n").last.map(String.init) ?? "") + "\n"
            if let vs = ce.vertices {
                out += "\n\(vs.count) vertices of the polytope:\n\n| # | distribution | welfare | regret |\n|---:|---|---:|---:|\n"
                for (i, v) in vs.enumerated() {
                    let dist = v.support.map { "\(profileText(g, $0)) \(EquilibriumOutput.human(v.probabilities[$0], exact: v.exactProbabilities?[$0]))" }
                    out += "| \(i + 1) | \(md(dist.joined(separator: "; "))) | \(EquilibriumOutput.human(v.welfare, exact: v.exactWelfare)) | \(EquilibriumOutput.human(v.regret, exact: v.exactRegret)) |\n"
                }
            }
        }
        if let d = c.dominance {
            out += "\nIterated \(d.kind.rawValue) dominance (\(d.dominators.rawValue) dominators):\n\n| round | player | action | dominated by |\n|---:|---|---|---|\n"
            for e in d.result.eliminations {
                out += "| \(e.round) | \(md(EquilibriumOutput.playerLabel(g, e.player))) | \(md(EquilibriumOutput.actionLabel(g.actions[e.player], e.action))) | \(md(mixtureText(g, player: e.player, e.dominator))) |\n"
            }
            out += "\nSurvivors: " + md(d.result.survivors.enumerated().map { p, s in
                "\(EquilibriumOutput.playerLabel(g, p)) [\(s.map { EquilibriumOutput.actionLabel(g.actions[p], $0) }.joined(separator: ", "))]"
            }.joined(separator: "; ")) + ".\n"
        }
        return out
    }

    static func latex(_ r: SolvedGame) -> String {
        let c = r.concepts, g = r.game
        guard !c.isEmpty else { return "" }
        func tex(_ s: String) -> String { EquilibriumOutput.latexEscape(s) }
        let title = tex(g.title.isEmpty ? r.source : g.title)
        var out = ""
        if let z = c.zeroSum {
            out += "% Value of the zero-sum game \(title) for \(tex(EquilibriumOutput.playerLabel(g, 0))): $\(EquilibriumOutput.human(z.value, exact: z.exactValue))$\n"
        }
        if let ce = c.correlated {
            out += "\\begin{table}[htbp]\n\\centering\n"
            out += "\\caption{\(ce.kind == .correlated ? "Correlated" : "Coarse correlated") equilibrium of \(title) maximising \(tex(ce.objective.description)) (value $\(EquilibriumOutput.human(ce.objectiveValue, exact: ce.exactObjectiveValue))$)}\n"
            out += "\\label{\(EquilibriumOutput.latexLabel(g.title.isEmpty ? r.source : g.title))-\(ce.kind.rawValue)}\n"
            out += "\\begin{tabular}{lr}\n\\toprule\nProfile & Probability \\\\\n\\midrule\n"
            for k in ce.optimum.support {
                out += "\(tex(profileText(g, k))) & $\(EquilibriumOutput.human(ce.optimum.probabilities[k], exact: ce.optimum.exactProbabilities?[k]))$ \\\\\n"
            }
            out += "\\bottomrule\n\\end{tabular}\n\\end{table}\n"
        }
        if let d = c.dominance {
            out += "\\begin{table}[htbp]\n\\centering\n"
            out += "\\caption{Iterated \(d.kind.rawValue) dominance (\(d.dominators.rawValue) dominators) in \(title)}\n"
            out += "\\label{\(EquilibriumOutput.latexLabel(g.title.isEmpty ? r.source : g.title))-dominance}\n"
            out += "\\begin{tabular}{rlll}\n\\toprule\nRound & Player & Action & Dominated by \\\\\n\\midrule\n"
            for e in d.result.eliminations {
                out += "\(e.round) & \(tex(EquilibriumOutput.playerLabel(g, e.player))) & \(tex(EquilibriumOutput.actionLabel(g.actions[e.player], e.action))) & \(tex(mixtureText(g, player: e.player, e.dominator))) \\\\\n"
            }
            if d.result.eliminations.isEmpty { out += "\\multicolumn{4}{c}{Nothing is dominated.} \\\\\n" }
            out += "\\bottomrule\n\\end{tabular}\n\\end{table}\n"
        }
        return out
    }

    /// The CSV of the concepts: `file,title,concept,item,player,action,profile,probability,probability_exact,value,value_exact`,
    /// one row per zero-sum value (`concept` = `value`), per profile of a correlated optimum
    /// (`correlated`/`coarse-correlated`, `item` = 0) or vertex (`item` = 1, 2, …), and per
    /// eliminated action (`dominance`, `item` = round, `probability` the dominator as
    /// `;`-separated weights).
    static let csvHeader = ["file", "title", "concept", "item", "player", "action", "profile", "probability",
                            "probability_exact", "value", "value_exact"]

    static func csv(_ results: [SolvedGame]) -> String {
        guard results.contains(where: { !$0.concepts.isEmpty }) else { return "" }
        var out = csvHeader.joined(separator: ",") + "\n"
        func row(_ fields: [String]) { out += fields.map(EquilibriumOutput.csvField).joined(separator: ",") + "\n" }
        for r in results {
            let g = r.game
            if let z = r.concepts.zeroSum {
                row([r.source, g.title, "value", "", g.players[0], "", "", "", "", EquilibriumOutput.jsonNumber(z.value), z.exactValue?.description ?? ""])
            }
            if let ce = r.concepts.correlated {
                for (item, e) in [ce.optimum].enumerated().map({ ($0.offset, $0.element) }) + (ce.vertices ?? []).enumerated().map({ ($0.offset + 1, $0.element) }) {
                    for k in e.support {
                        let prof = g.profile(at: k).enumerated().map { g.actions[$0][$1] }.joined(separator: ";")
                        row([r.source, g.title, ce.kind.rawValue, String(item), "", "", prof, EquilibriumOutput.jsonNumber(e.probabilities[k]),
                             e.exactProbabilities?[k].description ?? "", EquilibriumOutput.jsonNumber(e.welfare), e.exactWelfare?.description ?? ""])
                    }
                }
            }
            if let d = r.concepts.dominance {
                for e in d.result.eliminations {
                    row([r.source, g.title, "dominance", String(e.round), g.players[e.player], g.actions[e.player][e.action], "",
                         e.dominator.map(EquilibriumOutput.jsonNumber).joined(separator: ";"), "", "", ""])
                }
            }
        }
        return "\n" + out
    }
}
