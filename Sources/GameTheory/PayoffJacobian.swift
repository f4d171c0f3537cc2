/// Floating-point action payoffs of an N-player game and their derivatives with respect to
/// the other players' probabilities, the building block of the path-following and
/// Newton-based solvers (logit QRE, support polishing, replicator Jacobians).
///
/// Index convention: strategies are stacked player by player; entry `offsets[p] + a` is
/// player p's action a. `cross[(i, j)]` with `i = offsets[p] + a`, `j = offsets[q] + b` is
/// `∂u_p(a, σ₋ₚ)/∂σ_q(b)`, the expected payoff of p's action a when q plays b and everyone
/// else mixes by σ (zero when q = p, since p's action payoffs do not depend on σ_p).
///
/// - Complexity: O(∏ nᵢ · N³) per evaluation (small games are what it is for).
struct PayoffJacobian {
    let shape: [Int]
    let offsets: [Int]
    let dimension: Int
    let table: [[Double]]

    init(_ game: NormalFormGame) {
        self.init(shape: game.shape, table: game.payoffTable)
    }

    init(shape: [Int], table: [[Double]]) {
        self.shape = shape
        var off = [Int]()
        var s = 0
        for n in shape { off.append(s); s += n }
        offsets = off
        dimension = s
        self.table = table
    }

    /// The same game with each player's payoffs mapped affinely onto [0, 1] (a constant
    /// player keeps zeros); Nash equilibria do not change.
    var normalized: PayoffJacobian {
        PayoffJacobian(shape: shape, table: table.map { t in
            let lo = t.min() ?? 0, hi = t.max() ?? 0
            return hi > lo ? t.map { ($0 - lo) / (hi - lo) } : t.map { _ in 0 }
        })
    }

    var playerCount: Int { shape.count }

    /// Splits a stacked vector into per-player arrays.
    func unstack(_ v: [Double]) -> [[Double]] {
        (0..<playerCount).map { p in Array(v[offsets[p]..<(offsets[p] + shape[p])]) }
    }

    /// Action payoffs `u[offsets[p] + a]` and the cross-derivative matrix (row-major
    /// `dimension × dimension`) at the mixed profile `sigma`.
    func evaluate(_ sigma: [[Double]], derivatives: Bool = true) -> (payoffs: [Double], cross: [Double]) {
        let n = playerCount
        let d = dimension
        var u = [Double](repeating: 0, count: d)
        var cross = [Double](repeating: 0, count: derivatives ? d * d : 0)
        var idx = [Int](repeating: 0, count: n)
        let profiles = shape.reduce(1, *)
        var probs = [Double](repeating: 0, count: n)
        for k in 0..<profiles {
            for q in 0..<n { probs[q] = sigma[q][idx[q]] }
            for p in 0..<n {
                let payoff = table[p][k]
                if payoff != 0 {
                    let row = offsets[p] + idx[p]
                    var w = 1.0
                    for q in 0..<n where q != p { w *= probs[q] }
                    u[row] += payoff * w
                    if derivatives {
                        for q in 0..<n where q != p {
                            var wq = 1.0
                            for r in 0..<n where r != p && r != q { wq *= probs[r] }
                            cross[row * d + offsets[q] + idx[q]] += payoff * wq
                        }
                    }
                }
            }
            var q = 0
            while q < n {
                idx[q] += 1
                if idx[q] < shape[q] { break }
                idx[q] = 0
                q += 1
            }
        }
        return (u, cross)
    }

    /// The largest payoff difference in the game (used to scale tolerances); 1 for a constant game.
    var payoffScale: Double {
        var lo = Double.infinity, hi = -Double.infinity
        for t in table { for x in t { lo = min(lo, x); hi = max(hi, x) } }
        return hi > lo ? hi - lo : 1
    }
}
