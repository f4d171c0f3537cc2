import Foundation
import GameTheory
import RepeatedGames

/// Renders the `repeated` section of `detente solve GAME --delta X` (DESIGN.md §5): the
/// minmax values, the pure-strategy SPE payoff set (Abreu–Sannikov) and the critical discount
/// factors of target or Pareto-improving profiles, in every output format.
///
/// JSON is `RepeatedGameSummary` as a `JSONEncoder` writes it (sorted keys, snake_case field
/// names, slashes unescaped, numbers as their shortest round-trip form) embedded in the game's
/// object; exact values are fractions as strings in the `exact_*` fields.
public enum RepeatedOutput {
    /// The JSON object of the section.
    public static func json(_ s: RepeatedGameSummary) -> SortedJSON {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        // A Codable value of plain structs always encodes and JSONEncoder writes valid JSON.
        guard let data = try? encoder.encode(s), let value = try? SortedJSON(parsing: Array(data)) else {
            preconditionFailure("RepeatedGameSummary is always encodable as JSON")
        }
        return value
    }

    static func number(_ x: Double, _ exact: String?) -> String {
        if let exact { return exact }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return String(format: "%.6g", x)
    }

    static func delta(_ x: Double?) -> String { x.map { String(format: "%.6g", $0) } ?? "never" }

    static func vertices(_ s: RepeatedGameSummary) -> [String] {
        s.payoffSet.vertices.enumerated().map { k, v in
            "(" + (0..<2).map { number(v[$0], s.payoffSet.exactVertices?[k][$0]) }.joined(separator: ", ") + ")"
        }
    }

    static func profileLabel(_ t: ProfileThresholds) -> String { "(" + t.actions.joined(separator: ", ") + ")" }

    static func reversionText(_ r: ProfileThresholds.Reversion) -> String {
        let v = r.exactCriticalDelta.flatMap { $0.contains("/") ? "\(delta(r.criticalDelta)) = \($0)" : nil } ?? delta(r.criticalDelta)
        return "\(v) reverting to equilibrium \(r.equilibrium)"
    }

    /// Plain text, appended to the game's text account.
    public static func text(_ s: RepeatedGameSummary, game g: NormalFormGame) -> String {
        var out = "Repeated game at δ = \(s.exactDelta):\n"
        out += "  minmax: " + (0..<2).map { "\(EquilibriumOutput.playerLabel(g, $0)) \(number(s.minmax[$0], s.exactMinmax?[$0]))" }.joined(separator: ", ")
        out += " (pure minmax " + s.pureMinmax.map { number($0, nil) }.joined(separator: ", ") + ")\n"
        if s.payoffSet.isEmpty {
            out += "  SPE payoff set (Abreu–Sannikov): empty, no pure-strategy subgame-perfect equilibrium\n"
        } else {
            out += "  SPE payoff set (Abreu–Sannikov, \(s.payoffSet.exactVertices == nil ? "floating point" : "exact")): vertices " + vertices(s).joined(separator: ", ") + "\n"
        }
        for t in s.thresholds ?? [] {
            out += "  \(t.isTarget ? "target" : "profile") \(profileLabel(t)) payoffs (" + (0..<2).map { number(t.payoffs[$0], t.exactPayoffs?[$0]) }.joined(separator: ", ") + "):\n"
            for r in t.nashReversion {
                out += "    Nash reversion: critical δ \(reversionText(r)) → \(r.sustainable ? "sustainable" : "not sustainable")\n"
            }
            if let c = t.optimalPenalCode {
                out += "    optimal penal code: critical δ \(c.perPlayer == nil ? "not computed" : delta(c.criticalDelta)) → \(c.sustainable ? "sustainable" : "not sustainable")\n"
            }
        }
        if s.thresholds?.isEmpty == true { out += "  no pure profile Pareto-improves on a stage equilibrium\n" }
        for n in s.payoffSet.notes { out += "  Note: \(n)\n" }
        return out
    }

    /// A Markdown paragraph and a thresholds table, appended to the game's section.
    public static func markdown(_ s: RepeatedGameSummary, game g: NormalFormGame) -> String {
        var out = "\n**Repeated game at δ = \(s.exactDelta).** Minmax: "
        out += (0..<2).map { "\(EquilibriumOutput.markdownEscape(EquilibriumOutput.playerLabel(g, $0))) \(number(s.minmax[$0], s.exactMinmax?[$0]))" }.joined(separator: ", ")
        out += ". SPE payoff set (Abreu–Sannikov): " + (s.payoffSet.isEmpty ? "empty" : "vertices " + vertices(s).joined(separator: ", ")) + ".\n"
        if let ts = s.thresholds, !ts.isEmpty {
            out += "\n| profile | payoffs | critical δ, Nash reversion | critical δ, optimal penal code | sustainable |\n|---|---|---|---|---|\n"
            for t in ts {
                let nr = t.nashReversion.map { reversionText($0) }.joined(separator: "; ")
                let pc = t.optimalPenalCode.map { $0.perPlayer == nil ? "not computed" : delta($0.criticalDelta) } ?? "–"
                let sus = t.nashReversion.contains(where: \.sustainable) || t.optimalPenalCode?.sustainable == true
                out += "| \(EquilibriumOutput.markdownEscape(profileLabel(t))) | (" + (0..<2).map { number(t.payoffs[$0], t.exactPayoffs?[$0]) }.joined(separator: ", ")
                    + ") | \(nr) | \(pc) | \(sus ? "yes" : "no") |\n"
            }
        }
        return out
    }

    /// A booktabs table of the thresholds with the SPE set in the caption.
    public static func latex(_ s: RepeatedGameSummary, game g: NormalFormGame, label: String) -> String {
        func tex(_ v: String) -> String {
            let parts = v.split(separator: "/")
            return parts.count == 2 ? "\\frac{\(parts[0])}{\(parts[1])}" : v
        }
        let verts = s.payoffSet.vertices.enumerated().map { k, v in
            "(" + (0..<2).map { tex(number(v[$0], s.payoffSet.exactVertices?[k][$0])) }.joined(separator: ", ") + ")"
        }
        var out = "\n\\begin{table}[htbp]\n\\centering\n"
        out += "\\caption{Repeated game at $\\delta = \(tex(s.exactDelta))$: minmax $(" + (0..<2).map { tex(number(s.minmax[$0], s.exactMinmax?[$0])) }.joined(separator: ", ")
        out += ")$; SPE payoff set " + (verts.isEmpty ? "empty" : "with vertices $" + verts.joined(separator: ", ") + "$") + " (Abreu--Sannikov)}\n"
        out += "\\label{\(label)-repeated}\n"
        out += "\\begin{tabular}{llll}\n\\toprule\nProfile & Critical $\\delta$ (Nash reversion) & Critical $\\delta$ (optimal penal code) & Sustainable \\\\\n\\midrule\n"
        for t in s.thresholds ?? [] {
            let nr = t.nashReversion.map { r in
                "$" + tex(r.exactCriticalDelta ?? delta(r.criticalDelta)) + "$ (eq.~\(r.equilibrium))"
            }.joined(separator: ", ")
            let pc = t.optimalPenalCode.map { $0.perPlayer == nil ? "--" : delta($0.criticalDelta) } ?? "--"
            let sus = t.nashReversion.contains(where: \.sustainable) || t.optimalPenalCode?.sustainable == true
            out += "(\(t.actions.map(EquilibriumOutput.latexEscape).joined(separator: ", "))) & \(nr) & \(pc) & \(sus ? "yes" : "no") \\\\\n"
        }
        out += "\\bottomrule\n\\end{tabular}\n\\end{table}\n"
        return out
    }

    /// The header of the repeated block of the CSV (after the equilibria, separated by a blank
    /// line): `file,title,delta,quantity,item,player,value,value_exact`.
    ///
    /// One row per observation: `quantity` is `minmax` (item empty), `spe_vertex` (item: the
    /// vertex number), `nash_reversion_delta` (item: `PROFILE vs equilibrium E`; player: a
    /// player's own threshold, or `binding`), or `optimal_penal_code_delta` (item: the
    /// profile). An empty value means never sustainable (or not computed).
    public static let csvHeader = ["file", "title", "delta", "quantity", "item", "player", "value", "value_exact"]

    public static func csv(_ results: [SolvedGame]) -> String {
        func num(_ x: Double?) -> String { x.map(EquilibriumOutput.jsonNumber) ?? "" }
        var rows = [csvHeader]
        for r in results {
            guard let s = r.repeated else { continue }
            let names = (0..<2).map { EquilibriumOutput.playerLabel(r.game, $0) }
            func row(_ q: String, _ item: String, _ player: String, _ v: Double?, _ e: String?) {
                rows.append([r.source, r.game.title, s.exactDelta, q, item, player, num(v), e ?? ""])
            }
            for p in 0..<2 { row("minmax", "", names[p], s.minmax[p], s.exactMinmax?[p]) }
            for (k, v) in s.payoffSet.vertices.enumerated() {
                for p in 0..<2 { row("spe_vertex", String(k + 1), names[p], v[p], s.payoffSet.exactVertices?[k][p]) }
            }
            for t in s.thresholds ?? [] {
                let label = "(" + t.actions.joined(separator: "; ") + ")"
                for rv in t.nashReversion {
                    let item = "\(label) vs equilibrium \(rv.equilibrium)"
                    for p in 0..<2 { row("nash_reversion_delta", item, names[p], rv.perPlayer[p], rv.exactPerPlayer?[p]) }
                    row("nash_reversion_delta", item, "binding", rv.criticalDelta, rv.exactCriticalDelta)
                }
                if let c = t.optimalPenalCode, let pp = c.perPlayer {
                    for p in 0..<2 { row("optimal_penal_code_delta", label, names[p], pp[p], nil) }
                    row("optimal_penal_code_delta", label, "binding", c.criticalDelta, nil)
                }
            }
        }
        return rows.map { $0.map(EquilibriumOutput.csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }
}
