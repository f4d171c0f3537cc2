import Foundation
import Testing
import GameTheory
@testable import MarkovGames

@Suite struct MarkovGameSummaryTests {
    /// The summary of the two-state game (see `PolicyEvaluationTests`) carries the hand-derived
    /// numbers — stationary distribution (3/4, 1/4), 10 expected periods from "integrated" to
    /// "bifurcated" — and its JSON is byte-identical across encodings and round-trips.
    @Test func summaryHoldsTheHandDerivedNumbersAndIsDeterministic() throws {
        let game = try TestGames.twoState(delta: [0.5, 0.8])
        let profile = StationaryProfile([[[0.5, 0.5], [1, 0]], [[1], [1]]])
        let report = try PureMarkovPerfectEquilibria().solve(game)
        let summary = try MarkovGameSummary(game: game, profile: profile, initialState: 0, targets: [1], report: report)
        let pi = try #require(summary.stationaryDistribution)
        #expect(abs(pi[0] - 0.75) < 1e-14 && abs(pi[1] - 0.25) < 1e-14)
        #expect(abs(summary.expectedStepsToTargets[0]! - 10) < 1e-12 && summary.expectedStepsToTargets[1] == 0)
        #expect(summary.recurrentClasses == [["integrated", "bifurcated"]] && summary.transientStates.isEmpty)
        #expect(abs(summary.values[0][0] - 53.0 / 7) < 1e-12)
        // Every equilibrium in the summary passed its regret check.
        for e in summary.equilibrium?.equilibria ?? [] { #expect(e.regret <= 1e-9 && e.pure) }

        let a = try summary.jsonData(), b = try summary.jsonData()
        #expect(a == b)
        let decoded = try JSONDecoder().decode(MarkovGameSummary.self, from: a)
        #expect(decoded == summary)
        #expect(try decoded.jsonData() == a)
        let text = try #require(String(data: a, encoding: .utf8))
        // Sorted keys: "absorbingStates" comes first, "values" last.
        #expect(text.hasPrefix("{\"absorbingStates\":"))
        #expect(text.contains("\"targets\":[\"bifurcated\"]"))
    }

    @Test func badIndicesAreTypedErrors() throws {
        let game = try TestGames.twoState(delta: [0.5])
        let profile = StationaryProfile([[[1, 0], [1, 0]], [[1], [1]]])
        #expect(throws: MarkovGameError.self) { _ = try MarkovGameSummary(game: game, profile: profile, initialState: 2) }
        #expect(throws: MarkovGameError.self) { _ = try MarkovGameSummary(game: game, profile: profile, targets: [5]) }
    }
}
