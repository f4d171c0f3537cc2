import Testing
import GameTheory
@testable import Negotiation

/// The simplex {u ≥ 0 : Σ uᵢ/aᵢ ≤ 1} as the hull of 0 and the points aᵢ eᵢ.
private func simplex(_ a: [Rational]) throws -> BargainingPolytope<Rational> {
    var pts = [[Rational]](repeating: [Rational](repeating: 0, count: a.count), count: 1)
    for i in a.indices {
        var e = [Rational](repeating: 0, count: a.count); e[i] = a[i]; pts.append(e)
    }
    return try BargainingPolytope(convexHullOf: pts)
}

private func close(_ a: [Double], _ b: [Double], _ tol: Double = 1e-6) -> Bool {
    zip(a, b).allSatisfy { abs($0 - $1) <= tol * max(1, abs($1)) }
}

@Suite struct NPlayerBargainingTests {
    /// Symmetric unit simplex {Σuᵢ ≤ 1}, d = 0: Nash, KS and egalitarian give 1/N each
    /// (symmetry and Pareto optimality), implemented by the lottery 1/N on each corner eᵢ.
    @Test(arguments: [2, 3, 4, 5])
    func symmetricSimplexGivesOneOverN(n: Int) throws {
        let s = try simplex([Rational](repeating: 1, count: n))
        let d = [Rational](repeating: 0, count: n)
        for kind in [BargainingSolutionKind.nash, .kalaiSmorodinsky, .egalitarian] {
            let o = try s.solve(kind, disagreement: d)
            #expect(o.point == [Rational](repeating: R(1, n), count: n), "\(kind) N=\(n)")
            #expect(o.arithmetic == .exact, "\(kind)")
            #expect(o.isParetoOptimal)
            #expect(o.lottery.count == n && o.lottery.allSatisfy { $0.probability == R(1, n) }, "\(kind)")
        }
        #expect(try s.solve(.nash, disagreement: d).optimalityGap == 0)
    }

    /// Weighted Nash on the unit simplex: uᵢ = αᵢ (first-order conditions αᵢ/uᵢ = λ).
    @Test func weightedNashOnSimplexGivesWeights() throws {
        let s = try simplex([1, 1, 1, 1])
        let alpha = [R(1, 2), R(1, 4), R(1, 6), R(1, 12)]
        let o = try s.solve(.nash, disagreement: [0, 0, 0, 0], weights: BargainingWeightVector(alpha))
        #expect(o.point == alpha)
        #expect(o.arithmetic == .exact)
        #expect(o.optimalityGap == 0)
    }

    /// With d ≠ 0 (inside the simplex): uᵢ = dᵢ + αᵢ (1 − Σd).
    @Test func nashWithDisagreementPoint() throws {
        let s = try simplex([1, 1, 1])
        let d = [R(1, 10), R(1, 5), R(0)]
        let alpha = [R(1, 2), R(1, 3), R(1, 6)]
        let o = try s.solve(.nash, disagreement: d, weights: BargainingWeightVector(alpha))
        let rest = 1 - d.reduce(0, +)
        #expect(o.point == zip(d, alpha).map { $0 + $1 * rest })
        #expect(o.gains.reduce(0, +) == rest)
    }

    /// KS on {u₁/a₁ + u₂/a₂ + u₃/a₃ ≤ 1}: ideal point a, ray u = t a hits the facet at t = 1/3.
    /// Egalitarian: u = t(1,1,1) with t Σ 1/aᵢ = 1; for a = (2, 3, 6) that is t = 1.
    /// Symmetric Nash: uᵢ = aᵢ/3 as well.
    @Test func kalaiSmorodinskyOnSkewedSimplex() throws {
        let a = [R(2), R(3), R(6)]
        let s = try simplex(a)
        let d = [R(0), R(0), R(0)]
        #expect(try s.solve(.kalaiSmorodinsky, disagreement: d).point == a.map { $0 / 3 })
        #expect(try s.solve(.egalitarian, disagreement: d).point == [1, 1, 1])
        #expect(try s.solve(.nash, disagreement: d).point == a.map { $0 / 3 })
        let a2 = [R(1), R(5, 2), R(7, 3)]
        #expect(try simplex(a2).solve(.kalaiSmorodinsky, disagreement: d).point == a2.map { $0 / 3 })
    }

    /// Utilitarian on the simplex: unequal weights pick the heaviest player's corner; equal
    /// weights tie over the whole facet and every player's range is [0, 1].
    @Test func utilitarianAndTies() throws {
        let s = try simplex([1, 1, 1])
        let d = [R(0), R(0), R(0)]
        let o = try s.solve(.utilitarian, disagreement: d, weights: BargainingWeightVector([R(1, 6), R(1, 2), R(1, 3)]))
        #expect(o.point == [0, 1, 0])
        #expect(o.tiedRanges == nil)
        let t = try s.solve(.utilitarian, disagreement: d)
        #expect(t.point.reduce(0, +) == 1)
        #expect(t.tiedRanges == [[0, 1], [0, 1], [0, 1]])
    }

    /// N = 2 agrees with the two-player polygon solver on random integer polygons.
    @Test func twoPlayersAgreeWithPolygonSolver() throws {
        let seed = propertySeed(20261130, "twoPlayersAgreeWithPolygonSolver")
        var rng = SplitMix64(seed: seed)
        var exactCount = 0
        defer { print("twoPlayersAgreeWithPolygonSolver: \(exactCount) of 40 Nash points certified exactly") }
        for trial in 0..<40 {
            let m = Int.random(in: 3...7, using: &rng)
            let pts = (0..<m).map { _ in [R(Int.random(in: 0...10, using: &rng)), R(Int.random(in: 0...10, using: &rng))] }
            let d = [(pts[0][0] + pts[1][0] + pts[2][0]) / 3, (pts[0][1] + pts[1][1] + pts[2][1]) / 3]
            let alpha = R(Int.random(in: 1...9, using: &rng), 10)
            let poly = try BargainingPolygon(convexHullOf: pts.map { P($0[0], $0[1]) })
            let nd = try BargainingPolytope(convexHullOf: pts)
            let pd = P(d[0], d[1])
            let w2 = try BargainingWeights(player1: alpha), wn = try BargainingWeightVector([alpha, 1 - alpha])
            for kind in [BargainingSolutionKind.kalaiSmorodinsky, .egalitarian] {
                let a = try poly.solve(kind, disagreement: pd, weights: w2).point
                let b = try nd.solve(kind, disagreement: d, weights: wn).point
                #expect([a.u1, a.u2] == b, "trial \(trial) \(kind) points \(pts) d \(d)")
            }
            let ua = try poly.solve(.utilitarian, disagreement: pd, weights: w2).point
            let ub = try nd.solve(.utilitarian, disagreement: d, weights: wn).point
            #expect(alpha * ua.u1 + (1 - alpha) * ua.u2 == alpha * ub[0] + (1 - alpha) * ub[1], "trial \(trial)")
            let na = try poly.solve(.nash, disagreement: pd, weights: w2).point
            let nb = try nd.solve(.nash, disagreement: d, weights: wn)
            if nb.arithmetic == .exact { #expect([na.u1, na.u2] == nb.point, "trial \(trial)"); exactCount += 1 }
            else { #expect((nb.optimalityGap ?? 1) <= 1e-10, "trial \(trial) gap \(nb.optimalityGap ?? -1)") }
            #expect(close(nb.point.map(\.doubleValue), [na.u1.doubleValue, na.u2.doubleValue]),
                    "trial \(trial) Nash \(nb.point) vs \(na) points \(pts) d \(d) gap \(nb.optimalityGap ?? -1)")
        }
    }

    /// Random 3-player polytopes: the Nash point is Pareto optimal, and it moves with positive
    /// affine maps uᵢ ↦ aᵢuᵢ + bᵢ applied to the set and to d.
    @Test func nashIsParetoOptimalAndAffineInvariant() throws {
        let seed = propertySeed(77, "nashIsParetoOptimalAndAffineInvariant")
        var rng = SplitMix64(seed: seed)
        var exactCount = 0
        defer { print("nashIsParetoOptimalAndAffineInvariant: \(exactCount) of 15 Nash points certified exactly") }
        for trial in 0..<15 {
            let m = Int.random(in: 4...8, using: &rng)
            let pts: [[Rational]] = (0..<m).map { _ in (0..<3).map { _ in R(Int.random(in: 0...12, using: &rng)) } }
            var d = [Rational]()
            for i in 0..<3 {
                let sum: Rational = pts[0][i] + pts[1][i] + pts[2][i] + pts[3][i]
                d.append(sum / 4)
            }
            let alpha = try BargainingWeightVector([R(1, 2), R(3, 10), R(1, 5)])
            let s = try BargainingPolytope(convexHullOf: pts)
            let o = try s.solve(.nash, disagreement: d, weights: alpha)
            #expect(o.isParetoOptimal, "trial \(trial) \(pts) d \(d)")
            let a = (0..<3).map { _ in R(Int.random(in: 1...9, using: &rng), Int.random(in: 1...4, using: &rng)) }
            let b = (0..<3).map { _ in R(Int.random(in: -5...5, using: &rng)) }
            func f(_ u: [Rational]) -> [Rational] { (0..<3).map { a[$0] * u[$0] + b[$0] } }
            let t: NPlayerBargainingOutcome<Rational> = try BargainingPolytope(convexHullOf: pts.map(f)).solve(.nash, disagreement: f(d), weights: alpha)
            #expect(o.arithmetic == .exact || (o.optimalityGap ?? 1) <= 1e-10, "trial \(trial) gap \(o.optimalityGap ?? -1)")
            if o.arithmetic == .exact { exactCount += 1 }
            if o.arithmetic == .exact && t.arithmetic == .exact {
                #expect(t.point == f(o.point), "trial \(trial)")
            }
            #expect(close(t.point.map(\.doubleValue), f(o.point).map(\.doubleValue)),
                    "trial \(trial) \(t.point) vs \(f(o.point)) gaps \(o.optimalityGap ?? -1) \(t.optimalityGap ?? -1)")
        }
    }

    /// Three-player public-goods game: contributing costs 1 and each contribution pays 1/2 to
    /// everyone, on a base of 1: uᵢ = 1 + m/2 − cᵢ with m contributors. From d = all-defect
    /// (1, 1, 1) the symmetric solutions are everyone contributing, (3/2, 3/2, 3/2).
    @Test func feasibleSetOfThreePlayerGame() throws {
        var table = [[Rational]](repeating: [], count: 3)
        let game0 = try NormalFormGame(players: ["A", "B", "C"], actions: [["C", "D"], ["C", "D"], ["C", "D"]],
                                       exactPayoffs: [[Rational]](repeating: [Rational](repeating: 0, count: 8), count: 3))
        for k in 0..<8 {
            let prof = game0.profile(at: k)
            let m = prof.filter { $0 == 0 }.count
            for i in 0..<3 { table[i].append(1 + R(m, 2) - (prof[i] == 0 ? 1 : 0)) }
        }
        let game = try NormalFormGame(title: "public goods", players: ["A", "B", "C"],
                                      actions: [["C", "D"], ["C", "D"], ["C", "D"]], exactPayoffs: table)
        let s = try BargainingPolytope<Rational>.feasibleSet(of: game)
        #expect(s.points.count == 8)
        let d = [R(1), R(1), R(1)]
        let ks = try s.solve(.kalaiSmorodinsky, disagreement: d)
        #expect(ks.point == [R(3, 2), R(3, 2), R(3, 2)])
        #expect(ks.lottery.map(\.outcomes) == [[AgreementOutcome(label: "(C, C, C)", profile: [0, 0, 0])]])
        let nash = try s.solve(.nash, disagreement: d)
        // The optimum is the vertex (C, C, C): certified exactly by the first-order LP.
        #expect(nash.point == [R(3, 2), R(3, 2), R(3, 2)])
        #expect(nash.arithmetic == .exact && nash.optimalityGap == 0)
        #expect(try s.solve(.utilitarian, disagreement: d).point == [R(3, 2), R(3, 2), R(3, 2)])
    }

    /// Floating-point polytopes give the same closed forms.
    @Test func doubleArithmetic() throws {
        let s = try BargainingPolytope<Double>(convexHullOf: [[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]])
        let o = try s.solve(.nash, disagreement: [0.1, 0.2, 0], weights: BargainingWeightVector([0.5, 0.25, 0.25]))
        #expect(close(o.point, [0.1 + 0.35, 0.2 + 0.175, 0.175], 1e-9))
        #expect(o.arithmetic == .floatingPoint)
        #expect(o.isParetoOptimal)
    }

    /// d outside S: S = hull{(2,0,2), (0,2,2)}, d = 0, equal gains. The ray (s,s,s) misses S;
    /// the furthest ray point dominated by S is (1,1,1), dominated by (1,1,2) (noted).
    @Test func egalitarianRayMissingTheSet() throws {
        let s = try BargainingPolytope<Rational>(convexHullOf: [[2, 0, 2], [0, 2, 2]])
        let o = try s.solve(.egalitarian, disagreement: [0, 0, 0])
        #expect(o.point == [1, 1, 2])
        #expect(o.notes.contains { $0.contains("misses the set") })
        #expect(o.lottery.map(\.probability) == [R(1, 2), R(1, 2)])
    }

    /// A player who cannot gain (u3 ≡ 0 = d3) is held at d3 and drops out of the Nash product:
    /// players 1 and 2 split {u1 + u2 ≤ 1} equally.
    @Test func playerWhoCannotGain() throws {
        let s = try BargainingPolytope<Rational>(convexHullOf: [[0, 0, 0], [1, 0, 0], [0, 1, 0]])
        let o = try s.solve(.nash, disagreement: [0, 0, 0])
        #expect(close(o.point.map(\.doubleValue), [0.5, 0.5, 0], 1e-8))
        #expect((o.optimalityGap ?? 1) <= 1e-10)
        #expect(o.notes.contains { $0.contains("cannot gain") })
        #expect(try s.solve(.kalaiSmorodinsky, disagreement: [0, 0, 0]).point == [R(1, 2), R(1, 2), 0])
        #expect(try s.solve(.egalitarian, disagreement: [0, 0, 0]).point == [R(1, 2), R(1, 2), 0])
    }

    @Test func errors() throws {
        #expect(throws: NegotiationError.emptySet(what: "(no points)")) {
            try BargainingPolytope<Rational>(convexHullOf: [])
        }
        let s = try simplex([1, 1, 1])
        #expect(throws: NegotiationError.disagreementNotDominated(point: "(1/2, 1/2, 1/2)", set: "hull of 4 payoff vectors")) {
            try s.solve(.nash, disagreement: [R(1, 2), R(1, 2), R(1, 2)])
        }
        #expect(throws: NegotiationError.invalidWeights("bargaining weights (1/2, 1/2, 1/2) sum to 3/2; they must sum to 1")) {
            try BargainingWeightVector([R(1, 2), R(1, 2), R(1, 2)])
        }
        #expect(throws: NegotiationError.invalidWeights("bargaining weight w2 is -1/2; weights must lie in [0, 1]")) {
            try BargainingWeightVector([R(1), R(-1, 2), R(1, 2)])
        }
        #expect(throws: NegotiationError.self) { try s.solve(.nash, disagreement: [0, 0]) }
        #expect(throws: NegotiationError.self) { try BargainingPolytope<Rational>(convexHullOf: [[1, 2], [1, 2, 3]]) }
        #expect(throws: NegotiationError.self) { try s.lottery(for: [1, 1, 1]) }
    }
}
