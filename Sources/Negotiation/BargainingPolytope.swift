import GameTheory

/// An N-player bargaining set that is a polytope: the convex hull of finitely many payoff
/// vectors (for a game, its pure payoff profiles; every point is a public lottery over them).
///
/// Index convention: `points[k][i]` is player `i`'s payoff (players from 0 in code, from 1 in
/// messages) at the `k`-th distinct payoff vector. Identical vectors are merged and their
/// outcomes pooled. The hull is never enumerated: every solution is found by linear programs
/// over the lottery weights `λ` (`λ ≥ 0`, `Σλ = 1`, `u = Σ λ_k points[k]`), exact when
/// `T == Rational`.
///
/// - Complexity: construction O(K² N) for K points (merging duplicates); each solution solves
///   O(N) linear programs with K + 1 variables and N + 1 rows.
///
/// Degenerate inputs: one point, points on a lower-dimensional flat, players who cannot gain
/// over the disagreement point — all are accepted and reported in the outcome's notes.
public struct BargainingPolytope<T: GameScalar>: Sendable {
    /// Number of players N (at least 2).
    public let playerCount: Int
    /// The distinct payoff vectors whose hull is the set.
    public let points: [[T]]
    /// `outcomes[k]`: what yields `points[k]` (pure profiles for a game's feasible set).
    public let outcomes: [[AgreementOutcome]]
    /// A description used in error messages.
    public let name: String

    /// The convex hull of `points` (each of length N ≥ 2), with optional outcome labels.
    ///
    /// - Throws: `.emptySet` without points; `.invalidSetting` for fewer than two players,
    ///   vectors of unequal length, or a label count that differs from the point count;
    ///   `.nonFinite` for NaN or infinite payoffs.
    public init(convexHullOf given: [[T]], outcomes labels: [AgreementOutcome]? = nil, name: String = "") throws {
        guard let first = given.first else {
            throw NegotiationError.emptySet(what: name.isEmpty ? "(no points)" : name)
        }
        guard first.count >= 2 else {
            throw NegotiationError.invalidSetting("payoff vectors have \(first.count) entries; bargaining needs at least 2 players")
        }
        if let l = labels, l.count != given.count {
            throw NegotiationError.invalidSetting("\(l.count) outcome labels for \(given.count) points; give one per point")
        }
        var pts = [[T]](), outs = [[AgreementOutcome]]()
        for (k, p) in given.enumerated() {
            guard p.count == first.count else {
                throw NegotiationError.invalidSetting("payoff vector \(k + 1) has \(p.count) entries; the first has \(first.count)")
            }
            for (i, x) in p.enumerated() { try checkFinite(x, "payoff of player \(i + 1) at point \(k + 1)") }
            let label = labels.map { [$0[k]] } ?? [AgreementOutcome(label: "point \(k + 1)")]
            if let j = pts.firstIndex(of: p) { outs[j] += label } else { pts.append(p); outs.append(label) }
        }
        playerCount = first.count
        points = pts
        outcomes = outs
        self.name = name.isEmpty ? "hull of \(pts.count) payoff vectors" : name
    }

    /// The feasible set of an N-player game: the convex hull of its pure-profile payoffs.
    ///
    /// - Throws: `.invalidSetting` for a one-player game.
    public static func feasibleSet(of game: NormalFormGame) throws -> BargainingPolytope<T> {
        let t = game.table(T.self)
        var pts = [[T]](), outs = [AgreementOutcome]()
        for k in 0..<game.profileCount {
            let prof = game.profile(at: k)
            pts.append((0..<game.playerCount).map { t[$0][k] })
            outs.append(AgreementOutcome(
                label: "(" + prof.enumerated().map { game.actions[$0][$1] }.joined(separator: ", ") + ")",
                profile: prof))
        }
        return try BargainingPolytope(convexHullOf: pts, outcomes: outs, name: "feasible set of \(game.title)")
    }

    // MARK: linear programs over lotteries

    /// Rows `Σ_k λ_k p_k,i ≥ lower_i` and `Σ λ = 1` over variables `λ_0..λ_{K−1}` plus `extra`
    /// trailing variables (coefficients given per player by `extraColumns`).
    func lotteryProgram(sense: LinearProgram<T>.Sense, objective: [T], lower: [T],
                        relation: LinearProgram<T>.Relation = .greaterOrEqual,
                        extraColumns: [[T]] = [], freeExtras: Bool = true) -> LinearProgram<T> {
        let k = points.count, e = extraColumns.count
        var rows = [LinearProgram<T>.Constraint]()
        for i in 0..<playerCount {
            var c = points.map { $0[i] }
            for col in extraColumns { c.append(col[i]) }
            rows.append(.init(c, relation, lower[i]))
        }
        rows.append(.init([T](repeating: .one, count: k) + [T](repeating: .zero, count: e), .equal, .one))
        return LinearProgram(sense: sense, objective: objective, constraints: rows,
                             freeVariables: freeExtras ? Set(k..<(k + e)) : [])
    }

    func payoffs(of lambda: [T]) -> [T] {
        (0..<playerCount).map { i in
            var s = T.zero
            for (k, p) in points.enumerated() where lambda[k] != .zero { s = s + lambda[k] * p[i] }
            return s
        }
    }

    /// Maximises `c · u` over `{u ∈ S : u ≥ lower}`; nil when that set is empty.
    func maximise(_ c: [T], atLeast lower: [T]) throws -> (value: T, lambda: [T])? {
        let obj = points.map { p in zip(c, p).reduce(T.zero) { $0 + $1.0 * $1.1 } }
        let lp = lotteryProgram(sense: .maximize, objective: obj, lower: lower)
        guard let s = try lp.solve().solution else { return nil }
        return (s.value, Array(s.x.prefix(points.count)))
    }

    /// Whether `u` lies in the set.
    public func contains(_ u: [T]) throws -> Bool { try lotteryWeights(for: u) != nil }

    func lotteryWeights(for u: [T]) throws -> [T]? {
        precondition(u.count == playerCount)
        let lp = lotteryProgram(sense: .maximize, objective: [T](repeating: .zero, count: points.count),
                                lower: u, relation: .equal)
        if T.isExact { return try lp.solve().solution.map { Array($0.x.prefix(points.count)) } }
        // Floating point: allow a tolerance by minimising the total violation.
        let k = points.count
        var rows = [LinearProgram<T>.Constraint]()
        for i in 0..<playerCount {
            var c = points.map { $0[i] }
            var plus = [T](repeating: .zero, count: 2 * playerCount)
            plus[2 * i] = .one; plus[2 * i + 1] = -T.one
            c += plus
            rows.append(.init(c, .equal, u[i]))
        }
        rows.append(.init([T](repeating: .one, count: k) + [T](repeating: .zero, count: 2 * playerCount), .equal, .one))
        let obj = [T](repeating: .zero, count: k) + [T](repeating: -T.one, count: 2 * playerCount)
        guard let s = try LinearProgram(sense: .maximize, objective: obj, constraints: rows).solve().solution else { return nil }
        let scale = points.joined().reduce(T.one) { maximum($0, absolute($1)) }
        guard (-s.value).doubleValue <= 1e-9 * scale.doubleValue else { return nil }
        return Array(s.x.prefix(k))
    }

    /// The public lottery over the set's payoff vectors whose expectation is `u` (a basic
    /// solution: at most N + 1 terms), listed in the order of `points`.
    ///
    /// - Throws: `.pointOutsideSet` when `u` is not in the set.
    public func lottery(for u: [T]) throws -> [NPlayerLotteryTerm<T>] {
        guard u.count == playerCount else {
            throw NegotiationError.invalidSetting("the point has \(u.count) payoffs; the set has \(playerCount) players")
        }
        guard let l = try lotteryWeights(for: u) else {
            throw NegotiationError.pointOutsideSet(point: vectorText(u))
        }
        return l.indices.filter { l[$0] > tolerance(T.one) }.map {
            NPlayerLotteryTerm(probability: l[$0], payoffs: points[$0], outcomes: outcomes[$0])
        }
    }

    /// Whether no point of the set gives every player at least `u` and someone more
    /// (one LP: maximise `Σ uᵢ` over `{v ∈ S : v ≥ u}`).
    public func isParetoOptimal(_ u: [T]) throws -> Bool {
        guard let best = try maximise([T](repeating: .one, count: playerCount), atLeast: u) else { return false }
        let total = u.reduce(T.zero, +)
        return best.value - total <= tolerance(maximum(T.one, absolute(total)))
    }
}

/// One term of an N-player agreement's lottery: play an outcome yielding `payoffs` with
/// probability `probability` (public randomisation).
public struct NPlayerLotteryTerm<T: GameScalar>: Sendable, Equatable {
    public let probability: T
    public let payoffs: [T]
    /// The action profiles (or named points) that give those payoffs; any of them will do.
    public let outcomes: [AgreementOutcome]
}

func vectorText<T: GameScalar>(_ u: [T]) -> String {
    "(" + u.map { "\($0)" }.joined(separator: ", ") + ")"
}
