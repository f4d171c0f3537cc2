import Testing
import LinearAlgebra
import GameTheory
import RepeatedGames
@testable import Analysis

/// The prisoner's dilemma with payoffs T > R > P > S as a model of (T, R, P, S, δ); output:
/// the grim-trigger critical discount factor from `nashReversionThreshold`, and the regime
/// (cooperation sustainable at δ or not).
struct PrisonersDilemmaModel: ParameterModel {
    let parameterNames = ["T", "R", "P", "S", "delta"]
    let baseline = [5.0, 3.0, 1.0, 0.0, 0.6]

    func evaluate(points: Matrix) throws -> [(threshold: Double, cooperates: Bool)] {
        try (0..<points.rows).map { i in
            let t = points[i, 0], r = points[i, 1], p = points[i, 2], s = points[i, 3], delta = points[i, 4]
            let game = try NormalFormGame(players: ["Row", "Column"], actions: [["C", "D"], ["C", "D"]],
                                          payoffs: [[r, t, s, p], [r, s, t, p]]) // profiles CC, DC, CD, DD (player 0 fastest)
            let d = nashReversionThreshold(game: game, profile: [0, 0], punishment: [p, p])
            guard let v = d.value else { throw AnalysisError.modelFailure("no threshold at T=\(t) R=\(r) P=\(p)") }
            return (v, delta >= v)
        }
    }
}

@Suite struct RegimeThresholdTests {
    /// Grim trigger in the prisoner's dilemma: cooperation is sustainable iff δ ≥ (T − R)/(T − P)
    /// (Friedman 1971). A 2-D grid over T and P, checked point by point.
    @Test func gridSweepOfGrimTriggerThreshold() throws {
        let params = [ParameterSpec(name: "T", baseline: 5, low: 3.5, high: 8),
                      ParameterSpec(name: "P", baseline: 1, low: 0.1, high: 2.5)]
        let r = try sweep(PrisonersDilemmaModel(), parameters: params, design: .grid(steps: [10, 7]))
        #expect(r.outputs.count == 70)
        for (p, o) in zip(r.design.points, r.outputs) {
            let (t, pp) = (p[0], p[1])
            #expect(abs(o.threshold - (t - 3) / (t - pp)) < 1e-14, "T = \(t), P = \(pp)")
        }
    }

    /// At R = 3, P = 1, δ = 0.6 the regime switches where (T − 3)/(T − 1) = 0.6, i.e. T = 6.
    @Test func bisectionFindsKnownThreshold() throws {
        let spec = ParameterSpec(name: "T", baseline: 5, low: 3.2, high: 10)
        let changes = try regimeChanges(PrisonersDilemmaModel(), along: spec, scanSteps: 7, tolerance: 1e-9) { $0.cooperates }
        #expect(changes.count == 1)
        let c = try #require(changes.first)
        #expect(c.regimeBelow == true && c.regimeAbove == false)
        #expect(c.upper - c.lower <= 1e-9)
        #expect(c.lower <= 6 && 6 <= c.upper || abs(c.location - 6) < 1e-9)
    }

    /// The curve of thresholds in T over δ: T*(δ) = (R − δP)/(1 − δ) = (3 − δ)/(1 − δ).
    @Test func thresholdCurveOverDiscountFactor() throws {
        let t = ParameterSpec(name: "T", baseline: 5, low: 3.01, high: 20)
        let d = ParameterSpec(name: "delta", baseline: 0.6, low: 0.1, high: 0.85)
        let curves = try thresholdCurves(PrisonersDilemmaModel(), along: t, over: d, overSteps: 6, scanSteps: 11,
                                         tolerance: 1e-8) { $0.cooperates }
        for (delta, changes) in zip(curves.overValues, curves.changes) {
            let exact = (3 - delta) / (1 - delta)
            #expect(changes.count == 1, "δ = \(delta)")
            if let c = changes.first { #expect(abs(c.location - exact) < 1e-8, "δ = \(delta): \(c.location) vs \(exact)") }
        }
    }

    @Test func emptySearchRangeThrows() {
        #expect(throws: AnalysisError.self) {
            try regimeChanges(PrisonersDilemmaModel(), along: ParameterSpec(name: "T", baseline: 5, low: 5, high: 5),
                              tolerance: 1e-6) { $0.cooperates }
        }
    }
}
