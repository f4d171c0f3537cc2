import LinearAlgebra

/// Long-run analysis of a finite Markov chain: communicating classes, stationary
/// distributions, absorption probabilities and expected times to absorption.
///
/// Index convention: `transition[s, t]` is the probability of moving from state s to state t
/// (rows sum to one). A state is *recurrent* when its communicating class is closed (no
/// positive probability of leaving it), otherwise *transient*; an *absorbing* state is a
/// recurrent class of one state. Positivity is decided exactly (`p > 0`).
///
/// With the transient states T and the recurrent classes C₁…C_m, write `Q = P[T, T]` and
/// `N = (I − Q)⁻¹` (the fundamental matrix). Then
/// - the stationary distribution of class C is the solution of `π (I − P_C) = 0`, `Σπ = 1`
///   (solved with the last equation replaced by the normalisation; unique for a closed class);
/// - the probability of ending in class Cⱼ from transient state i is `(N R)[i, j]` where
///   `R[i, j] = Σ_{t ∈ Cⱼ} P[i, t]`;
/// - the expected number of steps before entering a recurrent class is `N 1`;
/// - the long-run (Cesàro average) distribution from state s is `Σⱼ B[s, j] π_{Cⱼ}` with
///   `B[s, j]` the absorption probability (1 for s's own class when s is recurrent). It is the
///   limit of `(1/T) Σₜ Pᵗ[s, ·]` and also the limiting distribution when the classes are
///   aperiodic.
///
/// Degenerate inputs: an irreducible chain has one class and no transient states; a chain
/// where every state is absorbing has `N` empty. Linear systems use LAPACK LU and throw
/// `LinearAlgebraError` only if a system is singular, which the theory excludes.
///
/// - Complexity: O(S²) for the classes, O(Σ |C|³ + |T|³ + |T|² m) for the linear algebra.
/// - References: J. G. Kemeny and J. L. Snell, *Finite Markov Chains*, Van Nostrand, 1960
///   (fundamental matrix, Theorem 3.2.4 and 3.3.5).
public struct StateChain: Sendable {
    public let transition: Matrix
    /// Communicating classes, each sorted, ordered by their smallest state.
    public let classes: [[Int]]
    /// Indices into `classes` of the closed (recurrent) classes.
    public let recurrentClasses: [Int]
    /// Transient states in increasing order.
    public let transientStates: [Int]
    /// `stationaryDistributions[j]`: the stationary distribution (over all states, zero
    /// outside the class) of recurrent class `recurrentClasses[j]`.
    public let stationaryDistributions: [[Double]]
    /// `absorptionProbabilities[s][j]`: probability of ending in recurrent class j from state s
    /// (0 or 1 for recurrent s).
    public let absorptionProbabilities: [[Double]]
    /// `expectedStepsToRecurrence[s]`: expected number of steps before the chain enters a
    /// recurrent class (0 for recurrent states).
    public let expectedStepsToRecurrence: [Double]

    /// Analyses `transition` (square, rows summing to one within 1e-9, entries ≥ 0).
    public init(transition: Matrix) throws {
        let n = transition.rows
        guard transition.columns == n else {
            throw LinearAlgebraError.dimensionMismatch("transition matrix must be square, got \(n)×\(transition.columns)")
        }
        for s in 0..<n {
            var total = 0.0
            for t in 0..<n {
                let x = transition[s, t]
                guard x >= 0 && x.isFinite else {
                    throw MarkovGameError.negativeProbability(state: "\(s)", profile: "(chain)", nextState: "\(t)", value: "\(x)")
                }
                total += x
            }
            guard abs(total - 1) <= 1e-9 else {
                throw MarkovGameError.rowSumNotOne(state: "\(s)", profile: "(chain)", sum: "\(total)")
            }
        }
        self.transition = transition
        let comps = StateChain.stronglyConnectedComponents(transition)
        classes = comps
        var classOf = [Int](repeating: 0, count: n)
        for (c, members) in comps.enumerated() { for s in members { classOf[s] = c } }
        var closed = [Bool](repeating: true, count: comps.count)
        for s in 0..<n { for t in 0..<n where transition[s, t] > 0 && classOf[t] != classOf[s] { closed[classOf[s]] = false } }
        recurrentClasses = comps.indices.filter { closed[$0] }
        transientStates = (0..<n).filter { !closed[classOf[$0]] }

        // Stationary distribution of each closed class.
        var dists = [[Double]]()
        for c in recurrentClasses {
            let m = comps[c]
            var a = Matrix(rows: m.count, columns: m.count)
            // Rows of (I − P_C)ᵀ; the last row becomes the normalisation Σπ = 1.
            for (i, si) in m.enumerated() {
                for (j, sj) in m.enumerated() { a[j, i] = (i == j ? 1 : 0) - transition[si, sj] }
            }
            for i in 0..<m.count { a[m.count - 1, i] = 1 }
            var b = [Double](repeating: 0, count: m.count)
            b[m.count - 1] = 1
            let x = try solve(a, b)
            var full = [Double](repeating: 0, count: n)
            for (i, s) in m.enumerated() { full[s] = max(0, x[i]) }
            let z = full.reduce(0, +)
            dists.append(full.map { $0 / z })
        }
        stationaryDistributions = dists

        // Absorption probabilities and expected steps, via N = (I − Q)⁻¹.
        var absorb = [[Double]](repeating: [Double](repeating: 0, count: recurrentClasses.count), count: n)
        var steps = [Double](repeating: 0, count: n)
        for (j, c) in recurrentClasses.enumerated() { for s in comps[c] { absorb[s][j] = 1 } }
        let tr = transientStates
        if !tr.isEmpty {
            let k = tr.count, m = recurrentClasses.count
            var iq = Matrix(rows: k, columns: k)
            for (i, si) in tr.enumerated() {
                for (j, sj) in tr.enumerated() { iq[i, j] = (i == j ? 1 : 0) - transition[si, sj] }
            }
            var rhs = Matrix(rows: k, columns: m + 1)
            for (i, si) in tr.enumerated() {
                for (j, c) in recurrentClasses.enumerated() {
                    rhs[i, j] = comps[c].reduce(0) { $0 + transition[si, $1] }
                }
                rhs[i, m] = 1
            }
            let x = try LUDecomposition(iq).solve(rhs)
            for (i, si) in tr.enumerated() {
                for j in 0..<m { absorb[si][j] = min(1, max(0, x[i, j])) }
                steps[si] = x[i, m]
            }
        }
        absorptionProbabilities = absorb
        expectedStepsToRecurrence = steps
    }

    /// The stationary distribution when it is unique (exactly one recurrent class), else `nil`.
    public var uniqueStationaryDistribution: [Double]? {
        stationaryDistributions.count == 1 ? stationaryDistributions[0] : nil
    }

    /// States that are absorbing (`P[s, s] = 1`).
    public var absorbingStates: [Int] {
        recurrentClasses.compactMap { c in classes[c].count == 1 ? classes[c][0] : nil }
    }

    /// The long-run share of time in each state starting from `initial` (Cesàro average of
    /// `Pᵗ[initial, ·]`): `Σⱼ B[initial, j] π_j`.
    public func longRunDistribution(from initial: Int) -> [Double] {
        let n = transition.rows
        var out = [Double](repeating: 0, count: n)
        for (j, pi) in stationaryDistributions.enumerated() {
            let b = absorptionProbabilities[initial][j]
            if b == 0 { continue }
            for t in 0..<n { out[t] += b * pi[t] }
        }
        return out
    }

    /// The long-run distribution from an initial distribution over states.
    public func longRunDistribution(fromDistribution initial: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: transition.rows)
        for (s, w) in initial.enumerated() where w != 0 {
            for (t, x) in longRunDistribution(from: s).enumerated() { out[t] += w * x }
        }
        return out
    }

    /// Expected number of steps until the chain first enters `targets` (0 for target states),
    /// `nil` for states from which the targets are not reached with probability one.
    ///
    /// Solves `(I − P[U, U]) h = 1` on the set U of non-target states that reach the targets
    /// almost surely ("expected years until bifurcation" with targets = {bifurcated}).
    ///
    /// - Complexity: O(S³).
    public func expectedHittingTimes(to targets: Set<Int>) throws -> [Double?] {
        let n = transition.rows
        // States that reach the targets with probability one: complement of states that can
        // reach (with positive probability) a state that cannot reach the targets at all.
        var canReach = [Bool](repeating: false, count: n)
        for t in targets where t < n { canReach[t] = true }
        var changed = true
        while changed {
            changed = false
            for s in 0..<n where !canReach[s] {
                for t in 0..<n where transition[s, t] > 0 && canReach[t] { canReach[s] = true; changed = true; break }
            }
        }
        var bad = canReach.map { !$0 }           // cannot reach targets
        changed = true
        while changed {                          // or can reach a bad state while avoiding targets
            changed = false
            for s in 0..<n where !bad[s] && !targets.contains(s) {
                for t in 0..<n where transition[s, t] > 0 && bad[t] { bad[s] = true; changed = true; break }
            }
        }
        let u = (0..<n).filter { !targets.contains($0) && !bad[$0] }
        var out = [Double?](repeating: nil, count: n)
        for t in targets where t < n { out[t] = 0 }
        if u.isEmpty { return out }
        var a = Matrix(rows: u.count, columns: u.count)
        for (i, si) in u.enumerated() { for (j, sj) in u.enumerated() { a[i, j] = (i == j ? 1 : 0) - transition[si, sj] } }
        let h = try solve(a, [Double](repeating: 1, count: u.count))
        for (i, s) in u.enumerated() { out[s] = h[i] }
        return out
    }

    /// Strongly connected components of the graph with an edge s → t when `P[s, t] > 0`
    /// (Kosaraju's algorithm, iterative), each sorted, ordered by smallest member.
    static func stronglyConnectedComponents(_ p: Matrix) -> [[Int]] {
        let n = p.rows
        var succ = [[Int]](repeating: [], count: n), pred = [[Int]](repeating: [], count: n)
        for s in 0..<n { for t in 0..<n where p[s, t] > 0 { succ[s].append(t); pred[t].append(s) } }
        var visited = [Bool](repeating: false, count: n)
        var order = [Int]()
        for root in 0..<n where !visited[root] {
            var stack = [(root, 0)]
            visited[root] = true
            while let (v, i) = stack.last {
                if i < succ[v].count {
                    stack[stack.count - 1].1 += 1
                    let w = succ[v][i]
                    if !visited[w] { visited[w] = true; stack.append((w, 0)) }
                } else {
                    order.append(v)
                    stack.removeLast()
                }
            }
        }
        var comp = [Int](repeating: -1, count: n)
        var comps = [[Int]]()
        for root in order.reversed() where comp[root] < 0 {
            var members = [root]
            comp[root] = comps.count
            var stack = [root]
            while let v = stack.popLast() {
                for w in pred[v] where comp[w] < 0 { comp[w] = comps.count; members.append(w); stack.append(w) }
            }
            comps.append(members.sorted())
        }
        return comps.sorted { $0[0] < $1[0] }
    }
}
