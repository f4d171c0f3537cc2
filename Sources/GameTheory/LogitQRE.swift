import Foundation
import LinearAlgebra

/// The logit quantal response equilibrium (QRE) correspondence of an N-player game, traced
/// by predictor–corrector path following from λ = 0 (everyone uniform) towards λ = ∞, where
/// it converges to a Nash equilibrium.
///
/// Definition (McKelvey & Palfrey 1995): σ is a logit QRE at precision λ ≥ 0 when for every
/// player p and action a, `σₚ(a) = exp(λ uₚ(a, σ₋ₚ)) / Σ_b exp(λ uₚ(b, σ₋ₚ))`, with
/// `uₚ(a, σ₋ₚ)` the expected payoff of p's pure action a against the others' mixed strategies
/// (action order as in the game; λ is measured in inverse payoff units, so scaling all payoffs
/// by c rescales λ by 1/c). For generic games the QRE through the centroid at λ = 0 lies on a
/// unique smooth branch (the principal branch) that leads to a Nash equilibrium.
///
/// Method: following Turocy (2005) the unknowns are log-probabilities `x = log σ`, which keep
/// vanishing probabilities resolvable. With `H(x, λ) = 0` collecting, per player,
/// `Σ_a exp(xₚₐ) − 1 = 0` and `xₚₐ − xₚ₀ − λ (uₚ(a) − uₚ(0)) = 0` (a ≥ 1), the branch is a
/// curve in (x, λ) traced by arc length: an Euler predictor along the tangent (the null
/// vector of the d × (d+1) Jacobian, from the bordered system `[H′; tₚᵣₑᵥᵀ] t = e`), Newton
/// correctors on `[H′; tᵀ] Δ = [−H; 0]`, all linear systems solved by LAPACK
/// (`LUDecomposition`). The step size adapts: it grows by 1.5 after a corrector that converges
/// in at most three iterations and is halved when the corrector does not contract or the
/// tangent turns by more than about 25°. Turning points in λ are passed (arc length is the
/// parameter, not λ).
///
/// Towards the limit: after each step the regret of the current QRE is measured; once it is
/// below 0.1 % of the payoff range (and each time it has fallen tenfold since the last try) the
/// support is identified and the indifference system solved by Newton (`SupportPolishing`);
/// the polished point is kept only when it lies within 0.01 (max norm) of the current QRE, and
/// reported only when its regret, computed from the game by
/// `Equilibrium(game:strategies:)`, is at most `tolerance`. When λ exceeds `maximumLambda`
/// without that, the last QRE is reported if its regret meets the tolerance, otherwise nothing
/// is reported and the notes say how far the path got.
///
/// - Complexity: per step O(k (∏ nᵢ · N³ + d³)) with d = Σ nᵢ and k ≤ 8 corrector iterations;
///   the number of steps grows like log λ on the straight tail of the branch.
/// - Degenerate inputs: in non-generic games the branch can meet a bifurcation (a singular
///   bordered Jacobian); the tracer then halves its step until it passes or fails:
///   `response(of:at:)` throws `NPlayerSolverError.pathFailed`, while `solve` notes the failure
///   and still polishes and verifies the last point reached. When every action earns the same
///   against the centroid (a constant game, or a symmetric one such as unanimity), the
///   centroid is a QRE for every λ and is returned at once.
///
/// References:
/// - McKelvey, R. D. & Palfrey, T. R. (1995). Quantal response equilibria for normal form
///   games. Games and Economic Behavior 10(1), 6–38. doi:10.1006/game.1995.1023
/// - Turocy, T. L. (2005). A dynamic homotopy interpretation of the logistic quantal response
///   equilibrium correspondence. Games and Economic Behavior 51(2), 243–263.
///   doi:10.1016/j.geb.2004.04.003
/// - Allgower, E. L. & Georg, K. (1990). Numerical Continuation Methods. Springer.
///   doi:10.1007/978-3-642-61257-2
public struct LogitQRE: Sendable {
    /// Largest regret of a reported Nash equilibrium (absolute, in payoff units).
    public var tolerance: Double
    /// The path is abandoned beyond this λ.
    public var maximumLambda: Double
    /// First arc-length step.
    public var initialStep: Double
    /// Upper bound on accepted steps.
    public var maximumSteps: Int
    /// Newton corrector stops when its step is below this (relative to 1 + |y|).
    public var correctorTolerance: Double

    public init(tolerance: Double = 1e-9, maximumLambda: Double = 1e9, initialStep: Double = 0.03,
                maximumSteps: Int = 100_000, correctorTolerance: Double = 1e-11) {
        self.tolerance = tolerance
        self.maximumLambda = maximumLambda
        self.initialStep = initialStep
        self.maximumSteps = maximumSteps
        self.correctorTolerance = correctorTolerance
    }

    /// A point of the QRE correspondence.
    public struct Point: Sendable, Equatable {
        public let lambda: Double
        /// `strategies[p][a]`, as in the game.
        public let strategies: [[Double]]
    }

    /// The outcome of tracing the principal branch to its Nash limit.
    public struct Result: Sendable {
        /// The Nash equilibrium found (zero or one), verified by regret.
        public let report: EquilibriumReport
        /// λ at the last accepted point of the path.
        public let finalLambda: Double
        /// Accepted predictor–corrector steps.
        public let steps: Int
        /// Whether the reported equilibrium came from support polishing (else: the path's end).
        public let polished: Bool
        /// The traced points, when `recordPath` was set.
        public let path: [Point]
    }

    /// Traces the principal branch of `game` until a Nash equilibrium with regret at most
    /// `tolerance` is identified (or λ exceeds `maximumLambda`).
    public func solve(_ game: NormalFormGame, recordPath: Bool = false) throws -> Result {
        try validate()
        let tracer = QRETracer(game: game, options: self)
        let polisher = SupportPolishing(tolerance: tolerance)
        let scale = tracer.pj.payoffScale
        var lastTry = Double.infinity
        var found: Equilibrium?
        var path = [Point]()
        var lastSigma = tracer.sigma(of: tracer.start)
        var lastLambda = 0.0
        if recordPath { path.append(Point(lambda: 0, strategies: lastSigma)) }
        // When every action earns the same at the centroid, the centroid is a QRE for every λ
        // (the logit response to equal payoffs is uniform), so it is the branch's limit.
        let centroid = Equilibrium(game: game, strategies: lastSigma)
        if centroid.regret <= tolerance { found = centroid }
        var steps = 0
        var notes = [String]()
        // An absolute tolerance that is not small against the payoffs verifies nothing (with
        // payoffs of order 1e-9 the default 1e-9 accepts the centroid): say so.
        if tolerance >= 1e-6 * scale {
            notes.append("tolerance \(tolerance) is not small against the payoff range \(scale): the reported point may not be close to an equilibrium; rescale the payoffs or lower the tolerance")
        }
        if found == nil {
            do { steps = try tracer.trace { _, y in
                let sigma = tracer.sigma(of: y)
                lastSigma = sigma
                lastLambda = y[tracer.d]
                if recordPath { path.append(Point(lambda: y[tracer.d], strategies: sigma)) }
                let r = game.regret(sigma)
                if r < 1e-3 * scale && r < lastTry / 10 {
                    lastTry = r
                    // accept only a polished point close to the branch, so that what is
                    // reported is the branch's limit and not another equilibrium on that support
                    if let eq = polisher.polish(game, near: sigma),
                       GlobalNewton.distance(eq.strategies, sigma) <= 0.01 { found = eq; return false }
                }
                steps += 1
                return y[tracer.d] <= maximumLambda
            }
            } catch let error as NPlayerSolverError {
                // A failure far along the path still leaves the last QRE: try to polish it.
                notes.append("\(error)")
                if let eq = polisher.polish(game, near: lastSigma) { found = eq }
            }
        }
        var polished = found != nil && steps > 0
        if found == nil {
            let end = Equilibrium(game: game, strategies: lastSigma)
            if end.regret <= tolerance {
                found = end
                polished = false
            } else {
                notes.append("the logit path reached lambda = \(lastLambda) after \(steps) steps with regret \(end.regret) > tolerance \(tolerance); no equilibrium reported")
            }
        }
        let report = EquilibriumReport(method: "logit", arithmetic: .floatingPoint,
                                       equilibria: found.map { [$0] } ?? [], isComplete: false,
                                       scope: "the limit of the principal branch of the logit QRE correspondence",
                                       notes: notes)
        return Result(report: report, finalLambda: lastLambda, steps: steps, polished: polished, path: path)
    }

    /// The logit QRE at precision `lambda` on the principal branch (the first point where the
    /// branch reaches `lambda`), for fitting to data. λ = 0 gives the uniform profile.
    public func response(of game: NormalFormGame, at lambda: Double) throws -> Point {
        try validate()
        guard lambda >= 0, lambda.isFinite else {
            throw NPlayerSolverError.invalidParameter(name: "lambda", value: "\(lambda)")
        }
        let tracer = QRETracer(game: game, options: self)
        if lambda == 0 { return Point(lambda: 0, strategies: tracer.sigma(of: tracer.start)) }
        var landed: [Double]?
        var failure: Error?
        _ = try tracer.trace { previous, y in
            let l0 = previous[tracer.d], l1 = y[tracer.d]
            if l1 >= lambda && l0 < lambda {
                let w = (lambda - l0) / (l1 - l0)
                var guess = (0..<tracer.d).map { previous[$0] + w * (y[$0] - previous[$0]) }
                do {
                    guess = try tracer.newtonAtFixedLambda(guess, lambda: lambda)
                    landed = guess
                } catch { failure = error }
                return false
            }
            return true
        }
        if let failure { throw failure }
        guard let x = landed else {
            throw NPlayerSolverError.pathFailed(solver: "logit", lambda: lambda, steps: maximumSteps,
                                                reason: "the branch did not reach the requested lambda")
        }
        return Point(lambda: lambda, strategies: tracer.sigma(of: x + [lambda]))
    }

    private func validate() throws {
        guard tolerance > 0, tolerance.isFinite else {
            throw NPlayerSolverError.invalidParameter(name: "tolerance", value: "\(tolerance)")
        }
        guard maximumLambda > 0 else {
            throw NPlayerSolverError.invalidParameter(name: "maximumLambda", value: "\(maximumLambda)")
        }
        guard initialStep > 0, initialStep.isFinite else {
            throw NPlayerSolverError.invalidParameter(name: "initialStep", value: "\(initialStep)")
        }
        guard maximumSteps > 0 else {
            throw NPlayerSolverError.invalidParameter(name: "maximumSteps", value: "\(maximumSteps)")
        }
    }
}

/// The predictor–corrector machinery of `LogitQRE` (see its documentation for the system).
struct QRETracer {
    let game: NormalFormGame
    let options: LogitQRE
    let pj: PayoffJacobian
    var d: Int { pj.dimension }

    init(game: NormalFormGame, options: LogitQRE) {
        self.game = game
        self.options = options
        self.pj = PayoffJacobian(game)
    }

    /// y = (x, λ) at λ = 0: uniform log-probabilities.
    var start: [Double] {
        var y = [Double]()
        for n in pj.shape { y += [Double](repeating: -log(Double(n)), count: n) }
        return y + [0]
    }

    func sigma(of y: [Double]) -> [[Double]] {
        pj.unstack(Array(y[0..<d]).map { exp($0) })
    }

    /// Residual H(y) and Jacobian H′(y) (d × (d+1)).
    func system(_ y: [Double]) -> (h: [Double], jac: Matrix) {
        let lambda = y[d]
        let s = sigma(of: y)
        let (u, cross) = pj.evaluate(s)
        var h = [Double](repeating: 0, count: d)
        var jac = Matrix(rows: d, columns: d + 1)
        for p in 0..<pj.playerCount {
            let r0 = pj.offsets[p]
            var total = 0.0
            for b in 0..<pj.shape[p] {
                total += s[p][b]
                jac[r0, r0 + b] = s[p][b]
            }
            h[r0] = total - 1
            for a in 1..<max(1, pj.shape[p]) {
                let ra = r0 + a
                h[ra] = y[ra] - y[r0] - lambda * (u[ra] - u[r0])
                jac[ra, ra] += 1
                jac[ra, r0] -= 1
                for q in 0..<pj.playerCount where q != p {
                    for b in 0..<pj.shape[q] {
                        let c = pj.offsets[q] + b
                        jac[ra, c] = -lambda * (cross[ra * d + c] - cross[r0 * d + c]) * s[q][b]
                    }
                }
                jac[ra, d] = -(u[ra] - u[r0])
            }
        }
        return (h, jac)
    }

    /// `[J; tᵀ]` as a square matrix.
    func bordered(_ jac: Matrix, _ t: [Double]) -> Matrix {
        var m = Matrix(rows: d + 1, columns: d + 1)
        for j in 0...d {
            for i in 0..<d { m[i, j] = jac[i, j] }
            m[d, j] = t[j]
        }
        return m
    }

    /// The unit tangent at y, oriented to agree with `previous`.
    func tangent(_ jac: Matrix, previous: [Double]) throws -> [Double] {
        let lu = try LUDecomposition(bordered(jac, previous))
        var rhs = [Double](repeating: 0, count: d + 1)
        rhs[d] = 1
        var t = try lu.solve(rhs)
        let norm = t.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm.isFinite, norm > 0 else { throw LinearAlgebraError.singular(pivot: d) }
        for i in t.indices { t[i] /= norm }
        return t
    }

    /// Follows the branch from λ = 0; `accept(previous, current)` is called after every
    /// accepted step and stops the trace by returning false. Returns the number of steps.
    func trace(_ accept: (_ previous: [Double], _ current: [Double]) throws -> Bool) throws -> Int {
        var y = start
        var e = [Double](repeating: 0, count: d + 1)
        e[d] = 1
        var (_, jac) = system(y)
        var t = try tangent(jac, previous: e)
        var h = options.initialStep
        let minimumStep = 1e-12
        var steps = 0
        while steps < options.maximumSteps {
            // predictor
            var z = (0...d).map { y[$0] + h * t[$0] }
            var ok = false
            var iterations = 0
            var previousSize = Double.infinity
            for it in 0..<8 {
                iterations = it + 1
                let (hz, jz) = system(z)
                guard let lu = try? LUDecomposition(bordered(jz, t)),
                      let delta = try? lu.solve(hz.map { -$0 } + [0]) else { break }
                let size = delta.reduce(0) { max($0, abs($1)) }
                if !size.isFinite || (it > 0 && size > 0.5 * previousSize) { break }
                if it == 0 && size > max(0.5 * h, 1e-6) { break }
                for i in 0...d { z[i] += delta[i] }
                previousSize = size
                let scale = 1 + z.reduce(0) { max($0, abs($1)) }
                if size <= options.correctorTolerance * scale {
                    ok = z[0..<d].allSatisfy { $0 <= 1e-9 }
                    break
                }
            }
            var newTangent = t
            if ok {
                (_, jac) = system(z)
                if let nt = try? tangent(jac, previous: t) {
                    newTangent = nt
                    let cosine = zip(nt, t).reduce(0) { $0 + $1.0 * $1.1 }
                    if cosine < 0.9 { ok = false }
                } else { ok = false }
            }
            if !ok {
                h /= 2
                if h < minimumStep {
                    throw NPlayerSolverError.pathFailed(solver: "logit", lambda: y[d], steps: steps,
                                                        reason: "step size fell below \(minimumStep)")
                }
                continue
            }
            let previous = y
            y = z
            t = newTangent
            steps += 1
            if iterations <= 3 { h *= 1.5 }
            if try !accept(previous, y) { return steps }
        }
        return steps
    }

    /// Newton's method on H(x, λ) = 0 with λ fixed (square d × d system).
    func newtonAtFixedLambda(_ x0: [Double], lambda: Double) throws -> [Double] {
        var x = x0
        for _ in 0..<50 {
            let (h, jac) = system(x + [lambda])
            var square = Matrix(rows: d, columns: d)
            for j in 0..<d { for i in 0..<d { square[i, j] = jac[i, j] } }
            let delta = try LUDecomposition(square).solve(h.map { -$0 })
            for i in 0..<d { x[i] += delta[i] }
            let size = delta.reduce(0) { max($0, abs($1)) }
            if size <= options.correctorTolerance * (1 + x.reduce(0) { max($0, abs($1)) }) { return x }
        }
        throw NPlayerSolverError.pathFailed(solver: "logit", lambda: lambda, steps: 0,
                                            reason: "Newton's method at fixed lambda did not converge")
    }
}
