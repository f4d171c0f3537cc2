import BigInt

extension NormalFormGame {
    /// Both players' exact expected payoffs and the exact regret of a two-player mixed profile
    /// (x, y), computed over common denominators: the same values as `expectedPayoffs` and
    /// `regret` in `Rational`, with one reduction per result instead of a gcd per operation.
    ///
    /// Definition. With player p's payoffs scaled to integers by the least common multiple Lₚ
    /// of their denominators (A′ = L₀A, B′ = L₁B) and the strategies written over their common
    /// denominators (x = x′/Dₓ, y = y′/D_y, x′ and y′ integer vectors):
    ///
    ///     u₀ = x′ᵀA′y′ / (Dₓ L₀ D_y),   regret₀ = (Dₓ · maxᵢ (A′y′)ᵢ − x′ᵀA′y′) / (Dₓ L₀ D_y),
    ///
    /// and symmetrically for player 1 with B′ᵀx′; the regret is max(0, regret₀, regret₁), as in
    /// `regret`. Indices follow the bimatrix convention (`A[i][j]`, i the row player's action).
    /// Strategies need not sum to one (the formulas are those of `regret` for any vectors).
    ///
    /// - Complexity: O(m n) big-integer multiply-adds and O(m + n) gcds (the common
    ///   denominators), plus O(m n) gcds once per call for a table with non-integer payoffs.
    func exactBimatrixEvaluation(_ x: [Rational], _ y: [Rational]) -> (payoffs: [Rational], regret: Rational) {
        precondition(playerCount == 2 && x.count == shape[0] && y.count == shape[1],
                     "exactBimatrixEvaluation needs a two-player game and a profile of its shape")
        let m = shape[0], n = shape[1]
        let table = exactPayoffTable ?? payoffTable.map { $0.map { Rational(exactly: $0)! } }
        let (a, la) = Self.integerTable(table[0])
        let (b, lb) = Self.integerTable(table[1])
        let (xs, dx) = Self.overCommonDenominator(x)
        let (ys, dy) = Self.overCommonDenominator(y)
        let zero = BigInt(0)
        // Player 0: (A′y′)ᵢ, flat index i + m·j.
        var v0 = [BigInt](repeating: zero, count: m)
        for j in 0..<n where !ys[j].isZero {
            let q = ys[j]
            for i in 0..<m { v0[i] += a[i + m * j] * q }
        }
        var s0 = zero
        for i in 0..<m where !xs[i].isZero { s0 += xs[i] * v0[i] }
        // Player 1: (B′ᵀx′)ⱼ.
        var v1 = [BigInt](repeating: zero, count: n)
        for j in 0..<n {
            var s = zero
            for i in 0..<m where !xs[i].isZero { s += b[i + m * j] * xs[i] }
            v1[j] = s
        }
        var s1 = zero
        for j in 0..<n where !ys[j].isZero { s1 += ys[j] * v1[j] }
        let d0 = dx * la * dy, d1 = dy * lb * dx
        let r0 = dx * v0.max()! - s0, r1 = dy * v1.max()! - s1
        // max(0, r0/d0, r1/d1) with positive denominators, by cross-multiplication.
        var regret = Rational.zero
        if r0.signum() > 0 || r1.signum() > 0 {
            regret = r0 * d1 >= r1 * d0 ? Rational(r0, d0) : Rational(r1, d1)
        }
        return ([Rational(s0, d0), Rational(s1, d1)], regret)
    }

    /// The numerators of `values` scaled by the lcm of their denominators, and that lcm.
    private static func integerTable(_ values: [Rational]) -> (numerators: [BigInt], scale: BigInt) {
        var l = BigInt(1)
        for v in values where v.denominator != 1 {
            l = l / l.greatestCommonDivisor(with: v.denominator) * v.denominator
        }
        if l == 1 { return (values.map(\.numerator), l) }
        return (values.map { $0.numerator * (l / $0.denominator) }, l)
    }

    /// A vector of rationals as integers over their least common denominator.
    private static func overCommonDenominator(_ values: [Rational]) -> (numerators: [BigInt], denominator: BigInt) {
        let (numerators, scale) = integerTable(values)
        return (numerators, scale)
    }
}
