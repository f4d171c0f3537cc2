import Testing
@testable import LinearAlgebra

@Suite struct RankOneUpdateTests {
    /// a (2 × 3, stored with row stride 4) += −2 · x yᵀ with x = (1, 0), y = (1, 2, 3): by hand,
    /// row 0 becomes (1 − 2, 2 − 4, 3 − 6) = (−1, −2, −3); row 1 (x₁ = 0) and the padding column
    /// are unchanged.
    @Test func handComputedUpdateWithStride() {
        var a: [Double] = [1, 2, 3, 99,
                           4, 5, 6, 99]
        let x: [Double] = [1, 0], y: [Double] = [1, 2, 3]
        a.withUnsafeMutableBufferPointer { ap in
            addOuterProduct(alpha: -2, x: x, y: y, to: ap.baseAddress!, rows: 2, cols: 3, rowStride: 4)
        }
        #expect(a == [-1, -2, -3, 99, 4, 5, 6, 99])
    }

    /// A 40 × 60 update against the plain triple loop (products of small integers are exact).
    @Test func matchesPlainLoop() {
        let rows = 40, cols = 60
        var a = (0..<(rows * cols)).map { Double(($0 * 7) % 13) - 6 }
        var expected = a
        let x = (0..<rows).map { Double($0 % 5) - 2 }, y = (0..<cols).map { Double($0 % 3) + 1 }
        for i in 0..<rows { for j in 0..<cols { expected[i * cols + j] += 0.5 * x[i] * y[j] } }
        a.withUnsafeMutableBufferPointer { ap in
            addOuterProduct(alpha: 0.5, x: x, y: y, to: ap.baseAddress!, rows: rows, cols: cols, rowStride: cols)
        }
        #expect(a == expected)
    }
}
