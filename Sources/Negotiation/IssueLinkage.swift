import GameTheory

/// One issue (domain) of a multi-issue negotiation: its own bargaining set and disagreement point.
public struct BargainingIssue<T: GameScalar>: Sendable {
    public var name: String
    public var set: BargainingPolygon<T>
    public var disagreement: PayoffPair<T>

    public init(name: String, set: BargainingPolygon<T>, disagreement: PayoffPair<T>) {
        self.name = name
        self.set = set
        self.disagreement = disagreement
    }
}

/// What the linked package gives each player on one issue, against the issue-by-issue deal.
public struct IssueConcession<T: GameScalar>: Sendable {
    public let issue: String
    /// The issue's share of the linked agreement.
    public let linked: PayoffPair<T>
    /// The agreement on this issue alone.
    public let separate: PayoffPair<T>
    /// `concedes[i]`: player i gets less on this issue in the package than issue by issue.
    public let concedes: [Bool]
    /// Player i's share of the issue's total gain over disagreement in the package (nil when
    /// the total gain is not positive).
    public let gainShares: [T]?
    /// `getsLessThanHalf[i]`: player i's share of the issue's gain in the package is below 1/2.
    public let getsLessThanHalf: [Bool]
    /// Whether the package changes anything on this issue (its share differs from the
    /// disagreement point): the issue is within the agreed scope.
    public let inAgreement: Bool
}

/// Linking issues in one agreement versus settling them one by one.
///
/// The package's bargaining set is the Minkowski sum of the issues' sets (any combination of
/// agreements, one per issue) with the summed disagreement point; the package solution is
/// split back into issues along the supporting face of the sum (see `negotiate`).
///
/// References:
/// - B. D. Bernheim, M. D. Whinston (1990), "Multimarket contact and collusive behavior",
///   *RAND Journal of Economics* 21(1), 1–26. doi:10.2307/2555490
/// - J. K. Sebenius (1983), "Negotiation arithmetic: adding and subtracting issues and
///   parties", *International Organization* 37(2), 281–316. doi:10.1017/S002081830003438X
public struct PackageNegotiation<T: GameScalar>: Sendable {
    public let solution: BargainingSolutionKind
    public let weights: BargainingWeights<T>
    /// The agreement on the whole package.
    public let linked: BargainingOutcome<T>
    /// The package's bargaining set (Minkowski sum of the issues' sets).
    public let packageSet: BargainingPolygon<T>
    /// The agreement on each issue separately, in issue order.
    public let separate: [BargainingOutcome<T>]
    /// Per issue: the package's allocation, the separate deal and who concedes.
    public let concessions: [IssueConcession<T>]
    /// Linked total minus the sum of separate agreements, per player.
    public let linkageGain: PayoffPair<T>
    /// Caveats, for example when the split of the package across issues is not unique.
    public let notes: [String]

    /// Solves every issue separately and the linked package with the same solution and weights.
    ///
    /// Splitting the package point `z` across issues: `z` lies on a face of the sum with outer
    /// normal `n`; that face is the sum of each issue's face maximising `n·u` (a vertex, or an
    /// edge parallel to `n`'s face). Each issue gets its face's point at the same fraction
    /// along the face; when several issues have parallel edges there the split is one of many
    /// (noted), the totals are not affected.
    ///
    /// `outsideOptions`, when given, are each player's alternative to the whole package (for
    /// example a deal with a third party); they constrain the linked agreement by the
    /// outside-option principle and leave the issue-by-issue deals alone.
    ///
    /// - Complexity: O(N² m²) for N issues of m vertices (hulls of vertex sums).
    /// - Throws: `.emptySet` without issues; any error of `BargainingPolygon.solve`.
    // Exported Double specialisation: sweeps call this from another module once per point
    // (PolicyModels.negotiatedShares); unspecialised generic code there is ~0.5 ms per call.
    @_specialize(exported: true, where T == Double)
    public init(issues: [BargainingIssue<T>], solution: BargainingSolutionKind,
                weights: BargainingWeights<T> = .equal, outsideOptions: PayoffPair<T>? = nil) throws {
        guard let first = issues.first else { throw NegotiationError.emptySet(what: "of issues (no issues given)") }
        self.solution = solution
        self.weights = weights
        var sum = first.set, dsum = first.disagreement
        for issue in issues.dropFirst() {
            sum = sum.minkowskiSum(issue.set)
            dsum = dsum + issue.disagreement
        }
        packageSet = sum
        let linked = try sum.solve(solution, disagreement: dsum, weights: weights, outsideOptions: outsideOptions)
        self.linked = linked
        let separate = try issues.map { try $0.set.solve(solution, disagreement: $0.disagreement, weights: weights) }
        self.separate = separate
        var notes = [String]()
        let parts = PackageNegotiation.split(linked.point, sum, issues.map(\.set), &notes)
        var total = PayoffPair<T>.zero
        for s in separate { total = total + s.point }
        linkageGain = linked.point - total
        let half = T.one / T(2)
        concessions = issues.indices.map { k in
            let z = parts[k], s = separate[k].point, d = issues[k].disagreement
            let g = z - d
            let tg = g.u1 + g.u2
            let shares: [T]? = tg > .zero ? [g.u1 / tg, g.u2 / tg] : nil
            let eps = tolerance(maximum(absolute(z.u1), absolute(z.u2)))
            return IssueConcession(issue: issues[k].name, linked: z, separate: s,
                                   concedes: [z.u1 < s.u1 - eps, z.u2 < s.u2 - eps],
                                   gainShares: shares,
                                   getsLessThanHalf: shares.map { [$0[0] < half - eps, $0[1] < half - eps] } ?? [false, false],
                                   inAgreement: absolute(g.u1) > eps || absolute(g.u2) > eps)
        }
        self.notes = notes
    }

    /// Splits a point of the Minkowski sum into one point per summand.
    static func split(_ z: PayoffPair<T>, _ sum: BargainingPolygon<T>, _ sets: [BargainingPolygon<T>],
                      _ notes: inout [String]) -> [PayoffPair<T>] {
        let v = sum.vertices, n = v.count
        if n == 1 { return sets.map { $0.vertices[0] } }
        let eps = tolerance(maximum(sum.scale, T(1)))
        // The outer normal of the face holding z: an edge's normal, or the sum of the two
        // adjacent edges' normals at a vertex (strictly inside the vertex's normal cone).
        func normal(_ a: PayoffPair<T>, _ b: PayoffPair<T>) -> PayoffPair<T> { PayoffPair(b.u2 - a.u2, a.u1 - b.u1) }
        var dir: PayoffPair<T>? = nil
        var edge: (PayoffPair<T>, PayoffPair<T>)? = nil
        for k in 0..<n where absolute(v[k].u1 - z.u1) <= eps && absolute(v[k].u2 - z.u2) <= eps {
            dir = normal(v[(k + n - 1) % n], v[k]) + normal(v[k], v[(k + 1) % n])
        }
        if dir == nil {
            for k in 0..<n where onSegment(z, v[k], v[(k + 1) % n], eps: tolerance(sum.scale * sum.scale)) {
                dir = normal(v[k], v[(k + 1) % n])
                edge = (v[k], v[(k + 1) % n])
                break
            }
        }
        guard let nrm = dir, nrm.u1 != .zero || nrm.u2 != .zero else {
            notes.append("the package point is not on the boundary of the package set; each issue is given its share at the separate agreement's proportions")
            return sets.map { $0.vertices[0] }
        }
        // Each summand's face in direction nrm: one vertex or two (an edge parallel to the face).
        var starts = [PayoffPair<T>](), ends = [PayoffPair<T>]()
        for s in sets {
            let (_, idx) = s.maximise(nrm)
            var a = s.vertices[idx[0]], b = s.vertices[idx.last!]
            if let (p, q) = edge {
                let e = q - p, f = b - a
                if e.u1 * f.u1 + e.u2 * f.u2 < .zero { swap(&a, &b) }
            }
            starts.append(a)
            ends.append(b)
        }
        var a0 = PayoffPair<T>.zero, span = PayoffPair<T>.zero
        for k in sets.indices { a0 = a0 + starts[k]; span = span + (ends[k] - starts[k]) }
        let moving = sets.indices.filter { starts[$0] != ends[$0] }
        if moving.count > 1 {
            notes.append("issues " + moving.map { "\($0 + 1)" }.joined(separator: ", ")
                         + " have parallel frontier edges at the package agreement; the split between them is one of many (each is moved the same fraction along its edge)")
        }
        let t: T
        if absolute(span.u1) >= absolute(span.u2) {
            t = span.u1 == .zero ? .zero : (z.u1 - a0.u1) / span.u1
        } else {
            t = (z.u2 - a0.u2) / span.u2
        }
        return sets.indices.map { k in starts[k] + t * (ends[k] - starts[k]) }
    }
}
