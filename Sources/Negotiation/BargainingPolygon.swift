import BigInt
import GameTheory

/// What an extreme point of a bargaining set stands for: a pure action profile of the stage
/// game, or a named point (for example a vertex of the repeated game's SPE payoff set).
public struct AgreementOutcome: Sendable, Equatable, Hashable, Codable {
    /// A human-readable name, `"(Cooperate, Open)"` for a profile.
    public var label: String
    /// The pure profile's action indices (player 1 first), when the point is a stage-game outcome.
    public var profile: [Int]?

    public init(label: String, profile: [Int]? = nil) {
        self.label = label
        self.profile = profile
    }
}

/// A two-player bargaining set that is a convex polygon: the convex hull of finitely many
/// payoff pairs.
///
/// Vertices are kept in counterclockwise order, starting from the lexicographically smallest
/// `(u1, u2)`, with duplicate and collinear points removed. A polygon may be degenerate: one
/// vertex (a single point) or two (a segment). Each vertex carries the outcomes that yield it
/// (pure profiles for a game's feasible set), so that an agreement can be implemented as a
/// lottery over them (public randomisation).
///
/// In exact arithmetic (`T == Rational`) every construction here — hull, clipping, Minkowski
/// sum, the Nash, Kalai–Smorodinsky, egalitarian and utilitarian solutions — is exact.
///
/// - Complexity: construction O(n log n) for n points (Andrew's monotone chain).
///
/// References:
/// - A. M. Andrew (1979), "Another efficient algorithm for convex hulls in two dimensions",
///   *Information Processing Letters* 9(5), 216–219. doi:10.1016/0020-0190(79)90072-3
public struct BargainingPolygon<T: GameScalar>: Sendable {
    /// Extreme points, counterclockwise.
    public let vertices: [PayoffPair<T>]
    /// `vertexOutcomes[k]`: what produces `vertices[k]` (empty for points made by clipping or sums).
    public let vertexOutcomes: [[AgreementOutcome]]
    /// Largest absolute coordinate (sets floating-point tolerances).
    let scale: T

    private init(hullOf points: [(PayoffPair<T>, [AgreementOutcome])]) {
        var sc = T.zero
        for (p, _) in points { sc = maximum(sc, maximum(absolute(p.u1), absolute(p.u2))) }
        scale = sc
        let h = BargainingPolygon.hull(points, eps: tolerance(sc * sc))
        vertices = h.map(\.0)
        vertexOutcomes = h.map(\.1)
    }

    /// The convex hull of `points`, with optional outcomes for each point.
    ///
    /// - Throws: `NegotiationError.emptySet` without points; `.nonFinite` for NaN or infinite
    ///   coordinates; `.invalidSetting` when `outcomes` does not have one entry per point.
    // Exported Double specialisation: sweeps call this from another module once per point
    // (PolicyModels.negotiatedShares); unspecialised generic code there is ~0.5 ms per call.
    @_specialize(exported: true, where T == Double)
    public init(convexHullOf points: [PayoffPair<T>], outcomes: [AgreementOutcome]? = nil,
                name: String = "") throws {
        guard !points.isEmpty else { throw NegotiationError.emptySet(what: name.isEmpty ? "(no points)" : name) }
        for (k, p) in points.enumerated() {
            try checkFinite(p.u1, "u1 of point \(k + 1)")
            try checkFinite(p.u2, "u2 of point \(k + 1)")
        }
        if let o = outcomes, o.count != points.count {
            throw NegotiationError.invalidSetting("\(o.count) outcome labels for \(points.count) points; give one per point")
        }
        self.init(hullOf: points.enumerated().map { k, p in (p, outcomes.map { [$0[k]] } ?? []) })
    }

    /// A polygon from vertices that must be in convex position (in any order), for example the
    /// vertex list of a repeated game's SPE payoff set.
    ///
    /// Points on an edge (collinear with two vertices) are accepted and dropped.
    ///
    /// - Throws: `.emptySet` without vertices; `.notConvex` naming the first vertex that lies
    ///   strictly inside the hull of the others; `.nonFinite`.
    public init(vertices given: [PayoffPair<T>], labels: [String]? = nil, name: String = "") throws {
        let outcomes = labels.map { $0.map { AgreementOutcome(label: $0) } }
            ?? given.indices.map { AgreementOutcome(label: "vertex \($0 + 1)") }
        try self.init(convexHullOf: given, outcomes: outcomes, name: name)
        if vertices.count >= 3 {
            let eps = tolerance(scale * scale)
            for (k, p) in given.enumerated() {
                var strictlyInside = true
                for i in vertices.indices where !(cross(vertices[i], vertices[(i + 1) % vertices.count], p) > eps) {
                    strictlyInside = false
                    break
                }
                if strictlyInside { throw NegotiationError.notConvex(index: k, point: p.description) }
            }
        }
    }

    /// The feasible set of a two-player game: the convex hull of its pure-profile payoffs
    /// (every point is reached by public randomisation over pure profiles).
    ///
    /// - Throws: `.invalidSetting` unless the game has two players.
    public static func feasibleSet(of game: NormalFormGame) throws -> BargainingPolygon<T> {
        guard game.playerCount == 2 else {
            throw NegotiationError.invalidSetting("bargaining sets are built for two-player games; this game has \(game.playerCount) players")
        }
        let t = game.table(T.self)
        var points = [PayoffPair<T>](), outcomes = [AgreementOutcome]()
        for k in 0..<game.profileCount {
            let prof = game.profile(at: k)
            points.append(PayoffPair(t[0][k], t[1][k]))
            outcomes.append(AgreementOutcome(
                label: "(" + prof.enumerated().map { game.actions[$0][$1] }.joined(separator: ", ") + ")",
                profile: prof))
        }
        return try BargainingPolygon(convexHullOf: points, outcomes: outcomes, name: "feasible set of \(game.title)")
    }

    /// Whether `p` lies in the polygon (boundary included; within a relative 1e-12 in floating point).
    public func contains(_ p: PayoffPair<T>) -> Bool {
        let eps = tolerance(maximum(scale, maximum(absolute(p.u1), absolute(p.u2))))
        switch vertices.count {
        case 1:
            return absolute(p.u1 - vertices[0].u1) <= eps && absolute(p.u2 - vertices[0].u2) <= eps
        case 2:
            return onSegment(p, vertices[0], vertices[1], eps: eps)
        default:
            let e2 = tolerance(scale * scale)
            for i in vertices.indices where cross(vertices[i], vertices[(i + 1) % vertices.count], p) < -e2 {
                return false
            }
            return true
        }
    }

    /// The largest value of `w1 u1 + w2 u2` over the polygon and the vertices attaining it
    /// (one vertex, or the two ends of an edge on ties).
    public func maximise(_ w: PayoffPair<T>) -> (value: T, vertexIndices: [Int]) {
        let values = vertices.map { w.u1 * $0.u1 + w.u2 * $0.u2 }
        let best = values.max()!
        let eps = tolerance(scale * maximum(absolute(w.u1), absolute(w.u2)))
        return (best, values.indices.filter { best - values[$0] <= eps })
    }

    /// The part of the polygon where player `player` (0 or 1) gets at least `bound`, or `nil`
    /// when that part is empty.
    ///
    /// - Complexity: O(n).
    public func clipped(player: Int, atLeast bound: T) -> BargainingPolygon<T>? {
        var out = [(PayoffPair<T>, [AgreementOutcome])]()
        let n = vertices.count
        if n == 1 { return vertices[0][player] >= bound ? self : nil }
        for i in 0..<n {
            let p = vertices[i], q = vertices[(i + 1) % n]
            let pin = p[player] >= bound, qin = q[player] >= bound
            if pin { out.append((p, vertexOutcomes[i])) }
            if pin != qin {
                let t = (bound - p[player]) / (q[player] - p[player])
                var x = p + t * (q - p)
                x[player] = bound
                out.append((x, []))
            }
        }
        if out.isEmpty { return nil }
        return BargainingPolygon(hullOf: out)
    }

    /// The part of the polygon that weakly dominates `d`, or `nil` when empty.
    public func individuallyRational(_ d: PayoffPair<T>) -> BargainingPolygon<T>? {
        clipped(player: 0, atLeast: d.u1)?.clipped(player: 1, atLeast: d.u2)
    }

    /// The strong Pareto frontier: vertices from the one with the largest `u1` (ties: largest
    /// `u2`) counterclockwise to the one with the largest `u2` (ties: largest `u1`). Along it
    /// `u1` strictly decreases and `u2` strictly increases.
    public var paretoFrontier: [PayoffPair<T>] {
        let n = vertices.count
        var s = 0, e = 0
        for i in vertices.indices {
            let v = vertices[i]
            if v.u1 > vertices[s].u1 || (v.u1 == vertices[s].u1 && v.u2 > vertices[s].u2) { s = i }
            if v.u2 > vertices[e].u2 || (v.u2 == vertices[e].u2 && v.u1 > vertices[e].u1) { e = i }
        }
        var chain = [vertices[s]]
        var i = s
        while i != e {
            i = (i + 1) % n
            chain.append(vertices[i])
        }
        return chain
    }

    /// Whether no point of the polygon gives one player more and the other no less than `p`
    /// (within a relative 1e-9 in floating point).
    public func isParetoOptimal(_ p: PayoffPair<T>) -> Bool {
        let eps: T = T.isExact ? .zero : scalar(1e-9 * max(1, scale.doubleValue))
        if let c = clipped(player: 1, atLeast: p.u2), c.vertices.map(\.u1).max()! > p.u1 + eps { return false }
        if let c = clipped(player: 0, atLeast: p.u1), c.vertices.map(\.u2).max()! > p.u2 + eps { return false }
        return true
    }

    /// The largest `t` such that `d + t·direction` lies in the polygon, or `nil` when the ray's
    /// line misses the polygon.
    func rayExit(from d: PayoffPair<T>, direction r: PayoffPair<T>) -> T? {
        let n = vertices.count
        if n == 1 {
            let v = vertices[0] - d
            if absolute(v.u1 * r.u2 - v.u2 * r.u1) > tolerance(scale * scale) { return nil }
            let rr = r.u1 * r.u1 + r.u2 * r.u2
            return rr == .zero ? .zero : (v.u1 * r.u1 + v.u2 * r.u2) / rr
        }
        if n == 2 {
            let p = vertices[0], q = vertices[1]
            let e = q - p, w = p - d
            let denom = r.u1 * e.u2 - r.u2 * e.u1
            let parallel = T.isExact ? denom == .zero
                : absolute(denom) <= tolerance(maximum(absolute(r.u1), absolute(r.u2)) * maximum(scale, T(1)))
            if parallel {
                // Parallel: on the line only if collinear.
                if absolute(w.u1 * r.u2 - w.u2 * r.u1) > tolerance(scale * scale) { return nil }
                let rr = r.u1 * r.u1 + r.u2 * r.u2
                if rr == .zero { return .zero }
                let tp = (w.u1 * r.u1 + w.u2 * r.u2) / rr
                let wq = q - d
                let tq = (wq.u1 * r.u1 + wq.u2 * r.u2) / rr
                return maximum(tp, tq)
            }
            let s = (w.u1 * r.u2 - w.u2 * r.u1) / denom
            let eps = tolerance(T(1))
            guard s >= -eps && s <= T(1) + eps else { return nil }
            return (w.u1 * e.u2 - w.u2 * e.u1) / denom
        }
        var lo: T? = nil, hi: T? = nil
        let eps = tolerance(scale * scale)
        for i in 0..<n {
            let p = vertices[i], q = vertices[(i + 1) % n]
            let a = cross(p, q, d)
            let b = (q.u1 - p.u1) * r.u2 - (q.u2 - p.u2) * r.u1
            if b == .zero {
                if a < -eps { return nil }
            } else if b > .zero {
                let t = -a / b
                lo = lo.map { maximum($0, t) } ?? t
            } else {
                let t = -a / b
                hi = hi.map { minimum($0, t) } ?? t
            }
        }
        guard let h = hi else { return nil }
        if let l = lo, l > h + tolerance(maximum(absolute(l), absolute(h))) { return nil }
        return h
    }

    /// The Minkowski sum `{a + b : a ∈ self, b ∈ other}` (packages of issues).
    ///
    /// - Complexity: O(nm log(nm)) (hull of all vertex sums).
    public func minkowskiSum(_ other: BargainingPolygon<T>) -> BargainingPolygon<T> {
        var pts = [(PayoffPair<T>, [AgreementOutcome])]()
        for a in vertices { for b in other.vertices { pts.append((a + b, [])) } }
        return BargainingPolygon(hullOf: pts)
    }

    // MARK: Hull

    static func hull(_ input: [(PayoffPair<T>, [AgreementOutcome])], eps: T) -> [(PayoffPair<T>, [AgreementOutcome])] {
        let groups: [[Int]]
        if let ints = BargainingPolygon.integerCoordinates(input.map(\.0)) {
            // Exact fast path: rational coordinates scaled to a common denominator fit in 29
            // bits, so cross products are exact in Int.
            groups = BargainingPolygon.monotoneChain(
                input.count,
                less: { ints[$0].0 < ints[$1].0 || (ints[$0].0 == ints[$1].0 && ints[$0].1 < ints[$1].1) },
                same: { ints[$0] == ints[$1] },
                turnsLeft: { o, a, b in
                    (ints[a].0 - ints[o].0) * (ints[b].1 - ints[o].1) - (ints[a].1 - ints[o].1) * (ints[b].0 - ints[o].0) > 0
                })
        } else {
            let p = input.map(\.0)
            groups = BargainingPolygon.monotoneChain(
                input.count,
                less: { p[$0].u1 < p[$1].u1 || (p[$0].u1 == p[$1].u1 && p[$0].u2 < p[$1].u2) },
                same: { p[$0] == p[$1] },
                turnsLeft: { o, a, b in cross(p[o], p[a], p[b]) > eps })
        }
        return groups.map { g in
            var outcomes = [AgreementOutcome]()
            for i in g { for o in input[i].1 where !outcomes.contains(o) { outcomes.append(o) } }
            return (input[g[0]].0, outcomes)
        }
    }

    /// Andrew's monotone chain on indices: the hull's vertices counterclockwise from the
    /// lexicographically smallest, each as the group of input indices at that point.
    private static func monotoneChain(_ n: Int, less: (Int, Int) -> Bool, same: (Int, Int) -> Bool,
                                      turnsLeft: (Int, Int, Int) -> Bool) -> [[Int]] {
        let order = (0..<n).sorted(by: less)
        var groups = [[Int]]()
        for i in order {
            if let last = groups.last, same(last[0], i) { groups[groups.count - 1].append(i) } else { groups.append([i]) }
        }
        if groups.count <= 2 { return groups }
        func build(_ seq: [Int]) -> [Int] {
            var h = [Int]()
            for g in seq {
                while h.count >= 2 && !turnsLeft(groups[h[h.count - 2]][0], groups[h[h.count - 1]][0], groups[g][0]) { h.removeLast() }
                h.append(g)
            }
            return h
        }
        let lower = build(Array(groups.indices)), upper = build(Array(groups.indices.reversed()))
        let h = Array(lower.dropLast()) + Array(upper.dropLast())
        return (h.count >= 2 ? h : [0]).map { groups[$0] }
    }

    /// For `Rational` points: the coordinates times the common denominator, when all fit in
    /// 29 bits (differences below 2³⁰, products below 2⁶⁰: cross products cannot overflow
    /// `Int`); `nil` otherwise.
    private static func integerCoordinates(_ points: [PayoffPair<T>]) -> [(Int, Int)]? {
        guard T.self == Rational.self, points.count > 3 else { return nil }
        let limit = BigInt(1) << 29
        var lcm = BigInt(1)
        for p in points {
            for x in [p.u1 as! Rational, p.u2 as! Rational] where x.denominator != 1 {
                lcm = lcm / lcm.greatestCommonDivisor(with: x.denominator) * x.denominator
                if lcm > limit { return nil }
            }
        }
        var out = [(Int, Int)]()
        out.reserveCapacity(points.count)
        for p in points {
            let a = (p.u1 as! Rational), b = (p.u2 as! Rational)
            let x = a.numerator * (lcm / a.denominator), y = b.numerator * (lcm / b.denominator)
            guard x.magnitude < limit.magnitude, y.magnitude < limit.magnitude, let xi = Int(exactly: x), let yi = Int(exactly: y) else { return nil }
            out.append((xi, yi))
        }
        return out
    }
}

/// `(a − o) × (b − o)`: positive when `o, a, b` turn counterclockwise.
func cross<T: GameScalar>(_ o: PayoffPair<T>, _ a: PayoffPair<T>, _ b: PayoffPair<T>) -> T {
    (a.u1 - o.u1) * (b.u2 - o.u2) - (a.u2 - o.u2) * (b.u1 - o.u1)
}

func onSegment<T: GameScalar>(_ p: PayoffPair<T>, _ a: PayoffPair<T>, _ b: PayoffPair<T>, eps: T) -> Bool {
    let c = cross(a, b, p)
    let len = maximum(absolute(b.u1 - a.u1), absolute(b.u2 - a.u2))
    guard absolute(c) <= eps * maximum(len, T(1)) else { return false }
    return p.u1 >= minimum(a.u1, b.u1) - eps && p.u1 <= maximum(a.u1, b.u1) + eps
        && p.u2 >= minimum(a.u2, b.u2) - eps && p.u2 <= maximum(a.u2, b.u2) + eps
}
