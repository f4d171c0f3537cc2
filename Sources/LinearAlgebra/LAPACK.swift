internal import CLapack

/// Converts a LAPACK `info` code into a thrown error. `info < 0`: illegal argument;
/// `info > 0`: the routine-specific failure built by `positive`.
@inline(__always)
func check(_ info: detente_lapack_int, _ routine: String,
           positive: (Int) -> LinearAlgebraError) throws {
    if info < 0 { throw LinearAlgebraError.illegalArgument(routine: routine, argument: Int(-info)) }
    if info > 0 { throw positive(Int(info)) }
}

@inline(__always)
func lapackInt(_ n: Int) -> detente_lapack_int { detente_lapack_int(n) }

/// Sets the number of threads OpenBLAS uses. Workers that each solve their own problems in
/// parallel should call `setBLASThreadCount(1)`: on a 2-core machine one thread per worker is
/// faster than two (measured, see docs/PERFORMANCE.md).
public func setBLASThreadCount(_ n: Int) {
    openblas_set_num_threads(Int32(max(1, n)))
}
