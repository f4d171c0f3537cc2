import BigInt
import Testing
@testable import GameTheory

/// The fixed-width Bareiss tiers against `BigInt`: single exact divisions, and whole vertex
/// enumerations of random polytopes (every tier must find the same vertices and coordinates).
@Suite struct IntegerPivotingTests {
    /// `(a·b − c·e) / D` for exact divisions built as a = D·s, c = D·u, so that the quotient is
    /// s·b − u·e: divisors with 0…9 trailing zero bits (both the modulo-2¹²⁸ path, shift ≤ 3, and
    /// the 256-bit path), operands up to ~2¹²⁰ (products beyond 2¹²⁸), negative values.
    @Test func boundedInt128ExactDivision() throws {
        let seed: UInt64 = 0xBA2E_1550_2026
        print("IntegerPivotingTests.boundedInt128ExactDivision seed \(seed)")
        var rng = SplitMix64(seed: seed)
        func random(bits: Int) -> BigInt {
            var v = BigInt(0)
            for _ in 0..<((bits + 63) / 64) { v = (v << 64) + BigInt(rng.next()) }
            v >>= (((bits + 63) / 64) * 64 - Int.random(in: 1...bits, using: &rng))
            return Bool.random(using: &rng) ? -v : v
        }
        for trial in 0..<2000 {
            let shift = trial % 10
            var odd = random(bits: Int.random(in: 1...90, using: &rng)).magnitude
            if odd.isZero { odd = 1 }
            if odd % 2 == 0 { odd += 1 }
            let d = BigInt(odd) << shift
            let s1 = random(bits: 20), b = random(bits: 60), u = random(bits: 20), e = random(bits: 60)
            let a = d * s1, c = d * u
            let exact = (a * b - c * e) / d
            guard exact.bitWidth < 124, [a, b, c, e, d].allSatisfy({ $0.bitWidth < 124 }) else { continue }
            let w = [a, b, c, e, d].map { BoundedInt128(pivotValue: $0)! }
            let q = try BoundedInt128.bareiss(w[0], w[1], w[2], w[3], BoundedInt128.divisor(w[4]))
            #expect(q.big == exact, "seed \(seed) trial \(trial): (\(a)·\(b) − \(c)·\(e)) / \(d)")
        }
    }

    /// Random k × d polytopes {z ≥ 0 : Mz ≤ 1}: the Int64, Int128-bounded, Int128 and BigInt
    /// tiers give the same label sets and coordinates (the fixed-width ones may only fail by
    /// reporting overflow).
    @Test func tiersAgreeOnRandomPolytopes() throws {
        let seed: UInt64 = 0x7135_A6EE_2026
        print("IntegerPivotingTests.tiersAgreeOnRandomPolytopes seed \(seed)")
        var rng = SplitMix64(seed: seed)
        for trial in 0..<60 {
            let k = Int.random(in: 2...8, using: &rng), d = Int.random(in: 2...8, using: &rng)
            let top = [3, 100, 1 << 20, 1 << 40][trial % 4]
            let big = (0..<k).map { _ in (0..<d).map { _ in BigInt(Int.random(in: 1...top, using: &rng)) } }
            let labels = Array(0..<(k + d))
            let reference = try PolytopeVertices<BigInt>(matrix: big, labels: labels)
            func check<I: PivotInteger>(_: I.Type) throws {
                let rows = big.map { $0.map { I(pivotValue: $0) } }
                guard rows.allSatisfy({ $0.allSatisfy { $0 != nil } }) else { return }
                do {
                    let p = try PolytopeVertices<I>(matrix: rows.map { $0.map { $0! } }, labels: labels)
                    #expect(p.labelMasks == reference.labelMasks, "seed \(seed) trial \(trial) \(I.self)")
                    #expect(p.coordinates.map(\.big) == reference.coordinates, "seed \(seed) trial \(trial) \(I.self)")
                    #expect(p.isDegenerate == reference.isDegenerate, "seed \(seed) trial \(trial) \(I.self)")
                } catch is PivotOverflow {}
            }
            try check(Int64.self)
            try check(Int128.self)
            if hadamardLog2(big) < 124 { try check(BoundedInt128.self) }
        }
    }
}
