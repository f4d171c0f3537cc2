/// A correlated or coarse correlated equilibrium: a probability distribution over pure
/// profiles, with payoffs and its incentive check computed from the game.
///
/// Definitions (index convention: `probabilities[k]` is the probability of the pure profile
/// with Gambit flat index k, player 0's action fastest; see `NormalFormGame`). A distribution
/// x is a *correlated equilibrium* (Aumann 1974) when no player gains by disobeying a
/// recommendation: for every player p and actions a ≠ a′,
/// `Σ_{s₋ₚ} x(a, s₋ₚ) [uₚ(a′, s₋ₚ) − uₚ(a, s₋ₚ)] ≤ 0`.
/// It is a *coarse correlated equilibrium* (Moulin & Vial 1978) when no player gains by
/// committing to a fixed action before the recommendation: for every p and a′,
/// `Σ_s x(s) [uₚ(a′, s₋ₚ) − uₚ(s)] ≤ 0`. Every CE is a CCE.
///
/// `regret` is the largest left-hand side above over all constraints of the kind (clamped at
/// 0), computed here from the game and the distribution, not taken from a solver: exactly
/// zero for a verified exact equilibrium.
///
/// References:
/// - R. J. Aumann (1974), "Subjectivity and correlation in randomized strategies", Journal of
///   Mathematical Economics 1(1), 67–96. doi:10.1016/0304-4068(74)90037-8
/// - H. Moulin & J.-P. Vial (1978), "Strategically zero-sum games: the class of games whose
///   completely mixed equilibria cannot be improved upon", International Journal of Game
///   Theory 7(3–4), 201–221. doi:10.1007/BF01769190
public struct CorrelatedEquilibrium: Sendable, Equatable {
    /// Correlated (per-recommendation incentive constraints) or coarse correlated.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case correlated = "correlated"
        case coarseCorrelated = "coarse-correlated"
    }

    public let kind: Kind
    /// `probabilities[k]`: probability of the profile with flat index k.
    public let probabilities: [Double]
    public let exactProbabilities: [Rational]?
    /// Each player's expected payoff.
    public let payoffs: [Double]
    public let exactPayoffs: [Rational]?
    /// Σₚ payoffs[p].
    public let welfare: Double
    public let exactWelfare: Rational?
    /// The largest incentive-constraint violation (≥ 0), computed from the game.
    public let regret: Double
    public let exactRegret: Rational?
    /// Whether every incentive constraint holds: exactly (regret exactly 0) in exact
    /// arithmetic, up to the tolerance given at construction in floating point.
    public let isVerified: Bool

    /// Builds and verifies an exact distribution.
    public init(game: NormalFormGame, kind: Kind, exact x: [Rational]) {
        let t = game.table(Rational.self)
        self.kind = kind
        exactProbabilities = x
        probabilities = x.map(\.doubleValue)
        let u = CorrelatedEquilibrium.expected(t, x)
        exactPayoffs = u
        payoffs = u.map(\.doubleValue)
        let w = u.reduce(Rational.zero, +)
        exactWelfare = w
        welfare = w.doubleValue
        let r = CorrelatedEquilibrium.maximumGain(game, t, x, kind)
        let valid = x.allSatisfy { $0 >= 0 } && x.reduce(Rational.zero, +) == 1
        exactRegret = r
        regret = r.doubleValue
        isVerified = valid && r.isZero
    }

    /// Builds and verifies a floating-point distribution; verified when it is a probability
    /// vector (within `tolerance`) and its regret is at most `tolerance`.
    public init(game: NormalFormGame, kind: Kind, probabilities x: [Double], tolerance: Double = 1e-9) {
        let t = game.payoffTable
        self.kind = kind
        probabilities = x
        exactProbabilities = nil
        payoffs = CorrelatedEquilibrium.expected(t, x)
        exactPayoffs = nil
        welfare = payoffs.reduce(0, +)
        exactWelfare = nil
        regret = CorrelatedEquilibrium.maximumGain(game, t, x, kind)
        exactRegret = nil
        let valid = x.allSatisfy { $0 >= -tolerance } && abs(x.reduce(0, +) - 1) <= tolerance
        isVerified = valid && regret <= tolerance
    }

    /// The profiles with positive probability, as flat indices in ascending order.
    public var support: [Int] {
        if let e = exactProbabilities { return e.indices.filter { !e[$0].isZero } }
        return probabilities.indices.filter { probabilities[$0] > 0 }
    }

    static func expected<T: GameScalar>(_ t: [[T]], _ x: [T]) -> [T] {
        t.map { row in
            var s = T.zero
            for (k, p) in x.enumerated() where p != T.zero { s = s + p * row[k] }
            return s
        }
    }

    /// The largest incentive-constraint left-hand side (gain from deviating), at least 0.
    static func maximumGain<T: GameScalar>(_ game: NormalFormGame, _ t: [[T]], _ x: [T],
                                           _ kind: Kind) -> T {
        var worst = T.zero
        for row in incentiveRows(game, t, kind) {
            var s = T.zero
            for (k, c) in row where x[k] != T.zero { s = s + c * x[k] }
            // row holds obey − deviate; the gain is its negative
            if -s > worst { worst = -s }
        }
        return worst
    }

    /// The incentive constraints as sparse rows `Σ_k c_k x_k ≥ 0` with
    /// `c_k = uₚ(obeyed) − uₚ(deviation)`: for CE one row per (p, a, a′ ≠ a) over the
    /// profiles where p is recommended a; for CCE one row per (p, a′) over all profiles.
    /// Rows are in the order (player, recommended action, deviation) ascending.
    static func incentiveRows<T: GameScalar>(_ game: NormalFormGame, _ t: [[T]], _ kind: Kind) -> [[(Int, T)]] {
        let shape = game.shape
        var rows = [[(Int, T)]]()
        var stride = 1
        for p in 0..<shape.count {
            let np = shape[p]
            switch kind {
            case .correlated:
                for a in 0..<np {
                    for d in 0..<np where d != a {
                        var row = [(Int, T)]()
                        for k in 0..<game.profileCount where (k / stride) % np == a {
                            let kd = k + (d - a) * stride
                            let c = t[p][k] - t[p][kd]
                            if c != T.zero { row.append((k, c)) }
                        }
                        rows.append(row)
                    }
                }
            case .coarseCorrelated:
                for d in 0..<np {
                    var row = [(Int, T)]()
                    for k in 0..<game.profileCount {
                        let a = (k / stride) % np
                        let c = t[p][k] - t[p][k + (d - a) * stride]
                        if c != T.zero { row.append((k, c)) }
                    }
                    rows.append(row)
                }
            }
            stride *= np
        }
        return rows
    }
}

/// What a correlated-equilibrium program maximises: a linear function of the distribution.
public enum CorrelatedObjective: Sendable, Equatable, CustomStringConvertible {
    /// The sum of the players' expected payoffs.
    case welfare
    /// One player's expected payoff (0-based player index).
    case player(Int)
    /// `Σₚ weights[p] · uₚ` (one weight per player).
    case weights([Rational])
    /// `Σ_k coefficients[k] · x_k` over the pure profiles in flat-index order.
    case profileCoefficients([Rational])

    public var description: String {
        switch self {
        case .welfare: return "welfare"
        case .player(let p): return "player:\(p + 1)"
        case .weights(let w): return "weights:" + w.map(\.description).joined(separator: ",")
        case .profileCoefficients(let c): return "profile-coefficients:" + c.map(\.description).joined(separator: ",")
        }
    }

    /// The coefficient of each profile's probability.
    func coefficients<T: GameScalar>(_ game: NormalFormGame, _ t: [[T]]) throws -> [T] {
        func convert(_ r: Rational) -> T {
            T.isExact ? r as! T : r.doubleValue as! T
        }
        let weights: [Rational]
        switch self {
        case .welfare: weights = [Rational](repeating: 1, count: game.playerCount)
        case .player(let p):
            guard p >= 0 && p < game.playerCount else {
                throw SolutionConceptError.invalidParameter(name: "objective", value: "player \(p + 1) (the game has \(game.playerCount) players)")
            }
            weights = (0..<game.playerCount).map { $0 == p ? 1 : 0 }
        case .weights(let w):
            guard w.count == game.playerCount else {
                throw SolutionConceptError.invalidParameter(name: "objective", value: "\(w.count) weights for \(game.playerCount) players")
            }
            weights = w
        case .profileCoefficients(let c):
            guard c.count == game.profileCount else {
                throw SolutionConceptError.invalidParameter(name: "objective", value: "\(c.count) coefficients for \(game.profileCount) profiles")
            }
            return c.map(convert)
        }
        let w = weights.map(convert)
        return (0..<game.profileCount).map { k in
            var s = T.zero
            for p in 0..<game.playerCount where w[p] != T.zero { s = s + w[p] * t[p][k] }
            return s
        }
    }
}

/// The optimum of a correlated-equilibrium program and, on request, every vertex of the
/// polytope.
public struct CorrelatedEquilibriumResult: Sendable {
    public let kind: CorrelatedEquilibrium.Kind
    public let objective: CorrelatedObjective
    public let arithmetic: Arithmetic
    /// An optimal distribution (a vertex of the polytope), verified.
    public let optimum: CorrelatedEquilibrium
    /// The optimal objective value.
    public let objectiveValue: Double
    public let exactObjectiveValue: Rational?
    /// All vertices of the polytope, in descending lexicographic order of their flat-index
    /// probability vectors, when asked for.
    public let vertices: [CorrelatedEquilibrium]?
    public let notes: [String]
}

/// Correlated and coarse correlated equilibria by linear programming.
///
/// The program has one variable `x_k ≥ 0` per pure profile, `Σ x_k = 1`, and the incentive
/// constraints of `CorrelatedEquilibrium` (CE: Σₚ nₚ(nₚ − 1) rows; CCE: Σₚ nₚ rows). It
/// maximises the chosen linear `objective` by the exact (or floating-point) simplex method of
/// `LinearProgram`; the optimum is a vertex of the polytope. Every Nash equilibrium's product
/// distribution lies in the polytope, so it is never empty; the outcome of the simplex is still
/// checked and anything but an optimum is reported as an error, never as NaN.
///
/// `vertices: true` also enumerates all extreme points, by a breadth-first search over the
/// feasible bases of the standard-form program `G x − s = 0, Σ x = 1, x, s ≥ 0` (each pivot
/// to every ratio-test-minimising row, so degenerate vertices are handled; the graph of
/// feasible bases of a polytope is connected). Meant for small games: the number of bases
/// can grow exponentially; the search stops with `SolutionConceptError.vertexLimit` after
/// `maximumBases` bases (default 20,000). Always exact when the game has exact payoffs.
/// Measured (release): Chicken 10 ms; a random 3×3 game with 93 vertices 7 s; degenerate
/// polytopes have many bases per vertex, so 2×2, 2×2×2 and small 3×3 games are the intended
/// size.
///
/// - Complexity: the LP has ∏nᵢ variables and Σ nᵢ² rows; each pivot is O(rows · columns).
///   Vertex enumeration: O(bases · rows² · columns) exact operations.
/// - Degenerate inputs: ties in the objective return one optimal vertex (Bland's rule); a
///   one-action player contributes no constraints.
/// - References: Aumann (1974) and Moulin & Vial (1978), see `CorrelatedEquilibrium`;
///   C. H. Papadimitriou & T. Roughgarden (2008), "Computing correlated equilibria in
///   multi-player games", Journal of the ACM 55(3), 14. doi:10.1145/1379759.1379762;
///   R. Nau, S. Gomez Canovas & P. Hansen (2004), "On the geometry of Nash equilibria and
///   correlated equilibria", International Journal of Game Theory 32, 443–453.
///   doi:10.1007/s001820300162
public struct CorrelatedEquilibriumSolver: Sendable {
    public var kind: CorrelatedEquilibrium.Kind
    public var objective: CorrelatedObjective
    public var arithmetic: Arithmetic
    /// Also enumerate the vertices of the polytope.
    public var vertices: Bool
    public var maximumBases: Int
    /// Floating point only: regret tolerance of the verification.
    public var tolerance: Double
    /// Exact arithmetic: above this many profiles the program is solved first in floating
    /// point and its optimal vertex recomputed and verified exactly (the exact simplex on
    /// BigInt rationals takes minutes at 100 profiles; see docs/NPLAYER.md); the exact simplex
    /// runs when that fails.
    public var exactSimplexProfileLimit: Int

    public init(kind: CorrelatedEquilibrium.Kind = .correlated, objective: CorrelatedObjective = .welfare,
                arithmetic: Arithmetic = .exact, vertices: Bool = false, maximumBases: Int = 20_000,
                tolerance: Double = 1e-9, exactSimplexProfileLimit: Int = 36) {
        self.exactSimplexProfileLimit = exactSimplexProfileLimit
        self.kind = kind
        self.objective = objective
        self.arithmetic = arithmetic
        self.vertices = vertices
        self.maximumBases = maximumBases
        self.tolerance = tolerance
    }

    public func solve(_ game: NormalFormGame) throws -> CorrelatedEquilibriumResult {
        if arithmetic == .exact && game.hasExactPayoffs { return try run(game, Rational.self) }
        return try run(game, Double.self)
    }

    private func make<T: GameScalar>(_ game: NormalFormGame, _ x: [T]) -> CorrelatedEquilibrium {
        if T.isExact { return CorrelatedEquilibrium(game: game, kind: kind, exact: x as! [Rational]) }
        let scale = max(1, game.payoffTable.joined().map(abs).max() ?? 1)
        return CorrelatedEquilibrium(game: game, kind: kind, probabilities: x.map { max(0, $0.doubleValue) },
                                     tolerance: tolerance * scale)
    }

    private func run<T: GameScalar>(_ game: NormalFormGame, _: T.Type) throws -> CorrelatedEquilibriumResult {
        let t = game.table(T.self)
        let k = game.profileCount
        let c = try objective.coefficients(game, t)
        let rows = CorrelatedEquilibrium.incentiveRows(game, t, kind)
        var constraints = rows.map { sparse -> LinearProgram<T>.Constraint in
            var dense = [T](repeating: T.zero, count: k)
            for (j, v) in sparse { dense[j] = v }
            return .init(dense, .greaterOrEqual, T.zero)
        }
        constraints.append(.init([T](repeating: T.one, count: k), .equal, T.one))
        var notes = [String]()
        var x: [T], value: T
        if T.isExact && k > exactSimplexProfileLimit,
           let hybrid = try exactFromFloatingPoint(game, rows as! [[(Int, Rational)]], c as! [Rational]) {
            x = hybrid.x as! [T]
            value = hybrid.value as! T
            notes.append("optimal basis found in floating point (the game has \(k) > \(exactSimplexProfileLimit) profiles); the distribution was then solved and verified exactly")
        } else {
            let lp = LinearProgram<T>(sense: .maximize, objective: c, constraints: constraints)
            let outcome: LinearProgramResult<T>
            do { outcome = try lp.solve() } catch where !T.isExact {
                return try exactRetry(game, reason: "\(error)")
            }
            if !T.isExact, outcome.solution == nil {
                // The polytope contains every Nash equilibrium, so it is never empty and the
                // objective is bounded: a floating-point "infeasible" or "unbounded" is a
                // numerical failure of the simplex, and the exact simplex decides.
                return try exactRetry(game, reason: "the floating-point simplex reported \(outcomeName(outcome))")
            }
            guard case .optimal(let xs, let v, _) = outcome else {
                throw SolutionConceptError.linearProgram(what: "the \(kind.rawValue) equilibrium maximising \(objective)",
                                                         outcome: outcomeName(outcome))
            }
            x = xs
            value = v
        }
        let optimum = make(game, x)
        if !optimum.isVerified {
            notes.append("the optimal distribution fails the incentive check: regret \(optimum.regret)")
        }
        var verts: [CorrelatedEquilibrium]? = nil
        if vertices {
            let points = try enumerateVertices(game, t, rows, start: x)
            verts = points.map { make(game, $0) }
            let bad = verts!.filter { !$0.isVerified }.count
            if bad > 0 { notes.append("\(bad) vertices fail the incentive check") }
        }
        return CorrelatedEquilibriumResult(kind: kind, objective: objective, arithmetic: T.isExact ? .exact : .floatingPoint,
                                           optimum: optimum, objectiveValue: value.doubleValue,
                                           exactObjectiveValue: T.isExact ? (value as! Rational) : nil,
                                           vertices: verts, notes: notes)
    }


    /// The exact solve of a game whose floating-point program failed (its payoffs converted
    /// exactly, each double being a dyadic rational), with a note saying why.
    private func exactRetry(_ game: NormalFormGame, reason: String) throws -> CorrelatedEquilibriumResult {
        let r = try run(game, Rational.self)
        return CorrelatedEquilibriumResult(kind: r.kind, objective: r.objective, arithmetic: r.arithmetic, optimum: r.optimum,
                                           objectiveValue: r.objectiveValue, exactObjectiveValue: r.exactObjectiveValue,
                                           vertices: r.vertices,
                                           notes: ["\(reason) (impossible for this polytope); solved again in exact arithmetic"] + r.notes)
    }

    /// The floating-point optimum's vertex recomputed exactly: the support S and the tight
    /// incentive rows of the floating-point solution determine the vertex (`G_tight,S x_S = 0`,
    /// `Σ x_S = 1`); it is solved by exact elimination and accepted only if it is a verified
    /// CE (every constraint exactly) whose exact objective matches the floating-point optimum
    /// within 1e-9 relative. Optimality itself rests on the floating-point simplex. Returns
    /// nil (the caller then runs the exact simplex) when any step fails.
    private func exactFromFloatingPoint(_ game: NormalFormGame, _ rows: [[(Int, Rational)]],
                                        _ c: [Rational]) throws -> (x: [Rational], value: Rational)? {
        let k = game.profileCount
        let td = game.payoffTable
        let rowsD = CorrelatedEquilibrium.incentiveRows(game, td, kind)
        guard rowsD.count == rows.count else { return nil }
        var constraints = rowsD.map { sparse -> LinearProgram<Double>.Constraint in
            var dense = [Double](repeating: 0, count: k)
            for (j, v) in sparse { dense[j] = v }
            return .init(dense, .greaterOrEqual, 0)
        }
        constraints.append(.init([Double](repeating: 1, count: k), .equal, 1))
        let cd = c.map(\.doubleValue)
        // A floating-point failure (such as the pivot limit on a degenerate game) sends the
        // caller to the exact simplex, which is slow but cannot fail that way.
        guard case .optimal(let xd, let vd, _)? = try? LinearProgram<Double>(sense: .maximize, objective: cd, constraints: constraints).solve() else {
            return nil
        }
        let scale = max(1, td.joined().map(abs).max() ?? 1)
        let support = (0..<k).filter { xd[$0] > 1e-9 }
        let column = Dictionary(uniqueKeysWithValues: support.enumerated().map { ($1, $0) })
        // Augmented rows over the support: tight incentive rows, then Σ x = 1.
        var system = [[Rational]]()
        for (i, sparse) in rowsD.enumerated() {
            var slack = 0.0
            for (j, v) in sparse { slack += v * xd[j] }
            guard abs(slack) <= 1e-7 * scale else { continue }
            var row = [Rational](repeating: 0, count: support.count + 1)
            for (j, v) in rows[i] { if let col = column[j] { row[col] = v } }
            system.append(row)
        }
        system.append([Rational](repeating: 1, count: support.count) + [1])
        // Exact elimination; the system must have full column rank and be consistent.
        var pivotRows = [Int]()
        for col in 0..<support.count {
            guard let r = (0..<system.count).first(where: { !pivotRows.contains($0) && !system[$0][col].isZero }) else { return nil }
            let p = system[r][col]
            system[r] = system[r].map { $0 / p }
            for i in 0..<system.count where i != r && !system[i][col].isZero {
                let f = system[i][col]
                for j in 0...support.count where !system[r][j].isZero { system[i][j] = system[i][j] - f * system[r][j] }
            }
            pivotRows.append(r)
        }
        for i in 0..<system.count where !pivotRows.contains(i) && !system[i][support.count].isZero { return nil }
        var x = [Rational](repeating: 0, count: k)
        for (col, r) in pivotRows.enumerated() { x[support[col]] = system[r][support.count] }
        guard CorrelatedEquilibrium(game: game, kind: kind, exact: x).isVerified else { return nil }
        var value = Rational.zero
        for j in 0..<k where !x[j].isZero { value = value + c[j] * x[j] }
        guard abs(value.doubleValue - vd) <= 1e-9 * max(1, abs(vd)) else { return nil }
        return (x, value)
    }

    /// All vertices of `{x ≥ 0, Σx = 1, Gx ≥ 0}`, by breadth-first search over feasible bases
    /// of `[G −I; 1ᵀ 0] (x, s) = (0, 1)` starting from the basis of the vertex `start`.
    private func enumerateVertices<T: GameScalar>(_ game: NormalFormGame, _ t: [[T]], _ sparse: [[(Int, T)]],
                                                  start: [T]) throws -> [[T]] {
        let k = game.profileCount, m = sparse.count
        let rowCount = m + 1, columnCount = k + m
        var mat = [[T]](repeating: [T](repeating: T.zero, count: columnCount + 1), count: rowCount)
        for (i, row) in sparse.enumerated() {
            for (j, v) in row { mat[i][j] = v }
            mat[i][k + i] = -T.one
        }
        for j in 0..<k { mat[m][j] = T.one }
        mat[m][columnCount] = T.one
        let eps: T = T.isExact ? T.zero : T(1) / T(1_000_000_000)
        // The start vertex's support (x and slack values) must be basic; complete it greedily.
        var value = [T](repeating: T.zero, count: columnCount)
        for j in 0..<k { value[j] = start[j] }
        for (i, row) in sparse.enumerated() {
            var s = T.zero
            for (j, v) in row { s = s + v * start[j] }
            value[k + i] = s
        }
        let must = (0..<columnCount).filter { magnitudeOf(value[$0]) > eps }
        var basis = [Int]()
        for j in must + (0..<columnCount).filter({ magnitudeOf(value[$0]) <= eps }) where basis.count < rowCount {
            if Self.reduce(mat, basis + [j], eps: eps) != nil { basis.append(j) }
        }
        guard basis.count == rowCount else {
            throw SolutionConceptError.linearProgram(what: "a starting basis for vertex enumeration", outcome: "singular")
        }
        guard let startTableau = Self.reduce(mat, basis, eps: eps) else {
            throw SolutionConceptError.linearProgram(what: "a starting basis for vertex enumeration", outcome: "singular")
        }
        // Each queued basis carries its tableau B⁻¹[M | rhs] (row i belongs to basic column
        // b[i]), so a neighbour costs one pivot, not a fresh elimination.
        var seen: Set<[Int]> = [basis.sorted()]
        var queue: [(basis: [Int], tableau: [[T]])] = [(basis, startTableau)]
        var found = [[T]]()
        var head = 0
        while head < queue.count {
            let (b, tab) = queue[head]
            queue[head] = ([], [])
            head += 1
            var x = [T](repeating: T.zero, count: k)
            for (i, j) in b.enumerated() where j < k { x[j] = tab[i][columnCount] }
            if !found.contains(where: { Self.close($0, x, eps) }) { found.append(x) }
            let basic = Set(b)
            for j in 0..<columnCount where !basic.contains(j) {
                var best: T? = nil
                var leaving = [Int]()
                for i in 0..<rowCount where tab[i][j] > eps {
                    let r = tab[i][columnCount] / tab[i][j]
                    if best == nil || r < best! - eps { best = r; leaving = [i] }
                    else if !(best! < r - eps) { leaving.append(i) }
                }
                for i in leaving {
                    var nb = b
                    nb[i] = j
                    guard seen.insert(nb.sorted()).inserted else { continue }
                    if seen.count > maximumBases {
                        throw SolutionConceptError.vertexLimit(bases: maximumBases, profiles: k)
                    }
                    queue.append((nb, Self.pivot(tab, row: i, column: j)))
                }
            }
        }
        return found.sorted { lhs, rhs in
            for (a, b) in zip(lhs, rhs) where a != b { return a > b }
            return false
        }
    }

    /// `B⁻¹[M | rhs]` for the basis columns `b` (rows ordered as `b`), or nil when the columns
    /// are linearly dependent. With fewer columns than rows, only checks independence.
    private static func reduce<T: GameScalar>(_ mat: [[T]], _ b: [Int], eps: T) -> [[T]]? {
        var tab = mat
        let rows = tab.count, width = tab[0].count
        var pivotRow = [Int]()
        var used = Set<Int>()
        for j in b {
            var best = -1
            for i in 0..<rows where !used.contains(i) && magnitudeOf(tab[i][j]) > eps {
                if best < 0 || magnitudeOf(tab[i][j]) > magnitudeOf(tab[best][j]) { best = i }
                if T.isExact { break }
            }
            if best < 0 { return nil }
            used.insert(best)
            pivotRow.append(best)
            let p = tab[best][j]
            for c in 0..<width where tab[best][c] != T.zero { tab[best][c] = tab[best][c] / p }
            for i in 0..<rows where i != best && tab[i][j] != T.zero {
                let f = tab[i][j]
                for c in 0..<width where tab[best][c] != T.zero { tab[i][c] = tab[i][c] - f * tab[best][c] }
            }
        }
        return pivotRow.map { tab[$0] }
    }

    /// The tableau after pivoting on `(row, column)`.
    private static func pivot<T: GameScalar>(_ tab: [[T]], row r: Int, column c: Int) -> [[T]] {
        var out = tab
        let p = tab[r][c]
        out[r] = tab[r].map { $0 == T.zero ? T.zero : $0 / p }
        for i in 0..<tab.count where i != r && tab[i][c] != T.zero {
            let f = tab[i][c]
            for j in 0..<tab[i].count where out[r][j] != T.zero { out[i][j] = out[i][j] - f * out[r][j] }
            if !T.isExact { out[i][c] = T.zero }
        }
        return out
    }

    private static func close<T: GameScalar>(_ a: [T], _ b: [T], _ eps: T) -> Bool {
        zip(a, b).allSatisfy { magnitudeOf($0 - $1) <= eps * T(1000) }
    }
}
