// The one seeded generator behind reproducible random choices in Detente: random starting
// points and slices of the N-player solvers, Markov searches, sampling designs (through
// `Xoshiro256StarStar` in Analysis) and the seeded property tests.
//
// Detente does not use the system generator: the same seed must give the same numbers on every
// platform and Swift version, so the generator is defined here exactly.

/// SplitMix64: a 64-bit generator used to expand one seed into independent states.
///
/// `state += 0x9E3779B97F4A7C15`, then the output is the state passed through two
/// xor-shift-multiply rounds (constants from the reference implementation).
///
/// - Complexity: O(1) per number.
/// - References: G. L. Steele, D. Lea and C. H. Flood (2014), "Fast splittable pseudorandom
///   number generators", OOPSLA 2014, 453–472. doi:10.1145/2660193.2660195
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in [0, 1): the top 53 bits of `next()` times 2⁻⁵³.
    public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1p-53 }
}
