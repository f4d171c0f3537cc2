import Foundation
import Testing
import MarkovGames
import GameTheory
@testable import PolicyModels

/// P(T ≤ H) for T = G₁ + G₂, independent geometric waiting times (support 1, 2, …) with
/// success probabilities a ≠ b: P(T > H) = (b(1 − a)^H − a(1 − b)^H)/(b − a).
/// (Check: H = 0, 1 give 1; H = 2 gives 1 − ab, since T = 2 only when both succeed at once.)
func sumOfGeometricsCDF(_ a: Double, _ b: Double, _ h: Int) -> Double {
    1 - (b * pow(1 - a, Double(h)) - a * pow(1 - b, Double(h))) / (b - a)
}

@Suite("Model states as Markov games")
struct ModelMarkovTests {
    static let fixture = fixturesDirectory.appendingPathComponent("markov-valid.yaml").path

    @Test("a model with states converts to the Markov game of its file")
    func conversion() throws {
        let model = try loadModel(path: Self.fixture)
        let game = try markovGame(model: model, theta: model.baseline, deltas: [0.9])
        #expect(game.states == ["integrated", "bifurcated"])
        #expect(game.players == ["US", "China"])
        #expect(game.discountFactors == [0.9, 0.9])
        // Integrated uses the domain's payoffs (b = 4, t = 2); bifurcated its own (b/2 = 2).
        // Flat profiles: 0 (Open, Open), 1 (Restrict, Open), 2 (Open, Restrict), 3 (Restrict, Restrict).
        #expect(game.stageGames[0].payoffTable == [[4, 6, -2, 0], [4, -2, 6, 0]])
        #expect(game.stageGames[1].payoffTable == [[2, 4, -2, 0], [2, -2, 4, 0]])
        #expect(game.transitions[0] == [[1, 0], [1, 0], [1, 0], [0.8, 0.2]])
        #expect(game.transitions[1] == [[0, 1], [0, 1], [0, 1], [0, 1]])
    }

    /// Hand derivation for the fixture (b = 4, t = 2, p_split = 0.2, δ = 0.9).
    /// Bifurcated is absorbing whatever is played and its stage game is a prisoner's dilemma
    /// (Restrict strictly dominant: 4 > 2, 0 > −2), so every MPE restricts there: v_B = 0.
    /// Integrated: transitions differ from "stay" only at (R, R).
    /// - (O, O): v = 4/(1 − 0.9) = 40; deviating to R gives 6 + 0.9·40 = 42 > 40: not an MPE.
    /// - (R, O) (or (O, R)): the open player gets v = −2/0.1 = −20; restricting gives
    ///   0 + 0.9(0.8·(−20) + 0.2·0) = −14.4 > −20: not an MPE.
    /// - (R, R): v = 0.9(0.8 v + 0.2·0) ⇒ v = 0; opening gives −2 + 0.9·0 = −2 < 0: an MPE.
    /// So the unique pure MPE restricts in both states; the chain leaves integrated with
    /// probability 0.2 a year: P(bifurcated within H) = 1 − 0.8^H, expected years 1/0.2 = 5,
    /// long-run share of bifurcated 1.
    @Test("the fixture's unique pure MPE and its absorption, derived by hand")
    func fixtureClosedForm() throws {
        let model = try loadModel(path: Self.fixture)
        let m = try solveMarkov(model: model, theta: model.baseline, deltas: [0.9, 0.9], horizons: [1, 10, 25])
        #expect(m.complete)
        #expect(m.equilibria.count == 1)
        let e = try #require(m.equilibria.first)
        #expect(m.selected == 0)
        #expect(e.regret <= m.tolerance)
        #expect(e.states.map(\.actions) == [["Restrict", "Restrict"], ["Restrict", "Restrict"]])
        let b = e.states[1]
        #expect(b.absorbing && !e.states[0].absorbing)
        #expect(close(b.reachProbability, 1, tolerance: 1e-12))
        for (h, p) in zip([1, 10, 25], b.reachWithin) { #expect(close(p, 1 - pow(0.8, Double(h)), tolerance: 1e-12)) }
        #expect(close(b.expectedStepsToReach, 5, tolerance: 1e-12))
        #expect(close(b.longRunShare, 1, tolerance: 1e-12) && Swift.abs(e.states[0].longRunShare) < 1e-12)
        #expect(e.states.allSatisfy { $0.values.allSatisfy { Swift.abs($0) < 1e-12 } })
        #expect(e.recurrentClasses == [["bifurcated"]] && close(e.absorptionProbabilities[0], 1))
        let shares = try longRunShares(model: model, theta: model.baseline)
        #expect(Set(shares.keys) == ["integrated", "bifurcated"])
        #expect(close(shares["bifurcated"], 1, tolerance: 1e-12) && Swift.abs(shares["integrated"]!) < 1e-12)
    }

    /// Hand derivations for `Models/decoupling-dynamics.yaml` with c = 0 (g = 4, d = 1,
    /// shock = 0.05, q1 = 0.2, q2 = 0.4, r = 0.1, p1 = 0.1, p2 = 0.25, δ = 0.9). With c = 0 a
    /// restricting player's stage payoff is exactly 0 in every state.
    ///
    /// e = 4.5 > g: every Open payoff is negative (g − e = −0.5 at best). A player can secure 0
    /// by always restricting, so every MPE value is ≥ 0; all payoffs are ≤ 0, so values are
    /// ≤ 0: all values are 0. A state where someone opens would give that player
    /// v = u(Open) + δ·E[v] = u(Open) < 0, a contradiction: the unique pure MPE restricts
    /// everywhere. Integrated → partly with q2 = 0.4, partly → bifurcated with p2 = 0.25:
    /// E[T] = 1/0.4 + 1/0.25 = 6.5 and P(T ≤ H) = sumOfGeometricsCDF(0.4, 0.25, H).
    ///
    /// e = 3.5: restricting in partly and bifurcated gives values 0 there (as above; opening
    /// in partly pays −e − d = −4.5 now and 0 later). Opening in integrated pays g − e = 0.5:
    /// v_I = 0.5 + 0.9(0.95 v_I + 0.05·0) ⇒ v_I = 0.5/0.145; restricting instead gives
    /// 0 + 0.9·0.8·v_I = 0.72 v_I < v_I, so (Open, Open) in integrated, (Restrict, Restrict)
    /// elsewhere is an MPE, with joint value 1/0.145 > 0 (the all-Restrict MPE's): selected.
    /// E[T] = 1/0.05 + 1/0.25 = 24, P(T ≤ H) = sumOfGeometricsCDF(0.05, 0.25, H).
    @Test("decoupling dynamics: selected MPE, bifurcation probabilities and expected years by closed form")
    func decouplingClosedForms() throws {
        let model = try bundledModel("decoupling-dynamics")
        let cases: [(e: Double, integrated: String, a: Double, value: Double)] = [
            (4.5, "Restrict", 0.4, 0), (3.5, "Open", 0.05, 0.5 / 0.145),
        ]
        for c in cases {
            let report = try solve(model: model, overrides: [("e", c.e), ("c", 0)])
            let m = try #require(report.markov)
            #expect(m.complete && m.horizons == [10, 25, 50])
            let k = try #require(m.selected)
            let eq = m.equilibria[k]
            #expect(m.equilibria.allSatisfy { $0.regret <= m.tolerance })
            if c.e == 4.5 { #expect(m.equilibria.count == 1) }
            #expect(eq.states.map(\.actions) == [[c.integrated, c.integrated], ["Restrict", "Restrict"], ["Restrict", "Restrict"]])
            let bif = eq.states[2]
            #expect(bif.absorbing && close(bif.reachProbability, 1, tolerance: 1e-12))
            #expect(close(bif.expectedStepsToReach, 1 / c.a + 1 / 0.25, tolerance: 1e-12))
            for (h, p) in zip(m.horizons, bif.reachWithin) {
                #expect(close(p, sumOfGeometricsCDF(c.a, 0.25, h), tolerance: 1e-12), "e = \(c.e), H = \(h)")
            }
            #expect(eq.states[0].values.allSatisfy { close($0, c.value, tolerance: 1e-12) || (c.value == 0 && Swift.abs($0) < 1e-12) })
            #expect(close(bif.longRunShare, 1, tolerance: 1e-12))
        }
    }

    /// Nearly absorbing bifurcation: reintegration ρ = 0.05, e = 6, c = 0. The argument of
    /// `decouplingClosedForms` (e > g, c = 0: every Open payoff negative, Restrict pays 0) does
    /// not use the transitions, so all-Restrict is still the unique pure MPE. Its chain:
    /// integrated → partly (q2 = 0.4) is transient; {partly, bifurcated} is recurrent with
    /// π_P · p2 = π_B · ρ, so π_B = p2/(p2 + ρ) = 0.25/0.3 = 5/6 and π_P = 1/6; bifurcated is
    /// no longer absorbing but is still first reached after 1/q2 + 1/p2 = 6.5 years on average.
    @Test("nearly absorbing bifurcation: long-run share p2/(p2 + ρ) = 5/6")
    func nearlyAbsorbing() throws {
        let model = try bundledModel("decoupling-dynamics")
        let report = try solve(model: model, overrides: [("e", 6), ("c", 0), ("reintegration", 0.05)])
        let m = try #require(report.markov)
        #expect(m.equilibria.count == 1 && m.selected == 0)
        let eq = m.equilibria[0]
        #expect(eq.states.allSatisfy { $0.actions == ["Restrict", "Restrict"] })
        #expect(eq.recurrentClasses == [["partly-decoupled", "bifurcated"]])
        #expect(!eq.states[2].absorbing)
        #expect(close(eq.states[2].longRunShare, 5.0 / 6, tolerance: 1e-12))
        #expect(close(eq.states[1].longRunShare, 1.0 / 6, tolerance: 1e-12))
        #expect(Swift.abs(eq.states[0].longRunShare) < 1e-12)
        #expect(close(eq.states[2].expectedStepsToReach, 6.5, tolerance: 1e-12))
        #expect(close(eq.stationaryDistribution?[2], 5.0 / 6, tolerance: 1e-12))
        var theta = model.baseline
        for (name, v) in [("e", 6.0), ("c", 0), ("reintegration", 0.05)] { theta[model.parameterNames.firstIndex(of: name)!] = v }
        #expect(close(try longRunShares(model: model, theta: theta)["bifurcated"], 5.0 / 6, tolerance: 1e-12))
    }

    /// Baseline (e = 1, c = 2): the selected MPE opens in both non-split states; the chain
    /// moves integrated → partly with shock = 0.05 and back with r = 0.1, so its stationary
    /// distribution solves π_I · 0.05 = π_P · 0.1: π = (2/3, 1/3, 0).
    @Test("longRunShares at the baseline: r/(shock + r) = 2/3 integrated")
    func baselineShares() throws {
        let model = try bundledModel("decoupling-dynamics")
        let shares = try longRunShares(model: model, theta: model.baseline)
        #expect(close(shares["integrated"], 2.0 / 3, tolerance: 1e-12))
        #expect(close(shares["partly-decoupled"], 1.0 / 3, tolerance: 1e-12))
        #expect(Swift.abs(shares["bifurcated"]!) < 1e-12)
        // A different parameter point moves them (the adapter's use): r = 0.2 gives 0.2/0.25.
        var theta = model.baseline
        theta[model.parameterNames.firstIndex(of: "r")!] = 0.2
        #expect(close(try longRunShares(model: model, theta: theta)["integrated"], 0.8, tolerance: 1e-12))
    }

    /// The table in Models/README.md (written by scripts/decoupling-table.sh from the tool)
    /// agrees with the closed forms above in its rows e = 3.5, c = 0 and e = 4.5, c = 0.
    @Test("Models/README.md table rows match the closed forms")
    func readmeTable() throws {
        let text = try String(contentsOf: modelsDirectory.appendingPathComponent("README.md"), encoding: .utf8)
        func row(_ e: String, _ c: String) throws -> [String] {
            let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("| \(e) | \(c) |") })
            return line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        for (e, a) in [("3.5", 0.05), ("4.5", 0.4)] {
            let cells = try row(e, "0")
            // Columns: e, c, pure MPE, actions, P(≤10), P(≤25), P(eventually), E[years], share integrated.
            #expect(cells.count == 9)
            #expect(close(Double(cells[4]), sumOfGeometricsCDF(a, 0.25, 10), tolerance: 1e-4))
            #expect(close(Double(cells[5]), sumOfGeometricsCDF(a, 0.25, 25), tolerance: 1e-4))
            #expect(Double(cells[6]) == 1)
            #expect(close(Double(cells[7]), 1 / a + 4, tolerance: 1e-9))
        }
        // Baseline-like cell: open everywhere, never bifurcates, share 2/3.
        let open = try row("1", "2")
        #expect(open[6] == "0" && open[7] == "never" && close(Double(open[8]), 2.0 / 3, tolerance: 1e-4))
    }

    /// `--set` values that break a transition row are reported with the file position of the
    /// expression (probabilities) or of the row (sums), like the file validator's.
    @Test("transition rows broken by parameter overrides: positioned errors")
    func overrideErrors() throws {
        let model = try loadModel(path: Self.fixture)
        var theta = model.baseline
        theta[model.parameterNames.firstIndex(of: "p_split")!] = 1.5
        // Line 25: `        Restrict, Restrict: {integrated: 1 - p_split, bifurcated: p_split}`;
        // `1 - p_split` starts at column 42, `p_split` after "bifurcated: " at column 67.
        #expect(throws: ModelSolveError.invalidStates([
            Diagnostic(path: Self.fixture, line: 25, column: 42, message: "probability of moving from 'integrated' to 'integrated' after (Restrict, Restrict) is -0.5 at these parameters; it must lie in [0, 1]"),
            Diagnostic(path: Self.fixture, line: 25, column: 67, message: "probability of moving from 'integrated' to 'bifurcated' after (Restrict, Restrict) is 1.5 at these parameters; it must lie in [0, 1]"),
        ])) { _ = try solve(model: model, overrides: [("p_split", 1.5)]) }

        let yaml = """
        format: 1
        title: row sums
        players: [A, B]
        parameters: {a: 0.5, delta: 0.9}
        discount: delta
        domains:
          d:
            actions: [C, D]
            payoffs: {"C, C": [1, 1], "D, C": [2, 0], "C, D": [0, 2], "D, D": [0, 0]}
            cooperative: [C, C]
        states:
          list:
            calm:
              transitions:
                "*": {calm: a, tense: 0.5}
            tense:
              transitions:
                "*": {tense: 1}
        """
        let m = try loadModel(yaml: yaml, path: "rows.yaml")
        #expect(throws: ModelSolveError.invalidStates([
            Diagnostic(path: "rows.yaml", line: 15, column: 14, message: "transition probabilities from 'calm' in the \"*\" row sum to 1.2 at these parameters, not 1"),
        ])) { _ = try longRunShares(model: m, theta: [0.7, 0.9]) }
        #expect(throws: ModelSolveError.markov("the model has no 'states:' section")) {
            _ = try longRunShares(model: try bundledModel("security-dilemma"), theta: try bundledModel("security-dilemma").baseline)
        }
    }

    @Test("the markov section renders in text, Markdown and LaTeX and round-trips through JSON")
    func rendering() throws {
        let model = try bundledModel("decoupling-dynamics")
        let r = try solve(model: model, scenario: "securitised")
        let m = try #require(r.markov)
        #expect(r.text().contains("Markov dynamics (domain technology, initial state integrated)"))
        #expect(r.markdown().contains("| state | actions | long-run share | P(reached) | P(reached ≤ 10) |"))
        #expect(r.latex().contains("-markov}"))
        let json = r.jsonString()
        #expect(json.contains("\"long_run_share\""))
        let back = try JSONDecoder.snake.decode(ModelReport.self, from: Data(json.utf8))
        #expect(back.markov == m)
        // Models without states have no markov key at all (existing reports unchanged).
        #expect(!(try solve(model: try bundledModel("security-dilemma")).jsonString().contains("\"markov\"")))
    }
}

extension JSONDecoder {
    static var snake: JSONDecoder {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }
}
