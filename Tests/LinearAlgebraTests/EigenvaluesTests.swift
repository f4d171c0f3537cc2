import Testing
@testable import LinearAlgebra

@Suite struct EigenvaluesTests {
    @Test func rotationHasImaginaryPair() throws {
        let ev = try eigenvalues(Matrix([[0, -1], [1, 0]]))
        #expect(ev.count == 2)
        #expect(ev.allSatisfy { abs($0.real) < 1e-15 && abs(abs($0.imaginary) - 1) < 1e-15 })
        #expect(ev[0].imaginary == -ev[1].imaginary)
    }

    @Test func triangularMatrixHasItsDiagonal() throws {
        let ev = try eigenvalues(Matrix([[2, 5, 7], [0, -3, 1], [0, 0, 0.5]]))
        #expect(ev.map(\.real).sorted() == [-3, 0.5, 2])
        #expect(ev.allSatisfy { $0.imaginary == 0 })
    }

    @Test func nonSquareThrows() throws {
        #expect(throws: LinearAlgebraError.self) { try eigenvalues(Matrix(rows: 2, columns: 3)) }
        #expect(try eigenvalues(Matrix(rows: 0, columns: 0)).isEmpty)
    }
}
