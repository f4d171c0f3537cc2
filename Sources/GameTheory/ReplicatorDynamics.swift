import LinearAlgebra

/// Replicator dynamics: the symmetric single-population version of a symmetric two-player
/// game, and the multi-population version (one population per player, two-population for a
/// bimatrix game), integrated by an adaptive Runge–Kutta method.
///
/// Definitions (index convention: `actions[p]`, action order as in the game):
/// - single population, for a symmetric two-player game with row payoffs `A[i][j] =
///   payoff(0, [i, j])` (symmetric: `payoff(1, [i, j]) = A[j][i]`):
///   `ẋᵢ = xᵢ ((A x)ᵢ − xᵀA x)`;
/// - multi-population: `σ̇ₚ(a) = σₚ(a) (uₚ(a, σ₋ₚ) − uₚ(σ))` for every player p.
/// Integration: Dormand–Prince 5(4) (`DormandPrince`) with absolute and relative tolerances
/// `integrationTolerance` on each coordinate (default 1e-10); trajectories stay in the simplex
/// up to that tolerance, and the reported state is clipped at zero and renormalised.
///
/// - Complexity: per right-hand side O(n²) (single population) or O(∏ nᵢ · N²) (multi).
/// - Degenerate inputs: faces of the simplex are invariant, so a start on the boundary stays
///   there; rest points need not be Nash equilibria (any pure profile is a rest point).
///
/// References:
/// - Taylor, P. D. & Jonker, L. B. (1978). Evolutionarily stable strategies and game dynamics.
///   Mathematical Biosciences 40(1–2), 145–156. doi:10.1016/0025-5564(78)90077-9
/// - Hofbauer, J. & Sigmund, K. (1998). Evolutionary Games and Population Dynamics. Cambridge
///   University Press. doi:10.1017/CBO9781139173179
public struct ReplicatorDynamics: Sendable {
    /// Absolute and relative tolerance of the Runge–Kutta integrator.
    public var integrationTolerance: Double
    /// Tolerance for the symmetry test of `singlePopulation` and for rest-point equalities.
    public var tolerance: Double

    public init(integrationTolerance: Double = 1e-10, tolerance: Double = 1e-9) {
        self.integrationTolerance = integrationTolerance
        self.tolerance = tolerance
    }

    /// A trajectory's end.
    public struct Trajectory: Sendable {
        /// Time reached (equals the requested duration unless stopped at a rest point).
        public let time: Double
        /// `state[p][a]` (one entry for the single-population dynamics).
        public let state: [[Double]]
        /// `max |ẋ|` at the final state: small values mean a rest point was approached.
        public let speed: Double
    }

    /// Row payoffs `A` of a symmetric two-player game; throws when the game is not symmetric.
    public func symmetricPayoffs(_ game: NormalFormGame) throws -> [[Double]] {
        guard game.playerCount == 2, game.shape[0] == game.shape[1] else {
            throw NPlayerSolverError.unsupportedGame(
                solver: "replicator", reason: "single-population dynamics need a symmetric two-player game; shape is \(game.shape)")
        }
        let (a, b) = game.bimatrixRows(Double.self)
        let n = a.count
        for i in 0..<n {
            for j in 0..<n where abs(a[i][j] - b[j][i]) > tolerance {
                throw NPlayerSolverError.unsupportedGame(
                    solver: "replicator",
                    reason: "the game is not symmetric: payoff(1, [\(j + 1), \(i + 1)]) = \(b[j][i]) differs from payoff(0, [\(i + 1), \(j + 1)]) = \(a[i][j])")
            }
        }
        return a
    }

    /// Integrates the single-population dynamics from `start` (a probability vector) for
    /// `duration` time units.
    public func evolveSymmetric(_ game: NormalFormGame, from start: [Double], duration: Double) throws -> Trajectory {
        let a = try symmetricPayoffs(game)
        try checkStart([start], [a.count])
        let rk = DormandPrince(absoluteTolerance: integrationTolerance, relativeTolerance: integrationTolerance)
        let f = { (x: [Double]) in ReplicatorDynamics.symmetricField(a, x) }
        let (t, y) = try rk.integrate(start, duration: duration, solver: "replicator", f: f)
        let x = ReplicatorDynamics.clip(y)
        let speed = f(x).reduce(0) { max($0, abs($1)) }
        return Trajectory(time: t, state: [x], speed: speed)
    }

    /// Integrates the multi-population dynamics (two-population for a bimatrix game) from
    /// `start` (`start[p]` a probability vector for player p) for `duration` time units.
    public func evolve(_ game: NormalFormGame, from start: [[Double]], duration: Double) throws -> Trajectory {
        try checkStart(start, game.shape)
        let pj = PayoffJacobian(game)
        let rk = DormandPrince(absoluteTolerance: integrationTolerance, relativeTolerance: integrationTolerance)
        let f = { (y: [Double]) -> [Double] in
            let s = pj.unstack(y)
            let (u, _) = pj.evaluate(s, derivatives: false)
            var out = [Double](repeating: 0, count: y.count)
            for p in 0..<pj.playerCount {
                var mean = 0.0
                for a in 0..<pj.shape[p] { mean += s[p][a] * u[pj.offsets[p] + a] }
                for a in 0..<pj.shape[p] { out[pj.offsets[p] + a] = s[p][a] * (u[pj.offsets[p] + a] - mean) }
            }
            return out
        }
        let (t, y) = try rk.integrate(start.flatMap { $0 }, duration: duration, solver: "replicator", f: f)
        let state = pj.unstack(y).map(ReplicatorDynamics.clip)
        let speed = f(state.flatMap { $0 }).reduce(0) { max($0, abs($1)) }
        return Trajectory(time: t, state: state, speed: speed)
    }

    /// A rest point of the single-population dynamics with its linear stability.
    public struct RestPoint: Sendable {
        /// The population state (a probability vector).
        public let state: [Double]
        /// Actions with positive share.
        public let support: [Int]
        /// Eigenvalues of the Jacobian in the n − 1 coordinates `x₀ … x_{n−2}`
        /// (with `x_{n−1} = 1 − Σ`), computed by LAPACK `dgeev`.
        public let eigenvalues: [Eigenvalue]
        /// Whether the state is a symmetric Nash equilibrium (no action earns more than the
        /// population average, up to `tolerance`).
        public let isNashEquilibrium: Bool
        public let stability: Stability
    }

    /// Linear stability from the eigenvalues' real parts (threshold: `tolerance`).
    public enum Stability: String, Sendable, Codable {
        /// All real parts negative: asymptotically stable.
        case asymptoticallyStable = "asymptotically-stable"
        /// Some real part positive.
        case unstable = "unstable"
        /// No positive real part but some zero: the linearisation does not decide.
        case nonhyperbolic = "nonhyperbolic"
    }

    /// All rest points of the single-population dynamics, by enumerating supports: for every
    /// non-empty S, the state with `(A x)ᵢ = v` for i ∈ S, `Σ x = 1`, x > 0 on S and 0 off S
    /// (so each rest point is an equilibrium of the face spanned by S). Systems are solved by
    /// LAPACK. A singular system on S is either inconsistent (no rest point with support S) or
    /// has a continuum of solutions; a continuum that meets the relative interior of the face
    /// (positive least-squares solution, LAPACK `dgelsd`) is not enumerated point by point but
    /// its support is named in `skippedSupports`.
    ///
    /// - Complexity: O(2ⁿ n³); games up to 16 actions are accepted.
    public func restPoints(_ game: NormalFormGame) throws -> (restPoints: [RestPoint], skippedSupports: [[Int]]) {
        let a = try symmetricPayoffs(game)
        let n = a.count
        guard n <= 16 else {
            throw NPlayerSolverError.unsupportedGame(solver: "replicator", reason: "rest-point enumeration is limited to 16 actions; the game has \(n)")
        }
        var found = [RestPoint]()
        var skipped = [[Int]]()
        for mask in 1..<(1 << n) {
            let support = (0..<n).filter { mask & (1 << $0) != 0 }
            let k = support.count
            // unknowns x_S (k) and v; equations (A x)_i − v = 0 (i ∈ S), Σ x_S = 1
            var m = Matrix(rows: k + 1, columns: k + 1)
            var rhs = [Double](repeating: 0, count: k + 1)
            for (r, i) in support.enumerated() {
                for (c, j) in support.enumerated() { m[r, c] = a[i][j] }
                m[r, k] = -1
            }
            for c in 0..<k { m[k, c] = 1 }
            rhs[k] = 1
            guard let lu = try? LUDecomposition(m), let rc = try? lu.reciprocalConditionNumber(), rc > 1e-12,
                  let sol = try? lu.solve(rhs) else {
                // Singular: a continuum when the system is consistent with a positive
                // least-squares solution, otherwise no rest point with this support.
                if let (ls, _) = try? leastSquares(m, rhs) {
                    let residual = (0...k).map { r in abs((0...k).reduce(0) { $0 + m[r, $1] * ls[$1] } - rhs[r]) }.max() ?? 0
                    if residual <= tolerance && ls[0..<k].allSatisfy({ $0 > tolerance }) { skipped.append(support) }
                }
                continue
            }
            guard sol[0..<k].allSatisfy({ $0 > tolerance }) else { continue }
            var x = [Double](repeating: 0, count: n)
            for (c, j) in support.enumerated() { x[j] = sol[c] }
            let jac = ReplicatorDynamics.reducedJacobian(a, x)
            let eig = try eigenvalues(jac)
            let ax = (0..<n).map { i in (0..<n).reduce(0) { $0 + a[i][$1] * x[$1] } }
            let mean = (0..<n).reduce(0) { $0 + x[$1] * ax[$1] }
            let nash = ax.allSatisfy { $0 <= mean + tolerance }
            let stability: Stability
            if eig.contains(where: { $0.real > tolerance }) { stability = .unstable }
            else if eig.allSatisfy({ $0.real < -tolerance }) { stability = .asymptoticallyStable }
            else { stability = .nonhyperbolic }
            found.append(RestPoint(state: x, support: support, eigenvalues: eig, isNashEquilibrium: nash,
                                   stability: stability))
        }
        return (found, skipped)
    }

    static func symmetricField(_ a: [[Double]], _ x: [Double]) -> [Double] {
        let n = x.count
        let ax = (0..<n).map { i in (0..<n).reduce(0) { $0 + a[i][$1] * x[$1] } }
        let mean = (0..<n).reduce(0) { $0 + x[$1] * ax[$1] }
        return (0..<n).map { x[$0] * (ax[$0] - mean) }
    }

    /// Jacobian of the single-population field in the coordinates x₀…x_{n−2}.
    static func reducedJacobian(_ a: [[Double]], _ x: [Double]) -> Matrix {
        let n = x.count
        let ax = (0..<n).map { i in (0..<n).reduce(0) { $0 + a[i][$1] * x[$1] } }
        let xa = (0..<n).map { j in (0..<n).reduce(0) { $0 + x[$1] * a[$1][j] } }
        let mean = (0..<n).reduce(0) { $0 + x[$1] * ax[$1] }
        // full Jacobian J_ij = δ_ij ((Ax)_i − xAx) + x_i (A_ij − (xA)_j − (Ax)_j)
        var full = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in 0..<n {
                full[i][j] = (i == j ? ax[i] - mean : 0) + x[i] * (a[i][j] - xa[j] - ax[j])
            }
        }
        var r = Matrix(rows: max(0, n - 1), columns: max(0, n - 1))
        for i in 0..<(n - 1) { for j in 0..<(n - 1) { r[i, j] = full[i][j] - full[i][n - 1] } }
        return r
    }

    static func clip(_ x: [Double]) -> [Double] {
        let c = x.map { max(0, $0) }
        let s = c.reduce(0, +)
        return s > 0 ? c.map { $0 / s } : c
    }

    private func checkStart(_ start: [[Double]], _ shape: [Int]) throws {
        guard start.count == shape.count else {
            throw NPlayerSolverError.invalidParameter(name: "start", value: "\(start.count) strategies for \(shape.count) populations")
        }
        for (p, s) in start.enumerated() {
            guard s.count == shape[p], s.allSatisfy({ $0 >= 0 && $0.isFinite }),
                  abs(s.reduce(0, +) - 1) <= 1e-9 else {
                throw NPlayerSolverError.invalidParameter(name: "start[\(p)]", value: "\(s) is not a probability vector of length \(shape[p])")
            }
        }
    }
}
