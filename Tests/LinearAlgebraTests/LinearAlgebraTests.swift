import Testing
@testable import LinearAlgebra

@Suite struct LinearAlgebraTests {
    @Test func luSolvesHandComputedSystem() throws {
        // 2x + y = 5, x + 3y = 10  →  x = 1, y = 3
        let a = Matrix([[2, 1], [1, 3]])
        let x = try solve(a, [5, 10])
        #expect(abs(x[0] - 1) < 1e-14 && abs(x[1] - 3) < 1e-14)
    }

    @Test func singularSystemThrows() {
        let a = Matrix([[1, 2], [2, 4]])
        #expect(throws: LinearAlgebraError.singular(pivot: 1)) { try solve(a, [1, 2]) }
    }

    @Test func conditionEstimateFlagsNearSingular() throws {
        let a = Matrix([[1, 1], [1, 1 + 1e-15]])
        #expect(throws: LinearAlgebraError.self) { try solve(a, [1, 2], minimumReciprocalCondition: 1e-12) }
        let lu = try LUDecomposition(Matrix.identity(3))
        #expect(try lu.reciprocalConditionNumber() == 1)
    }

    @Test func gemmMatchesHandProductSmallAndLarge() throws {
        let a = Matrix([[1, 2, 3], [4, 5, 6]])
        let b = Matrix([[7, 8], [9, 10], [11, 12]])
        #expect(try multiply(a, b) == Matrix([[58, 64], [139, 154]]))
        // 20×20 goes through BLAS: (I·k) B = k B
        let n = 20
        var big = Matrix(rows: n, columns: n)
        for i in 0..<n { for j in 0..<n { big[i, j] = Double(i * n + j) } }
        var scaled = Matrix.identity(n)
        for i in 0..<n { scaled[i, i] = 3 }
        let c = try multiply(scaled, big)
        #expect(c.storage == big.storage.map { 3 * $0 })
    }

    /// The small-product path (m·n·k ≤ smallProductThreshold) with every transpose combination,
    /// α ≠ 1 and β ≠ 0, against hand-computed products of A = [[1, 2], [3, 4]], B = [[5, 6], [7, 8]].
    @Test func smallGemmHandlesTransposesAndBeta() {
        let a = Matrix([[1, 2], [3, 4]]), b = Matrix([[5, 6], [7, 8]])
        let cases: [(Bool, Bool, [[Double]])] = [
            (false, false, [[19, 22], [43, 50]]),  // A B
            (true, false, [[26, 30], [38, 44]]),   // Aᵀ B
            (false, true, [[17, 23], [39, 53]]),   // A Bᵀ
            (true, true, [[23, 31], [34, 46]]),    // Aᵀ Bᵀ = (B A)ᵀ
        ]
        for (ta, tb, product) in cases {
            var c = Matrix(rows: 2, columns: 2, repeating: 1)
            gemm(alpha: 2, a, transposeA: ta, b, transposeB: tb, beta: 1, into: &c)
            #expect(c == Matrix(product.map { $0.map { 2 * $0 + 1 } }), "transposeA \(ta), transposeB \(tb)")
        }
        // A non-square transposed operand: (3×2)ᵀ times 3×1.
        var c = Matrix(rows: 2, columns: 1)
        gemm(alpha: 1, Matrix([[1, 2], [3, 4], [5, 6]]), transposeA: true, Matrix([[1], [1], [1]]),
             transposeB: false, beta: 0, into: &c)
        #expect(c == Matrix([[9], [12]]))
        #expect(2 * 2 * 2 <= smallProductThreshold)
    }

    @Test func gemvAndTranspose() throws {
        let a = Matrix([[1, 2], [3, 4], [5, 6]])
        #expect(try multiply(a, [1, 1]) == [3, 7, 11])
        #expect(try multiply(a, [1, 0, 1], transpose: true) == [6, 8])
        #expect(throws: LinearAlgebraError.self) { try multiply(a, [1, 2, 3]) }
    }

    @Test func leastSquaresFitsLine() throws {
        // Points (0,1), (1,3), (2,5) lie on y = 1 + 2x exactly.
        let a = Matrix([[1, 0], [1, 1], [1, 2]])
        let (x, rank) = try leastSquares(a, [1, 3, 5])
        #expect(rank == 2)
        #expect(abs(x[0] - 1) < 1e-12 && abs(x[1] - 2) < 1e-12)
    }

    @Test func batchedProductsEqualSeparateProducts() throws {
        let a = Matrix([[1, 2], [3, 4]])
        let bs = [Matrix([[1, 0], [0, 1]]), Matrix([[2, 0], [0, 2]])]
        let cs = try batchedMultiply(a, bs)
        #expect(cs[0] == a)
        #expect(cs[1] == Matrix([[2, 4], [6, 8]]))
    }

    @Test func smallKernelsAgreeWithLAPACK() throws {
        let a: [Double] = [4, -2, 1, -2, 4, -2, 1, -2, 4]
        let b: [Double] = [11, -16, 17]
        let x1 = try solveSmall(a, b)
        let x2 = try solve(Matrix(rows: 3, columns: 3, rowMajor: a), b)
        for i in 0..<3 { #expect(abs(x1[i] - x2[i]) < 1e-12) }
        #expect(throws: LinearAlgebraError.singular(pivot: 1)) { try solveSmall([1, 2, 2, 4], [1, 1]) }
        let s = solve2x2(2, 1, 1, 3, 5, 10)!
        #expect(abs(s.0 - 1) < 1e-15 && abs(s.1 - 3) < 1e-15)
    }
}
