import Foundation
import GameTheory
import PolicyModels

/// One solved input of `detente solve`: a game with its equilibria, or a model solved at one
/// or more scenarios.
public enum SolvedInput: Sendable {
    case game(SolvedGame)
    case model(path: String, reports: [ModelReport])
}

/// Renders solved models (and games and models together) as text, JSON, Markdown, LaTeX or
/// CSV, deterministically.
///
/// - JSON: one object per report (`ModelReport.jsonString()`: the regime, per-domain
///   thresholds, negotiation…); one object for a single report, an array otherwise. With
///   games and models together, an array of the games' objects (DESIGN.md §5) and the
///   models' reports in input order.
/// - CSV: tidy, one row per scenario × domain (columns in `csvHeader`). With games and models
///   together: the games' table, a blank line, then the models' table.
/// - text, Markdown, LaTeX: each report in turn (LaTeX labels get the scenario's slug so
///   that they stay unique in one document).
public enum ModelOutput {
    /// The columns of the tidy CSV, one row per scenario × domain:
    /// `model` (title), `file`, `scenario`, `domain`, `delta` (discount factors, `;`-separated
    /// when they differ), `stage_equilibria` (pure profiles `(a; b)` or `mixed`, `|`-separated; lists inside a cell use `;` because exact payoffs are fractions like `57/10`),
    /// `cooperative_profile`, `cooperative_payoffs` (`;`-separated), `critical_delta_alone`
    /// (empty when never sustainable or undetermined), `exact_critical_delta_alone`
    /// (a fraction or `never` when exact), `sustainable_alone` (true/false),
    /// `critical_delta_linked` and `sustainable_linked` (all domains linked), `in_best_set`
    /// (the domain is cooperated on in the regime's best set), `regime`,
    /// `linkage_dependent`, `negotiated_in_scope` (the negotiated package moves the domain
    /// away from disagreement; empty without negotiation), `negotiated_payoffs`
    /// (the domain's share of the package, `;`-separated), `concedes` (the players who get
    /// less there than issue by issue, `;`-separated), `critical_delta_penal_code` and
    /// `sustainable_penal_code` (the cooperative profile under optimal penal codes, empty when
    /// the SPE set was not computed) and `spe_vertices` (the domain's SPE payoff set,
    /// vertices `(u1; u2)` `|`-separated, exact fractions when known).
    public static let csvHeader = ["model", "file", "scenario", "domain", "delta", "stage_equilibria",
                                   "cooperative_profile", "cooperative_payoffs", "critical_delta_alone",
                                   "exact_critical_delta_alone", "sustainable_alone", "critical_delta_linked",
                                   "sustainable_linked", "in_best_set", "regime", "linkage_dependent",
                                   "negotiated_in_scope", "negotiated_payoffs", "concedes",
                                   "critical_delta_penal_code", "sustainable_penal_code", "spe_vertices"]

    public static func render(_ inputs: [SolvedInput], format: EquilibriumOutputFormat) -> String {
        var games = [SolvedGame](), reports = [ModelReport]()
        for input in inputs {
            switch input {
            case .game(let g): games.append(g)
            case .model(_, let r): reports.append(contentsOf: r)
            }
        }
        if reports.isEmpty { return EquilibriumOutput.render(games, format: format) }
        if games.isEmpty { return render(reports, format: format) }
        switch format {
        case .json:
            var parts = [String]()
            for input in inputs {
                switch input {
                case .game(let g): parts.append(EquilibriumOutput.json(g).serialized())
                case .model(_, let r): parts.append(contentsOf: r.map { $0.jsonString().trimmingCharacters(in: .newlines) })
                }
            }
            return "[\n" + parts.joined(separator: ",\n") + "\n]\n"
        case .csv:
            return EquilibriumOutput.render(games, format: .csv) + "\n" + csv(reports)
        default:
            var parts = [String]()
            for input in inputs {
                switch input {
                case .game(let g): parts.append(EquilibriumOutput.render([g], format: format))
                case .model(_, let r): parts.append(render(r, format: format))
                }
            }
            return parts.joined(separator: "\n")
        }
    }

    /// The rendering of model reports alone.
    public static func render(_ reports: [ModelReport], format: EquilibriumOutputFormat) -> String {
        switch format {
        case .json:
            if reports.count == 1 { return reports[0].jsonString() }
            return "[\n" + reports.map { $0.jsonString().trimmingCharacters(in: .newlines) }.joined(separator: ",\n") + "\n]\n"
        case .text: return reports.map { $0.text() }.joined(separator: "\n")
        case .markdown: return reports.map { $0.markdown() }.joined(separator: "\n")
        case .latex:
            return reports.map { r in r.latex(label: "tab:" + slug(r.model.title) + ":" + slug(r.scenario)) }.joined(separator: "\n")
        case .csv: return csv(reports)
        }
    }

    static func slug(_ s: String) -> String {
        var out = ""
        for ch in s.lowercased() {
            if ch.isASCII && (ch.isLetter || ch.isNumber) { out.append(ch) } else if out.last != "-" { out.append("-") }
        }
        while out.last == "-" { out.removeLast() }
        return out
    }

    /// The tidy CSV of `csvHeader`.
    public static func csv(_ reports: [ModelReport]) -> String {
        func quote(_ s: String) -> String {
            s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        func num(_ x: Double?) -> String { x.map { formatNumber($0) } ?? "" }
        var rows = [csvHeader]
        for r in reports {
            let deltas = Set(r.discountFactors).count == 1 ? formatNumber(r.discountFactors[0])
                : r.discountFactors.map { formatNumber($0) }.joined(separator: ";")
            for (k, d) in r.domains.enumerated() {
                let eqs = d.equilibria.map { e in e.actions.map { "(" + $0.joined(separator: "; ") + ")" } ?? "mixed" }.joined(separator: "|")
                let issue = r.negotiation?.package?.issues[k]
                rows.append([
                    r.model.title, r.model.path, r.scenario, d.name, deltas, eqs,
                    "(" + d.cooperative.actions.joined(separator: "; ") + ")",
                    d.cooperative.payoffs.map { formatNumber($0) }.joined(separator: ";"),
                    num(d.cooperative.alone?.criticalDelta), d.cooperative.alone?.exactCriticalDelta ?? "",
                    d.cooperative.alone.map { String($0.sustainable) } ?? "",
                    num(r.linked?.criticalDelta), r.linked.map { String($0.sustainable) } ?? "",
                    String(r.regime.best.contains(d.name)), r.regime.name, String(r.regime.linkageDependent),
                    issue.map { String($0.inAgreement) } ?? "",
                    issue.map { ($0.linked.exact ?? $0.linked.payoffs.map { formatNumber($0) }).joined(separator: ";") } ?? "",
                    issue.map { zip(r.players, $0.concedes).filter(\.1).map(\.0).joined(separator: ";") } ?? "",
                    num(d.cooperative.optimalPenalCode?.criticalDelta),
                    d.cooperative.optimalPenalCode.map { String($0.sustainable) } ?? "",
                    d.spePayoffSet.map { set in
                        set.vertices.enumerated().map { k, v in
                            "(" + (set.exactVertices?[k] ?? v.map { formatNumber($0) }).joined(separator: "; ") + ")"
                        }.joined(separator: "|")
                    } ?? "",
                ])
            }
        }
        return rows.map { $0.map(quote).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }
}
