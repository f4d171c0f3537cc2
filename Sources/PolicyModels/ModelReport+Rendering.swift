import Foundation
import Negotiation

extension ModelReport {
    /// Deterministic JSON: sorted keys, snake_case, shortest round-trip numbers, no timestamps.
    public func jsonString() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        // Encoding plain value types cannot fail; an empty object is never printed silently.
        guard let data = try? encoder.encode(self), let s = String(data: data, encoding: .utf8) else {
            preconditionFailure("ModelReport is always encodable")
        }
        return s + "\n"
    }

    private func delta(_ d: Double?) -> String { d.map { formatNumber($0) } ?? "never" }
    private func regimeWords() -> String {
        var s = regime.name.replacingOccurrences(of: "-", with: " ")
        if regime.linkageDependent { s += " (linkage-dependent)" }
        return s
    }

    /// Plain text for people.
    public func text() -> String {
        var out = "\(model.title)\n"
        if !model.source.isEmpty { out += "Source: \(model.source)\n" }
        out += "Scenario: \(scenario)\n"
        out += "Parameters: " + parameters.map { "\($0.name)=\(formatNumber($0.value))" }.joined(separator: ", ") + "\n"
        out += "Discount factors: " + zip(players, discountFactors).map { "\($0)=\(formatNumber($1))" }.joined(separator: ", ") + "\n\n"
        for d in domains {
            out += "Domain \(d.name)\n"
            out += "  stage equilibria (\(d.scope), \(d.arithmetic)):\n"
            if d.equilibria.isEmpty { out += "    none found\n" }
            for (i, e) in d.equilibria.enumerated() {
                let what = e.actions.map { "(" + $0.joined(separator: ", ") + ")" }
                    ?? e.strategies.map { "[" + $0.map { formatNumber($0) }.joined(separator: ", ") + "]" }.joined(separator: " ")
                out += "    \(i + 1). \(what) payoffs \(e.payoffs.map { formatNumber($0) }.joined(separator: ", ")) regret \(formatNumber(e.regret))\n"
            }
            let c = d.cooperative
            out += "  cooperative profile (\(c.actions.joined(separator: ", "))) payoffs \(c.payoffs.map { formatNumber($0) }.joined(separator: ", "))\n"
            if let t = c.alone {
                let fraction = t.exactCriticalDelta.flatMap { $0.contains("/") ? " = \($0)" : nil } ?? ""
                out += "  critical δ alone: \(delta(t.criticalDelta))\(fraction) (" + t.constraints.map { "\($0.player) \(delta($0.criticalDelta))" }.joined(separator: ", ")
                out += "; punishment: equilibrium \(c.punishmentEquilibrium.map { String($0 + 1) } ?? "-")) → \(t.sustainable ? "sustainable" : "not sustainable")\n"
            }
            if let p = c.optimalPenalCode {
                out += "  critical δ alone, optimal penal code: \(delta(p.criticalDelta)) (" + zip(players, p.perPlayer).map { "\($0) \(delta($1))" }.joined(separator: ", ")
                out += "; punishment: worst SPE payoffs \(p.worstPayoffs.map { formatNumber($0) }.joined(separator: ", "))) → \(p.sustainable ? "sustainable" : "not sustainable")\n"
            }
            if let set = d.spePayoffSet {
                out += "  SPE payoff set (Abreu–Sannikov): vertices \(speVertices(set))\n"
            } else if let why = d.speUnavailable {
                out += "  SPE payoff set not computed: \(why)\n"
            }
            out += "\n"
        }
        if let l = linked { out += "All domains linked: critical δ \(delta(l.criticalDelta))\(l.exactCriticalDelta.flatMap { $0.contains("/") ? " = \($0)" : nil } ?? "") → \(l.sustainable ? "sustainable" : "not sustainable")\n" }
        out += "Regime: \(regimeWords())"
        if !regime.best.isEmpty { out += "; cooperation on \(regime.best.joined(separator: ", "))" }
        if let j = regime.jointPayoff { out += "; joint payoff \(formatNumber(j))" }
        out += "\n"
        for t in regime.ties { out += "  tied: {\(t.joined(separator: ", "))}\n" }
        if let n = negotiation {
            out += "Negotiation: \(n.solution), weights \(n.weights.map { formatNumber($0) }.joined(separator: ", ")), disagreement \(n.disagreement), set \(n.bargainingSet)\n"
            out += negotiationText(n)
        }
        if let s = states { out += "States: \(s.states.joined(separator: ", ")) (initial \(s.initial), domain \(s.domain))\n" }
        if let m = markov { out += m.text() }
        for n in notes { out += "Note: \(n)\n" }
        return out
    }

    /// The vertices of an SPE payoff set, exact fractions when known: `(0, 0), (24/5, 0), …`.
    func speVertices(_ set: SPEPayoffSet) -> String {
        set.vertices.enumerated().map { k, v in
            "(" + (set.exactVertices?[k] ?? v.map { formatNumber($0) }).joined(separator: ", ") + ")"
        }.joined(separator: ", ")
    }

    /// `"57/10"` as `\frac{57}{10}` (inside math mode); other numbers unchanged.
    private func latexNumber(_ s: String) -> String {
        let parts = s.split(separator: "/")
        guard parts.count == 2 else { return s }
        return (parts[0].hasPrefix("-") ? "-" : "") + "\\frac{\(parts[0].drop { $0 == "-" })}{\(parts[1])}"
    }

    private func point(_ p: NegotiationSummary.Point) -> String {
        "(" + (p.exact ?? p.payoffs.map { formatNumber($0) }).joined(separator: ", ") + ")"
    }

    /// The package agreement, its scope and who concedes on which domain.
    private func negotiationText(_ n: NegotiationInfo) -> String {
        if let q = n.nPlayer { return nPlayerNegotiationText(q) }
        guard let p = n.package else { return "  not computed: \(n.unavailable ?? "no package")\n" }
        var out = "  package agreement \(point(p.linkedAgreement)); issue by issue \(point(p.separateTotal)); linkage gain \(point(p.linkageGain))\n"
        if let o = p.outsideOptions {
            let binding = zip(players, p.bindingOutsideOptions).filter(\.1).map(\.0)
            out += "  outside options \(point(o))" + (binding.isEmpty ? ", none binding" : ", binding for \(binding.joined(separator: ", "))") + "\n"
        }
        out += "  agreed scope: " + (p.agreedScope.isEmpty ? "none" : p.agreedScope.joined(separator: ", ")) + "\n"
        if let a = p.alternatingOffers {
            out += "  alternating offers (δ = \(a.discountFactors.map { formatNumber($0) }.joined(separator: ", "))"
            out += a.breakdownProbability > 0 ? ", breakdown \(formatNumber(a.breakdownProbability))" : ""
            out += "): \(players.first ?? "player 1") proposes \(point(a.firstProposal)), \(players.last ?? "player 2") proposes \(point(a.secondProposal))\n"
        }
        for i in p.issues {
            let who = zip(players, i.concedes).filter(\.1).map(\.0)
            out += "    \(i.name): package \(point(i.linked)), alone \(point(i.separate)), disagreement \(point(i.disagreement))"
            out += who.isEmpty ? "; no concession" : "; concedes: \(who.joined(separator: ", "))"
            out += "\n"
        }
        return out
    }

    /// The N-player package agreement, its lottery and each domain's part.
    private func nPlayerNegotiationText(_ q: NPlayerPackageSummary) -> String {
        func vec(_ exact: [String]?, _ v: [Double]) -> String { "(" + (exact ?? v.map { formatNumber($0) }).joined(separator: ", ") + ")" }
        var out = "  package agreement \(vec(q.exactAgreement, q.agreement)) over disagreement \(vec(q.exactDisagreement, q.disagreement))"
        out += " (\(q.arithmetic)\(q.optimalityGap.map { $0 > 0 ? ", optimality gap \(formatNumber($0))" : "" } ?? ""))\n"
        out += "  agreed scope: " + (q.agreedScope.isEmpty ? "none" : q.agreedScope.joined(separator: ", ")) + "\n"
        for i in q.issues {
            out += "    \(i.name): package \(vec(nil, i.linked)), disagreement \(vec(nil, i.disagreement))\n"
        }
        for e in q.implementation {
            out += "    with probability \(e.exactProbability ?? formatNumber(e.probability)): \(e.outcomes.joined(separator: " or "))\n"
        }
        for note in q.notes { out += "  note: \(note)\n" }
        return out
    }

    /// A Markdown table: one row per domain, then the regime.
    public func markdown() -> String {
        var out = "### \(model.title): \(scenario)\n\n"
        out += "| domain | stage equilibria | cooperative profile | critical δ alone | sustainable |\n|---|---|---|---|---|\n"
        for d in domains {
            let eqs = d.equilibria.map { e in e.actions.map { "(" + $0.joined(separator: ", ") + ")" } ?? "mixed" }.joined(separator: "; ")
            out += "| \(d.name) | \(eqs.isEmpty ? "none found" : eqs) | (\(d.cooperative.actions.joined(separator: ", "))) | \(delta(d.cooperative.alone?.criticalDelta)) | \(d.cooperative.alone?.sustainable == true ? "yes" : "no") |\n"
        }
        out += "\nDiscount factors: " + zip(players, discountFactors).map { "\($0) \(formatNumber($1))" }.joined(separator: ", ")
        out += ". All domains linked: critical δ \(delta(linked?.criticalDelta)). **Regime: \(regimeWords())**"
        if !regime.best.isEmpty { out += " (cooperation on \(regime.best.joined(separator: ", ")))" }
        out += ".\n"
        if domains.contains(where: { $0.spePayoffSet != nil || $0.speUnavailable != nil }) {
            out += "\n| domain | SPE payoff set (Abreu–Sannikov) | critical δ alone, optimal penal code | sustainable |\n|---|---|---|---|\n"
            for d in domains {
                let set = d.spePayoffSet.map { "vertices " + speVertices($0) } ?? "not computed: \(d.speUnavailable ?? "")"
                let p = d.cooperative.optimalPenalCode
                out += "| \(d.name) | \(set) | \(p.map { delta($0.criticalDelta) } ?? "–") | \(p.map { $0.sustainable ? "yes" : "no" } ?? "–") |\n"
            }
        }
        if let p = negotiation?.package {
            out += "\nNegotiated package (\(p.solution)): \(point(p.linkedAgreement)); agreed scope: "
                + (p.agreedScope.isEmpty ? "none" : p.agreedScope.joined(separator: ", ")) + ".\n\n"
            out += "| domain | package | alone | concedes |\n|---|---|---|---|\n"
            for i in p.issues {
                let who = zip(players, i.concedes).filter(\.1).map(\.0)
                out += "| \(i.name) | \(point(i.linked)) | \(point(i.separate)) | \(who.isEmpty ? "–" : who.joined(separator: ", ")) |\n"
            }
        } else if let q = negotiation?.nPlayer {
            let agreed = "(" + (q.exactAgreement ?? q.agreement.map { formatNumber($0) }).joined(separator: ", ") + ")"
            out += "\nNegotiated package (\(q.solution), \(players.count) players): \(agreed); agreed scope: "
                + (q.agreedScope.isEmpty ? "none" : q.agreedScope.joined(separator: ", ")) + ".\n"
        } else if let u = negotiation?.unavailable {
            out += "\nNegotiation not computed: \(u).\n"
        }
        if let m = markov { out += m.markdown() }
        return out
    }

    /// A LaTeX booktabs table (needs `\usepackage{booktabs}`).
    public func latex(label: String? = nil) -> String {
        func esc(_ s: String) -> String {
            var r = ""
            for ch in s {
                switch ch {
                case "&", "%", "$", "#", "_", "{", "}": r += "\\\(ch)"
                case "~": r += "\\textasciitilde{}"
                case "^": r += "\\textasciicircum{}"
                case "\\": r += "\\textbackslash{}"
                case "δ": r += "$\\delta$"
                default: r.append(ch)
                }
            }
            return r
        }
        let lab = label ?? "tab:" + model.title.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }.reduce("") { $0 + String($1) }
        var out = "\\begin{table}[htbp]\n\\centering\n"
        out += "\\caption{\(esc(model.title)): \(esc(scenario)). Regime: \(esc(regimeWords())).}\n\\label{\(lab)}\n"
        out += "\\begin{tabular}{lllll}\n\\toprule\nDomain & Cooperative profile & Critical $\\delta$ alone & Optimal penal code & Sustainable \\\\\n\\midrule\n"
        for d in domains {
            let code = d.cooperative.optimalPenalCode.map { delta($0.criticalDelta) } ?? "--"
            out += "\(esc(d.name)) & (\(esc(d.cooperative.actions.joined(separator: ", ")))) & \(delta(d.cooperative.alone?.criticalDelta)) & \(code) & \(d.cooperative.alone?.sustainable == true ? "yes" : "no") \\\\\n"
        }
        out += "\\midrule\nAll linked & & \(delta(linked?.criticalDelta)) & & \(linked?.sustainable == true ? "yes" : "no") \\\\\n"
        out += "\\bottomrule\n\\end{tabular}\n\\end{table}\n"
        if let p = negotiation?.package {
            func pt(_ q: NegotiationSummary.Point) -> String {
                "$(" + (q.exact ?? q.payoffs.map { formatNumber($0) }).map(latexNumber).joined(separator: ", ") + ")$"
            }
            out += "\n\\begin{table}[htbp]\n\\centering\n"
            out += "\\caption{\(esc(model.title)): \(esc(scenario)). Negotiated package (\(esc(p.solution))): \(pt(p.linkedAgreement)); agreed scope: \(esc(p.agreedScope.isEmpty ? "none" : p.agreedScope.joined(separator: ", "))).}\n"
            out += "\\label{\(lab)-negotiation}\n"
            out += "\\begin{tabular}{llll}\n\\toprule\nDomain & Package & Alone & Concedes \\\\\n\\midrule\n"
            for i in p.issues {
                let who = zip(players, i.concedes).filter(\.1).map(\.0)
                out += "\(esc(i.name)) & \(pt(i.linked)) & \(pt(i.separate)) & \(who.isEmpty ? "--" : esc(who.joined(separator: ", "))) \\\\\n"
            }
            out += "\\bottomrule\n\\end{tabular}\n\\end{table}\n"
        }
        if let m = markov { out += m.latex(caption: "\(model.title): \(scenario)", label: lab, escape: esc) }
        return out
    }
}
