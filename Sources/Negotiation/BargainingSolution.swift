import GameTheory

/// The axiomatic bargaining solutions this module computes.
public enum BargainingSolutionKind: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Maximises `(u1 − d1)^α (u2 − d2)^(1−α)` (Nash 1950; asymmetric: Harsanyi & Selten 1972).
    case nash = "nash"
    /// The Pareto point on the segment from `d` to the ideal point (Kalai & Smorodinsky 1975).
    case kalaiSmorodinsky = "kalai-smorodinsky"
    /// The largest gains in the proportion of the weights, equal gains by default (Kalai 1977).
    case egalitarian = "egalitarian"
    /// Maximises `w1 u1 + w2 u2` (equal weights: the joint payoff).
    case utilitarian = "utilitarian"

    public var description: String { rawValue }
}

/// Bargaining weights `(w1, w2)`: nonnegative and summing to one.
///
/// For the Nash solution `w1 = α` is player 1's bargaining power; for the egalitarian solution
/// gains are proportional to the weights; for the utilitarian solution they weight the sum.
/// The Kalai–Smorodinsky solution ignores them.
public struct BargainingWeights<T: GameScalar>: Sendable, Equatable {
    public let w1: T
    public let w2: T

    /// Weights `(w1, w2)`.
    ///
    /// - Throws: `.invalidWeights` when a weight is outside [0, 1] or the sum is not one
    ///   (exactly for `Rational`, within 1e-12 for `Double`); `.nonFinite`.
    public init(_ w1: T, _ w2: T) throws {
        try checkFinite(w1, "bargaining weight w1")
        try checkFinite(w2, "bargaining weight w2")
        for (k, w) in [w1, w2].enumerated() where w < .zero || w > .one {
            throw NegotiationError.invalidWeights("bargaining weight w\(k + 1) is \(w); weights must lie in [0, 1]")
        }
        let sum = w1 + w2
        guard absolute(sum - .one) <= tolerance(T.one) else {
            throw NegotiationError.invalidWeights("bargaining weights (\(w1), \(w2)) sum to \(sum); they must sum to 1")
        }
        self.w1 = w1
        self.w2 = w2
    }

    /// Player 1 gets `alpha`, player 2 `1 − alpha`.
    public init(player1 alpha: T) throws { try self.init(alpha, .one - alpha) }

    /// `(1/2, 1/2)`.
    public static var equal: BargainingWeights<T> {
        let half = T.one / T(2)
        return try! BargainingWeights(half, half)
    }

    var pair: PayoffPair<T> { PayoffPair(w1, w2) }
}

/// The agreement a bargaining solution selects, with what it was computed from.
public struct BargainingOutcome<T: GameScalar>: Sendable {
    public var solution: BargainingSolutionKind
    public var weights: BargainingWeights<T>
    public var disagreement: PayoffPair<T>
    /// Outside options treated as constraints (Binmore, Shaked & Sutton 1989), if any.
    public var outsideOptions: PayoffPair<T>?
    /// `bindingOutsideOptions[i]`: whether player i's outside option changed the agreement.
    public var bindingOutsideOptions: [Bool]
    /// The agreed payoffs.
    public var point: PayoffPair<T>
    /// For a utilitarian optimum that is a whole edge: its two ends (`point` is then the Nash
    /// point of that edge with the same weights).
    public var tiedSegment: [PayoffPair<T>]?
    /// Whether no feasible point is better for one player and no worse for the other.
    public var isParetoOptimal: Bool
    public var arithmetic: Arithmetic
    /// For smooth frontiers: the bound on the error in `u1` (nil when exact or polygonal).
    public var tolerance: Double?
    /// Iterations of the one-dimensional search (smooth frontiers only).
    public var iterations: Int?
    /// Degenerate cases met and how they were resolved.
    public var notes: [String]

    /// Gains over the disagreement point.
    public var gains: PayoffPair<T> { point - disagreement }
}

extension BargainingPolygon {
    /// Solves the bargaining problem `(self, d)` with the chosen solution.
    ///
    /// The agreement is sought in the individually rational part `C = {u ∈ S : u ≥ d}`
    /// (`d` itself need not lie in `S`, as with a minmax point). With `outsideOptions` `w`, the
    /// outside-option principle applies: the options act as constraints `u ≥ w` that change the
    /// agreement only when the unconstrained solution violates them; `d` stays the threat point.
    ///
    /// - Nash: on each edge of the Pareto frontier of `C` the weighted log-product is strictly
    ///   concave; its stationary point `t* = −(α b c + (1−α) e a)/(b e)` (edge `P + t(Q − P)`,
    ///   `a, c` = gains at `P`, `b, e` = the edge's components) is rational, so the solution is
    ///   exact for rational data and rational `α`.
    /// - Kalai–Smorodinsky: the last point of `C` on the ray from `d` to the ideal point
    ///   `(max u1, max u2)` over `C`.
    /// - Egalitarian: the last point of `C` on the ray from `d` in direction `(w1, w2)`.
    /// - Utilitarian: the vertex maximising `w1 u1 + w2 u2`; on a tied edge the edge is reported
    ///   and the Nash point of the edge is chosen.
    ///
    /// - Complexity: O(n) for n vertices.
    /// - Throws: `.disagreementNotDominated` when no point of the set weakly dominates `d` (or
    ///   the outside options).
    ///
    /// Degenerate inputs: when no point strictly dominates `d` the agreement is the best point
    /// of `C` for the player who can still gain (noted); Kalai–Smorodinsky and egalitarian
    /// points may be only weakly Pareto optimal (`isParetoOptimal` says so).
    ///
    /// References:
    /// - J. F. Nash (1950), "The bargaining problem", *Econometrica* 18(2), 155–162. doi:10.2307/1907266
    /// - J. C. Harsanyi, R. Selten (1972), "A generalized Nash solution for two-person bargaining
    ///   games with incomplete information", *Management Science* 18(5), P80–P106. doi:10.1287/mnsc.18.5.80
    /// - E. Kalai, M. Smorodinsky (1975), "Other solutions to Nash's bargaining problem",
    ///   *Econometrica* 43(3), 513–518. doi:10.2307/1914280
    /// - E. Kalai (1977), "Proportional solutions to bargaining situations: interpersonal utility
    ///   comparisons", *Econometrica* 45(7), 1623–1630. doi:10.2307/1913954
    /// - K. Binmore, A. Shaked, J. Sutton (1989), "An outside option experiment", *Quarterly
    ///   Journal of Economics* 104(4), 753–770. doi:10.2307/2937866
    // Exported Double specialisation: sweeps call this from another module once per point
    // (PolicyModels.negotiatedShares); unspecialised generic code there is ~0.5 ms per call.
    @_specialize(exported: true, where T == Double)
    public func solve(_ solution: BargainingSolutionKind, disagreement d: PayoffPair<T>,
                      weights: BargainingWeights<T> = .equal,
                      outsideOptions: PayoffPair<T>? = nil) throws -> BargainingOutcome<T> {
        try checkFinite(d.u1, "disagreement payoff d1")
        try checkFinite(d.u2, "disagreement payoff d2")
        guard let c = individuallyRational(d) else {
            throw NegotiationError.disagreementNotDominated(point: d.description, set: setDescription)
        }
        var notes = [String]()
        var (point, segment) = solveOn(c, solution, d, weights, &notes)
        var binding = [false, false]
        if let w = outsideOptions {
            try checkFinite(w.u1, "outside option of player 1")
            try checkFinite(w.u2, "outside option of player 2")
            if !point.weaklyDominates(w) {
                binding = [point.u1 < w.u1, point.u2 < w.u2]
                let bound = PayoffPair(maximum(d.u1, w.u1), maximum(d.u2, w.u2))
                guard let cw = individuallyRational(bound) else {
                    throw NegotiationError.disagreementNotDominated(
                        point: "\(bound) (the disagreement point raised to the outside options \(w))",
                        set: setDescription)
                }
                notes = ["outside option of player " + (binding[0] ? (binding[1] ? "1 and 2" : "1") : "2")
                         + " binds: the agreement is sought among points giving at least \(w)"]
                (point, segment) = solveOn(cw, solution, d, weights, &notes)
            }
        }
        return BargainingOutcome(solution: solution, weights: weights, disagreement: d,
                                 outsideOptions: outsideOptions, bindingOutsideOptions: binding,
                                 point: point, tiedSegment: segment, isParetoOptimal: isParetoOptimal(point),
                                 arithmetic: T.isExact ? .exact : .floatingPoint, tolerance: nil,
                                 iterations: nil, notes: notes)
    }

    var setDescription: String {
        "with vertices " + vertices.map(\.description).joined(separator: ", ")
    }

    private func solveOn(_ c: BargainingPolygon<T>, _ kind: BargainingSolutionKind, _ d: PayoffPair<T>,
                         _ w: BargainingWeights<T>, _ notes: inout [String]) -> (PayoffPair<T>, [PayoffPair<T>]?) {
        // C ⊂ {u ≥ d} is convex: a point strictly dominating d exists iff some vertex beats d1
        // and some vertex beats d2 (the vertices' average then does both).
        let strict = c.vertices.contains { $0.u1 > d.u1 } && c.vertices.contains { $0.u2 > d.u2 }
        if !strict {
            // C lies on one of the lines u1 = d1, u2 = d2 (or is {d}): only one player can gain,
            // and every solution gives that player the most (the lexicographic extension for
            // the egalitarian solution, which would otherwise stop at d).
            notes.append("no feasible point strictly dominates the disagreement point \(d); the agreement is the Pareto-best individually rational point")
            return (c.paretoFrontier[0], nil)
        }
        switch kind {
        case .nash:
            return (BargainingPolygon.nashPoint(c.paretoFrontier, d, w.w1), nil)
        case .kalaiSmorodinsky:
            let ideal = PayoffPair(c.vertices.map(\.u1).max()!, c.vertices.map(\.u2).max()!)
            return (c.rayPoint(d, ideal - d, &notes), nil)
        case .egalitarian:
            return (c.rayPoint(d, w.pair, &notes), nil)
        case .utilitarian:
            let (_, idx) = c.maximise(w.pair)
            if idx.count == 1 { return (c.vertices[idx[0]], nil) }
            let ends = idx.map { c.vertices[$0] }.sorted { $0.u1 > $1.u1 }
            let seg = [ends.first!, ends.last!]
            notes.append("the utilitarian optimum is the segment from \(seg[0]) to \(seg[1]); the point reported is its Nash point")
            return (BargainingPolygon.nashPoint(seg, d, w.w1), seg)
        }
    }

    /// The last point on the ray `d + t r` in the polygon (falling back to the frontier's best
    /// point for the player with the larger direction component when the ray misses).
    private func rayPoint(_ d: PayoffPair<T>, _ r: PayoffPair<T>, _ notes: inout [String]) -> PayoffPair<T> {
        if r.u1 == .zero && r.u2 == .zero { return d }
        if let t = rayExit(from: d, direction: r) {
            var p = d + t * r
            if r.u1 == .zero { p.u1 = d.u1 }
            if r.u2 == .zero { p.u2 = d.u2 }
            return p
        }
        let f = paretoFrontier
        notes.append("the ray from \(d) in direction \(r) misses the individually rational set; the frontier end favouring the player with the larger component is reported")
        return r.u1 >= r.u2 ? f.first! : f.last!
    }

    /// The asymmetric Nash point on a Pareto chain (u1 decreasing), player 1's weight `alpha`.
    static func nashPoint(_ chain: [PayoffPair<T>], _ d: PayoffPair<T>, _ alpha: T) -> PayoffPair<T> {
        let beta = T.one - alpha
        for k in 0..<(chain.count - 1) {
            let p = chain[k], q = chain[k + 1]
            let a = p.u1 - d.u1, c = p.u2 - d.u2
            let b = q.u1 - p.u1, e = q.u2 - p.u2
            // g(t) = α b (c + e t) + (1 − α) e (a + b t) has the sign of the derivative of the
            // weighted log-product along the edge; it decreases in t (slope b e < 0).
            let g0 = alpha * b * c + beta * e * a
            if g0 <= .zero { return p }
            let g1 = alpha * b * (c + e) + beta * e * (a + b)
            if g1 < .zero {
                let t = -g0 / (b * e)
                return p + t * (q - p)
            }
        }
        return chain.last!
    }
}
