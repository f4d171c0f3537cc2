import GameTheory

/// Bargaining weights for N players: nonnegative, summing to one.
///
/// For the Nash solution `αᵢ` is player i's bargaining power; for the egalitarian solution gains
/// are proportional to the weights; for the utilitarian solution they weight the sum. The
/// Kalai–Smorodinsky solution ignores them.
public struct BargainingWeightVector<T: GameScalar>: Sendable, Equatable {
    public let values: [T]

    /// - Throws: `.invalidWeights` when a weight is outside [0, 1] or the sum is not one
    ///   (exactly for `Rational`, within 1e-12 for `Double`); `.nonFinite`.
    public init(_ values: [T]) throws {
        for (i, w) in values.enumerated() {
            try checkFinite(w, "bargaining weight w\(i + 1)")
            guard w >= .zero && w <= .one else {
                throw NegotiationError.invalidWeights("bargaining weight w\(i + 1) is \(w); weights must lie in [0, 1]")
            }
        }
        let sum = values.reduce(T.zero, +)
        guard absolute(sum - .one) <= tolerance(T.one) else {
            throw NegotiationError.invalidWeights("bargaining weights \(vectorText(values)) sum to \(sum); they must sum to 1")
        }
        self.values = values
    }

    /// `1/N` each.
    public static func equal(_ n: Int) -> BargainingWeightVector<T> {
        precondition(n > 0, "equal weights need at least one player")
        return try! BargainingWeightVector([T](repeating: T.one / T(n), count: n))
    }
}

/// The agreement an N-player bargaining solution selects, with how it was found.
public struct NPlayerBargainingOutcome<T: GameScalar>: Sendable {
    public var solution: BargainingSolutionKind
    public var weights: BargainingWeightVector<T>
    public var disagreement: [T]
    /// The agreed payoffs, player 1 first.
    public var point: [T]
    /// The public lottery over payoff vectors (pure profiles for a game) that implements `point`.
    public var lottery: [NPlayerLotteryTerm<T>]
    /// Whether no feasible point gives everyone at least as much and someone more.
    public var isParetoOptimal: Bool
    /// `.exact` when every step ran in rational arithmetic without rounding.
    public var arithmetic: Arithmetic
    /// Nash only: a certified bound on `max F − F(point)` for `F = Σ αᵢ log(uᵢ − dᵢ)`
    /// (0 when the optimum was certified exactly on a facet).
    public var optimalityGap: Double?
    /// Nash only: Frank–Wolfe iterations run.
    public var iterations: Int?
    /// Utilitarian only, when the optimum is not unique: `tiedRanges[i] = [min, max]` of
    /// player i's payoff over the optimal face (nil when the optimum is unique).
    public var tiedRanges: [[T]]?
    /// Degenerate cases met and how they were resolved.
    public var notes: [String]

    /// Gains over the disagreement point.
    public var gains: [T] { zip(point, disagreement).map { $0 - $1 } }
}

extension BargainingPolytope {
    /// Solves the N-player bargaining problem `(self, d)`.
    ///
    /// The agreement is sought in `C = {u ∈ S : u ≥ d}` (`d` need not lie in `S`).
    /// - Utilitarian: one LP, max `Σ wᵢuᵢ` over `C`; when some player's payoff varies over the
    ///   optimal face (2N further LPs) the ranges are reported in `tiedRanges`.
    /// - Egalitarian (proportional, Kalai 1977): max `t` with `d + t·w ∈ S` (one LP); if that
    ///   ray misses `S` (d outside S), max `t` with `d + t·w` weakly dominated by `C`, noted.
    ///   No lexicographic refinement: `isParetoOptimal` says when the point is only weakly
    ///   Pareto optimal.
    /// - Kalai–Smorodinsky: the ideal point `aᵢ = max{uᵢ : u ∈ C}` (N LPs), then the egalitarian
    ///   ray in direction `a − d`.
    /// - Nash (asymmetric, Harsanyi–Selten): max `Σ αᵢ log(uᵢ − dᵢ)` over `C` by away-step Frank–Wolfe
    ///   with exact line search (bisection on the derivative), each step an LP; the Frank–Wolfe gap
    ///   `∇F·(s − u)` bounds `max F − F(u)` and is reported. Then, when every `αᵢ > 0`, the face of
    ///   `S` exposed by the gradient is identified; if it is a facet `n·u = b` with `n > 0`, the
    ///   first-order conditions give `uᵢ = dᵢ + αᵢ (b − n·d)/nᵢ`, which is checked to lie in `S`
    ///   (exactly for rational data): the optimum is then certified and the gap is 0. Optima on
    ///   lower-dimensional faces (roots of polynomials in general) keep the floating-point answer.
    ///
    /// The LPs run in `T` (exact for `Rational`); Frank–Wolfe runs in `Double`.
    ///
    /// - Complexity: O(N) LPs of size (N + 1) × (K + 1) for K payoff vectors; Nash adds one LP
    ///   per Frank–Wolfe iteration (at most `maxIterations`).
    /// - Throws: `.disagreementNotDominated` when no point of `S` weakly dominates `d`;
    ///   `.invalidSetting` when `d` or the weights have the wrong length; `.nonFinite`;
    ///   `LinearProgramError` from the simplex solver (floating point: pivot limit reached).
    ///
    /// Degenerate inputs: players who cannot gain over `d` get `dᵢ` (noted; for Nash they drop
    /// out of the product); when nobody can gain the agreement is the only point of `C`.
    ///
    /// References:
    /// - J. F. Nash (1950), "The bargaining problem", *Econometrica* 18(2), 155–162. doi:10.2307/1907266
    /// - J. C. Harsanyi, R. Selten (1972), "A generalized Nash solution for two-person bargaining
    ///   games with incomplete information", *Management Science* 18(5), P80–P106. doi:10.1287/mnsc.18.5.80
    /// - E. Kalai, M. Smorodinsky (1975), "Other solutions to Nash's bargaining problem",
    ///   *Econometrica* 43(3), 513–518. doi:10.2307/1914280
    /// - E. Kalai (1977), "Proportional solutions to bargaining situations: interpersonal utility
    ///   comparisons", *Econometrica* 45(7), 1623–1630. doi:10.2307/1913954
    /// - S. Lacoste-Julien, M. Jaggi (2015), "On the global linear convergence of Frank–Wolfe
    ///   optimization variants", *Advances in Neural Information Processing Systems* 28, 496–504.
    /// - M. Frank, P. Wolfe (1956), "An algorithm for quadratic programming", *Naval Research
    ///   Logistics Quarterly* 3(1–2), 95–110. doi:10.1002/nav.3800030109
    public func solve(_ kind: BargainingSolutionKind, disagreement d: [T],
                      weights: BargainingWeightVector<T>? = nil,
                      tolerance gapTolerance: Double = 1e-10,
                      maxIterations: Int = 5000) throws -> NPlayerBargainingOutcome<T> {
        let n = playerCount
        guard d.count == n else {
            throw NegotiationError.invalidSetting("the disagreement point \(vectorText(d)) has \(d.count) payoffs; the set has \(n) players")
        }
        for (i, x) in d.enumerated() { try checkFinite(x, "disagreement payoff d\(i + 1)") }
        let w = weights ?? .equal(n)
        guard w.values.count == n else {
            throw NegotiationError.invalidWeights("\(w.values.count) bargaining weights for \(n) players")
        }
        // Ideal point over C (also the test that C is non-empty).
        var ideal = [T](), maximisers = [[T]]()
        for i in 0..<n {
            var e = [T](repeating: .zero, count: n); e[i] = .one
            guard let m = try maximise(e, atLeast: d) else {
                throw NegotiationError.disagreementNotDominated(point: vectorText(d), set: name)
            }
            ideal.append(m.value); maximisers.append(m.lambda)
        }
        let eps = tolerance(points.joined().reduce(T.one) { maximum($0, absolute($1)) })
        let gaining = (0..<n).filter { ideal[$0] - d[$0] > eps }
        var notes = [String]()
        var gap: Double?, iterations: Int?, ranges: [[T]]?
        var exact = T.isExact
        var point: [T]
        if gaining.count < n {
            let stuck = (0..<n).filter { !gaining.contains($0) }.map { "\($0 + 1)" }
            notes.append("player(s) \(stuck.joined(separator: ", ")) cannot gain over the disagreement point; they get it")
        }
        if gaining.isEmpty {
            point = payoffs(of: maximisers[0])
        } else {
            switch kind {
            case .utilitarian:
                guard let m = try maximise(w.values, atLeast: d) else {
                    throw NegotiationError.disagreementNotDominated(point: vectorText(d), set: name)
                }
                point = payoffs(of: m.lambda)
                var r = [[T]](), tied = false
                for i in 0..<n {
                    var e = [T](repeating: .zero, count: n); e[i] = .one
                    let hi = try maximise(e, atLeast: d, alsoAtLeast: (w.values, m.value))?.value ?? point[i]
                    let lo = try maximise(e.map { -$0 }, atLeast: d, alsoAtLeast: (w.values, m.value)).map { -$0.value } ?? point[i]
                    if hi - lo > eps { tied = true }
                    r.append([lo, hi])
                }
                if tied {
                    ranges = r
                    notes.append("the utilitarian optimum is not unique: the weighted sum \(m.value) is attained on a face; tied_ranges gives each player's range; the point reported is one vertex of it")
                }
            case .egalitarian:
                point = try rayPoint(d, (0..<n).map { gaining.contains($0) ? w.values[$0] : .zero }, &notes)
            case .kalaiSmorodinsky:
                point = try rayPoint(d, zip(ideal, d).map { $0 - $1 }, &notes)
            case .nash:
                let r = try nashPoint(d, w.values, gaining: gaining, start: gaining.map { maximisers[$0] },
                                      tolerance: gapTolerance, maxIterations: maxIterations, &notes)
                point = r.point; gap = r.gap; iterations = r.iterations
                exact = exact && r.certified
            }
        }
        let lottery = try self.lottery(for: point)
        var pareto = try isParetoOptimal(point)
        if !pareto, let g = gap, g > 0 {
            // A floating-point Nash point is within its gap of the frontier: check to that slack.
            let scale = points.joined().reduce(1.0) { max($0, abs($1.doubleValue)) }
            let slack = max(1e-9, 10 * g.squareRoot()) * scale * Double(n)
            if let best = try maximise([T](repeating: .one, count: n), atLeast: point) {
                pareto = (best.value - point.reduce(T.zero, +)).doubleValue <= slack
                if pareto { notes.append("Pareto optimality holds to within \(slack) in the payoff sum (the point is a floating-point approximation)") }
            }
        }
        if !pareto && (kind == .egalitarian || kind == .kalaiSmorodinsky) {
            notes.append("the \(kind) point is only weakly Pareto optimal (no lexicographic refinement is applied)")
        }
        return NPlayerBargainingOutcome(solution: kind, weights: w, disagreement: d, point: point,
                                        lottery: lottery, isParetoOptimal: pareto,
                                        arithmetic: exact ? .exact : .floatingPoint, optimalityGap: gap,
                                        iterations: iterations, tiedRanges: ranges, notes: notes)
    }

    /// Maximises `c · u` over `{u ∈ S : u ≥ lower, a · u ≥ rhs}`.
    func maximise(_ c: [T], atLeast lower: [T], alsoAtLeast extra: ([T], T)) throws -> (value: T, lambda: [T])? {
        let obj = points.map { p in zip(c, p).reduce(T.zero) { $0 + $1.0 * $1.1 } }
        var lp = lotteryProgram(sense: .maximize, objective: obj, lower: lower)
        lp.constraints.append(.init(points.map { p in zip(extra.0, p).reduce(T.zero) { $0 + $1.0 * $1.1 } },
                                    .greaterOrEqual, extra.1))
        guard let s = try lp.solve().solution else { return nil }
        return (s.value, Array(s.x.prefix(points.count)))
    }

    /// The last point of `S` on the ray `d + t r` (`t ≥ 0`); when the ray misses `S`, the
    /// furthest `d + t r` weakly dominated by a point of `C` and that point (noted).
    func rayPoint(_ d: [T], _ r: [T], _ notes: inout [String]) throws -> [T] {
        let k = points.count
        let negR = r.map { -$0 }
        var obj = [T](repeating: .zero, count: k); obj.append(.one)
        let onRay = lotteryProgram(sense: .maximize, objective: obj, lower: d, relation: .equal,
                                   extraColumns: [negR], freeExtras: false)
        if let s = try onRay.solve().solution {
            let t = s.x[k]
            return zip(d, r).map { $0 + t * $1 }
        }
        let dominated = lotteryProgram(sense: .maximize, objective: obj, lower: d,
                                       extraColumns: [negR], freeExtras: false)
        guard let s = try dominated.solve().solution else {
            throw NegotiationError.disagreementNotDominated(point: vectorText(d), set: name)
        }
        notes.append("the ray from \(vectorText(d)) in direction \(vectorText(r)) misses the set; the point reported weakly dominates d + \(s.x[k])·direction")
        return payoffs(of: Array(s.x.prefix(k)))
    }

    /// Frank–Wolfe on `Σ αᵢ log(uᵢ − dᵢ)` over `C`, then the exact facet certificate.
    func nashPoint(_ d: [T], _ alpha: [T], gaining: [Int], start: [[T]], tolerance tol: Double,
                   maxIterations: Int, _ notes: inout [String]) throws -> (point: [T], gap: Double, iterations: Int, certified: Bool) {
        let n = playerCount, k = points.count
        let active = gaining.filter { alpha[$0] > .zero }
        if active.count < gaining.count {
            notes.append("players with zero bargaining weight are left out of the Nash product: the point is the Nash point of the others, and need not be unique")
        }
        let dd = d.map(\.doubleValue), aa = alpha.map(\.doubleValue)
        let pd = points.map { $0.map(\.doubleValue) }
        if active.isEmpty {
            guard let m = try maximise([T](repeating: .one, count: n), atLeast: d) else {
                throw NegotiationError.disagreementNotDominated(point: vectorText(d), set: name)
            }
            notes.append("every player who can gain has zero weight; the point maximises the sum of payoffs")
            return (payoffs(of: m.lambda), 0, 0, true)
        }
        // Away-step Frank–Wolfe (linear convergence on polytopes, Lacoste-Julien & Jaggi 2015)
        // over atoms = vertices of C returned by the LP oracle, each kept with its lottery.
        func pay(_ l: [Double]) -> [Double] {
            (0..<n).map { i in (0..<k).reduce(0.0) { $0 + l[$1] * pd[$1][i] } }
        }
        var atoms = start.map { s in s.map(\.doubleValue) }
        var atomU = atoms.map(pay)
        var mass = [Double](repeating: 1 / Double(atoms.count), count: atoms.count)
        func current() -> [Double] {
            (0..<n).map { i in atomU.indices.reduce(0.0) { $0 + mass[$1] * atomU[$1][i] } }
        }
        var u = current()
        var gap = Double.infinity, iter = 0
        var grad = [Double](repeating: 0, count: n)
        while iter < maxIterations {
            grad = (0..<n).map { active.contains($0) ? aa[$0] / (u[$0] - dd[$0]) : 0 }
            let obj = pd.map { p in zip(grad, p).reduce(0.0) { $0 + $1.0 * $1.1 } }
            var rows = [LinearProgram<Double>.Constraint]()
            for i in 0..<n { rows.append(.init(pd.map { $0[i] }, .greaterOrEqual, dd[i])) }
            rows.append(.init([Double](repeating: 1, count: k), .equal, 1))
            guard let sol = try LinearProgram(sense: .maximize, objective: obj, constraints: rows).solve().solution else { break }
            let vertex = Array(sol.x.prefix(k))
            let s = pay(vertex)
            func dot(_ x: [Double]) -> Double { zip(grad, x).reduce(0.0) { $0 + $1.0 * $1.1 } }
            gap = dot(s) - dot(u)
            if gap <= tol { break }
            iter += 1
            // Away atom: the worst atom in use.
            let inUse = mass.indices.filter { mass[$0] > 0 }
            let away = inUse.min { dot(atomU[$0]) < dot(atomU[$1]) }!
            let awayGain = dot(u) - dot(atomU[away])
            let direction: [Double], gammaMax: Double, isAway: Bool
            if gap >= awayGain || inUse.count == 1 {
                direction = zip(s, u).map { $0 - $1 }; gammaMax = 1; isAway = false
            } else {
                direction = zip(u, atomU[away]).map { $0 - $1 }
                gammaMax = mass[away] / (1 - mass[away]); isAway = true
            }
            // Exact line search: the derivative of F(u + γ·direction) decreases in γ.
            func slope(_ g: Double) -> Double {
                active.reduce(0.0) { acc, i in
                    let den = u[i] - dd[i] + g * direction[i]
                    return den <= 0 ? -Double.infinity : acc + aa[i] * direction[i] / den
                }
            }
            var gamma = gammaMax
            if slope(gammaMax) < 0 {
                var lo = 0.0, hi = gammaMax
                for _ in 0..<100 { let mid = (lo + hi) / 2; if slope(mid) > 0 { lo = mid } else { hi = mid } }
                gamma = lo
            }
            if gamma <= 0 { break }
            if isAway {
                mass = mass.map { $0 * (1 + gamma) }
                mass[away] -= gamma
                if gamma >= gammaMax { mass[away] = 0 }
            } else {
                mass = mass.map { $0 * (1 - gamma) }
                if let j = atoms.firstIndex(where: { zip($0, vertex).allSatisfy { abs($0 - $1) <= 1e-12 } }) {
                    mass[j] += gamma
                } else {
                    atoms.append(vertex); atomU.append(s); mass.append(gamma)
                }
            }
            u = current()
        }
        var lam = [Double](repeating: 0, count: k)
        for (a, m) in zip(atoms, mass) where m > 0 { for j in 0..<k { lam[j] += m * a[j] } }
        grad = (0..<n).map { active.contains($0) ? aa[$0] / (u[$0] - dd[$0]) : 0 }
        if active.count == n, let exact = try facetCertificate(d, alpha, gradient: grad) {
            return (exact, 0, iter, true)
        }
        // Vertex candidate: the exact LP vertex of C exposed by the final gradient.
        if let v = try maximise(grad.map { scalar($0, as: T.self) }, atLeast: d).map({ payoffs(of: $0.lambda) }),
           try isNashOptimal(v, d, alpha, active: active) {
            return (v, 0, iter, true)
        }
        if gap > tol {
            notes.append("Frank–Wolfe stopped after \(iter) iterations with optimality gap \(gap) above the tolerance \(tol)")
        }
        // The point as a lottery in T: exactly in S.
        var lt = lam.map { scalar($0, as: T.self) }
        let total = lt.reduce(T.zero, +)
        lt = lt.map { $0 / total }
        return (payoffs(of: lt), gap, iter, false)
    }

    /// Whether `u ∈ C` maximises `Σ_{i ∈ active} αᵢ log(uᵢ − dᵢ)` over `C`: the first-order
    /// condition `max_{x ∈ C} ∇F(u)·x = ∇F(u)·u`, sufficient by concavity (one LP, exact in `T`).
    func isNashOptimal(_ u: [T], _ d: [T], _ alpha: [T], active: [Int]) throws -> Bool {
        guard active.allSatisfy({ u[$0] > d[$0] }), zip(u, d).allSatisfy({ $0 >= $1 }) else { return false }
        let g = (0..<playerCount).map { active.contains($0) ? alpha[$0] / (u[$0] - d[$0]) : T.zero }
        guard let best = try maximise(g, atLeast: d) else { return false }
        let here = zip(g, u).reduce(T.zero) { $0 + $1.0 * $1.1 }
        return best.value - here <= tolerance(maximum(T.one, absolute(here)))
    }

    /// If the gradient exposes a facet `n·u = b` of `S` with `n > 0` and the facet's Nash point
    /// `dᵢ + αᵢ (b − n·d)/nᵢ` lies in `S`, that point (the exact optimum); otherwise nil.
    func facetCertificate(_ d: [T], _ alpha: [T], gradient g: [Double]) throws -> [T]? {
        let n = playerCount
        let values = points.map { p in zip(g, p).reduce(0.0) { $0 + $1.0 * $1.1.doubleValue } }
        guard let top = values.max() else { return nil }
        for relTol in [1e-10, 1e-8, 1e-6, 1e-4, 1e-3] {
            let face = values.indices.filter { top - values[$0] <= relTol * max(1, abs(top)) }
            if face.count >= n, let u = try facetNashPoint(d, alpha, face: face, gradient: g) { return u }
        }
        return nil
    }

    /// The Nash point of the facet spanned by `face`, if those points span a facet of `S` with a
    /// positive normal and the point lies in `S`.
    func facetNashPoint(_ d: [T], _ alpha: [T], face: [Int], gradient g: [Double]) throws -> [T]? {
        let n = playerCount
        // Affine hull of the face: rows p_k − p_0, reduced; need rank N − 1.
        let p0 = points[face[0]]
        var rows = face.dropFirst().map { k in zip(points[k], p0).map { $0 - $1 } }
        var pivots = [Int](), r = 0
        let zeroTol = tolerance(points.joined().reduce(T.one) { maximum($0, absolute($1)) })
        for c in 0..<n where r < rows.count {
            guard let piv = (r..<rows.count).max(by: { absolute(rows[$0][c]) < absolute(rows[$1][c]) }),
                  absolute(rows[piv][c]) > zeroTol else { continue }
            rows.swapAt(r, piv)
            let inv = T.one / rows[r][c]
            rows[r] = rows[r].map { $0 * inv }
            for i in rows.indices where i != r && rows[i][c] != .zero {
                let f = rows[i][c]
                rows[i] = zip(rows[i], rows[r]).map { $0 - f * $1 }
            }
            pivots.append(c); r += 1
        }
        guard pivots.count == n - 1, let freeCol = (0..<n).first(where: { !pivots.contains($0) }) else { return nil }
        // Null vector: free column = 1, pivot variables = −row entry in the free column.
        var normal = [T](repeating: .zero, count: n)
        normal[freeCol] = .one
        for (row, c) in pivots.enumerated() { normal[c] = -rows[row][freeCol] }
        if zip(normal, g).reduce(0.0, { $0 + $1.0.doubleValue * $1.1 }) < 0 { normal = normal.map { -$0 } }
        guard normal.allSatisfy({ $0 > .zero }) else { return nil }
        func dot(_ a: [T], _ b: [T]) -> T { zip(a, b).reduce(T.zero) { $0 + $1.0 * $1.1 } }
        let b = dot(normal, p0)
        let slack = tolerance(maximum(T.one, absolute(b)))
        guard points.allSatisfy({ dot(normal, $0) - b <= slack }) else { return nil }
        let c = b - dot(normal, d)
        guard c > .zero else { return nil }
        let u = (0..<n).map { d[$0] + alpha[$0] * c / normal[$0] }
        guard try lotteryWeights(for: u) != nil else { return nil }
        return u
    }
}
