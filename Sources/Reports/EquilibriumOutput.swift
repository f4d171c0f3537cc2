import Foundation
import GameTheory
import RepeatedGames

/// A game, where it came from, and what a solver found in it: the unit every equilibrium
/// output format renders.
public struct SolvedGame: Sendable {
    /// The file the game was read from, as given on the command line.
    public var source: String
    public var game: NormalFormGame
    public var report: EquilibriumReport
    /// The repeated game at a discount factor (`detente solve GAME --delta X`), when asked for.
    public var repeated: RepeatedGameSummary?
    /// LP solution concepts computed beside the equilibria (zero-sum value, correlated
    /// equilibrium, dominance); rendered after them (see `SolutionConceptOutput.swift`).
    public var concepts: SolutionConcepts

    public init(source: String, game: NormalFormGame, report: EquilibriumReport,
                repeated: RepeatedGameSummary? = nil, concepts: SolutionConcepts = SolutionConcepts()) {
        self.source = source
        self.game = game
        self.report = report
        self.repeated = repeated
        self.concepts = concepts
    }
}

/// The formats `detente solve` writes.
public enum EquilibriumOutputFormat: String, Sendable, CaseIterable {
    case text, json, markdown, latex, csv
}

/// Renders equilibrium reports as text, JSON, Markdown, LaTeX or CSV.
///
/// All output is deterministic: JSON keys are sorted, numbers in JSON are shortest round-trip
/// doubles (`0.1`, `0.3333333333333333`) and exact values are fractions as strings (`"1/3"`);
/// people-facing formats show exact fractions when the arithmetic was exact and otherwise six
/// significant digits. Strategies list each player's probabilities in the file's action order.
public enum EquilibriumOutput {
    /// The rendering of `results` in `format`. JSON gives one object for one game and an array
    /// of objects for several; CSV has one header for all games.
    public static func render(_ results: [SolvedGame], format: EquilibriumOutputFormat) -> String {
        switch format {
        case .json:
            let values = results.map(json)
            return (values.count == 1 ? values[0] : .array(values)).serialized() + "\n"
        case .text: return results.map(text).joined(separator: "\n")
        case .markdown: return results.map(markdown).joined(separator: "\n")
        case .latex: return results.map(latex).joined(separator: "\n")
        case .csv: return csv(results) + ConceptOutput.csv(results)
        }
    }

    // MARK: JSON

    /// The JSON object of DESIGN.md §5:
    /// `{"file", "game": {"title", "players", "actions"}, "method", "arithmetic", "complete",
    /// "scope", "degenerate" (bool or null), "equilibria": [{"strategies", "payoffs", "regret",
    /// "exact": {"strategies", "payoffs", "regret"} (only in exact arithmetic)}],
    /// "components" (index lists into "equilibria", or null when not computed), "notes"}`,
    /// and with `--delta` a `"repeated"` object (`RepeatedOutput.json`).
    public static func json(_ r: SolvedGame) -> SortedJSON {
        let g = r.game, rep = r.report
        let equilibria: [SortedJSON] = rep.equilibria.map { e in
            var o: [String: SortedJSON] = [
                "strategies": .array(e.strategies.map { .array($0.map(SortedJSON.number)) }),
                "payoffs": .array(e.payoffs.map(SortedJSON.number)),
                "regret": .number(e.regret),
            ]
            if let xs = e.exactStrategies, let xu = e.exactPayoffs, let xr = e.exactRegret {
                o["exact"] = .object([
                    "strategies": .array(xs.map { .array($0.map { .string($0.description) }) }),
                    "payoffs": .array(xu.map { .string($0.description) }),
                    "regret": .string(xr.description),
                ])
            }
            return .object(o)
        }
        var object: [String: SortedJSON] = [
            "file": .string(r.source),
            "game": .object([
                "title": .string(g.title),
                "players": .array(g.players.map(SortedJSON.string)),
                "actions": .array(g.actions.map { .array($0.map(SortedJSON.string)) }),
            ]),
            "method": .string(rep.method),
            "arithmetic": .string(rep.arithmetic.rawValue),
            "complete": .bool(rep.isComplete),
            "scope": .string(rep.scope),
            "degenerate": rep.isDegenerate.map(SortedJSON.bool) ?? .null,
            "equilibria": .array(equilibria),
            "components": rep.components.map { .array($0.map { .array($0.map(SortedJSON.number)) }) } ?? .null,
            "notes": .array(rep.notes.map(SortedJSON.string)),
        ]
        if let repeated = r.repeated { object["repeated"] = RepeatedOutput.json(repeated) }
        return .object(object.merging(ConceptOutput.json(r)) { old, _ in old })
    }

    // MARK: Number and strategy formatting for people

    /// A probability or payoff for people: the exact fraction when there is one, otherwise
    /// six significant digits.
    static func human(_ x: Double, exact: Rational?) -> String {
        if let e = exact { return e.description }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return String(format: "%.6g", x)
    }

    /// A player's strategy in words: the action name when pure, otherwise `name prob` pairs
    /// for the actions in the support.
    static func strategyText(_ e: Equilibrium, player p: Int, actions: [String],
                             name: (String) -> String = { $0 }, separator: String = ", ") -> String {
        let probs = e.strategies[p]
        let exact = e.exactStrategies?[p]
        let support = supportOf(e, player: p)
        if support.count == 1 { return name(actionLabel(actions, support[0])) }
        return support.map { "\(name(actionLabel(actions, $0))) \(human(probs[$0], exact: exact?[$0]))" }
            .joined(separator: separator)
    }

    /// The actions player p uses with positive probability (exactly, when exact).
    static func supportOf(_ e: Equilibrium, player p: Int) -> [Int] {
        if let x = e.exactStrategies?[p] { return x.indices.filter { !x[$0].isZero } }
        return e.strategies[p].indices.filter { e.strategies[p][$0] > 0 }
    }

    static func actionLabel(_ actions: [String], _ a: Int) -> String {
        actions[a].isEmpty ? "#\(a + 1)" : actions[a]
    }

    static func playerLabel(_ g: NormalFormGame, _ p: Int) -> String {
        g.players[p].isEmpty ? "Player \(p + 1)" : g.players[p]
    }

    static func summaryLine(_ rep: EquilibriumReport) -> String {
        var s = "\(rep.method), \(rep.arithmetic.rawValue) arithmetic; \(rep.scope)"
        s += rep.isComplete ? " (complete)" : " (not guaranteed complete)"
        switch rep.isDegenerate {
        case .some(true): s += "; the game is degenerate"
        case .some(false): s += "; the game is nondegenerate"
        case .none: break
        }
        return s
    }

    // MARK: Text

    /// A plain-text account for people.
    public static func text(_ r: SolvedGame) -> String {
        let g = r.game, rep = r.report
        var out = "\(g.title.isEmpty ? r.source : g.title) (\(r.source))\n"
        out += "Players: " + g.players.indices.map { p in
            "\(playerLabel(g, p)) [\(g.actions[p].indices.map { actionLabel(g.actions[p], $0) }.joined(separator: ", "))]"
        }.joined(separator: "; ") + "\n"
        out += "Method: \(summaryLine(rep))\n"
        let count = rep.equilibria.count
        out += count == 0 ? "No equilibrium found.\n" : "\(count) equilibri\(count == 1 ? "um" : "a"):\n"
        for (i, e) in rep.equilibria.enumerated() {
            let strategies = g.players.indices.map { "\(playerLabel(g, $0)): \(strategyText(e, player: $0, actions: g.actions[$0]))" }
            let payoffs = e.payoffs.indices.map { human(e.payoffs[$0], exact: e.exactPayoffs?[$0]) }
            out += "  \(i + 1). \(strategies.joined(separator: "; "))\n"
            out += "     payoffs (\(payoffs.joined(separator: ", "))), regret \(human(e.regret, exact: e.exactRegret))\n"
        }
        if let comps = rep.components {
            out += "Components (maximal Nash subsets): " + comps.map { "{" + $0.map { String($0 + 1) }.joined(separator: ", ") + "}" }
                .joined(separator: " ") + "\n"
        }
        out += ConceptOutput.text(r)
        for n in rep.notes { out += "Note: \(n)\n" }
        if let repeated = r.repeated { out += RepeatedOutput.text(repeated, game: g) }
        return out
    }

    // MARK: Markdown

    static func markdownEscape(_ s: String) -> String {
        var out = ""
        for ch in s {
            if "|\\*_`[]<>".contains(ch) { out.append("\\") }
            out.append(ch == "\n" ? " " : ch)
        }
        return out
    }

    /// A Markdown section: a heading, the method line, and a table with one row per equilibrium
    /// (columns: number, each player's strategy, each player's payoff, regret).
    public static func markdown(_ r: SolvedGame) -> String {
        let g = r.game, rep = r.report
        var out = "### \(markdownEscape(g.title.isEmpty ? r.source : g.title))\n\n"
        out += "Source: `\(r.source.replacingOccurrences(of: "`", with: "'"))`. Method: \(markdownEscape(summaryLine(rep))).\n\n"
        let names = g.players.indices.map { markdownEscape(playerLabel(g, $0)) }
        out += "| # | " + names.joined(separator: " | ") + " | " + names.map { "u(\($0))" }.joined(separator: " | ") + " | regret |\n"
        out += "|---:|" + String(repeating: "---|", count: names.count) + String(repeating: "---:|", count: names.count) + "---:|\n"
        for (i, e) in rep.equilibria.enumerated() {
            let strategies = g.players.indices.map { strategyText(e, player: $0, actions: g.actions[$0], name: markdownEscape) }
            let payoffs = e.payoffs.indices.map { human(e.payoffs[$0], exact: e.exactPayoffs?[$0]) }
            out += "| \(i + 1) | " + strategies.joined(separator: " | ") + " | " + payoffs.joined(separator: " | ")
                + " | \(human(e.regret, exact: e.exactRegret)) |\n"
        }
        if rep.equilibria.isEmpty { out += "\nNo equilibrium found.\n" }
        out += ConceptOutput.markdown(r)
        for n in rep.notes { out += "\n> \(markdownEscape(n))\n" }
        if let repeated = r.repeated { out += RepeatedOutput.markdown(repeated, game: g) }
        return out
    }

    // MARK: LaTeX

    /// Escapes LaTeX's special characters in text mode.
    public static func latexEscape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "\\": out += "\\textbackslash{}"
            case "&", "%", "$", "#", "_", "{", "}": out += "\\\(ch)"
            case "~": out += "\\textasciitilde{}"
            case "^": out += "\\textasciicircum{}"
            case "\n": out += " "
            default: out.append(ch)
            }
        }
        return out
    }

    static func latexLabel(_ s: String) -> String {
        let slug = s.lowercased().unicodeScalars.map { ($0.isASCII && (CharacterSet.alphanumerics.contains($0))) ? Character($0) : "-" }
        var out = ""
        for c in slug where !(c == "-" && out.hasSuffix("-")) { out.append(c) }
        let trimmed = out.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return "tab:equilibria-" + (trimmed.isEmpty ? "game" : trimmed)
    }

    /// A booktabs table (needs `\usepackage{booktabs}`) inside a `table` float with caption
    /// and label, ready to `\input` into an article: one row per equilibrium, columns number,
    /// each player's strategy, each player's payoff, regret. Fractions are set in math mode.
    public static func latex(_ r: SolvedGame) -> String {
        let g = r.game, rep = r.report
        let n = g.playerCount
        let title = g.title.isEmpty ? r.source : g.title
        func num(_ x: Double, _ e: Rational?) -> String { "$\(human(x, exact: e))$" }
        var out = "% Nash equilibria of \(latexEscape(title).replacingOccurrences(of: "\n", with: " ")); requires \\usepackage{booktabs}\n"
        out += "\\begin{table}[htbp]\n\\centering\n"
        out += "\\caption{Nash equilibria of \(latexEscape(title)) (\(latexEscape(summaryLine(rep))))}\n"
        out += "\\label{\(latexLabel(title))}\n"
        out += "\\begin{tabular}{r" + String(repeating: "l", count: n) + String(repeating: "r", count: n) + "r}\n\\toprule\n"
        let names = g.players.indices.map { latexEscape(playerLabel(g, $0)) }
        out += "\\# & " + names.joined(separator: " & ") + " & " + names.map { "$u$(\($0))" }.joined(separator: " & ") + " & Regret \\\\\n\\midrule\n"
        for (i, e) in rep.equilibria.enumerated() {
            let strategies = g.players.indices.map { p -> String in
                let probs = e.strategies[p]
                let exact = e.exactStrategies?[p]
                let support = supportOf(e, player: p)
                if support.count == 1 { return latexEscape(actionLabel(g.actions[p], support[0])) }
                return support.map { "\(latexEscape(actionLabel(g.actions[p], $0))) \(num(probs[$0], exact?[$0]))" }.joined(separator: ", ")
            }
            let payoffs = e.payoffs.indices.map { num(e.payoffs[$0], e.exactPayoffs?[$0]) }
            out += "\(i + 1) & " + strategies.joined(separator: " & ") + " & " + payoffs.joined(separator: " & ")
                + " & \(num(e.regret, e.exactRegret)) \\\\\n"
        }
        if rep.equilibria.isEmpty {
            out += "\\multicolumn{\(2 * n + 2)}{c}{No equilibrium found.} \\\\\n"
        }
        out += "\\bottomrule\n\\end{tabular}\n\\end{table}\n"
        out += ConceptOutput.latex(r)
        if let repeated = r.repeated { out += RepeatedOutput.latex(repeated, game: g, label: latexLabel(title)) }
        return out
    }

    // MARK: CSV

    /// The CSV header: `file,title,equilibrium,player,action,probability,probability_exact,payoff,payoff_exact,regret,method,arithmetic`.
    public static let csvHeader = ["file", "title", "equilibrium", "player", "action", "probability", "probability_exact",
                                   "payoff", "payoff_exact", "regret", "method", "arithmetic"]

    /// Tidy CSV: one row per (game, equilibrium, player, action) with the probability of that
    /// action; `payoff` is the player's expected payoff in that equilibrium and `regret` the
    /// equilibrium's regret (both repeated on each of the player's rows). `equilibrium` counts
    /// from 1; `*_exact` columns hold fractions when the arithmetic was exact and are empty
    /// otherwise. A game without equilibria contributes no rows.
    public static func csv(_ results: [SolvedGame]) -> String {
        var out = csvHeader.joined(separator: ",") + "\n"
        for r in results {
            for (i, e) in r.report.equilibria.enumerated() {
                for p in r.game.players.indices {
                    for a in r.game.actions[p].indices {
                        let fields = [r.source, r.game.title, String(i + 1), r.game.players[p], r.game.actions[p][a],
                                      jsonNumber(e.strategies[p][a]), e.exactStrategies?[p][a].description ?? "",
                                      jsonNumber(e.payoffs[p]), e.exactPayoffs?[p].description ?? "",
                                      jsonNumber(e.regret), r.report.method, r.report.arithmetic.rawValue]
                        out += fields.map(csvField).joined(separator: ",") + "\n"
                    }
                }
            }
        }
        if results.contains(where: { $0.repeated != nil }) { out += "\n" + RepeatedOutput.csv(results) }
        return out
    }

    static func jsonNumber(_ x: Double) -> String {
        if case .numberLiteral(let s) = SortedJSON.number(x) { return s }
        return ""
    }

    static func csvField(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }
}
