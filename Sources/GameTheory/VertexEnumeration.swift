import BigInt

/// All extreme Nash equilibria of a two-player game, by enumerating the vertices of the
/// best-response polytopes and pairing the completely labelled ones.
///
/// Definition (von Stengel 2007, §3.5). For an m × n bimatrix game (A, B), `A[i][j]` and
/// `B[i][j]` the payoffs when the row player plays i = 0…m−1 and the column player plays
/// j = 0…n−1, both shifted to be positive:
///
///     P = { x ∈ ℝᵐ : x ≥ 0, Bᵀx ≤ 1 },   Q = { y ∈ ℝⁿ : Ay ≤ 1, y ≥ 0 }.
///
/// Labels 0…m−1 are the row player's actions, m…m+n−1 the column player's. A point x ∈ P has
/// label i when xᵢ = 0 and label m+j when (Bᵀx)ⱼ = 1; a point y ∈ Q has label i when
/// (Ay)ᵢ = 1 and label m+j when yⱼ = 0. A pair of vertices (x, y) ≠ (0, 0) whose labels cover
/// all m+n labels, rescaled to probability vectors, is an extreme Nash equilibrium, and every
/// extreme equilibrium arises so. The set returned is the set Gambit's `enummixed` and
/// `lrsnash` return (Avis, Rosenberg, Savani & von Stengel 2010).
///
/// Arithmetic — the design choice. The polytopes' vertices are found by exact, fraction-free
/// (Bareiss) pivoting on integer tableaux: the payoffs are scaled to integers, every pivot
/// keeps integer entries by an exact division by the previous pivot, and the computation runs
/// in `Int64` with overflow checks, restarts in `Int128` when a product overflows, and in
/// `BigInt` when that overflows too. No decision (feasibility, ratio-test ties, which labels are
/// tight) depends on rounding, so completeness on degenerate games does not either: the ratio
/// test compares floating-point approximations of the cross products only as a certified filter
/// (operands within 2⁻⁵¹ relative, so products within ~10⁻¹⁵; products more than 10⁻¹² apart
/// are ordered by their approximations, all others, ties included, exactly). Degenerate polytopes are handled by visiting every feasible basis (not only one
/// per vertex): the feasible-basis graph is connected, so every vertex is reached. Each
/// equilibrium is then rebuilt in `Rational` and verified by the exact regret in `Equilibrium`
/// (computed over common denominators for two players, `exactBimatrixEvaluation`).
/// A floating-point request still runs exactly (the result says `exact`); games given with
/// floating-point payoffs are solved exactly for those binary64 values.
///
/// Degenerate inputs: ties, duplicate or zero rows/columns and all-zero games are handled;
/// the game is reported degenerate when some vertex of P or Q has more labels than its
/// dimension. Non-extreme points of a continuum are not listed; ask for `components` to get
/// the maximal Nash subsets (convex hulls of the listed extreme equilibria).
///
/// Limits: m + n ≤ 64 (label sets are 64-bit masks; vertex enumeration of larger games is
/// infeasible anyway).
///
/// - Complexity: O((|V(P)| + |V(Q)|) · (m + n)³) exact integer operations, plus the pairing,
///   O(|V(P)| + |V(Q)|) hash look-ups for nondegenerate vertices and O(|V(P)|·|V(Q)|) label
///   comparisons in the worst degenerate case. The number of vertices can grow exponentially.
///
/// References:
/// - B. von Stengel (2007), "Equilibrium computation for two-player games in strategic and
///   extensive form", in N. Nisan, T. Roughgarden, É. Tardos, V. Vazirani (eds.), *Algorithmic
///   Game Theory*, ch. 3, Cambridge University Press. doi:10.1017/CBO9780511800481.005
/// - D. Avis, G. D. Rosenberg, R. Savani, B. von Stengel (2010), "Enumeration of Nash
///   equilibria for two-player games", *Economic Theory* 42:9–37. doi:10.1007/s00199-009-0449-x
/// - E. H. Bareiss (1968), "Sylvester's identity and multistep integer-preserving Gaussian
///   elimination", *Mathematics of Computation* 22:565–578. doi:10.1090/S0025-5718-1968-0226829-0
public struct VertexEnumeration: Sendable {
    /// Whether `solve` also computes the maximal Nash subsets (convex components).
    public var computesComponents: Bool

    public init(components: Bool = false) { computesComponents = components }

    /// The extreme equilibria as exact (x, y) pairs, sorted lexicographically by (x, y) in
    /// decreasing order, and whether the game is degenerate.
    public func extremeEquilibria(of game: NormalFormGame) throws
        -> (equilibria: [(x: [Rational], y: [Rational])], isDegenerate: Bool) {
        guard game.playerCount == 2 else {
            throw GameError.unsupported("vertex enumeration needs a two-player game; this one has \(game.playerCount) players")
        }
        let m = game.shape[0], n = game.shape[1]
        guard m + n <= 64 else {
            throw GameError.unsupported("vertex enumeration supports m + n ≤ 64 actions; the game is \(m)×\(n)")
        }
        let (a, b) = game.bimatrixRows(Rational.self)
        let ai = positiveIntegerMatrix(a)
        let bi = positiveIntegerMatrix(b)
        // P: rows are the columns j of B (constraint (Bᵀx)ⱼ ≤ 1), variables x₀…x_{m−1}.
        let bt = (0..<n).map { j in (0..<m).map { i in bi[i][j] } }
        // Concrete calls per tier, so that each is specialised (no generic dispatch per operation).
        let found: (pairs: [(x: [Rational], y: [Rational])], degenerate: Bool)
        // Int64 (checked) first; then Int128 with 256-bit intermediates when Hadamard's bound
        // guarantees that no entry exceeds 2¹²⁴; then checked Int128; then BigInt.
        // (Int64 is skipped when the bound is far beyond 2⁶²: the attempt would almost surely
        // overflow late and waste the time; measured on random 12×12 games with payoffs < 100.)
        let bound = max(hadamardLog2(ai), hadamardLog2(bt))
        do {
            guard bound < 90 else { throw PivotOverflow() }
            found = try Self.run(Int64.self, a: ai, bt: bt, m: m, n: n)
        } catch is PivotOverflow {
            if bound < 124 {
                found = try Self.run(BoundedInt128.self, a: ai, bt: bt, m: m, n: n)
            } else {
                do { found = try Self.run(Int128.self, a: ai, bt: bt, m: m, n: n) } catch is PivotOverflow {
                    found = try Self.run(BigInt.self, a: ai, bt: bt, m: m, n: n)
                }
            }
        }
        var pairs = found.pairs
        pairs.sort { l, r in
            if l.x != r.x { return Self.lexGreater(l.x, r.x) }
            return Self.lexGreater(l.y, r.y)
        }
        return (pairs, found.degenerate)
    }

    /// All extreme equilibria as verified `Equilibrium` values, with components on request.
    public func solve(_ game: NormalFormGame) throws -> EquilibriumReport {
        let (pairs, degenerate) = try extremeEquilibria(of: game)
        var notes = [String]()
        var eqs = [Equilibrium]()
        var kept = [(x: [Rational], y: [Rational])]()
        var seen = Set<[[Rational]]>()
        for p in pairs where seen.insert([p.x, p.y]).inserted {
            let e = Equilibrium(game: game, exact: [p.x, p.y])
            if e.exactRegret == 0 { eqs.append(e); kept.append(p) }
            else { notes.append("dropped candidate \(p.x) \(p.y): exact regret \(e.exactRegret!) is not zero") }
        }
        if !game.hasExactPayoffs {
            notes.append("payoffs are floating point; they were solved exactly as the binary64 values given")
        }
        var report = EquilibriumReport(method: "vertex-enumeration", arithmetic: .exact, equilibria: eqs,
                                       isComplete: true, scope: "all extreme equilibria",
                                       isDegenerate: degenerate, notes: notes)
        if computesComponents { report.components = NashComponents.maximalNashSubsets(kept) }
        return report
    }

    static func lexGreater(_ a: [Rational], _ b: [Rational]) -> Bool {
        for (u, v) in zip(a, b) where u != v { return u > v }
        return false
    }

    private static func run<I: PivotInteger>(_: I.Type, a: [[BigInt]], bt: [[BigInt]], m: Int, n: Int) throws
        -> (pairs: [(x: [Rational], y: [Rational])], degenerate: Bool) {
        func convert(_ rows: [[BigInt]]) throws -> [[I]] {
            try rows.map { try $0.map { guard let v = I(pivotValue: $0) else { throw PivotOverflow() }; return v } }
        }
        let p = try PolytopeVertices<I>(matrix: convert(bt), labels: Array(0..<(m + n)))
        // Q: variables y_j carry labels m+j, slacks of rows i carry labels i.
        let q = try PolytopeVertices<I>(matrix: convert(a), labels: (0..<n).map { m + $0 } + Array(0..<m))
        let full: UInt64 = (m + n == 64) ? ~0 : (UInt64(1) << UInt64(m + n)) - 1
        func isZero(_ poly: PolytopeVertices<I>, _ t: Int) -> Bool {
            let d = poly.dimension
            return (0..<d).allSatisfy { poly.coordinates[t * d + $0].sign == 0 }
        }
        var qByMask = [UInt64: Int]()
        var qDegenerate = [Int]()
        for t in q.labelMasks.indices where !isZero(q, t) {
            if q.labelMasks[t].nonzeroBitCount > n { qDegenerate.append(t) } else { qByMask[q.labelMasks[t]] = t }
        }
        let qAll = q.labelMasks.indices.filter { !isZero(q, $0) }
        func probabilities(_ poly: PolytopeVertices<I>, _ t: Int) -> [Rational] {
            let d = poly.dimension
            let nums = (0..<d).map { poly.coordinates[t * d + $0].big }
            let total = nums.reduce(BigInt(0), +)
            return nums.map { Rational($0, total) }
        }
        var pairs = [(x: [Rational], y: [Rational])]()
        for s in p.labelMasks.indices where !isZero(p, s) {
            let lx = p.labelMasks[s]
            var partners = [Int]()
            if lx.nonzeroBitCount > m {
                partners = qAll.filter { (q.labelMasks[$0] | lx) == full }
            } else {
                if let t = qByMask[full & ~lx] { partners.append(t) }
                partners += qDegenerate.filter { (q.labelMasks[$0] | lx) == full }
            }
            if partners.isEmpty { continue }
            let x = probabilities(p, s)
            for t in partners { pairs.append((x, probabilities(q, t))) }
        }
        return (pairs, p.isDegenerate || q.isDegenerate)
    }
}
