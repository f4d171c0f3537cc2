import Foundation
import GameTheory

/// The Judd–Yeltekin–Conklin outer approximation of the pure-strategy SPE payoff set of a
/// two-player repeated game with public randomisation: a polygon with fixed outward normals.
///
/// Definition. With L unit directions `g_l = (cos 2πl/L, sin 2πl/L)` the approximation is
/// `W = {w : g_l · w ≤ c_l, l = 0..<L}`. One iteration sets, for every l,
/// `c_l ← max_a max {g_l · ((1 − δ) u(a) + δ w) : w ∈ W, wᵢ ≥ w̲ᵢ + (1 − δ)/δ · (dᵢ(a) − uᵢ(a))}`
/// with `w̲ᵢ = min_{w ∈ W} wᵢ`; each inner maximum is a linear program solved with
/// `LinearProgram` (so the check is independent of the polygon code of `AbreuSannikov`).
/// Started from the feasible set's supporting levels, the iterates decrease and always
/// contain the true set, so the result is an outer bound: `AbreuSannikov`'s set must lie inside.
///
/// - Complexity: per iteration 2 + |A|·L linear programs with 2 variables and L + 2 rows.
/// - References: K. L. Judd, S. Yeltekin and J. Conklin (2003), "Computing supergame
///   equilibria", Econometrica 71(4), 1239–1254. doi:10.1111/1468-0262.00440
public struct OuterApproximation: Sendable {
    public var directionCount: Int
    public var tolerance: Double
    public var maxIterations: Int

    public init(directionCount: Int = 32, tolerance: Double = 1e-8, maxIterations: Int = 10_000) {
        self.directionCount = directionCount
        self.tolerance = tolerance
        self.maxIterations = maxIterations
    }

    public struct Result: Sendable {
        public var directions: [PayoffPoint<Double>]
        /// `levels[l] = c_l`; empty when the set is empty.
        public var levels: [Double]
        public var iterations: Int
        public var converged: Bool
        public var isEmpty: Bool { levels.isEmpty }

        /// Whether `p` satisfies every inequality within `tolerance`.
        public func contains(_ p: PayoffPoint<Double>, tolerance: Double = 1e-7) -> Bool {
            !isEmpty && zip(directions, levels).allSatisfy { g, c in g.x * p.x + g.y * p.y <= c + tolerance }
        }

        /// The polygon's vertices (counter-clockwise), from pairwise intersections of the lines.
        public var vertices: [PayoffPoint<Double>] {
            guard !isEmpty else { return [] }
            var pts = [PayoffPoint<Double>]()
            for i in directions.indices { for j in (i + 1)..<directions.count {
                let g = directions[i], h = directions[j]
                let det = g.x * h.y - g.y * h.x
                if abs(det) < 1e-12 { continue }
                let p = PayoffPoint((levels[i] * h.y - g.y * levels[j]) / det, (g.x * levels[j] - levels[i] * h.x) / det)
                if contains(p, tolerance: 1e-9) { pts.append(p) }
            } }
            return convexHull(pts, tolerance: 1e-9)
        }
    }

    public func solve(_ game: NormalFormGame, delta: Double) throws -> Result {
        guard game.playerCount == 2 else {
            throw RepeatedGameError.needsTwoPlayers(method: "the Judd–Yeltekin–Conklin approximation", players: game.playerCount)
        }
        try validateDiscountFactor(delta)
        guard directionCount >= 3 else {
            throw RepeatedGameError.domainMismatch("the outer approximation needs at least 3 directions; \(directionCount) given")
        }
        let stage = StageData<Double>(game)
        let dirs = (0..<directionCount).map { l -> PayoffPoint<Double> in
            let t = 2 * Double.pi * Double(l) / Double(directionCount)
            return PayoffPoint(cos(t), sin(t))
        }
        var levels = dirs.map { g in stage.payoff.map { g.x * $0.x + g.y * $0.y }.max()! }
        let factor = (1 - delta) / delta
        var iterations = 0
        while iterations < maxIterations {
            iterations += 1
            let rows = zip(dirs, levels).map { g, c in LinearProgram<Double>.Constraint([g.x, g.y], .lessOrEqual, c) }
            var minimum = [Double]()
            for p in 0..<2 {
                let lp = LinearProgram<Double>(sense: .minimize, objective: p == 0 ? [1, 0] : [0, 1], constraints: rows, freeVariables: [0, 1])
                guard case .optimal(_, let v, _) = try lp.solve() else { return Result(directions: dirs, levels: [], iterations: iterations, converged: true) }
                minimum.append(v)
            }
            var next = [Double](repeating: -.infinity, count: directionCount)
            for k in stage.payoff.indices {
                let u = stage.payoff[k], gain = stage.gain[k]
                let ic = rows + [.init([1, 0], .greaterOrEqual, minimum[0] + factor * gain.x),
                                 .init([0, 1], .greaterOrEqual, minimum[1] + factor * gain.y)]
                for (l, g) in dirs.enumerated() {
                    let lp = LinearProgram<Double>(sense: .maximize, objective: [g.x, g.y], constraints: ic, freeVariables: [0, 1])
                    switch try lp.solve() {
                    case .optimal(_, let v, _): next[l] = max(next[l], (1 - delta) * (g.x * u.x + g.y * u.y) + delta * v)
                    case .infeasible: break
                    case .unbounded: throw RepeatedGameError.numerical("outer approximation LP unbounded (direction \(l))")
                    }
                    if next[l] == -.infinity { break }   // infeasible for this profile in every direction
                }
            }
            if next.contains(-.infinity) { return Result(directions: dirs, levels: [], iterations: iterations, converged: true) }
            let change = zip(next, levels).map { abs($0 - $1) }.max()!
            levels = next
            if change < tolerance { return Result(directions: dirs, levels: levels, iterations: iterations, converged: true) }
        }
        return Result(directions: dirs, levels: levels, iterations: iterations, converged: false)
    }
}
