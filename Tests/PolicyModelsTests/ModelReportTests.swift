import Foundation
import Testing
@testable import PolicyModels

@Suite("Model reports")
struct ModelReportTests {
    @Test("JSON is deterministic and round-trips")
    func jsonDeterministic() throws {
        let model = try bundledModel("us-japan-semiconductors")
        let a = try solve(model: model).jsonString()
        let b = try solve(model: try bundledModel("us-japan-semiconductors")).jsonString()
        #expect(a == b)
        #expect(a.contains("\"regime\""))
        #expect(a.contains("\"linkage_dependent\" : true"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let back = try decoder.decode(ModelReport.self, from: Data(a.utf8))
        #expect(back == (try solve(model: model)))
    }

    @Test("text, Markdown and LaTeX name the regime and the thresholds")
    func renderers() throws {
        let r = try solve(model: try bundledModel("us-china-st-agreement"))
        #expect(r.text().contains("Regime: managed competition; cooperation on basic_research"))
        #expect(r.markdown().contains("| basic_research | (Restrict, Restrict) | (Cooperate, Cooperate) | 0.2 | yes |"))
        let tex = r.latex()
        #expect(tex.contains("\\toprule") && tex.contains("basic\\_research & (Cooperate, Cooperate) & 0.2 & 0.2 & yes \\\\"))
    }

    @Test("overrides, scenarios and δ: errors name the bad value")
    func requestErrors() throws {
        let model = try bundledModel("relative-gains")
        #expect(throws: ModelSolveError.unknownScenario("realst", known: ["absolute", "balanced", "realist"])) {
            _ = try solve(model: model, scenario: "realst")
        }
        #expect(ModelSolveError.unknownScenario("realst", known: ["absolute", "balanced", "realist"]).description
                == "unknown scenario 'realst'; did you mean 'realist'?; the model's scenarios are baseline, absolute, balanced, realist")
        #expect(throws: ModelSolveError.unknownParameter("kk", known: model.parameterNames)) {
            _ = try solve(model: model, overrides: [("kk", 1)])
        }
        #expect(throws: ModelSolveError.discountOutOfRange(player: "A", value: 1)) {
            _ = try solve(model: model, delta: 1)
        }
        let r = try solve(model: model, scenario: "realist", overrides: [("k", 0)], delta: 0.6)
        #expect(r.scenario == "realist with k=0 at δ=0.6")
        #expect(r.discountFactors == [0.6, 0.6])
        #expect(close(r.alone("cooperation"), 0.5))
        #expect(r.regime.name == "full-cooperation")
    }

    @Test("division by zero reached through --set is an error, not a crash")
    func nonFinitePayoff() throws {
        let yaml = """
        format: 1
        title: t
        players: [A, B]
        parameters: {x: 1, delta: 0.5}
        discount: delta
        domains:
          d:
            actions: [C, D]
            payoffs:
              C, C: [1/x, 1]
              C, D: [0, 2]
              D, C: [2, 0]
              D, D: [0.5, 0.5]
            cooperative: [C, C]
        """
        let model = try loadModel(yaml: yaml, path: "t.yaml")
        #expect(throws: ModelSolveError.invalidPayoff(domain: "d", player: "A", profile: "(C, C)", value: .infinity)) {
            _ = try solve(model: model, overrides: [("x", 0)])
        }
    }
}

@Suite("Scenario tables")
struct ScenarioTableTests {
    /// Relative gains: δ*(k) = (2 + 5k)/(4 + 5k) at δ = 0.75 → 0.6923*, 0.5000*, 0.7778, 0.8571.
    @Test("one row per scenario with δ* and the regime, in Markdown, CSV and LaTeX")
    func relativeGainsTable() throws {
        let reports = try solveAllScenarios(model: try bundledModel("relative-gains"))
        let md = ScenarioTable.render(reports, format: .markdown)
        #expect(md.contains("| baseline | 0.7500 | 0.6923* | 0.6923* | full-cooperation |"))
        #expect(md.contains("| balanced | 0.7500 | 0.7778 | 0.7778 | decoupling |"))
        let csv = ScenarioTable.render(reports, format: .csv).split(separator: "\n")
        #expect(csv[0] == "scenario,delta,critical_delta_cooperation,critical_delta_linked,regime")
        #expect(csv[4] == "realist,0.7500,0.8571,0.8571,decoupling")
        let tex = ScenarioTable.render(reports, format: .latex)
        #expect(tex.contains("absolute & 0.7500 & 0.5000$^{*}$ & 0.5000$^{*}$ & full-cooperation \\\\"))
        #expect(tex.contains("\\toprule") && tex.contains("\\bottomrule"))
    }

    @Test("values outside a parameter's bounds are noted")
    func boundsNote() throws {
        let r = try solve(model: try bundledModel("relative-gains"), overrides: [("k", 12)])
        #expect(r.notes.contains("k = 12 is outside its bounds [0, 10]"))
    }
}
