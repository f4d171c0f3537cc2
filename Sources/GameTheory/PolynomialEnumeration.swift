import Foundation
import LinearAlgebra

/// All isolated Nash equilibria of a small N-player game, by support enumeration and
/// homotopy continuation on each support's indifference system.
///
/// Index convention: `strategies[p][a]` is player p's probability of action a (file order).
/// For a support profile `S = (S₀, …, S_{N−1})` (each `Sₚ` non-empty, first action `aₚ⁰`),
/// the unknowns are `xₚ,a = σₚ(a)` for `a ∈ Sₚ \ {aₚ⁰}`, with `σₚ(aₚ⁰) = 1 − Σₐ xₚ,a`, and
/// the equations are, for every player p and `a ∈ Sₚ \ {aₚ⁰}`,
/// `fₚ,a(x) = Σ_{b₋ₚ ∈ S₋ₚ} [uₚ(a, b₋ₚ) − uₚ(aₚ⁰, b₋ₚ)] ∏_{q≠p} σ_q(b_q) = 0`:
/// a square polynomial system, multilinear in the players' variable groups, of total degree
/// `dₚ ≤ #{q ≠ p : |S_q| > 1}` per equation.
///
/// Each system is solved by the homotopy `H(x, t) = (1 − t) γ g(x) + t f(x)` in complex
/// arithmetic from the start solutions of g at t = 0 to t = 1, with `γ` a random unit complex
/// number drawn from `seed` (the "gamma trick"). The start system g is multihomogeneous
/// (linear-product): equation i of player p is `gᵢ(x) = ∏_{q≠p, |S_q|>1} Lᵢ,q(x_q)` with random
/// complex affine forms `Lᵢ,q` in player q's unknowns, whose solutions (one block-diagonal
/// linear solve per admissible choice of factors) number the multihomogeneous Bézout number
/// of the variable partition by players (2 for the full support of a 2×2×2 game, where the
/// total degree is 8). f has the same multidegree structure (degree ≤ 1 in each other player's
/// group), so with probability one over γ and the random forms the paths are smooth for
/// t ∈ [0, 1) and every isolated solution of f is the end point of a path (Sommese & Wampler
/// 2005, §8.4, linear-product and multihomogeneous homotopies). Sliced systems (below) use
/// the total-degree start system `gᵢ = xᵢ^{dᵢ} − 1` instead. Paths are tracked by an
/// Euler predictor and a Newton corrector (at most 3 iterations, relative tolerance 1e-8)
/// with adaptive steps (halved on failure, doubled after 2 successes, at most 0.1) up to
/// t = 1 − 1e-9; the end game then refines the point by Newton's method on f itself (t = 1,
/// up to 60 iterations). An end point is regular when the residual is ≤ 1e-6 and the pivot
/// ratio of its Jacobian ≥ 1e-8; singular when the ratio is smaller (a multiple root or a point
/// of a continuum; also when tracking stalls there with residual ≤ 1e-2); divergent when its
/// max-norm exceeds 1e3 without convergence (on its way to a solution at infinity). Real end points (|Im| ≤ 1e-6) that are probability
/// vectors (≥ −1e-6) are polished by real Newton on the support (`SupportPolishing`) and
/// reported only if their regret, computed from the game by `Equilibrium(game:strategies:)`
/// (which also checks that no unsupported action pays more), is at most `tolerance`. When the
/// game has exact payoffs, each probability is also rounded to a nearby fraction (continued
/// fractions, denominators ≤ 10⁶) and the exact profile is reported instead when its exact
/// regret is 0.
///
/// Guarantee: with probability one over γ, every isolated equilibrium of the game is reported
/// (an isolated equilibrium is an isolated solution of the system of its own support), up to
/// these numerical limits: a path whose max-norm exceeds 1e8 during tracking is abandoned (it
/// is heading to a solution at infinity; one that would come back to a probability vector
/// would be missed; projective coordinates would close this gap), path jumping (two paths
/// merging numerically) is not detected, and a path that fails to converge is counted in the
/// notes and makes `isComplete` false. Tests: the nine equilibria of the McKelvey–McLennan game
/// for four γ seeds, and agreement with vertex enumeration on nondegenerate 2-player games.
///
/// Continua (positive-dimensional sets of equilibria) are not enumerated; they are reported in
/// `notes` when detected: (a) an indifference equation that is identically zero makes the
/// support system underdetermined; it is replaced by a random real hyperplane through the
/// centroid of the support, and equilibria on that slice are reported, with a note saying that
/// they lie on a continuum; (b) a real path end point whose Jacobian is rank-deficient
/// (reciprocal pivot ratio < 1e-8) is a multiple root or a point of a continuum; it is
/// reported if its regret passes, with a note. In either case `isComplete` is false.
///
/// Pruning: a support profile is skipped when some action in `Sₚ` is strictly dominated,
/// against every pure profile of `S₋ₚ`, by another action of player p (no equilibrium with
/// that support can exist).
///
/// - Complexity: O(∏ₚ (2^{nₚ} − 1)) support profiles; per profile O(∏ dᵢ) paths, each of
///   O(steps · (m³ + m · ∏_q |S_q| · N)) for m unknowns. Refused (typed error) when the total
///   number of paths, counted by the total-degree bound ∏ dᵢ (an upper bound on the paths
///   actually tracked), exceeds `maximumPaths` (default 20 000), or when the number of support
///   profiles exceeds 10⁶.
/// - Degenerate inputs: ties and continua as above; a player with one action has no unknowns.
///
/// References:
/// - McKelvey, R. D. & McLennan, A. (1996). Computation of equilibria in finite games.
///   Handbook of Computational Economics 1, 87–142, doi:10.1016/S1574-0021(96)01004-0.
/// - Sommese, A. J. & Wampler, C. W. (2005). The Numerical Solution of Systems of Polynomials
///   Arising in Engineering and Science. World Scientific, doi:10.1142/5763.
/// - Datta, R. S. (2003). Using computer algebra to find Nash equilibria. Proc. ISSAC 2003,
///   74–79, doi:10.1145/860854.860880.
public struct PolynomialEnumeration: Sendable {
    public var tolerance: Double
    /// Seed of the random γ (printed in the report's notes).
    public var seed: UInt64
    /// The largest total number of homotopy paths (over all support profiles) accepted.
    public var maximumPaths: Int

    public init(tolerance: Double = 1e-9, seed: UInt64 = 0, maximumPaths: Int = 20_000) {
        self.tolerance = tolerance
        self.seed = seed
        self.maximumPaths = maximumPaths
    }

    /// The outcome: the report plus path statistics.
    public struct Result: Sendable {
        public var report: EquilibriumReport
        public var supportProfiles: Int
        public var systemsSolved: Int
        public var paths: Int
        public var divergedPaths: Int
        public var failedPaths: Int
        public var singularEndpoints: Int
    }

    public func solve(_ game: NormalFormGame) throws -> Result {
        guard tolerance > 0, tolerance.isFinite else {
            throw NPlayerSolverError.invalidParameter(name: "tolerance", value: "\(tolerance)")
        }
        guard maximumPaths > 0 else {
            throw NPlayerSolverError.invalidParameter(name: "maximumPaths", value: "\(maximumPaths)")
        }
        let shape = game.shape
        let n = shape.count
        var profileCount = 1.0
        for s in shape { profileCount *= (pow2(s) - 1) }
        guard profileCount <= 1e6 else {
            throw NPlayerSolverError.unsupportedGame(solver: "enumpoly",
                reason: "shape \(shape) has \(profileCount) support profiles; the limit is 1000000")
        }
        // Pass 1: the systems to solve, with their path counts (size check before any work).
        var systems = [SupportSystem]()
        var totalPaths = 0
        var subsets = [Int](repeating: 1, count: n)   // bit masks
        var supportProfiles = 0
        outer: while true {
            supportProfiles += 1
            let supports = (0..<n).map { p in (0..<shape[p]).filter { subsets[p] & (1 << $0) != 0 } }
            if !isDominated(game, supports) {
                let sys = SupportSystem(game, supports: supports)
                if !sys.hasNonzeroConstant {
                    systems.append(sys)
                    totalPaths += sys.pathCount
                    if totalPaths > maximumPaths {
                        throw NPlayerSolverError.unsupportedGame(solver: "enumpoly",
                            reason: "shape \(shape) needs more than \(maximumPaths) homotopy paths; the limit is \(maximumPaths)")
                    }
                }
            }
            var p = 0
            while p < n {
                subsets[p] += 1
                if subsets[p] < (1 << shape[p]) { continue outer }
                subsets[p] = 1
                p += 1
            }
            break
        }
        var rng = SplitMix64(seed: seed)
        let angle = rng.nextUnit() * 2 * Double.pi
        let gamma = Complex(cos(angle), sin(angle))
        var found = [Equilibrium]()
        var notes = ["random gamma = \(gamma.re) + \(gamma.im)i from seed \(seed)"]
        var diverged = 0, failed = 0, singular = 0, paths = 0
        var continuumSupports = [[[Int]]]()
        let pj = PayoffJacobian(game)
        let polish = SupportPolishing(tolerance: tolerance)
        for var sys in systems {
            if sys.hasZeroEquation { sys.sliceZeroEquations(&rng) } else { sys.useLinearProducts(&rng) }
            var endpoints = [(x: [Complex], singular: Bool)]()
            if sys.unknowns == 0 {
                endpoints = [([], false)]
            } else {
                for start in sys.startSolutions() {
                    paths += 1
                    switch track(sys, gamma: gamma, start: start) {
                    case .diverged: diverged += 1
                    case .failed: failed += 1
                    case .converged(let x, let isSingular):
                        if isSingular { singular += 1 }
                        endpoints.append((x, isSingular))
                    }
                }
            }
            for (x, isSingular) in endpoints {
                // A singular end point may be a complex point of a real continuum: its real
                // part is then moved onto the continuum by Gauss–Newton below.
                guard isSingular || x.allSatisfy({ abs($0.im) <= 1e-6 * max(1, $0.modulus) }) else { continue }
                let sigma = sys.profile(x.map(\.re))
                guard isSingular || sigma.allSatisfy({ $0.allSatisfy { $0 >= -1e-6 } }) else { continue }
                let candidate = sigma.map { $0.map { max($0, 0) } }
                var eq: Equilibrium?
                if !isSingular && !sys.isSliced, let e = polish.solve(game, pj, supports: sys.supports, start: candidate),
                   e.regret <= tolerance {
                    eq = e
                } else {
                    let e = Equilibrium(game: game, strategies: normalised(candidate))
                    if e.regret <= tolerance && x.allSatisfy({ abs($0.im) <= 1e-6 * max(1, $0.modulus) }) { eq = e }
                    else if let e2 = polish.solve(game, pj, supports: sys.supports, start: candidate), e2.regret <= tolerance { eq = e2 }
                }
                guard let e = eq else { continue }
                let exact = exactForm(game, e)
                if isSingular || sys.isSliced {
                    if !continuumSupports.contains(sys.supports) {
                        continuumSupports.append(sys.supports)
                        let why = sys.isSliced
                            ? "an indifference equation is identically zero (underdetermined system)"
                            : "a path ended at a point where the Jacobian is rank-deficient"
                        notes.append("a continuum was detected on supports \(sys.supports): \(why); equilibria there are not isolated and only sample points are reported, e.g. \(e.strategies)")
                    }
                }
                if !found.contains(where: { GlobalNewton.distance($0.strategies, exact.strategies) < 1e-7 }) {
                    found.append(exact)
                }
            }
        }
        if diverged > 0 { notes.append("\(diverged) of \(paths) paths diverged (solutions at infinity)") }
        if failed > 0 { notes.append("\(failed) of \(paths) paths failed to converge: isolated equilibria may be missing") }
        found.sort { lexLess($0.strategies, $1.strategies) }
        let complete = failed == 0 && continuumSupports.isEmpty && singular == 0
        let allExact = !found.isEmpty && found.allSatisfy { $0.exactStrategies != nil }
        let report = EquilibriumReport(
            method: "enumpoly", arithmetic: allExact ? .exact : .floatingPoint, equilibria: found,
            isComplete: complete,
            scope: "all isolated equilibria (with probability one over the random gamma), by support enumeration and homotopy continuation",
            notes: notes)
        return Result(report: report, supportProfiles: supportProfiles, systemsSolved: systems.count, paths: paths,
                      divergedPaths: diverged, failedPaths: failed, singularEndpoints: singular)
    }

    // MARK: path tracking

    enum PathEnd { case converged([Complex], singular: Bool), diverged, failed }

    func track(_ sys: SupportSystem, gamma: Complex, start: [Complex]) -> PathEnd {
        var x = start
        var t = 0.0
        var h = 0.01
        var successes = 0
        let m = sys.unknowns
        var steps = 0
        let tEnd = 1 - 1e-9   // the end game (Newton at t = 1) starts here
        while t < tEnd {
            steps += 1
            if steps > 20_000 || h < 1e-14 { break }
            let step = min(h, tEnd - t)
            // Euler predictor: dx/dt = −H_x⁻¹ H_t.
            let (hx, ht) = homotopy(sys, gamma: gamma, x: x, t: t)
            guard let dx = ComplexLU(hx, m)?.solve(ht.map { -$0 }) else { h /= 2; successes = 0; continue }
            var y = (0..<m).map { x[$0] + dx[$0] * step }
            let t1 = t + step
            var ok = false
            for _ in 0..<3 {
                let (j, _, f) = homotopyValue(sys, gamma: gamma, x: y, t: t1)
                guard let d = ComplexLU(j, m)?.solve(f.map { -$0 }) else { break }
                var size = 0.0, norm = 0.0
                for i in 0..<m { y[i] = y[i] + d[i]; size = max(size, d[i].modulus); norm = max(norm, y[i].modulus) }
                if size <= 1e-8 * (1 + norm) { ok = true; break }
            }
            if ok {
                x = y
                t = t1
                successes += 1
                if successes >= 2 { h = min(2 * h, 0.1); successes = 0 }
                if x.contains(where: { $0.modulus > 1e8 }) { return .diverged }
            } else {
                h /= 2
                successes = 0
            }
        }
        if x.contains(where: { $0.modulus > 1e8 }) { return .diverged }
        // End game at t = 1: Newton on f itself (slow, linear convergence at a singular end).
        if t < tEnd - 1e-3 { return x.contains(where: { $0.modulus > 1e3 }) ? .diverged : .failed }
        var residual = Double.infinity
        var ratio = 0.0
        for _ in 0..<60 {
            let (j, f) = sys.evaluate(x)
            residual = f.map(\.modulus).max() ?? 0
            guard let lu = ComplexLU(j, m) else { ratio = 0; break }
            ratio = lu.pivotRatio
            if residual <= 1e-14 { break }
            guard let d = lu.solve(f.map { -$0 }) else { break }
            var size = 0.0
            for i in 0..<m { x[i] = x[i] + d[i]; size = max(size, d[i].modulus) }
            if size <= 1e-15 * (1 + (x.map(\.modulus).max() ?? 0)) { break }
        }
        let (j, f) = sys.evaluate(x)
        residual = f.map(\.modulus).max() ?? 0
        ratio = ComplexLU(j, m)?.pivotRatio ?? 0
        if x.contains(where: { $0.modulus > 1e8 }) { return .diverged }
        if residual <= 1e-6 { return .converged(x, singular: ratio < 1e-8) }
        // Not converged at t = 1. Far from the probability box: a path going to infinity
        // (slowly, so it did not reach the 1e8 cut); near a rank-deficient point: a path
        // ending on a continuum or at a multiple root, where tracking stalls; else a failure.
        if x.contains(where: { $0.modulus > 1e3 }) { return .diverged }
        if ratio < 1e-8 && residual <= 1e-2 { return .converged(x, singular: true) }
        return .failed
    }

    private func homotopy(_ sys: SupportSystem, gamma: Complex, x: [Complex], t: Double) -> ([Complex], [Complex]) {
        let (j, ht, _) = homotopyValue(sys, gamma: gamma, x: x, t: t)
        return (j, ht)
    }

    /// Jacobian H_x (row-major m×m), H_t and H at (x, t).
    private func homotopyValue(_ sys: SupportSystem, gamma: Complex, x: [Complex], t: Double)
        -> ([Complex], [Complex], [Complex]) {
        let m = sys.unknowns
        let (jf, f) = sys.evaluate(x)
        var j = jf.map { $0 * t }
        var ht = [Complex](repeating: .zero, count: m)
        var hv = [Complex](repeating: .zero, count: m)
        let s = gamma * (1 - t)
        let (jg, g) = sys.startSystem(x)
        for i in 0..<m {
            for k in 0..<m { j[i * m + k] = j[i * m + k] + s * jg[i * m + k] }
            ht[i] = f[i] - gamma * g[i]
            hv[i] = f[i] * t + s * g[i]
        }
        return (j, ht, hv)
    }

    // MARK: helpers

    private func isDominated(_ game: NormalFormGame, _ supports: [[Int]]) -> Bool {
        let n = supports.count
        for p in 0..<n {
            let others = (0..<n).filter { $0 != p }
            let pure = cartesian(others.map { supports[$0] })
            for a in supports[p] {
                for b in 0..<game.shape[p] where b != a {
                    let dominated = pure.allSatisfy { rest -> Bool in
                        var prof = [Int](repeating: 0, count: n)
                        for (i, q) in others.enumerated() { prof[q] = rest[i] }
                        prof[p] = b
                        let ub = game.payoff(p, prof)
                        prof[p] = a
                        return ub > game.payoff(p, prof)
                    }
                    if dominated { return true }
                }
            }
        }
        return false
    }

    private func exactForm(_ game: NormalFormGame, _ e: Equilibrium) -> Equilibrium {
        guard game.hasExactPayoffs, e.exactStrategies == nil else { return e }
        var exact = [[Rational]]()
        for s in e.strategies {
            var row = [Rational]()
            for v in s {
                guard let r = nearbyFraction(v) else { return e }
                row.append(r)
            }
            guard row.reduce(Rational(0), +) == Rational(1) else { return e }
            exact.append(row)
        }
        let candidate = Equilibrium(game: game, exact: exact)
        return candidate.exactRegret?.isZero == true ? candidate : e
    }
}

/// The best fraction with denominator ≤ 10⁶ within 1e-10 of `x` (continued fractions).
func nearbyFraction(_ x: Double) -> Rational? {
    guard x.isFinite, abs(x) < 1e9 else { return nil }
    var h0 = 0, h1 = 1, k0 = 1, k1 = 0
    var r = x
    for _ in 0..<40 {
        let a = r.rounded(.down)
        guard abs(a) < 1e9 else { return nil }
        let ai = Int(a)
        let h2 = ai * h1 + h0, k2 = ai * k1 + k0
        if k2 > 1_000_000 { return nil }
        h0 = h1; h1 = h2; k0 = k1; k1 = k2
        if abs(Double(h1) / Double(k1) - x) <= 1e-10 { return Rational(h1, k1) }
        let frac = r - a
        if frac < 1e-15 { return nil }
        r = 1 / frac
    }
    return nil
}

private func pow2(_ k: Int) -> Double { k >= 1000 ? .infinity : Double(sign: .plus, exponent: k, significand: 1) }

private func normalised(_ sigma: [[Double]]) -> [[Double]] {
    sigma.map { s in let t = s.reduce(0, +); return t > 0 ? s.map { $0 / t } : s }
}

private func lexLess(_ a: [[Double]], _ b: [[Double]]) -> Bool {
    for (x, y) in zip(a.joined(), b.joined()) where x != y { return x > y }
    return false
}

private func cartesian(_ lists: [[Int]]) -> [[Int]] {
    var result: [[Int]] = [[]]
    for l in lists { result = result.flatMap { r in l.map { r + [$0] } } }
    return result
}

// MARK: the indifference system of one support profile

struct SupportSystem: Sendable {
    let supports: [[Int]]
    let shape: [Int]
    /// unknown index → (player, action); player p's unknowns are `groups[p]`.
    let groups: [[Int]]
    let unknowns: Int
    /// equation i: owner player, and coefficient per pure profile of the others' supports
    /// (indices into `otherProfiles[owner]`), scaled to max |c| = 1.
    var owner: [Int]
    var coefficients: [[Double]]
    /// For each player p, the pure profiles of the others' supports: list of (q, action).
    let otherProfiles: [[[(player: Int, action: Int)]]]
    /// otherPlayers[p]: the players q ≠ p; otherPositions[p][k·(N−1) + s]: the position in
    /// supports[q] of profile k's action for the s-th of them; sigmaOffset: flat σ layout.
    let otherPlayers: [[Int]]
    let otherPositions: [[Int]]
    let sigmaOffset: [Int]
    var degrees: [Int]
    var hasZeroEquation: Bool
    let hasNonzeroConstant: Bool
    private(set) var isSliced = false
    /// Linear slice equations replacing identically zero ones: (row, coefficients, constant).
    private var slices: [Int: ([Double], Double)] = [:]

    init(_ game: NormalFormGame, supports: [[Int]]) {
        self.supports = supports
        shape = game.shape
        let n = supports.count
        var groups = [[Int]]()
        var k = 0
        for p in 0..<n {
            groups.append(Array(k..<(k + supports[p].count - 1)))
            k += supports[p].count - 1
        }
        self.groups = groups
        unknowns = k
        var others = [[[(player: Int, action: Int)]]]()
        for p in 0..<n {
            var list: [[(player: Int, action: Int)]] = [[]]
            for q in 0..<n where q != p {
                list = list.flatMap { r in supports[q].map { r + [(player: q, action: $0)] } }
            }
            others.append(list)
        }
        otherProfiles = others
        otherPlayers = (0..<n).map { p in (0..<n).filter { $0 != p } }
        otherPositions = (0..<n).map { p in
            others[p].flatMap { rest in rest.map { supports[$0.player].firstIndex(of: $0.action)! } }
        }
        var offsets = [0]
        for q in 0..<n { offsets.append(offsets[q] + supports[q].count) }
        sigmaOffset = offsets
        var owner = [Int](), coefficients = [[Double]](), degrees = [Int]()
        var zero = false, constant = false
        for p in 0..<n {
            let a0 = supports[p][0]
            let deg = (0..<n).filter { $0 != p && supports[$0].count > 1 }.count
            for a in supports[p].dropFirst() {
                var c = others[p].map { rest -> Double in
                    var prof = [Int](repeating: 0, count: n)
                    for (q, b) in rest { prof[q] = b }
                    prof[p] = a
                    let ua = game.payoff(p, prof)
                    prof[p] = a0
                    return ua - game.payoff(p, prof)
                }
                let scale = c.map(abs).max() ?? 0
                if scale == 0 { zero = true } else {
                    c = c.map { $0 / scale }
                    if deg == 0 { constant = true }
                }
                owner.append(p)
                coefficients.append(c)
                degrees.append(scale == 0 ? 1 : deg)
            }
        }
        self.owner = owner
        self.coefficients = coefficients
        self.degrees = degrees
        hasZeroEquation = zero
        hasNonzeroConstant = constant
    }

    var pathCount: Int { degrees.reduce(1) { $0 * max($1, 1) } }

    /// Replaces identically zero equations by random real hyperplanes through the centroid.
    mutating func sliceZeroEquations(_ rng: inout SplitMix64) {
        for i in 0..<unknowns where coefficients[i].allSatisfy({ $0 == 0 }) {
            var row = [Double](repeating: 0, count: unknowns)
            var constant = 0.0
            for p in supports.indices {
                for v in groups[p] {
                    row[v] = 2 * rng.nextUnit() - 1
                    constant += row[v] / Double(supports[p].count)
                }
            }
            slices[i] = (row, constant)
            degrees[i] = 1
        }
        isSliced = true
    }

    /// Multihomogeneous (linear-product) start system: equation i of player p is a product,
    /// over the players q ≠ p with |S_q| > 1, of random complex affine forms in player q's
    /// unknowns; its paths number the multihomogeneous Bézout number (2 instead of 8 for the
    /// full support of a 2×2×2 game). Used unless the system was sliced.
    private(set) var products: [[(group: Int, coefficients: [Complex], constant: Complex)]]? = nil

    mutating func useLinearProducts(_ rng: inout SplitMix64) {
        func random() -> Complex {
            let a = rng.nextUnit() * 2 * Double.pi
            return Complex(cos(a), sin(a))
        }
        products = (0..<unknowns).map { i in
            let p = owner[i]
            return (0..<supports.count).filter { $0 != p && !groups[$0].isEmpty }.map { q in
                (group: q, coefficients: groups[q].map { _ in random() }, constant: random())
            }
        }
    }

    /// (row-major Jacobian, values) of the start system g at x.
    func startSystem(_ x: [Complex]) -> ([Complex], [Complex]) {
        let m = unknowns
        var jac = [Complex](repeating: .zero, count: m * m)
        var g = [Complex](repeating: .zero, count: m)
        guard let products else {
            for i in 0..<m {
                let d = degrees[i]
                let xd1 = x[i].power(d - 1)
                g[i] = xd1 * x[i] - Complex(1, 0)
                jac[i * m + i] = xd1 * Double(d)
            }
            return (jac, g)
        }
        for i in 0..<m {
            let forms = products[i]
            let values = forms.map { form -> Complex in
                var v = form.constant
                for (j, u) in groups[form.group].enumerated() { v = v + form.coefficients[j] * x[u] }
                return v
            }
            var total = Complex(1, 0)
            for v in values { total = total * v }
            g[i] = total
            for (s, form) in forms.enumerated() {
                var partial = Complex(1, 0)
                for (s2, v) in values.enumerated() where s2 != s { partial = partial * v }
                for (j, u) in groups[form.group].enumerated() {
                    jac[i * m + u] = jac[i * m + u] + partial * form.coefficients[j]
                }
            }
        }
        return (jac, g)
    }

    func startSolutions() -> [[Complex]] {
        if let products { return linearProductStarts(products) }
        return totalDegreeStarts()
    }

    /// Every choice of one factor per equation such that each player's group is chosen by as
    /// many equations as it has unknowns gives one start solution (block-diagonal linear solve).
    private func linearProductStarts(_ products: [[(group: Int, coefficients: [Complex], constant: Complex)]]) -> [[Complex]] {
        let m = unknowns
        var result = [[Complex]]()
        var choice = [Int](repeating: 0, count: m)
        func recurse(_ i: Int, _ used: [Int]) {
            if i == m {
                var x = [Complex](repeating: .zero, count: m)
                for q in supports.indices where !groups[q].isEmpty {
                    let rows = (0..<m).filter { products[$0][choice[$0]].group == q }
                    let k = groups[q].count
                    var a = [Complex](repeating: .zero, count: k * k)
                    var b = [Complex](repeating: .zero, count: k)
                    for (r, i) in rows.enumerated() {
                        let form = products[i][choice[i]]
                        for j in 0..<k { a[r * k + j] = form.coefficients[j] }
                        b[r] = -form.constant
                    }
                    guard let y = ComplexLU(a, k)?.solve(b) else { return }
                    for (j, u) in groups[q].enumerated() { x[u] = y[j] }
                }
                result.append(x)
                return
            }
            for (c, form) in products[i].enumerated() where used[form.group] < groups[form.group].count {
                choice[i] = c
                var u = used
                u[form.group] += 1
                recurse(i + 1, u)
            }
        }
        recurse(0, [Int](repeating: 0, count: supports.count))
        return result
    }

    private func totalDegreeStarts() -> [[Complex]] {
        var result: [[Complex]] = [[]]
        for d in degrees {
            let roots = (0..<d).map { k in Complex(cos(2 * Double.pi * Double(k) / Double(d)), sin(2 * Double.pi * Double(k) / Double(d))) }
            result = result.flatMap { r in roots.map { r + [$0] } }
        }
        return result
    }

    /// σ (full profile, zeros off the supports) from real unknowns.
    func profile(_ x: [Double]) -> [[Double]] {
        supports.indices.map { p -> [Double] in
            var s = [Double](repeating: 0, count: shape[p])
            var first = 1.0
            for (j, v) in groups[p].enumerated() { s[supports[p][j + 1]] = x[v]; first -= x[v] }
            s[supports[p][0]] = first
            return s
        }
    }

    /// (row-major Jacobian, values) of f at complex x.
    func evaluate(_ x: [Complex]) -> ([Complex], [Complex]) {
        let m = unknowns
        let n = supports.count
        // σ_q(b) for the b at position j of supports[q], flattened at sigmaOffset[q] + j.
        var sigma = [Complex](repeating: .zero, count: sigmaOffset[n])
        for q in 0..<n {
            var first = Complex(1, 0)
            for (j, v) in groups[q].enumerated() { first = first - x[v]; sigma[sigmaOffset[q] + j + 1] = x[v] }
            sigma[sigmaOffset[q]] = first
        }
        var jac = [Complex](repeating: .zero, count: m * m)
        var f = [Complex](repeating: .zero, count: m)
        var factors = [Complex](repeating: .zero, count: max(n - 1, 1))
        var prefix = [Complex](repeating: .zero, count: n)
        var suffix = [Complex](repeating: .zero, count: n)
        for i in 0..<m {
            if let (row, c) = slices[i] {
                var v = Complex(-c, 0)
                for k in 0..<m { v = v + x[k] * row[k]; jac[i * m + k] = Complex(row[k], 0) }
                f[i] = v
                continue
            }
            let p = owner[i]
            let players = otherPlayers[p]
            let r = players.count
            let positions = otherPositions[p]
            let coefficient = coefficients[i]
            for k in 0..<coefficient.count {
                let c = coefficient[k]
                if c == 0 { continue }
                for s in 0..<r { factors[s] = sigma[sigmaOffset[players[s]] + positions[k * r + s]] }
                // prefix/suffix products give every ∏_{s'≠s} factor in O(r)
                var acc = Complex(c, 0)
                for s in 0..<r { prefix[s] = acc; acc = acc * factors[s] }
                f[i] = f[i] + acc
                var back = Complex(1, 0)
                for s in stride(from: r - 1, through: 0, by: -1) { suffix[s] = back; back = back * factors[s] }
                for s in 0..<r {
                    let q = players[s]
                    if groups[q].isEmpty { continue }
                    let partial = prefix[s] * suffix[s]
                    let pos = positions[k * r + s]
                    if pos == 0 {
                        for v in groups[q] { jac[i * m + v] = jac[i * m + v] - partial }
                    } else {
                        let v = groups[q][pos - 1]
                        jac[i * m + v] = jac[i * m + v] + partial
                    }
                }
            }
        }
        return (jac, f)
    }
}
