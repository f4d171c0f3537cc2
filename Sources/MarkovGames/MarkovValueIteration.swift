import GameTheory

/// Mixed stationary Markov perfect equilibria of two-player general-sum Markov games by
/// damped value iteration with equilibrium selection, from several starting points.
///
/// Definition: from values `V⁰`, repeat
/// 1. in every state s, find the equilibria of the auxiliary bimatrix game
///    `Gₛ(V)ₚ[k] = uₚ(s, k) + δₚ Σₜ P(t | s, k) Vₚ(t)` (support enumeration) and select the one
///    nearest (L¹) to the state's previous strategies (the first, smallest-support one at the
///    start);
/// 2. `Vᵏ⁺¹ = (1 − α) Vᵏ + α T_σ Vᵏ` with `T_σ V(s)` the selected strategies' payoffs in `Gₛ(V)`
///    and damping α ∈ (0, 1];
/// until `‖Vᵏ⁺¹ − Vᵏ‖∞ ≤ tolerance` and the selection is unchanged. A fixed point is a Markov
/// perfect equilibrium (each state plays an equilibrium of its auxiliary game at its own
/// values). For zero-sum games this is Shapley's iteration and converges; for general-sum
/// games convergence is not guaranteed (Herings and Peeters 2004 give a homotopy with a
/// guarantee; not implemented here). Every limit is evaluated exactly (LU) and reported only if
/// its one-shot deviation regret is at most `regretTolerance` in every state; duplicates
/// (strategies within 1e-6) are merged.
///
/// Starting points: `V⁰ = 0`, then `starts − 1` value vectors drawn uniformly from
/// `[min u/(1−δ), max u/(1−δ)]` per player and state with a SplitMix64 generator seeded by
/// `seed` (recorded in the report's notes).
///
/// Degenerate inputs: auxiliary games whose equilibria all have supports of unequal size get
/// the pure profile of smallest regret for that iteration (noted); the final regret check
/// decides.
///
/// - Complexity: per iteration O(S · (Σₖ C(m,k) C(n,k) k³ + |Aₛ| S)), plus one O(S³)
///   evaluation per start.
/// - References: P. J.-J. Herings and R. J. A. W. Peeters, "Stationary equilibria in stochastic
///   games: structure, selection, and computation", *J. Econ. Theory* 118(1):32–60, 2004.
///   doi:10.1016/j.jet.2003.10.001; L. S. Shapley, "Stochastic games", *PNAS* 39(10):
///   1095–1100, 1953. doi:10.1073/pnas.39.10.1095
public struct MarkovValueIteration: Sendable {
    public var tolerance: Double
    public var maximumIterations: Int
    public var regretTolerance: Double
    public var damping: Double
    public var starts: Int
    public var seed: UInt64

    public init(tolerance: Double = 1e-11, maximumIterations: Int = 2_000, regretTolerance: Double = 1e-7,
                damping: Double = 1, starts: Int = 4, seed: UInt64 = 1) {
        self.tolerance = tolerance
        self.maximumIterations = maximumIterations
        self.regretTolerance = regretTolerance
        self.damping = damping
        self.starts = starts
        self.seed = seed
    }

    public func solve(_ game: MarkovGame) throws -> MarkovEquilibriumReport {
        guard game.playerCount == 2 else { throw MarkovSolverError.notTwoPlayer(game.playerCount) }
        let n = game.stateCount
        var rng = SplitMix64(seed: seed)
        var found = [MarkovEquilibrium]()
        var notes = ["seed \(seed), \(starts) starts, damping \(damping)"]
        var allConverged = true
        var totalIterations = 0
        var fallbacks = 0
        for start in 0..<max(1, starts) {
            var v = [[Double]](repeating: [Double](repeating: 0, count: n), count: 2)
            if start > 0 {
                for p in 0..<2 {
                    let all = game.stageGames.flatMap { $0.payoffTable[p] }
                    let lo = all.min()! / (1 - game.discountFactors[p]), hi = all.max()! / (1 - game.discountFactors[p])
                    for s in 0..<n { v[p][s] = lo + (hi - lo) * rng.nextUnit() }
                }
            }
            var sigma: [[[Double]]]? = nil
            var converged = false
            var it = 0
            while it < maximumIterations {
                it += 1
                var next = v
                var newSigma = [[[Double]]]()
                for s in 0..<n {
                    let (a, b) = auxiliaryMatrices(game, state: s, values: v)
                    let eqs = BimatrixSupportEnumeration.equilibria(a, b)
                    var choice: ([Double], [Double])
                    if eqs.isEmpty {
                        fallbacks += 1
                        choice = minimumRegretPure(a, b)
                    } else if let prev = sigma?[s] {
                        choice = eqs.min { distance($0, prev) < distance($1, prev) }!
                    } else {
                        choice = eqs[0]
                    }
                    newSigma.append([choice.0, choice.1])
                    next[0][s] = payoff(a, choice.0, choice.1)
                    next[1][s] = payoff(b, choice.0, choice.1)
                }
                var change = 0.0
                for p in 0..<2 {
                    for s in 0..<n {
                        let x = (1 - damping) * v[p][s] + damping * next[p][s]
                        change = max(change, abs(x - v[p][s]))
                        v[p][s] = x
                    }
                }
                let same = sigma.map { old in zip(old, newSigma).allSatisfy { distance(($1[0], $1[1]), $0) <= 1e-12 } } ?? false
                sigma = newSigma
                if change <= tolerance && same { converged = true; break }
            }
            totalIterations += it
            if !converged { allConverged = false; notes.append("start \(start): no convergence in \(maximumIterations) iterations") }
            guard let sg = sigma else { continue }
            let eq = try MarkovEquilibrium(game: game, profile: StationaryProfile(sg))
            if eq.regret > regretTolerance {
                notes.append("start \(start): limit rejected, regret \(eq.regret) > \(regretTolerance)")
                continue
            }
            if !found.contains(where: { $0.isClose(to: eq, tolerance: 1e-6) }) { found.append(eq) }
        }
        if fallbacks > 0 {
            notes.append("\(fallbacks) auxiliary games had no equal-support equilibrium (degenerate); a minimum-regret pure profile was used for that step")
        }
        return MarkovEquilibriumReport(
            method: "markov-value-iteration", equilibria: found, isComplete: false,
            scope: "stationary equilibria reached by value iteration with nearest-equilibrium selection from \(max(1, starts)) starting values; other equilibria may exist",
            tolerance: regretTolerance, converged: allConverged, iterations: totalIterations, notes: notes)
    }

    private func auxiliaryMatrices(_ game: MarkovGame, state s: Int, values v: [[Double]]) -> ([[Double]], [[Double]]) {
        let g = game.stageGames[s]
        let m = g.actions[0].count, k = g.actions[1].count
        var a = [[Double]](repeating: [Double](repeating: 0, count: k), count: m)
        var b = a
        for j in 0..<k {
            for i in 0..<m {
                let idx = i + m * j
                let row = game.sparseTransitions[s][idx]
                let c0 = row.dot(v[0]), c1 = row.dot(v[1])
                a[i][j] = g.payoffTable[0][idx] + game.discountFactors[0] * c0
                b[i][j] = g.payoffTable[1][idx] + game.discountFactors[1] * c1
            }
        }
        return (a, b)
    }

    private func payoff(_ a: [[Double]], _ x: [Double], _ y: [Double]) -> Double {
        var s = 0.0
        for i in x.indices where x[i] != 0 { for j in y.indices where y[j] != 0 { s += x[i] * a[i][j] * y[j] } }
        return s
    }

    private func distance(_ e: ([Double], [Double]), _ prev: [[Double]]) -> Double {
        zip(e.0, prev[0]).reduce(0) { $0 + abs($1.0 - $1.1) } + zip(e.1, prev[1]).reduce(0) { $0 + abs($1.0 - $1.1) }
    }

    private func minimumRegretPure(_ a: [[Double]], _ b: [[Double]]) -> ([Double], [Double]) {
        let m = a.count, n = a[0].count
        var best = (0, 0), bestRegret = Double.infinity
        for i in 0..<m {
            for j in 0..<n {
                let r0 = (0..<m).map { a[$0][j] }.max()! - a[i][j]
                let r1 = b[i].max()! - b[i][j]
                if max(r0, r1) < bestRegret { bestRegret = max(r0, r1); best = (i, j) }
            }
        }
        return ((0..<m).map { $0 == best.0 ? 1 : 0 }, (0..<n).map { $0 == best.1 ? 1 : 0 })
    }
}

