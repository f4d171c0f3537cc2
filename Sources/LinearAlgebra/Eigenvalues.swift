internal import CLapack

/// One eigenvalue `re + i·im` of a real matrix (complex eigenvalues come in conjugate pairs).
public struct Eigenvalue: Sendable, Equatable, CustomStringConvertible {
    public let real: Double
    public let imaginary: Double

    public init(real: Double, imaginary: Double) {
        self.real = real
        self.imaginary = imaginary
    }

    /// The modulus `√(re² + im²)`.
    public var magnitude: Double { (real * real + imaginary * imaginary).squareRoot() }

    public var description: String {
        imaginary == 0 ? "\(real)" : "\(real) \(imaginary < 0 ? "-" : "+") \(abs(imaginary))i"
    }
}

/// The eigenvalues of a square real matrix (LAPACK `dgeev`, no eigenvectors), in the order
/// LAPACK returns them (a conjugate pair appears consecutively, positive imaginary part first).
///
/// - Throws: `LinearAlgebraError.dimensionMismatch` for a non-square matrix,
///   `.noConvergence(routine: "dgeev", …)` when the QR algorithm fails (LAPACK `info > 0`),
///   `.illegalArgument` for `info < 0`.
/// - Complexity: O(n³).
public func eigenvalues(_ a: Matrix) throws -> [Eigenvalue] {
    guard a.rows == a.columns else {
        throw LinearAlgebraError.dimensionMismatch("eigenvalues need a square matrix, got \(a.rows)×\(a.columns)")
    }
    let n = a.rows
    if n == 0 { return [] }
    var aa = a.storage
    var wr = [Double](repeating: 0, count: n)
    var wi = [Double](repeating: 0, count: n)
    var dummy = [Double](repeating: 0, count: 1)
    let nn = lapackInt(n)
    let info = aa.withUnsafeMutableBufferPointer { ap in
        wr.withUnsafeMutableBufferPointer { rp in
            wi.withUnsafeMutableBufferPointer { ip in
                dummy.withUnsafeMutableBufferPointer { dp in
                    LAPACKE_dgeev(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "N")), Int8(UInt8(ascii: "N")), nn,
                                  ap.baseAddress, nn, rp.baseAddress, ip.baseAddress,
                                  dp.baseAddress, 1, dp.baseAddress, 1)
                }
            }
        }
    }
    try check(info, "dgeev") { .noConvergence(routine: "dgeev", info: $0) }
    return (0..<n).map { Eigenvalue(real: wr[$0], imaginary: wi[$0]) }
}
