import GameTheory
@testable import Negotiation

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
