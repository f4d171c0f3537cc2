import GameTheory

/// One term of the lottery that implements an agreement: play the outcomes of `vertex` with
/// probability `probability` (by public randomisation).
public struct LotteryTerm<T: GameScalar>: Sendable, Equatable {
    public let probability: T
    /// The payoffs of the outcome.
    public let payoffs: PayoffPair<T>
    /// The action profiles (or named points) that give those payoffs; any of them will do.
    public let outcomes: [AgreementOutcome]
}

extension BargainingPolygon {
    /// The lottery over the polygon's vertices whose expected payoffs are `point`: one vertex,
    /// two adjacent vertices when `point` is on an edge (as every Pareto point is), otherwise
    /// three vertices of a fan triangulation from the first vertex. Probabilities are exact in
    /// rational arithmetic and listed in the polygon's vertex order.
    ///
    /// For a game's feasible set the outcomes are pure profiles: "play (Open, Open) with
    /// probability 2/3 and (Open, Restrict) with 1/3, by a public coin".
    ///
    /// - Complexity: O(n).
    /// - Throws: `.pointOutsideSet` when `point` is not in the polygon.
    public func lottery(for point: PayoffPair<T>) throws -> [LotteryTerm<T>] {
        guard contains(point) else { throw NegotiationError.pointOutsideSet(point: point.description) }
        let n = vertices.count
        let eps = tolerance(maximum(scale, T(1)))
        func term(_ k: Int, _ p: T) -> LotteryTerm<T> {
            LotteryTerm(probability: p, payoffs: vertices[k], outcomes: vertexOutcomes[k])
        }
        func isZeroish(_ x: T) -> Bool { absolute(x) <= eps }
        for k in 0..<n where isZeroish(vertices[k].u1 - point.u1) && isZeroish(vertices[k].u2 - point.u2) {
            return [term(k, .one)]
        }
        // On an edge: two vertices.
        for k in 0..<(n == 2 ? 1 : n) {
            let a = vertices[k], b = vertices[(k + 1) % n]
            if onSegment(point, a, b, eps: tolerance(scale * scale)) {
                let e = b - a
                let t = absolute(e.u1) >= absolute(e.u2) ? (point.u1 - a.u1) / e.u1 : (point.u2 - a.u2) / e.u2
                return [term(k, .one - t), term((k + 1) % n, t)].filter { $0.probability != .zero }
            }
        }
        // Interior: barycentric coordinates in the fan triangle (v0, vk, vk+1) holding the point.
        for k in 1..<max(1, n - 1) {
            let a = vertices[0], b = vertices[k], c = vertices[k + 1]
            let area = cross(a, b, c)
            let l1 = cross(point, b, c) / area, l2 = cross(a, point, c) / area
            let l3 = T.one - l1 - l2
            let m = -tolerance(T(1))
            if l1 >= m && l2 >= m && l3 >= m {
                return [term(0, l1), term(k, l2), term(k + 1, l3)].filter { $0.probability != .zero }
            }
        }
        throw NegotiationError.pointOutsideSet(point: point.description)
    }
}
