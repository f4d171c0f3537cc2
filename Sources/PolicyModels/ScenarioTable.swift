/// A comparison of scenarios for papers: one row per report (scenario), one column per
/// domain's critical δ alone, then the all-domains linked δ* and the regime.
///
/// Cells: the critical discount factor to 4 decimals (`never` when no δ < 1 works, `–` when
/// no stage equilibrium was found), starred when sustainable at the scenario's δ.
public enum ScenarioTable {
    public enum Format: String, Sendable, CaseIterable { case markdown, latex, csv }

    public static func render(_ reports: [ModelReport], format: Format, label: String? = nil) -> String {
        guard let first = reports.first else { return "" }
        let domains = first.domains.map(\.name)
        let header = ["scenario", "δ"] + domains.map { "δ* \($0)" } + ["δ* linked", "regime"]
        func cell(_ t: ModelReport.Threshold?) -> String {
            guard let t else { return "–" }
            guard let d = t.criticalDelta else { return "never" }
            return String(format: "%.4f", d) + (t.sustainable ? "*" : "")
        }
        let rows: [[String]] = reports.map { r in
            let deltas = Set(r.discountFactors).count == 1 ? String(format: "%.4f", r.discountFactors[0])
                : r.discountFactors.map { String(format: "%.4f", $0) }.joined(separator: "/")
            var regime = r.regime.name
            if r.regime.linkageDependent { regime += " (linkage-dependent)" }
            if !r.regime.best.isEmpty && r.regime.best.count < r.domains.count { regime += ": " + r.regime.best.joined(separator: ", ") }
            return [r.scenario, deltas] + r.domains.map { cell($0.cooperative.alone) } + [cell(r.linked), regime]
        }
        switch format {
        case .markdown:
            var out = "| " + header.joined(separator: " | ") + " |\n|" + String(repeating: "---|", count: header.count) + "\n"
            for row in rows { out += "| " + row.joined(separator: " | ") + " |\n" }
            return out + "\n\\* sustainable at the scenario's discount factor.\n"
        case .csv:
            func quote(_ s: String) -> String { s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s }
            let csvHeader = ["scenario", "delta"] + domains.map { "critical_delta_\($0)" } + ["critical_delta_linked", "regime"]
            return ([csvHeader] + rows).map { $0.map(quote).joined(separator: ",") }.joined(separator: "\n") + "\n"
        case .latex:
            func esc(_ s: String) -> String {
                s.replacingOccurrences(of: "\\", with: "\\textbackslash{}").replacingOccurrences(of: "_", with: "\\_")
                    .replacingOccurrences(of: "&", with: "\\&").replacingOccurrences(of: "%", with: "\\%")
                    .replacingOccurrences(of: "#", with: "\\#").replacingOccurrences(of: "δ*", with: "$\\delta^*$")
                    .replacingOccurrences(of: "δ", with: "$\\delta$").replacingOccurrences(of: "*", with: "$^{*}$")
            }
            let lab = label ?? "tab:scenarios"
            var out = "\\begin{table}[htbp]\n\\centering\n\\caption{\(esc(first.model.title)): critical discount factors and regimes by scenario (starred: sustainable).}\n\\label{\(lab)}\n"
            out += "\\begin{tabular}{l" + String(repeating: "r", count: header.count - 2) + "l}\n\\toprule\n"
            out += header.map(esc).joined(separator: " & ") + " \\\\\n\\midrule\n"
            for row in rows { out += row.map(esc).joined(separator: " & ") + " \\\\\n" }
            return out + "\\bottomrule\n\\end{tabular}\n\\end{table}\n"
        }
    }
}
