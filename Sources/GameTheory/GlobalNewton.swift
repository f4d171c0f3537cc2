import LinearAlgebra

/// Nash equilibria of an N-player game by the global Newton method of Govindan & Wilson (2003):
/// a homotopy along a ray of payoff perturbations, traced through the Kohlberg–Mertens
/// structure theorem's coordinates.
///
/// Definition (index convention: strategies stacked player by player, `actions[p]` order;
/// payoffs first mapped affinely onto [0, 1] per player, which leaves equilibria unchanged):
/// for z ∈ ℝ^{Σnₚ} let `r(z)` be the Euclidean projection of each player's block onto the
/// simplex, `r(z)ₚₐ = max(zₚₐ − vₚ, 0)` with vₚ chosen so the block sums to 1, and `V(σ)ₚₐ =
/// uₚ(a, σ₋ₚ)`. Kohlberg & Mertens (1986) show that σ is an equilibrium of the game with bonus
/// vector g exactly when `z = σ + V(σ) + g` has `r(z) = σ`; so the equilibria of the games
/// perturbed by `λ b` form the curve `F(z, λ) = z − r(z) − V(r(z)) − λ b = 0`. For λ large the
/// unique equilibrium is the pure profile maximising b (generic b: one maximiser per player);
/// the method starts there, follows the curve with decreasing λ, and reports every crossing of
/// λ = 0 as an equilibrium of the game, until λ falls below −λ₀.
///
/// Tracing: F is smooth inside each cell (fixed supports of r(z)) and continuous across cells.
/// Within a cell, predictor–corrector steps as in `LogitQRE` (bordered systems solved by LAPACK);
/// a step that would leave the cell is shortened onto the boundary, where the cell changes
/// (an action enters or leaves a support) and the tangent is recomputed. The orientation is
/// kept by the sign of `det [F′; tᵀ]` (the index), so sharp turns at cell boundaries do not
/// reverse the path. Each crossing is landed by shortened steps to |λ| ≤ 1e-11, polished on its
/// support (`SupportPolishing`) and reported only when its regret, computed from the game by
/// `Equilibrium(game:strategies:)`, is at most `tolerance`.
///
/// The ray `b` is generated from `seed` (SplitMix64, entries in [0, 1)) unless given; other
/// rays can reach other equilibria. The method finds an odd number of equilibria on a generic
/// path, not all of them.
///
/// - Complexity: per step O(k (∏ nᵢ · N³ + d³)) with d = Σ nᵢ; the number of cells crossed is
///   not bounded polynomially.
/// - Degenerate inputs: a non-generic game or ray can put a singular point on the path; the
///   tracer then fails with `NPlayerSolverError.pathFailed`, or returns what it found with a
///   note. A game in which some player is indifferent everywhere is handled (payoffs zero after
///   normalisation).
///
/// References:
/// - Govindan, S. & Wilson, R. (2003). A global Newton method to compute Nash equilibria.
///   Journal of Economic Theory 110(1), 65–86. doi:10.1016/S0022-0531(03)00005-X
/// - Kohlberg, E. & Mertens, J.-F. (1986). On the strategic stability of equilibria.
///   Econometrica 54(5), 1003–1037. doi:10.2307/1912320
public struct GlobalNewton: Sendable {
    public var tolerance: Double
    /// Seed of the ray generator (used when `ray` is nil).
    public var seed: UInt64
    /// The perturbation ray, stacked player by player; each player's block needs a unique maximum.
    public var ray: [Double]?
    public var maximumSteps: Int

    public init(tolerance: Double = 1e-9, seed: UInt64 = 0, ray: [Double]? = nil, maximumSteps: Int = 200_000) {
        self.tolerance = tolerance
        self.seed = seed
        self.ray = ray
        self.maximumSteps = maximumSteps
    }

    public struct Result: Sendable {
        public let report: EquilibriumReport
        /// The ray used (stacked).
        public let ray: [Double]
        public let steps: Int
        /// Times the path crossed λ = 0 (each gives an equilibrium candidate).
        public let crossings: Int
        /// Cell (support) changes along the path.
        public let cellChanges: Int
    }

    public func solve(_ game: NormalFormGame) throws -> Result {
        let pj = PayoffJacobian(game).normalized
        let d = pj.dimension
        let b = try makeRay(pj)
        var tracer = GNMTracer(pj: pj, b: b)
        // start: pure profile maximising b, λ₀ large enough that it is a strict equilibrium
        var sigma0 = pj.shape.map { [Double](repeating: 0, count: $0) }
        var gap = Double.infinity
        var cell = [[Int]]()
        for p in 0..<pj.playerCount {
            let block = Array(b[pj.offsets[p]..<(pj.offsets[p] + pj.shape[p])])
            let best = block.indices.max { block[$0] < block[$1] }!
            for a in block.indices where a != best { gap = min(gap, block[best] - block[a]) }
            sigma0[p][best] = 1
            cell.append([best])
        }
        let lambda0 = gap.isFinite ? 4 / gap + 1 : 1
        let (u0, _) = pj.evaluate(sigma0, derivatives: false)
        let flat0 = sigma0.flatMap { $0 }
        var y = (0..<d).map { flat0[$0] + u0[$0] + lambda0 * b[$0] } + [lambda0]
        tracer.cell = cell
        let polisher = SupportPolishing(tolerance: tolerance)
        var found = [Equilibrium]()
        var notes = [String]()
        var crossings = 0
        var cellChanges = 0
        var backward = [Double](repeating: 0, count: d + 1)
        backward[d] = -1
        var t = try tracer.tangent(at: y, previous: backward)
        let orientation = try tracer.orientation(at: y, t)
        var h = 0.1
        var steps = 0
        var togglesHere = 0
        var side = 1.0
        var resumeStep: Double?
        while steps < maximumSteps {
            if y[d] < -lambda0 { break }
            guard let z = tracer.correct(y, t, h) else {
                h /= 2
                if h < 1e-13 {
                    throw NPlayerSolverError.pathFailed(solver: "global-newton", lambda: y[d], steps: steps,
                                                        reason: "step size underflow in cell \(tracer.cell)")
                }
                continue
            }
            // leaving the cell?
            let gy = tracer.cellSlack(y), gz = tracer.cellSlack(z)
            var theta = 1.0
            var exit: Int?
            for k in gz.indices where gz[k] < -1e-12 {
                let f = gy[k] > 0 ? gy[k] / (gy[k] - gz[k]) : 0
                if f < theta || exit == nil { theta = min(theta, f); exit = k }
            }
            if let k = exit {
                if theta * h > 1e-10 {
                    if resumeStep == nil { resumeStep = h }
                    h *= max(theta, 1e-3)
                    continue
                }
                // y is on the boundary: toggle the action and recompute the tangent there
                togglesHere += 1
                if togglesHere > 6 {
                    throw NPlayerSolverError.pathFailed(solver: "global-newton", lambda: y[d], steps: steps,
                                                        reason: "cannot leave the boundary of cell \(tracer.cell)")
                }
                tracer.toggle(k)
                cellChanges += 1
                t = try tracer.tangent(at: y, previous: t)
                if try tracer.orientation(at: y, t) != orientation { t = t.map { -$0 } }
                h = max(1e-4, (resumeStep ?? 0.1) / 4)
                resumeStep = nil
                continue
            }
            // smooth step inside the cell: check the turn
            var nt = try tracer.tangent(at: z, previous: t)
            if try tracer.orientation(at: z, nt) != orientation { nt = nt.map { -$0 } }
            let cosine = zip(nt, t).reduce(0) { $0 + $1.0 * $1.1 }
            if cosine < 0.9 && h > 1e-8 {
                h /= 2
                continue
            }
            let crossed = side > 0 ? z[d] <= 0 : z[d] >= 0
            if crossed && abs(z[d]) > 1e-11 && h > 1e-14 {
                // shorten the step to land on λ = 0 (secant fraction)
                h *= min(max(y[d] / (y[d] - z[d]), 1e-3), 0.999)
                continue
            }
            if crossed || abs(z[d]) <= 1e-11 {
                crossings += 1
                side = -side
                // the cell formula can give −1e-13 just outside the cell: clip and renormalise
                let sigma = tracer.sigma(of: z).map(ReplicatorDynamics.clip)
                let candidate = polisher.polish(game, near: sigma) ?? Equilibrium(game: game, strategies: sigma)
                if candidate.regret <= tolerance {
                    if !found.contains(where: { GlobalNewton.distance($0.strategies, candidate.strategies) < 1e-7 }) {
                        found.append(candidate)
                    }
                } else {
                    notes.append("crossing of lambda = 0 at step \(steps) gave regret \(candidate.regret) > tolerance \(tolerance); not reported")
                }
            }
            y = z
            t = nt
            steps += 1
            togglesHere = 0
            h = min(h * 1.5, 1e3)
        }
        if steps >= maximumSteps {
            notes.append("stopped after \(maximumSteps) steps at lambda = \(y[d]) before the path left the region")
        }
        let report = EquilibriumReport(method: "global-newton", arithmetic: .floatingPoint, equilibria: found,
                                       isComplete: false, scope: "the equilibria on the global Newton path of one ray",
                                       notes: notes)
        return Result(report: report, ray: b, steps: steps, crossings: crossings, cellChanges: cellChanges)
    }

    static func distance(_ a: [[Double]], _ b: [[Double]]) -> Double {
        var m = 0.0
        for (x, y) in zip(a, b) { for (u, v) in zip(x, y) { m = max(m, abs(u - v)) } }
        return m
    }

    private func makeRay(_ pj: PayoffJacobian) throws -> [Double] {
        if let ray {
            guard ray.count == pj.dimension, ray.allSatisfy(\.isFinite) else {
                throw NPlayerSolverError.invalidParameter(name: "ray", value: "\(ray.count) entries, expected \(pj.dimension)")
            }
            for p in 0..<pj.playerCount {
                let block = ray[pj.offsets[p]..<(pj.offsets[p] + pj.shape[p])]
                let top = block.max()!
                if block.filter({ $0 == top }).count > 1 {
                    throw NPlayerSolverError.invalidParameter(name: "ray", value: "player \(p + 1)'s block \(Array(block)) has no unique maximum")
                }
            }
            return ray
        }
        var state = seed
        func next() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var x = state
            x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
            x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
            x ^= x >> 31
            return Double(x >> 11) / Double(1 << 53)
        }
        return (0..<pj.dimension).map { _ in next() }
    }
}

/// Cell-wise smooth pieces of the global Newton homotopy (see `GlobalNewton`).
struct GNMTracer {
    let pj: PayoffJacobian
    let b: [Double]
    /// Current supports of r(z), ascending.
    var cell: [[Int]] = []
    var d: Int { pj.dimension }

    /// vₚ for the current cell: (Σ_{a∈Sₚ} zₚₐ − 1)/|Sₚ|.
    func levels(_ z: [Double]) -> [Double] {
        (0..<pj.playerCount).map { p in
            let s = cell[p].reduce(0) { $0 + z[pj.offsets[p] + $1] }
            return (s - 1) / Double(cell[p].count)
        }
    }

    /// σ by the current cell's formula (smooth extension beyond the cell).
    func sigma(of z: [Double]) -> [[Double]] {
        let v = levels(z)
        return (0..<pj.playerCount).map { p in
            var s = [Double](repeating: 0, count: pj.shape[p])
            for a in cell[p] { s[a] = z[pj.offsets[p] + a] - v[p] }
            return s
        }
    }

    /// Slack of the cell's inequalities, one per (player, action) in stacked order:
    /// σₚₐ for a in the support, vₚ − zₚₐ outside it.
    func cellSlack(_ y: [Double]) -> [Double] {
        let v = levels(y)
        var g = [Double](repeating: 0, count: d)
        for p in 0..<pj.playerCount {
            for a in 0..<pj.shape[p] {
                let i = pj.offsets[p] + a
                g[i] = cell[p].contains(a) ? y[i] - v[p] : v[p] - y[i]
            }
        }
        return g
    }

    /// Adds or removes the stacked action `k` from its player's support.
    mutating func toggle(_ k: Int) {
        var p = 0
        while p + 1 < pj.playerCount && pj.offsets[p + 1] <= k { p += 1 }
        let a = k - pj.offsets[p]
        if let i = cell[p].firstIndex(of: a) { cell[p].remove(at: i) } else { cell[p].append(a); cell[p].sort() }
    }

    /// F(y) and F′(y) (d × (d+1)) in the current cell.
    func system(_ y: [Double]) -> (f: [Double], jac: Matrix) {
        let s = sigma(of: y)
        let (u, cross) = pj.evaluate(s)
        let flat = s.flatMap { $0 }
        var f = [Double](repeating: 0, count: d)
        for i in 0..<d { f[i] = y[i] - flat[i] - u[i] - y[d] * b[i] }
        // M = I + DV; J_z = I − M · Dr, Dr block-diagonal: δ − 1/|S| on the support.
        var jac = Matrix(rows: d, columns: d + 1)
        for i in 0..<d {
            for q in 0..<pj.playerCount {
                let sq = cell[q]
                var rowSum = 0.0
                for c in sq {
                    let j = pj.offsets[q] + c
                    rowSum += (i == j ? 1 : 0) + cross[i * d + j]
                }
                let mean = rowSum / Double(sq.count)
                for c in sq {
                    let j = pj.offsets[q] + c
                    let m = (i == j ? 1 : 0) + cross[i * d + j]
                    jac[i, j] = -(m - mean)
                }
            }
            jac[i, i] += 1
            jac[i, d] = -b[i]
        }
        return (f, jac)
    }

    func bordered(_ jac: Matrix, _ t: [Double]) -> Matrix {
        var m = Matrix(rows: d + 1, columns: d + 1)
        for j in 0...d {
            for i in 0..<d { m[i, j] = jac[i, j] }
            m[d, j] = t[j]
        }
        return m
    }

    func tangent(at y: [Double], previous: [Double]) throws -> [Double] {
        let (_, jac) = system(y)
        var t = try LUDecomposition(bordered(jac, previous)).solve([Double](repeating: 0, count: d) + [1])
        let norm = t.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm.isFinite, norm > 0 else { throw LinearAlgebraError.singular(pivot: d) }
        for i in t.indices { t[i] /= norm }
        return t
    }

    /// Sign of det [F′(y); tᵀ], by Gaussian elimination with partial pivoting.
    func orientation(at y: [Double], _ t: [Double]) throws -> Int {
        let (_, jac) = system(y)
        var m = bordered(jac, t).rowArrays
        let n = d + 1
        var sign = 1
        for c in 0..<n {
            var p = c
            for r in (c + 1)..<max(c + 1, n) where abs(m[r][c]) > abs(m[p][c]) { p = r }
            if m[p][c] == 0 { throw LinearAlgebraError.singular(pivot: c) }
            if p != c { m.swapAt(p, c); sign = -sign }
            if m[c][c] < 0 { sign = -sign }
            for r in (c + 1)..<max(c + 1, n) {
                let f = m[r][c] / m[c][c]
                if f == 0 { continue }
                for k in c..<n { m[r][k] -= f * m[c][k] }
            }
        }
        return sign
    }

    /// Predictor y + h t and Newton corrector in the current cell; nil when it fails.
    func correct(_ y: [Double], _ t: [Double], _ h: Double) -> [Double]? {
        var z = (0...d).map { y[$0] + h * t[$0] }
        var previous = Double.infinity
        for it in 0..<10 {
            let (f, jac) = system(z)
            guard let lu = try? LUDecomposition(bordered(jac, t)),
                  let delta = try? lu.solve(f.map { -$0 } + [0]) else { return nil }
            let size = delta.reduce(0) { max($0, abs($1)) }
            if !size.isFinite || (it > 0 && size > 0.5 * previous) { return nil }
            if it == 0 && size > max(0.5 * h, 1e-8) { return nil }
            for i in 0...d { z[i] += delta[i] }
            previous = size
            if size <= 1e-12 * (1 + z.reduce(0) { max($0, abs($1)) }) { return z }
        }
        return nil
    }
}
