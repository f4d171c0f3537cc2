import GameTheory

/// The set of pure-strategy subgame-perfect payoffs of a two-player repeated game with
/// perfect monitoring and public randomisation, at a common discount factor δ.
public struct SubgamePerfectPayoffSet: Sendable {
    /// The discount factor (exact when it was given as a fraction or a short decimal).
    public var delta: Rational
    /// Vertices counter-clockwise from the lexicographically smallest (empty: no pure SPE).
    public var vertices: [PayoffPoint<Double>]
    /// The same vertices exactly, when the exact check succeeded (see `AbreuSannikov`).
    public var exactVertices: [PayoffPoint<Rational>]?
    public var isEmpty: Bool { vertices.isEmpty }
    /// Iterations of the set operator performed.
    public var iterations: Int
    /// Whether the Hausdorff distance between successive iterates fell below the tolerance
    /// (or the set became empty).
    public var converged: Bool
    /// The Hausdorff distance between the last two iterates.
    public var lastChange: Double
    public var tolerance: Double
    /// What the user should know (emptiness, exactness).
    public var notes: [String]

    /// Each player's worst SPE payoff (the harshest punishment of an optimal penal code,
    /// Abreu 1988), or `nil` when the set is empty.
    public var worstPayoffs: [Double]? {
        guard !vertices.isEmpty else { return nil }
        return [vertices.map(\.x).min()!, vertices.map(\.y).min()!]
    }
    /// The worst SPE payoffs exactly, when exact vertices are known.
    public var exactWorstPayoffs: [Rational]? {
        guard let e = exactVertices, !e.isEmpty else { return nil }
        return [e.map(\.x).min()!, e.map(\.y).min()!]
    }
}

/// The Abreu–Sannikov computation of pure-strategy SPE payoffs with public randomisation for
/// two-player repeated games with perfect monitoring.
///
/// Definition. For a convex polygon W of continuation payoffs, the set operator is
/// `B(W) = co ⋃ₐ {(1 − δ) u(a) + δ w : w ∈ W, wᵢ ≥ w̲ᵢ + (1 − δ)/δ · (dᵢ(a) − uᵢ(a)), i = 1, 2}`
/// with `dᵢ(a)` player i's best one-shot deviation payoff against a and `w̲ᵢ = min_{w ∈ W} wᵢ`
/// the harshest punishment available in W (self-generation, Abreu–Pearce–Stacchetti 1990).
/// For each a the incentive-compatible continuations form `W ∩ {w ≥ h(a)}`, a polygon whose
/// extreme points are vertices of W and the points where the binding incentive constraints
/// cut W's boundary — the observation of Abreu & Sannikov (2014) that keeps the number of
/// vertices bounded. Starting from the feasible set, `B` is applied until the Hausdorff
/// distance between successive iterates is below `tolerance`; the iterates decrease to the
/// SPE payoff set V. The punishment `w̲` is recomputed from each iterate, so the iteration
/// does not stall at the feasible hull (the trap QuantEcon once fell into when it kept the
/// initial threat point).
///
/// Arithmetic. The iteration runs in floating point. When the game has exact payoffs, the
/// converged vertices are rounded to the simplest nearby fractions and `B` is applied once in
/// exact `Rational` arithmetic: if it returns the same polygon, that polygon is self-generating
/// (hence contains only SPE payoffs) and lies within the tolerance of the outer iterates, and
/// it is reported in `exactVertices`. Otherwise (for example irrational vertices) only the
/// floating-point vertices are given, with a note.
///
/// Degenerate cases. When some iterate is empty there is no pure-strategy SPE (for example a
/// stage game without pure equilibrium at small δ): the result is empty, with a note. A set
/// that shrinks to a point or a segment is reported with one or two vertices.
///
/// - Complexity: per iteration O(|A| · k) for k vertices, plus a hull of O(|A| · k) points;
///   the number of iterations grows like log(tolerance)/log(δ).
/// - References: D. Abreu and Y. Sannikov (2014), "An algorithm for two-player repeated games
///   with perfect monitoring", Theoretical Economics 9(2), 313–338. doi:10.3982/TE1302.
///   D. Abreu, D. Pearce and E. Stacchetti (1990), "Toward a theory of discounted repeated
///   games with imperfect monitoring", Econometrica 58(5), 1041–1063. doi:10.2307/2938299
public struct AbreuSannikov: Sendable {
    public var tolerance: Double
    public var maxIterations: Int
    /// Whether to attempt the exact check on games with exact payoffs.
    public var exactCheck: Bool

    public init(tolerance: Double = 1e-12, maxIterations: Int = 100_000, exactCheck: Bool = true) {
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.exactCheck = exactCheck
    }

    /// The SPE payoff set of `game` at discount factor `delta` (a Double such as `0.9` is read
    /// as the decimal it prints as, 9/10).
    public func solve(_ game: NormalFormGame, delta: Double) throws -> SubgamePerfectPayoffSet {
        try validateDiscountFactor(delta)
        let exact = Rational(parsing: "\(delta)") ?? Rational(exactly: delta)!
        return try solve(game, delta: exact)
    }

    /// The SPE payoff set of `game` at the exact discount factor `delta`.
    public func solve(_ game: NormalFormGame, delta: Rational) throws -> SubgamePerfectPayoffSet {
        guard game.playerCount == 2 else {
            throw RepeatedGameError.needsTwoPlayers(method: "the Abreu–Sannikov algorithm", players: game.playerCount)
        }
        try validateDiscountFactor(delta)
        let d = delta.doubleValue
        let stage = StageData<Double>(game)
        let scale = max(1, stage.scale)
        let tol = StageTolerances(clip: 1e-13 * scale, hull: 1e-13 * scale)
        var w = try game.feasiblePayoffSet(Double.self)
        var iterations = 0, change = Double.infinity, converged = false
        var notes = [String]()
        while iterations < maxIterations {
            let next = stage.apply(to: w, delta: d, tolerances: tol)
            iterations += 1
            if next.isEmpty {
                w = []
                converged = true
                change = .infinity
                notes.append("no pure-strategy subgame-perfect equilibrium at δ = \(delta): iterate \(iterations) of the set operator is empty")
                break
            }
            change = hausdorffDistance(next, w)
            w = next
            if change < tolerance { converged = true; break }
        }
        if !converged { notes.append("not converged after \(iterations) iterations (last change \(change))") }
        // The last iterate still carries clusters of vertices at the scale of the tolerance
        // around each limit vertex (the iterates approach V geometrically); merge them.
        w = simplifyPolygon(w, tolerance: max(100 * tolerance, 1e-9) * scale)
        var result = SubgamePerfectPayoffSet(delta: delta, vertices: w, exactVertices: nil, iterations: iterations,
                                             converged: converged, lastChange: change, tolerance: tolerance, notes: notes)
        if exactCheck, game.hasExactPayoffs, converged, !w.isEmpty {
            let candidate = w.compactMap { p -> PayoffPoint<Rational>? in
                guard let x = simplestRational(p.x, tolerance: 1e-9 * scale),
                      let y = simplestRational(p.y, tolerance: 1e-9 * scale) else { return nil }
                return PayoffPoint(x, y)
            }
            if candidate.count == w.count {
                let hull = convexHull(candidate)
                let exactStage = StageData<Rational>(game)
                let image = exactStage.apply(to: hull, delta: delta, tolerances: StageTolerances(clip: .zero, hull: .zero))
                if image == hull {
                    result.exactVertices = hull
                    result.vertices = hull.map(\.doubleValue)
                    result.notes.append("exact vertices verified: the polygon is a fixed point of the set operator in rational arithmetic")
                } else {
                    result.notes.append("exact vertices not available: the nearest simple fractions are not a fixed point (the vertices may be irrational)")
                }
            } else {
                result.notes.append("exact vertices not available: no fraction with denominator ≤ 10⁶ fits the floating-point vertices")
            }
        }
        return result
    }
}

struct StageTolerances<T: GameScalar> {
    var clip: T
    var hull: T
}

/// Per-profile data of a two-player stage game: payoffs and one-shot deviation gains.
struct StageData<T: GameScalar> {
    var payoff: [PayoffPoint<T>]
    /// `gain[k][i] = dᵢ(a) − uᵢ(a) ≥ 0` for profile k.
    var gain: [PayoffPoint<T>]
    var scale: Double

    init(_ game: NormalFormGame) {
        let (a, b) = game.bimatrixRows(T.self)
        let m = a.count, n = a[0].count
        var payoff = [PayoffPoint<T>](), gain = [PayoffPoint<T>]()
        var colMax = [T](), rowMax = [T]()
        for j in 0..<n { colMax.append((0..<m).map { a[$0][j] }.max()!) }
        for i in 0..<m { rowMax.append(b[i].max()!) }
        var s = 0.0
        for j in 0..<n {
            for i in 0..<m {
                payoff.append(PayoffPoint(a[i][j], b[i][j]))
                gain.append(PayoffPoint(colMax[j] - a[i][j], rowMax[i] - b[i][j]))
                s = max(s, abs(a[i][j].doubleValue), abs(b[i][j].doubleValue))
            }
        }
        self.payoff = payoff
        self.gain = gain
        self.scale = s
    }

    /// The set operator B(W) (see `AbreuSannikov`).
    func apply(to w: [PayoffPoint<T>], delta: T, tolerances: StageTolerances<T>) -> [PayoffPoint<T>] {
        if w.isEmpty { return [] }
        var minX = w[0].x, minY = w[0].y, maxX = w[0].x, maxY = w[0].y
        for p in w {
            if p.x < minX { minX = p.x }; if p.y < minY { minY = p.y }
            if p.x > maxX { maxX = p.x }; if p.y > maxY { maxY = p.y }
        }
        let factor = (T.one - delta) / delta
        let oneMinus = T.one - delta
        var candidates = [PayoffPoint<T>]()
        candidates.reserveCapacity(payoff.count * (w.count + 4))
        for k in payoff.indices {
            let hx = minX + factor * gain[k].x, hy = minY + factor * gain[k].y
            // No incentive-compatible continuation: skip without clipping.
            if hx > maxX + tolerances.clip || hy > maxY + tolerances.clip { continue }
            let u = payoff[k]
            let ux = oneMinus * u.x, uy = oneMinus * u.y
            // Both constraints slack on all of W: the whole of W is incentive compatible.
            if hx <= minX && hy <= minY {
                for c in w { candidates.append(PayoffPoint(ux + delta * c.x, uy + delta * c.y)) }
                continue
            }
            let q = clip(clip(w, player: 0, atLeast: hx, tolerance: tolerances.clip), player: 1, atLeast: hy,
                         tolerance: tolerances.clip)
            for c in q { candidates.append(PayoffPoint(ux + delta * c.x, uy + delta * c.y)) }
        }
        return convexHull(candidates, tolerance: tolerances.hull)
    }
}
