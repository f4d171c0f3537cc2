import GameTheory
@testable import Negotiation

/// SplitMix64: a small seeded generator so that property tests are reproducible from the
/// seed they print.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The seed of a property test: `NEGOTIATION_SEED` from the environment, else `fallback`.
func propertySeed(_ fallback: UInt64, _ name: String) -> UInt64 {
    let env = ProcessInfoLite.environment("NEGOTIATION_SEED")
    let seed = env.flatMap(UInt64.init) ?? fallback
    print("\(name): seed \(seed) (set NEGOTIATION_SEED to reproduce another run)")
    return seed
}

enum ProcessInfoLite {
    static func environment(_ name: String) -> String? {
        guard let p = getenv(name) else { return nil }
        return String(cString: p)
    }
}

func R(_ n: Int, _ d: Int = 1) -> Rational { Rational(n, d) }
func P(_ a: Rational, _ b: Rational) -> PayoffPair<Rational> { PayoffPair(a, b) }
func P(_ a: Int, _ b: Int) -> PayoffPair<Rational> { PayoffPair(R(a), R(b)) }

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
