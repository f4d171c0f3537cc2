import Foundation
import GameTheory
import LinearAlgebra

/// A stationary Markov perfect equilibrium by following the logit Markov quantal response
/// equilibrium (QRE) path from λ = 0 to large λ, then polishing the endpoint.
///
/// Definition (index convention: states s, players p, actions a of state s's stage game;
/// profiles k in the stage game's flat Gambit order). For values `Vₚ(t)` the auxiliary payoff
/// of profile k in state s is `gₚ(s, k) = uₚ(s, k) + δₚ Σₜ P(t | s, k) Vₚ(t)`, and
/// `Qₚ(s, a)` is its expectation over the other players' strategies with pᵗʰ action fixed to
/// a. A logit Markov QRE at precision λ ≥ 0 is a pair (σ, V) with
/// - `σₚ(s, a) ∝ exp(λ Qₚ(s, a))` in every state (logit response to the action values), and
/// - `Vₚ = r_σ,ₚ + δₚ P_σ Vₚ` (the values of σ itself).
///
/// Unknowns: `yₚ(s, a) = log σₚ(s, a)` and `Vₚ(s)`. The homotopy
/// `H(y, V, λ) = 0` stacks, per state and player, `Σₐ exp(yₚ(s, a)) − 1` and
/// `yₚ(s, a) − yₚ(s, 0) − λ (Qₚ(s, a) − Qₚ(s, 0))` for a ≥ 1, and per player and state the
/// Bellman equation. At λ = 0 the unique solution is uniform play with V solved linearly
/// (LAPACK). The zero set is followed in arc length by predictor–corrector steps: the tangent
/// is the null vector of the Jacobian (augmented by the previous tangent, so the orientation
/// is kept), the corrector is Newton's method in the hyperplane orthogonal to the tangent, and
/// the step length halves on failure and doubles after quick convergence. Linear systems are
/// solved by `LUDecomposition` (LAPACK `dgetrf`/`dgetrs`). **Jacobians are forward finite
/// differences** (step `1e-7 · max(1, |xᵢ|)`), not analytic; the corrector evaluates `H`
/// exactly, so accepted points satisfy `‖H‖∞ ≤ correctorTolerance`.
///
/// At `λ ≥ maximumLambda` (default `10⁴` divided by the spread of the auxiliary payoffs,
/// `(max u − min u)/(1 − max δ)`) the endpoint is polished: for thresholds τ in
/// `supportThresholds`, the support of each player in each state is `{a : σₚ(s, a) ≥ τ}`, and
/// Newton's method solves the stationary system "equal Q on the support, probabilities on the
/// support sum to one, zero off it, Bellman". A polished profile with non-negative
/// probabilities is evaluated exactly and kept if its one-shot deviation regret
/// (`MarkovEquilibrium`) is at most `regretTolerance` in every state; otherwise the raw
/// endpoint is reported if its own regret passes.
///
/// What is guaranteed and what is not: Eibelshäuser and Poensgen show that for generic games
/// the QRE correspondence contains a unique branch starting at λ = 0 that is a smooth curve
/// converging to a Markov perfect equilibrium as λ → ∞ (the stochastic-game analogue of
/// McKelvey–Palfrey's logit tracing). The method finds **one** equilibrium, the one selected
/// by this branch; it says nothing about others (the report is never complete). In
/// non-generic games the branch can bifurcate or the limit can be a continuum; then the path
/// may fail (step length underflow or step limit) and the report says so.
///
/// Degenerate inputs: states where a player has a single action contribute only the
/// normalisation equation; δ = 0 reduces to one logit path per state.
///
/// - Complexity: per path step O(m) evaluations of H for the finite-difference Jacobian plus
///   an O(m³) LU, where m = Σₛ Σₚ |Aₚ(s)| + N·S; one evaluation of H is
///   O(Σₛ N² ∏ₚ|Aₚ(s)| + nnz(P)).
/// - References: D. Eibelshäuser and D. Poensgen, "Markov quantal response equilibrium and a
///   homotopy method for computing and selecting Markov perfect equilibria of dynamic
///   stochastic games", working paper, 2019, SSRN 3314404 (bibliographic details as given in
///   the issue brief; not confirmed against the paper here);
///   T. L. Turocy, "A dynamic homotopy interpretation of the logistic quantal response
///   equilibrium correspondence", *Games Econ. Behav.* 51(2):243–263, 2005.
///   doi:10.1016/j.geb.2004.04.003; P. J.-J. Herings and R. J. A. W. Peeters, "Stationary
///   equilibria in stochastic games: structure, selection, and computation", *J. Econ. Theory*
///   118(1):32–60, 2004. doi:10.1016/j.jet.2003.10.001;
///   R. D. McKelvey and T. R. Palfrey, "Quantal response equilibria for normal form games",
///   *Games Econ. Behav.* 10(1):6–38, 1995. doi:10.1006/game.1995.1023; E. L. Allgower and
///   K. Georg, *Introduction to Numerical Continuation Methods*, SIAM, 2003.
///   doi:10.1137/1.9780898719154
public struct LogitMarkovQREHomotopy: Sendable {
    /// Where the path stops; `nil` means `10⁴ / spread of auxiliary payoffs`.
    public var maximumLambda: Double?
    public var maximumSteps: Int
    public var correctorTolerance: Double
    public var regretTolerance: Double
    public var supportThresholds: [Double]

    public init(maximumLambda: Double? = nil, maximumSteps: Int = 20_000, correctorTolerance: Double = 1e-10,
                regretTolerance: Double = 1e-8, supportThresholds: [Double] = [1e-3, 1e-5, 1e-2, 1e-7]) {
        self.maximumLambda = maximumLambda
        self.maximumSteps = maximumSteps
        self.correctorTolerance = correctorTolerance
        self.regretTolerance = regretTolerance
        self.supportThresholds = supportThresholds
    }

    /// A point of the path: strategies, values and precision.
    public struct PathPoint: Sendable {
        public var lambda: Double
        public var profile: StationaryProfile
        /// `values[p][s]`.
        public var values: [[Double]]
    }

    /// The result of tracing: the last accepted point and how the trace went.
    public struct Trace: Sendable {
        public var endpoint: PathPoint
        public var steps: Int
        /// Whether λ reached the target.
        public var reachedTarget: Bool
        public var message: String
    }

    public func solve(_ game: MarkovGame) throws -> MarkovEquilibriumReport {
        let trace = try self.trace(game)
        var notes = ["path: \(trace.message); \(trace.steps) steps; finite-difference Jacobians"]
        var found: MarkovEquilibrium?
        let raw = try MarkovEquilibrium(game: game, profile: trace.endpoint.profile)
        notes.append("endpoint regret before polishing \(formatted(raw.regret))")
        var tried = Set<[[[Bool]]]>()
        for tau in supportThresholds {
            let support = trace.endpoint.profile.strategies.map { $0.map { $0.map { $0 >= tau } } }
            guard tried.insert(support).inserted else { continue }
            guard let profile = try polish(game, start: trace.endpoint, support: support) else { continue }
            let eq = try MarkovEquilibrium(game: game, profile: profile)
            if eq.regret <= regretTolerance {
                found = eq
                notes.append("polished on supports with threshold \(tau)")
                break
            }
        }
        if found == nil, raw.regret <= regretTolerance {
            found = raw
            notes.append("polishing failed; the raw endpoint passes the regret check")
        }
        if found == nil { notes.append("no profile with regret ≤ \(regretTolerance) found at the end of the path") }
        notes.append("one equilibrium, the one selected by the logit path from uniform play; others may exist")
        return MarkovEquilibriumReport(
            method: "logit-markov-qre-homotopy", equilibria: found.map { [$0] } ?? [], isComplete: false,
            scope: "the limit of the principal branch of logit Markov QRE (λ from 0 to \(formatted(trace.endpoint.lambda)))",
            tolerance: regretTolerance, converged: trace.reachedTarget && found != nil, iterations: trace.steps,
            notes: notes)
    }

    /// Follows the path from λ = 0 to `maximumLambda` (or until the step limit or failure).
    public func trace(_ game: MarkovGame) throws -> Trace {
        let sys = QRESystem(game: game)
        let target = maximumLambda ?? sys.defaultLambda
        // Start: uniform play, values of uniform play.
        let uniform = StationaryProfile(game.stageGames.map { g in g.actions.map { a in
            [Double](repeating: 1 / Double(a.count), count: a.count) } })
        let v0 = try game.evaluate(uniform).values
        var x = sys.pack(profile: uniform, values: v0) + [0]
        let m = x.count
        var tangentPrev = [Double](repeating: 0, count: m)
        tangentPrev[m - 1] = 1
        var h = 0.1 / max(sys.payoffSpread, 1e-12)
        var steps = 0
        var message = ""
        var reached = false
        pathLoop: while steps < maximumSteps {
            if x[m - 1] >= target { reached = true; message = "reached λ = \(formatted(x[m - 1]))"; break }
            let j = sys.jacobian(x)
            guard let t = try? tangent(j, previous: tangentPrev) else {
                message = "singular augmented Jacobian at λ = \(formatted(x[m - 1]))"; break
            }
            while true {
                var xp = zip(x, t).map { $0 + h * $1 }
                var ok = false
                for it in 0..<8 {
                    let r = sys.residual(xp)
                    let rn = r.map(abs).max() ?? 0
                    if rn <= correctorTolerance && it > 0 { ok = true; break }
                    var a = sys.jacobian(xp)
                    for c in 0..<m { a[m - 1, c] = t[c] }
                    guard let lu = try? LUDecomposition(a), let d = try? lu.solve(r + [0]) else { break }
                    for i in 0..<m { xp[i] -= d[i] }
                    if !xp.allSatisfy(\.isFinite) { break }
                    if it == 7 { ok = (sys.residual(xp).map(abs).max() ?? 0) <= correctorTolerance }
                }
                var dist2 = 0.0
                for i in 0..<m { dist2 += (xp[i] - x[i]) * (xp[i] - x[i]) }
                let dist = dist2.squareRoot()
                if ok && dist <= 2 * h {
                    x = xp
                    tangentPrev = t
                    steps += 1
                    h *= 1.5
                    break
                }
                h /= 2
                if h < 1e-12 { message = "step length underflow at λ = \(formatted(x[m - 1]))"; break pathLoop }
            }
        }
        if !reached && message.isEmpty { message = "step limit \(maximumSteps) hit at λ = \(formatted(x[m - 1]))" }
        let (profile, values) = sys.unpack(x)
        return Trace(endpoint: PathPoint(lambda: x[m - 1], profile: profile, values: values), steps: steps,
                     reachedTarget: reached, message: message)
    }

    /// The unit tangent: solves `[J; t_prevᵀ] t = eₘ` and normalises.
    private func tangent(_ j: Matrix, previous: [Double]) throws -> [Double] {
        var a = j
        let m = j.columns
        for c in 0..<m { a[m - 1, c] = previous[c] }
        var rhs = [Double](repeating: 0, count: m)
        rhs[m - 1] = 1
        let t = try LUDecomposition(a).solve(rhs)
        let norm = t.reduce(0.0) { $0 + $1 * $1 }.squareRoot()
        return t.map { $0 / norm }
    }

    /// Newton's method on the stationary indifference + Bellman system with the given
    /// supports; `nil` if it does not converge or leaves the simplex.
    private func polish(_ game: MarkovGame, start: PathPoint, support: [[[Bool]]]) throws -> StationaryProfile? {
        let sys = QRESystem(game: game)
        // Unknowns: σ on the support, then V.
        var slots = [(Int, Int, Int)]()
        for s in support.indices { for p in support[s].indices { for a in support[s][p].indices where support[s][p][a] {
            slots.append((s, p, a)) } } }
        // Every player needs a non-empty support in every state.
        guard support.allSatisfy({ $0.allSatisfy { $0.contains(true) } }) else { return nil }
        var z = slots.map { start.profile.strategies[$0.0][$0.1][$0.2] } + start.values.flatMap { $0 }
        func build(_ z: [Double]) -> (StationaryProfile, [[Double]]) {
            var st = game.stageGames.map { g in g.actions.map { [Double](repeating: 0, count: $0.count) } }
            for (i, (s, p, a)) in slots.enumerated() { st[s][p][a] = z[i] }
            let v = (0..<game.playerCount).map { p in Array(z[(slots.count + p * game.stateCount)..<(slots.count + (p + 1) * game.stateCount)]) }
            return (StationaryProfile(st), v)
        }
        func residual(_ z: [Double]) -> [Double] {
            let (prof, v) = build(z)
            let (q, bell) = sys.actionValuesAndBellman(prof.strategies, v)
            var r = [Double]()
            for s in support.indices {
                for p in support[s].indices {
                    let sup = support[s][p].indices.filter { support[s][p][$0] }
                    r.append(sup.map { prof.strategies[s][p][$0] }.reduce(0, +) - 1)
                    for a in sup.dropFirst() { r.append(q[s][p][a] - q[s][p][sup[0]]) }
                }
            }
            return r + bell
        }
        precondition(residual(z).count == z.count, "polish system is square by construction")
        let scale = max(1, sys.payoffSpread)
        for _ in 0..<40 {
            let r = residual(z)
            if (r.map(abs).max() ?? 0) <= 1e-13 * scale { break }
            let j = finiteDifferenceJacobian(residual, at: z, rows: z.count)
            guard let lu = try? LUDecomposition(j), let d = try? lu.solve(r) else { return nil }
            for i in z.indices { z[i] -= d[i] }
            if !z.allSatisfy(\.isFinite) { return nil }
        }
        guard (residual(z).map(abs).max() ?? 0) <= 1e-9 * scale else { return nil }
        var (prof, _) = build(z)
        for s in prof.strategies.indices {
            for p in prof.strategies[s].indices {
                if prof.strategies[s][p].contains(where: { $0 < -1e-10 }) { return nil }
                let c = prof.strategies[s][p].map { max(0, $0) }
                let sum = c.reduce(0, +)
                prof.strategies[s][p] = c.map { $0 / sum }
            }
        }
        return prof
    }
}

/// Forward-difference Jacobian of `f` at `x` (`rows` outputs, one column per input).
func finiteDifferenceJacobian(_ f: ([Double]) -> [Double], at x: [Double], rows: Int) -> Matrix {
    let f0 = f(x)
    var j = Matrix(rows: rows, columns: x.count)
    var xx = x
    for c in x.indices {
        let h = 1e-7 * max(1, abs(x[c]))
        xx[c] = x[c] + h
        let f1 = f(xx)
        let hh = xx[c] - x[c]
        for r in 0..<rows { j[r, c] = (f1[r] - f0[r]) / hh }
        xx[c] = x[c]
    }
    return j
}

private func formatted(_ x: Double) -> String {
    let r = (x * 1e6).rounded() / 1e6
    return abs(x) >= 1e-3 || x == 0 ? "\(r)" : "\(x)"
}

/// The homotopy's equations for one game.
struct QRESystem {
    let game: MarkovGame
    /// Offsets of `y[s][p][0]` in the packed vector.
    let offsets: [[Int]]
    let strategyCount: Int

    init(game: MarkovGame) {
        self.game = game
        var off = [[Int]]()
        var i = 0
        for g in game.stageGames {
            var row = [Int]()
            for a in g.actions { row.append(i); i += a.count }
            off.append(row)
        }
        offsets = off
        strategyCount = i
    }

    /// `(max u − min u)/(1 − max δ)` over all states (1 if the game is constant).
    var payoffSpread: Double {
        let all = game.stageGames.flatMap { $0.payoffTable.flatMap { $0 } }
        let spread = (all.max() ?? 0) - (all.min() ?? 0)
        let d = game.discountFactors.max() ?? 0
        return spread > 0 ? spread / (1 - d) : 1
    }

    var defaultLambda: Double { 1e4 / payoffSpread }

    func pack(profile: StationaryProfile, values: [[Double]]) -> [Double] {
        profile.strategies.flatMap { $0.flatMap { $0.map { log($0) } } } + values.flatMap { $0 }
    }

    func unpack(_ x: [Double]) -> (StationaryProfile, [[Double]]) {
        let st = offsets.enumerated().map { s, row in
            row.enumerated().map { p, o in (0..<game.stageGames[s].actions[p].count).map { exp(x[o + $0]) } }
        }
        let n = game.stateCount
        let v = (0..<game.playerCount).map { p in Array(x[(strategyCount + p * n)..<(strategyCount + (p + 1) * n)]) }
        return (StationaryProfile(st), v)
    }

    /// `Q[s][p][a]` and the Bellman residuals `Vₚ(s) − Σₖ wₖ gₚ(s, k)` (player-major).
    func actionValuesAndBellman(_ sigma: [[[Double]]], _ v: [[Double]]) -> ([[[Double]]], [Double]) {
        let np = game.playerCount
        var q = [[[Double]]]()
        var bell = [Double](repeating: 0, count: np * game.stateCount)
        for (s, g) in game.stageGames.enumerated() {
            let shape = g.shape
            var qs = shape.map { [Double](repeating: 0, count: $0) }
            var idx = [Int](repeating: 0, count: np)
            for k in 0..<g.profileCount {
                for p in 0..<np {
                    let aux = g.payoffTable[p][k] + game.discountFactors[p] * game.sparseTransitions[s][k].dot(v[p])
                    var others = 1.0
                    for r in 0..<np where r != p { others *= sigma[s][r][idx[r]] }
                    qs[p][idx[p]] += others * aux
                    bell[p * game.stateCount + s] -= others * sigma[s][p][idx[p]] * aux
                }
                var r = 0
                while r < np {
                    idx[r] += 1
                    if idx[r] < shape[r] { break }
                    idx[r] = 0
                    r += 1
                }
            }
            q.append(qs)
        }
        for p in 0..<np { for s in 0..<game.stateCount { bell[p * game.stateCount + s] += v[p][s] } }
        return (q, bell)
    }

    /// `H(x)` with `x = (y, V, λ)`; one fewer entry than `x`.
    func residual(_ x: [Double]) -> [Double] {
        let lambda = x[x.count - 1]
        let (prof, v) = unpack(x)
        let (q, bell) = actionValuesAndBellman(prof.strategies, v)
        var r = [Double]()
        r.reserveCapacity(x.count - 1)
        for s in offsets.indices {
            for (p, o) in offsets[s].enumerated() {
                let n = game.stageGames[s].actions[p].count
                r.append(prof.strategies[s][p].reduce(0, +) - 1)
                for a in 1..<max(1, n) where n > 1 {
                    r.append(x[o + a] - x[o] - lambda * (q[s][p][a] - q[s][p][0]))
                }
            }
        }
        return r + bell
    }

    func jacobian(_ x: [Double]) -> Matrix {
        // Rows 0..<m−1 are H; the last row is left for the caller's augmentation.
        let j = finiteDifferenceJacobian({ residual($0) + [0] }, at: x, rows: x.count)
        return j
    }
}
