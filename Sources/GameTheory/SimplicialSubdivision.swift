import BigInt

/// An approximate Nash equilibrium of an N-player game by simplicial subdivision: the variable
/// dimension restart algorithm of van der Laan, Talman & van der Heyden (1987) on the product
/// of the players' probability simplices, restarted on finer grids until the regret is small.
///
/// Definition (index convention: players and actions in file order; a profile is stacked
/// player by player). The grid of mesh 1/m is the set of profiles whose probabilities are
/// multiples of 1/m. Every grid point x gets a label (p, a): p is the player with the largest
/// gain `maxₐ uₚ(a, x₋ₚ) − uₚ(x)` (first player on ties) and a is p's first best reply. From
/// the start v the method follows a path of adjacent simplices of a triangulation of the
/// product of simplices whose vertices are grid points. Player p's directions are
/// `q(p, a) = e(p, a) − e(p, a⁻)`, with a⁻ the cyclic predecessor of a among p's actions not
/// fixed at zero; for a set T of labels the simplices of dimension |T| lie in the cone
/// `{v + Σ_{(p,a)∈T} λ(p,a) q(p,a), λ ≥ 0}`. A simplex whose vertices carry exactly the labels
/// T is left through the facet opposite the vertex whose label repeats; a new label raises the
/// dimension, the boundary of the cone lowers it, and the boundary of the simplices fixes an
/// action at zero (it then counts as one of that player's labels). The path stops when some
/// player's labels, with its actions fixed at zero, are all present: a simplex of mesh 1/m
/// whose vertices approximate an equilibrium. Of all vertices visited, the one with the
/// smallest largest gain is kept; if its regret is above `tolerance` the method restarts from
/// it on the grid of mesh 1/(m · refinement) (Gambit's `gambit-simpdiv` does the same). The
/// first grid is `lcd · refinement`, lcd the least common denominator of the start.
///
/// Labels are computed in floating point; payoffs within 1e-13 of the largest (relative to the
/// game's payoff range) count as ties, so that exact ties are broken by the lowest index as in
/// exact arithmetic. Grid points are kept as integers, so the path itself is exact.
///
/// The reported point is an `Equilibrium(game:strategies:)` (probabilities `k / m`), with its
/// regret computed from the game; it is reported only when that regret is at most `tolerance`.
/// No support polishing is applied: the point is the grid point the method found.
///
/// - Complexity: each pivot costs one payoff evaluation, O(∏ nᵢ · N); the number of pivots on a
///   grid is not bounded polynomially (the problem is PPAD-hard), but restarts from the previous
///   approximation are short in practice.
/// - Degenerate inputs: a player with one action never needs a label of its own (its gain is
///   zero); ties are broken by the lowest index, so degenerate games give a definite point.
///   A game in which every profile is an equilibrium stops at the start.
///
/// References:
/// - van der Laan, G., Talman, A. J. J. & van der Heyden, L. (1987). Simplicial variable
///   dimension algorithms for solving the nonlinear complementarity problem on a product of
///   unit simplices using a general labelling. Mathematics of Operations Research 12(3),
///   377–397. doi:10.1287/moor.12.3.377
/// - McKelvey, R. D. & McLennan, A. (1996). Computation of equilibria in finite games. In
///   Handbook of Computational Economics, vol. 1, 87–142. doi:10.1016/S1574-0021(96)01004-0
public struct SimplicialSubdivision: Sendable {
    /// Largest regret accepted for the reported point (and the stopping rule of the restarts).
    public var tolerance: Double
    /// The starting profile (exact probabilities, each player's summing to one); `nil` means
    /// every player's first action, Gambit's default.
    public var start: [[Rational]]?
    /// Factor by which each restart refines the grid (at least 2).
    public var refinement: Int
    /// Pivots allowed on one grid before the method gives up (with a note).
    public var maximumPivots: Int
    /// Finest grid denominator tried (the probabilities k/m stay exact in `Double` below 2⁵³).
    public var maximumDenominator: Int

    public init(tolerance: Double = 1e-9, start: [[Rational]]? = nil, refinement: Int = 2,
                maximumPivots: Int = 5_000_000, maximumDenominator: Int = 1 << 50) {
        self.tolerance = tolerance
        self.start = start
        self.refinement = refinement
        self.maximumPivots = maximumPivots
        self.maximumDenominator = maximumDenominator
    }

    public struct Result: Sendable {
        public let report: EquilibriumReport
        /// The denominator m of the last grid (mesh 1/m).
        public let gridDenominator: Int
        /// Number of grids the path was run on (1 + restarts).
        public let grids: Int
        /// Pivots (labels computed) over all grids.
        public let pivots: Int
        /// The best point found, whether or not it met the tolerance.
        public let point: [[Double]]
        /// Its regret, computed from the game.
        public let regret: Double
    }

    public func solve(_ game: NormalFormGame) throws -> Result {
        guard tolerance > 0, tolerance.isFinite else {
            throw NPlayerSolverError.invalidParameter(name: "tolerance", value: "\(tolerance)")
        }
        guard refinement >= 2 else {
            throw NPlayerSolverError.invalidParameter(name: "refinement", value: "\(refinement)")
        }
        guard maximumPivots > 0 else {
            throw NPlayerSolverError.invalidParameter(name: "maximumPivots", value: "\(maximumPivots)")
        }
        let shape = game.shape
        let (numerators, denominator) = try startingGrid(shape)
        var m = denominator * refinement
        var point = numerators.map { $0 * refinement }
        var path = SubdivisionPath(game: game)
        var grids = 0
        var pivots = 0
        var notes = [String]()
        var best = Equilibrium(game: game, strategies: path.unstack(point, m))
        while true {
            grids += 1
            guard let run = path.run(from: point, denominator: m, maximumPivots: maximumPivots) else {
                notes.append("stopped after \(maximumPivots) pivots on the grid of mesh 1/\(m) without a completely labelled simplex")
                pivots += maximumPivots
                break
            }
            pivots += run.pivots
            point = run.best
            best = Equilibrium(game: game, strategies: path.unstack(point, m))
            if best.regret <= tolerance { break }
            let (next, overflow) = m.multipliedReportingOverflow(by: refinement)
            if overflow || next > maximumDenominator {
                notes.append("the grid reached mesh 1/\(m) with regret \(best.regret) > tolerance \(tolerance); no equilibrium reported")
                break
            }
            m = next
            point = point.map { $0 * refinement }
        }
        let found = best.regret <= tolerance ? [best] : []
        let report = EquilibriumReport(method: "simpdiv", arithmetic: .floatingPoint, equilibria: found,
                                       isComplete: false,
                                       scope: "the equilibrium reached by simplicial subdivision from \(start == nil ? "every player's first action" : "the given start")",
                                       notes: notes)
        return Result(report: report, gridDenominator: m, grids: grids, pivots: pivots,
                      point: best.strategies, regret: best.regret)
    }

    /// The start as integers over a common denominator (Gambit's default when `start` is nil).
    private func startingGrid(_ shape: [Int]) throws -> ([Int], Int) {
        guard let start else {
            return (shape.flatMap { n in (0..<n).map { $0 == 0 ? 1 : 0 } }, 1)
        }
        guard start.count == shape.count, zip(start, shape).allSatisfy({ $0.count == $1 }) else {
            throw NPlayerSolverError.invalidParameter(name: "start", value: "shape \(start.map(\.count)) for a game of shape \(shape)")
        }
        var lcd = BigInt(1)
        for (p, s) in start.enumerated() {
            guard s.allSatisfy({ $0 >= 0 }), s.reduce(Rational.zero, +) == 1 else {
                throw NPlayerSolverError.invalidParameter(name: "start", value: "player \(p + 1)'s probabilities \(s) (need non-negative, summing to 1)")
            }
            for x in s { lcd = lcd / lcd.greatestCommonDivisor(with: x.denominator) * x.denominator }
        }
        guard let m = Int(exactly: lcd), m <= maximumDenominator / refinement else {
            throw NPlayerSolverError.invalidParameter(name: "start", value: "common denominator \(lcd) is too large")
        }
        let numerators = start.flatMap { $0.map { x -> Int in Int(exactly: x.numerator * (lcd / x.denominator))! } }
        return (numerators, m)
    }
}

/// One action of one player, the label of a grid point or a direction of the triangulation.
private struct SubdivisionLabel: Equatable {
    var player: Int
    var action: Int
}

/// The pivoting state of the simplicial path on one grid (see `SimplicialSubdivision`).
///
/// Vertices are integer vectors (stacked), the profile being vertex / m. The current simplex
/// has dimension t = `directions.count`; its vertex 0 is the base, vertex i + 1 is vertex i
/// plus the direction `directions[i]`. The base is `start + Σ coefficient(p, a) · (e(p, a) −
/// e(p, a − 1))` over the actions in the label set T or fixed at zero (a − 1 cyclic, not
/// skipping fixed actions: a step over fixed actions is a block of coefficients).
private struct SubdivisionPath {
    let game: NormalFormGame
    let shape: [Int]
    let offsets: [Int]
    let payoffs: PayoffJacobian
    let tieTolerance: Double

    // the state of one run
    var start = [Int]()
    var denominator = 1
    var inLabelSet = [Bool]()       // T
    var fixedAtZero = [Bool]()      // the actions whose probability stays zero on the current face
    var coefficient = [Int]()
    var directions = [SubdivisionLabel]()
    var vertexLabels = [SubdivisionLabel]()
    var newest = 0
    var bestGain = Double.infinity
    var best = [Int]()

    init(game: NormalFormGame) {
        self.game = game
        shape = game.shape
        var off = [Int](), s = 0
        for n in shape { off.append(s); s += n }
        offsets = off
        payoffs = PayoffJacobian(game)
        let all = game.payoffTable.flatMap { $0 }
        let range = (all.max() ?? 0) - (all.min() ?? 0)
        tieTolerance = 1e-13 * max(range, 1e-300)
    }

    func unstack(_ x: [Int], _ m: Int) -> [[Double]] {
        (0..<shape.count).map { p in (0..<shape[p]).map { Double(x[offsets[p] + $0]) / Double(m) } }
    }

    private func index(_ l: SubdivisionLabel) -> Int { offsets[l.player] + l.action }

    /// The cyclic predecessor of `l`'s action among its player's actions not fixed at zero.
    private func predecessor(_ l: SubdivisionLabel) -> Int {
        let n = shape[l.player]
        var a = l.action
        for _ in 0..<n {
            a = a == 0 ? n - 1 : a - 1
            if !fixedAtZero[offsets[l.player] + a] { return a }
        }
        return l.action
    }

    /// The action after the predecessor (the first action of the block that `l` steps over).
    private func blockStart(_ l: SubdivisionLabel) -> Int {
        let b = predecessor(l) + 1
        return b == shape[l.player] ? 0 : b
    }

    /// Moves `x` by ± the direction `l`.
    private func move(_ x: inout [Int], along l: SubdivisionLabel, by sign: Int) {
        x[index(l)] += sign
        x[offsets[l.player] + predecessor(l)] -= sign
    }

    /// Adds `amount` to the coefficients of the block of actions that direction `l` spans.
    private mutating func shiftBlock(of l: SubdivisionLabel, by amount: Int) {
        var a = blockStart(l)
        while true {
            coefficient[offsets[l.player] + a] += amount
            if a == l.action { break }
            a = a + 1 == shape[l.player] ? 0 : a + 1
        }
    }

    /// Vertex `k` (0 = base) of the current simplex.
    private func vertex(_ k: Int) -> [Int] {
        var x = start
        for p in shape.indices {
            let n = shape[p]
            for a in 0..<n {
                let i = offsets[p] + a
                guard inLabelSet[i] || fixedAtZero[i], coefficient[i] != 0 else { continue }
                x[i] += coefficient[i]
                x[offsets[p] + (a == 0 ? n - 1 : a - 1)] -= coefficient[i]
            }
        }
        for i in 0..<k { move(&x, along: directions[i], by: 1) }
        return x
    }

    /// How many of `player`'s actions are in T or fixed at zero.
    private func coveredCount(_ player: Int) -> Int {
        (0..<shape[player]).reduce(0) { $0 + (inLabelSet[offsets[player] + $1] || fixedAtZero[offsets[player] + $1] ? 1 : 0) }
    }

    /// The label of grid point `x`, remembering the point with the smallest largest gain.
    private mutating func label(_ x: [Int]) -> SubdivisionLabel {
        let sigma = unstack(x, denominator)
        let u = payoffs.evaluate(sigma, derivatives: false).payoffs
        var result = SubdivisionLabel(player: 0, action: 0)
        var largest = -Double.infinity
        for p in shape.indices {
            var bestAction = 0
            var bestValue = -Double.infinity
            var mean = 0.0
            for a in 0..<shape[p] {
                let value = u[offsets[p] + a]
                mean += sigma[p][a] * value
                if value > bestValue + tieTolerance { bestValue = value; bestAction = a }
            }
            // the best value itself, not the first within the tie tolerance, measures the gain
            let top = (0..<shape[p]).map { u[offsets[p] + $0] }.max()!
            let gain = top - mean
            if gain > largest + tieTolerance || largest == -Double.infinity {
                largest = gain
                result = SubdivisionLabel(player: p, action: bestAction)
            }
        }
        if largest < bestGain {
            bestGain = largest
            best = x
        }
        return result
    }

    /// Runs the path from grid point `from` (integers over `denominator`); nil if it needed more
    /// than `maximumPivots` labels.
    mutating func run(from: [Int], denominator m: Int, maximumPivots: Int) -> (best: [Int], pivots: Int)? {
        start = from
        denominator = m
        inLabelSet = [Bool](repeating: false, count: from.count)
        fixedAtZero = from.map { $0 == 0 }
        coefficient = [Int](repeating: 0, count: from.count)
        directions = []
        vertexLabels = [SubdivisionLabel(player: 0, action: 0)]
        newest = 0
        bestGain = .infinity
        best = from
        var x = from
        var pivots = 0
        while pivots < maximumPivots {
            pivots += 1
            let l = label(x)
            vertexLabels[newest] = l
            let i = index(l)
            if !inLabelSet[i] && !fixedAtZero[i] {
                // a new label: finished if it completes its player's labels, else raise the dimension
                if coveredCount(l.player) == shape[l.player] - 1 { return (best, pivots) }
                x = raise(l, at: directions.count)
            } else if inLabelSet[i] {
                // the label repeats: leave through the facet opposite its other vertex
                let other = vertexLabels.indices.first { $0 != newest && vertexLabels[$0] == l }!
                guard let next = leave(opposite: other) else { return (best, pivots) }
                x = next
            } else {
                // a best reply fixed at zero: release it, stepping just before the next free action
                var k = l.action
                repeat { k = k + 1 == shape[l.player] ? 0 : k + 1 } while fixedAtZero[offsets[l.player] + k]
                let after = SubdivisionLabel(player: l.player, action: k)
                let position = inLabelSet[index(after)] ? directions.firstIndex(of: after)! : directions.count
                x = raise(l, at: position)
            }
        }
        return nil
    }

    /// Adds direction `l` at `position` (the new vertex follows vertex `position`); returns the
    /// new vertex.
    private mutating func raise(_ l: SubdivisionLabel, at position: Int) -> [Int] {
        var x = vertex(position)
        directions.insert(l, at: position)
        vertexLabels.insert(l, at: position + 1)
        newest = position + 1
        move(&x, along: l, by: 1)
        inLabelSet[index(l)] = true
        fixedAtZero[index(l)] = false
        return x
    }

    /// Replaces vertex `i` of the current simplex (or lowers the dimension, or releases an
    /// action fixed at zero); returns the next vertex to label, or nil when the path has ended
    /// at a completely labelled simplex on the boundary.
    private mutating func leave(opposite i: Int) -> [Int]? {
        var i = i
        while true {
            let t = directions.count
            let d = directions[i == t ? t - 1 : i]
            let p = d.player
            let guarded = i < t ? predecessor(d) : d.action
            let first = blockStart(d)
            var x = vertex(i == 0 ? t : (i == t ? 0 : i - 1))
            if i == 0 && x[offsets[p] + guarded] <= 0 {
                // moving the base forward would leave the simplex: fix the guarded action at zero
                if coveredCount(p) == shape[p] - 1 {
                    fixedAtZero[offsets[p] + guarded] = true
                    return nil
                }
                pivot(0)
                fixedAtZero[offsets[p] + guarded] = true
                move(&x, along: directions[t - 1], by: 1)
                return x
            }
            if i > 0 && i < t && x[offsets[p] + guarded] <= 0 {
                i = lower(i)
                continue
            }
            if i == t && coefficient[offsets[p] + first] == 0 {
                if x[offsets[p] + d.action] <= 0 {
                    i = lower(i)
                    continue
                }
                // the last action of the block with coefficient zero before a nonzero one
                var a = first
                var passed = false
                while coefficient[offsets[p] + a] == 0 && !passed {
                    if a == d.action { passed = true }
                    a = a + 1 == shape[p] ? 0 : a + 1
                }
                a = a == 0 ? shape[p] - 1 : a - 1
                if a == d.action {
                    i = lower(i)
                    continue
                }
                release(a, of: d, base: &x)
                return x
            }
            // an ordinary replacement of vertex i
            if i == 0 {
                move(&x, along: directions[0], by: 1)
            } else if i < t {
                move(&x, along: directions[i], by: 1)
            } else {
                move(&x, along: directions[t - 1], by: -1)
            }
            pivot(i)
            return x
        }
    }

    /// The bookkeeping of replacing vertex i: the order of directions, the base coefficients
    /// and the labels' positions.
    private mutating func pivot(_ i: Int) {
        let t = directions.count
        if i > 0 && i < t {
            directions.swapAt(i - 1, i)
            newest = i
        } else if i == 0 {
            vertexLabels.append(vertexLabels.removeFirst())
            newest = t
            shiftBlock(of: directions[0], by: 1)
            directions.append(directions.removeFirst())
        } else {
            vertexLabels.insert(vertexLabels.removeLast(), at: 0)
            newest = 0
            shiftBlock(of: directions[t - 1], by: -1)
            directions.insert(directions.removeLast(), at: 0)
        }
    }

    /// Lowers the dimension: the facet opposite vertex i lies on the boundary of the cone (or of
    /// a face); drops direction i − 1 and returns the vertex to leave next (the other vertex
    /// carrying the dropped label).
    private mutating func lower(_ i: Int) -> Int {
        let base = vertex(0)
        let d = directions[i - 1]
        inLabelSet[index(d)] = false
        if base[index(d)] <= 0 { fixedAtZero[index(d)] = true }
        vertexLabels.remove(at: i)
        directions.remove(at: i - 1)
        return vertexLabels.firstIndex(of: d)!
    }

    /// Releases action `a` of direction `d`'s player from zero: the simplex turns so that its
    /// base is the new vertex.
    private mutating func release(_ a: Int, of d: SubdivisionLabel, base x: inout [Int]) {
        vertexLabels.insert(vertexLabels.removeLast(), at: 0)
        newest = 0
        directions.insert(directions.removeLast(), at: 0)
        fixedAtZero[offsets[d.player] + a] = false
        move(&x, along: directions[0], by: -1)
        shiftBlock(of: d, by: -1)
    }
}
