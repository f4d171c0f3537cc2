import Testing
import Foundation
@testable import Analysis

@Suite struct SamplingDesignTests {
    let params = [ParameterSpec(name: "a", baseline: 1, low: 0, high: 2),
                  ParameterSpec(name: "b", baseline: 5, low: 4, high: 10),
                  ParameterSpec(name: "c", baseline: 0, low: -1, high: 1,
                                distribution: .normal(mean: 0, sd: 1))]

    @Test func gridIsTheFullProductLastParameterFastest() throws {
        let d = try SamplingDesign.grid(steps: [3, 2, 1]).generate(parameters: params, seed: 0)
        #expect(d.points == [[0, 4, 0], [0, 10, 0], [1, 4, 0], [1, 10, 0], [2, 4, 0], [2, 10, 0]])
    }

    @Test func latinHypercubeStratifiesEveryParameter() throws {
        let seed: UInt64 = 20261130
        print("LHS seed \(seed)")
        let uniform = [ParameterSpec(name: "a", baseline: 0, low: 0, high: 1),
                       ParameterSpec(name: "b", baseline: 0, low: 0, high: 1),
                       ParameterSpec(name: "c", baseline: 0, low: 0, high: 1)]
        for n in [1, 7, 100] {
            let d = try SamplingDesign.latinHypercube(samples: n).generate(parameters: uniform, seed: seed)
            for j in 0..<3 {
                let strata = d.points.map { Int(($0[j] * Double(n)).rounded(.down)) }.sorted()
                #expect(strata == Array(0..<n), "n = \(n), parameter \(j)")
            }
        }
    }

    @Test func sameSeedSamePointsDifferentSeedDifferentPoints() throws {
        let a = try SamplingDesign.random(samples: 5).generate(parameters: params, seed: 7)
        let b = try SamplingDesign.random(samples: 5).generate(parameters: params, seed: 7)
        let c = try SamplingDesign.random(samples: 5).generate(parameters: params, seed: 8)
        #expect(a == b)
        #expect(a != c)
    }

    @Test func oneAtATimeHoldsOthersAtBaseline() throws {
        let d = try SamplingDesign.oneAtATime(steps: 3).generate(parameters: Array(params.prefix(2)), seed: 0)
        #expect(d.points == [[1, 5], [0, 5], [1, 5], [2, 5], [1, 4], [1, 7], [1, 10]])
        #expect(d.variedParameter == [nil, 0, 0, 0, 1, 1, 1])
    }

    @Test func emptyRangesAndBadDesignsThrowBeforeWork() {
        let bad = [ParameterSpec(name: "x", baseline: 0, low: 1, high: 0)]
        #expect(throws: AnalysisError.emptyRange(parameter: "x", detail: "low 1.0 > high 0.0")) {
            try SamplingDesign.random(samples: 3).generate(parameters: bad, seed: 0)
        }
        #expect(throws: AnalysisError.self) { try SamplingDesign.grid(steps: [0, 1, 1]).generate(parameters: params, seed: 0) }
        #expect(throws: AnalysisError.self) { try SamplingDesign.latinHypercube(samples: 0).generate(parameters: params, seed: 0) }
    }
}

@Suite struct DistributionTests {
    /// Reference quantiles: Φ⁻¹(0.975) = 1.959963984540054, Φ⁻¹(10⁻¹⁰) = −6.361340902404056
    /// (Wichura 1988, AS 241, Applied Statistics 37(3), 477–484, doi:10.2307/2347330, 16 digits).
    @Test func normalQuantile() {
        #expect(abs(standardNormalQuantile(0.975) - 1.959963984540054) < 1e-14)
        #expect(abs(standardNormalQuantile(0.025) + 1.959963984540054) < 1e-14)
        #expect(abs(standardNormalQuantile(1e-10) + 6.361340902404056) < 1e-12)
        #expect(standardNormalQuantile(0.5) == 0)
    }

    /// Closed forms: Beta(a, 1) has CDF x^a, so its quantile is u^(1/a); Beta(1, b) has
    /// quantile 1 − (1 − u)^(1/b); Beta(2, 2) has CDF 3x² − 2x³, symmetric about ½.
    @Test func betaQuantileClosedForms() {
        for u in stride(from: 0.01, through: 0.99, by: 0.07) {
            #expect(abs(betaQuantile(u, 3, 1) - Foundation.pow(u, 1.0 / 3)) < 1e-12)
            #expect(abs(betaQuantile(u, 1, 2.5) - (1 - Foundation.pow(1 - u, 1 / 2.5))) < 1e-12)
            let x = betaQuantile(u, 2, 2)
            #expect(abs(3 * x * x - 2 * x * x * x - u) < 1e-12)
            // U-shaped density: inverse then CDF round-trips.
            let y = betaQuantile(u, 0.3, 0.4)
            #expect(abs(regularizedIncompleteBeta(y, 0.3, 0.4) - u) < 1e-12)
        }
        #expect(abs(betaQuantile(0.5, 2, 2) - 0.5) < 1e-14)
        // Large and tiny shape parameters, extreme tails: reference values from an independent
        // implementation, scipy.stats.beta.ppf (SciPy 1.17.1, Boost's ibeta_inv).
        let reference: [(a: Double, b: Double, u: Double, x: Double)] = [
            (0.05, 0.05, 1e-12, 9.711823602720357e-235), (0.05, 0.05, 1e-6, 9.711823602720214e-115),
            (0.05, 0.05, 0.3, 3.386199757902803e-05), (0.05, 0.05, 0.999999, 1.0),
            (1000, 2, 1e-12, 0.9693937768786469), (1000, 2, 1e-6, 0.983458248097877),
            (1000, 2, 0.3, 0.9975649714669891), (1000, 2, 0.999999, 0.9999985858272485),
            (50, 80, 1e-12, 0.13564090050347558), (50, 80, 1e-6, 0.2020186586485292),
            (50, 80, 0.3, 0.36178651376759074), (50, 80, 0.999999, 0.5916468635828189),
        ]
        for r in reference {
            let x = betaQuantile(r.u, r.a, r.b)
            #expect(abs(x - r.x) <= 1e-12 * r.x + 1e-15, "Beta(\(r.a), \(r.b)) at \(r.u): \(x) vs \(r.x)")
        }
    }

    @Test func triangularQuantileInvertsCDF() throws {
        let t = ParameterDistribution.triangular(low: 1, mode: 2, high: 5)
        try t.validate(parameter: "t")
        for u in stride(from: 0.0, through: 1.0, by: 0.05) {
            #expect(abs(t.cdf(t.quantile(u)) - u) < 1e-12)
        }
        #expect(abs(t.quantile(0.25) - 2) < 1e-12) // F(mode) = (2 − 1)/(5 − 1)
        #expect(throws: AnalysisError.self) {
            try ParameterDistribution.triangular(low: 1, mode: 6, high: 5).validate(parameter: "t")
        }
    }
}
