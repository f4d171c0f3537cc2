// Deterministic pseudo-random numbers for sampling designs and bootstrap resampling.
//
// Detente does not use the system generator: the same seed must give the same design on every
// platform and Swift version, so the generator is defined here exactly. Its seed expander,
// `SplitMix64`, lives in GameTheory.

import GameTheory

/// xoshiro256**: the generator behind every seeded design and bootstrap in Detente.
///
/// The 256-bit state is filled from the seed by `SplitMix64` (as its authors recommend), so
/// any seed, including 0, gives a valid state. `uniform()` returns `(k + 0.5) / 2⁵³` for a
/// 53-bit integer `k`: strictly inside (0, 1), so inverse CDFs never see 0 or 1.
///
/// - Complexity: O(1) per number.
/// - References: D. Blackman and S. Vigna (2021), "Scrambled linear pseudorandom number
///   generators", ACM Transactions on Mathematical Software 47(4), 36. doi:10.1145/3460772
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    private var s: (UInt64, UInt64, UInt64, UInt64)

    public init(seed: UInt64) {
        var sm = SplitMix64(seed: seed)
        s = (sm.next(), sm.next(), sm.next(), sm.next())
    }

    @inline(__always)
    private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    public mutating func next() -> UInt64 {
        let result = Self.rotl(s.1 &* 5, 7) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = Self.rotl(s.3, 45)
        return result
    }

    /// A uniform number strictly inside (0, 1) with 53 random bits.
    public mutating func uniform() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1.0p-53
    }

    /// A uniform integer in `0..<n` without modulo bias (Lemire's multiply-and-reject).
    public mutating func index(below n: Int) -> Int {
        precondition(n > 0, "index(below:) needs a positive bound")
        let bound = UInt64(n)
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return Int(m.high)
    }
}
