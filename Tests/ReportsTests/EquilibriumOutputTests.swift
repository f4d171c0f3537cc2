import Foundation
import Testing
import GameTheory
@testable import Reports

@Suite struct EquilibriumOutputTests {
    /// Battle of the sexes (A = [[2,0],[0,1]], B = [[1,0],[0,2]]) and its mixed equilibrium,
    /// derived by hand: Row plays Opera with 2/3 (Col indifferent: 1·p = 2·(1−p)), Col plays
    /// Opera with 1/3 (Row indifferent: 2q = 1−q); both get 2/3.
    static func battleOfTheSexes() throws -> SolvedGame {
        let g = try NormalFormGame.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], title: "Battle of the sexes",
                                            players: ["Row", "Col"], actions: [["Opera", "Football"], ["Opera", "Football"]])
        let mixed = Equilibrium(game: g, exact: [[Rational(2, 3), Rational(1, 3)], [Rational(1, 3), Rational(2, 3)]])
        let pure = PureEquilibria().solve(g)
        let report = EquilibriumReport(method: "test", arithmetic: .exact, equilibria: pure.equilibria + [mixed],
                                       isComplete: true, scope: "all equilibria (hand-derived)")
        return SolvedGame(source: "bos.nfg", game: g, report: report)
    }

    @Test func jsonHasTheContractKeysAndExactValues() throws {
        let s = try Self.battleOfTheSexes()
        let text = EquilibriumOutput.render([s], format: .json)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        #expect(Set(object.keys) == ["file", "game", "method", "arithmetic", "complete", "scope", "degenerate",
                                      "equilibria", "components", "notes"])
        let game = object["game"] as! [String: Any]
        #expect(game["players"] as! [String] == ["Row", "Col"])
        #expect(game["actions"] as! [[String]] == [["Opera", "Football"], ["Opera", "Football"]])
        let eqs = object["equilibria"] as! [[String: Any]]
        #expect(eqs.count == 3)
        let mixed = eqs[2]
        let exact = mixed["exact"] as! [String: Any]
        #expect(exact["strategies"] as! [[String]] == [["2/3", "1/3"], ["1/3", "2/3"]])
        #expect(exact["payoffs"] as! [String] == ["2/3", "2/3"])
        #expect(exact["regret"] as! String == "0")
        let third: Double = 1.0 / 3, twoThirds: Double = 2.0 / 3
        let strategies = mixed["strategies"] as! [[Double]]
        #expect(strategies == [[twoThirds, third], [third, twoThirds]])
        #expect(text.contains("\"payoffs\": [0.6666666666666666, 0.6666666666666666]"))
        #expect(object["degenerate"] is NSNull)
        // Keys are sorted at every level.
        #expect(text.range(of: "\"arithmetic\"")!.lowerBound < text.range(of: "\"complete\"")!.lowerBound)
        // Deterministic: the same input renders byte-identically.
        #expect(EquilibriumOutput.render([s], format: .json) == text)
    }

    @Test func csvIsTidyOneRowPerEquilibriumPlayerAndAction() throws {
        let s = try Self.battleOfTheSexes()
        let lines = EquilibriumOutput.render([s], format: .csv).split(separator: "\n")
        #expect(lines.count == 1 + 3 * 2 * 2)
        #expect(lines[0] == "file,title,equilibrium,player,action,probability,probability_exact,payoff,payoff_exact,regret,method,arithmetic")
        #expect(lines.contains("bos.nfg,Battle of the sexes,3,Row,Opera,0.6666666666666666,2/3,0.6666666666666666,2/3,0,test,exact"))
    }

    @Test func csvQuotesFieldsWithCommasAndQuotes() {
        #expect(EquilibriumOutput.csvField("a,b") == "\"a,b\"")
        #expect(EquilibriumOutput.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(EquilibriumOutput.csvField("plain") == "plain")
    }

    @Test func latexEscapesSpecialsAndUsesBooktabs() throws {
        var s = try Self.battleOfTheSexes()
        s.game.title = "R&D 100% $cost_1 #2 {x} ~^\\"
        let tex = EquilibriumOutput.render([s], format: .latex)
        #expect(tex.contains("R\\&D 100\\% \\$cost\\_1 \\#2 \\{x\\} \\textasciitilde{}\\textasciicircum{}\\textbackslash{}"))
        #expect(tex.contains("\\toprule") && tex.contains("\\midrule") && tex.contains("\\bottomrule"))
        #expect(tex.contains("\\label{tab:equilibria-r-d-100-cost-1-2-x}"))
        #expect(tex.contains("3 & Opera $2/3$, Football $1/3$ & Opera $1/3$, Football $2/3$ & $2/3$ & $2/3$ & $0$ \\\\"))
    }

    @Test func latexCompilesWhenPdflatexIsAvailable() throws {
        let pdflatex = ["/usr/bin/pdflatex", "/usr/local/bin/pdflatex"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let pdflatex else {
            print("pdflatex not installed: LaTeX compilation not checked here (see latexEscapesSpecialsAndUsesBooktabs)")
            return
        }
        var s = try Self.battleOfTheSexes()
        s.game.title = "R&D 100% $cost_1 #2 {x} ~^\\"
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("detente-latex-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try EquilibriumOutput.render([s], format: .latex).write(to: dir.appendingPathComponent("table.tex"), atomically: true, encoding: .utf8)
        try "\\documentclass{article}\n\\usepackage{booktabs}\n\\begin{document}\n\\input{table.tex}\n\\end{document}\n"
            .write(to: dir.appendingPathComponent("doc.tex"), atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: pdflatex)
        p.arguments = ["-interaction=nonstopmode", "-halt-on-error", "doc.tex"]
        p.currentDirectoryURL = dir
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }

    @Test func markdownTableHasOneRowPerEquilibrium() throws {
        let s = try Self.battleOfTheSexes()
        let md = EquilibriumOutput.render([s], format: .markdown)
        #expect(md.contains("| # | Row | Col | u(Row) | u(Col) | regret |"))
        #expect(md.contains("| 1 | Opera | Opera | 2 | 1 | 0 |"))
        #expect(md.contains("| 3 | Opera 2/3, Football 1/3 | Opera 1/3, Football 2/3 | 2/3 | 2/3 | 0 |"))
    }

    @Test func textNamesStrategiesAndRegret() throws {
        let s = try Self.battleOfTheSexes()
        let text = EquilibriumOutput.render([s], format: .text)
        #expect(text.contains("3 equilibria:"))
        #expect(text.contains("3. Row: Opera 2/3, Football 1/3; Col: Opera 1/3, Football 2/3"))
        #expect(text.contains("payoffs (2/3, 2/3), regret 0"))
    }

    @Test func floatingPointNumbersAreShortestRoundTrip() {
        #expect(SortedJSON.number(0.1).serialized() == "0.1")
        #expect(SortedJSON.number(3.0).serialized() == "3")
        #expect(SortedJSON.number(1e-5).serialized() == "1e-05")
        #expect(SortedJSON.number(.nan).serialized() == "null")
        #expect(EquilibriumOutput.human(1.0 / 3, exact: nil) == "0.333333")
    }
}
