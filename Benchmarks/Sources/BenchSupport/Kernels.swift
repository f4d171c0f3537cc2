// Kernels shared by the LinearAlgebra benchmark and detente-timing: deterministic test
// matrices, the plain Swift triple loop and a direct cblas_dgemm call.
import CBLASBench
import Detente

/// Deterministic, well-conditioned test matrices (diagonally dominant, so LU never pivots on 0).
public func benchMatrix(_ n: Int, seed: UInt64) -> Matrix {
    var state = seed
    var entries = [Double](repeating: 0, count: n * n)
    for i in 0..<(n * n) {
        // SplitMix64 step, mapped to [-1, 1).
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        entries[i] = Double(z >> 11) / Double(1 << 53) * 2 - 1
    }
    for i in 0..<n { entries[i * n + i] += Double(n) }
    return Matrix(rows: n, columns: n, columnMajor: entries)
}

/// The reference Swift triple loop (column-major, j-l-i order so the inner loop is contiguous).
public func loopProduct(_ a: Matrix, _ b: Matrix, into c: inout [Double]) {
    let m = a.rows, k = a.columns, n = b.columns
    a.storage.withUnsafeBufferPointer { ap in
        b.storage.withUnsafeBufferPointer { bp in
            c.withUnsafeMutableBufferPointer { cp in
                for j in 0..<n {
                    for i in 0..<m { cp[j * m + i] = 0 }
                    for l in 0..<k {
                        let blj = bp[j * k + l]
                        for i in 0..<m { cp[j * m + i] += ap[l * m + i] * blj }
                    }
                }
            }
        }
    }
}

/// `C = A B` by `cblas_dgemm`, whatever the size.
public func cblasProduct(_ a: Matrix, _ b: Matrix, into c: inout [Double]) {
    let m = a.rows, k = a.columns, n = b.columns
    a.storage.withUnsafeBufferPointer { ap in
        b.storage.withUnsafeBufferPointer { bp in
            c.withUnsafeMutableBufferPointer { cp in
                cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k),
                            1, ap.baseAddress, Int32(m), bp.baseAddress, Int32(k), 0, cp.baseAddress, Int32(m))
            }
        }
    }
}


/// Sets OpenBLAS's thread count (the benchmarks' own handle on it).
public func setBenchmarkBLASThreads(_ n: Int) { openblas_set_num_threads(Int32(n)) }
