/// The Sobol low-discrepancy sequence in up to 64 dimensions, unscrambled, with Joe–Kuo
/// direction numbers.
///
/// Point `n` (zero-based; point 0 is the origin) is generated in Gray-code order (Antonov and
/// Saleev): `x_n = x_{n−1} ⊕ V_c` where `c` is the position of the lowest zero bit of `n − 1`.
/// Direction integers use 32 bits, so at most 2³² points. Coordinate `j` of point `n` is
/// `x_n[j] / 2³²`. The first `2^k` points of each coordinate are a permutation of
/// `{0, 1/2^k, …, (2^k − 1)/2^k}` (a (0, k)-net in one dimension).
///
/// The sequence has no seed: designs that need a seed (for bootstrap or tie-breaking) take it
/// elsewhere; the same `(dimensions, count)` always gives the same points.
///
/// - Complexity: O(dimensions) per point after O(32 · dimensions) set-up.
/// - References: I. M. Sobol' (1967), "On the distribution of points in a cube and the
///   approximate evaluation of integrals", USSR Computational Mathematics and Mathematical
///   Physics 7(4), 86–112. doi:10.1016/0041-5553(67)90144-9. I. A. Antonov and V. M. Saleev
///   (1979), doi:10.1016/0041-5553(79)90085-5. S. Joe and F. Y. Kuo (2008), SIAM J. Sci.
///   Comput. 30(5), 2635–2654. doi:10.1137/070709359
public struct SobolSequence: Sendable {
    /// The largest number of dimensions the bundled direction numbers support.
    public static let maximumDimensions = JoeKuoDirectionNumbers.rows.count + 1

    public let dimensions: Int
    /// `directions[j][k]`: direction integer V_{k+1} of coordinate j.
    private let directions: [[UInt32]]

    public init(dimensions: Int) throws {
        guard dimensions >= 1, dimensions <= Self.maximumDimensions else {
            throw AnalysisError.invalidDesign("Sobol sequence supports 1...\(Self.maximumDimensions) dimensions, got \(dimensions)")
        }
        self.dimensions = dimensions
        var dirs = [[UInt32]]()
        dirs.append((1...32).map { UInt32(1) << (32 - $0) })
        for row in JoeKuoDirectionNumbers.rows.prefix(dimensions - 1) {
            let s = row.s
            var v = [UInt32](repeating: 0, count: 32)
            for k in 0..<min(s, 32) { v[k] = row.m[k] << (31 - k) }
            if s < 32 {
                for k in s..<32 {
                    var x = v[k - s] ^ (v[k - s] >> UInt32(s))
                    for j in 1..<s where (row.a >> UInt32(s - 1 - j)) & 1 == 1 {
                        x ^= v[k - j]
                    }
                    v[k] = x
                }
            }
            dirs.append(v)
        }
        directions = dirs
    }

    /// Points `start ..< start + count` as rows of coordinates in [0, 1).
    public func points(count: Int, skip start: Int = 0) throws -> [[Double]] {
        guard count >= 0, start >= 0, start + count <= (1 << 32) else {
            throw AnalysisError.invalidDesign("Sobol points \(start)..<\(start + count) outside 0..<2^32")
        }
        var x = [UInt32](repeating: 0, count: dimensions)
        var result = [[Double]]()
        result.reserveCapacity(count)
        let scale = 0x1.0p-32
        for n in 0..<(start + count) {
            if n > 0 {
                let c = (n - 1).trailingZeroBitCount(ofComplement: ())
                for j in 0..<dimensions { x[j] ^= directions[j][c] }
            }
            if n >= start { result.append(x.map { Double($0) * scale }) }
        }
        return result
    }
}

extension Int {
    /// The zero-based position of the lowest zero bit.
    fileprivate func trailingZeroBitCount(ofComplement: ()) -> Int { (~self).trailingZeroBitCount }
}
