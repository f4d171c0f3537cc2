/// A set of 64-bit masks with open addressing and a multiplicative hash, for the hot loops of
/// vertex enumeration (basis and label masks).
///
/// `Set<UInt64>` hashes every key with SipHash (seeded per process); on the feasible-basis search
/// of a 12×12 game that is several hash computations per basis. Masks need no protection against
/// adversarial collisions here, so a Fibonacci (multiplicative) hash with linear probing is
/// enough and several times cheaper. Internal; not API.
///
/// - Complexity: expected O(1) per `insert`; the table doubles when it is half full.
struct UInt64HashSet {
    private var slots: [UInt64]
    private var shift: UInt64
    private var filled = 0
    private var hasZero = false

    init(minimumCapacity: Int = 64) {
        var size = 16
        while size < 2 * minimumCapacity { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// Inserts `key`; returns whether it was not yet present.
    @inline(__always)
    mutating func insert(_ key: UInt64) -> Bool {
        if key == 0 {   // 0 marks an empty slot, so the key 0 is kept aside
            defer { hasZero = true }
            return !hasZero
        }
        if 2 * (filled + 1) > slots.count { grow() }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        return slots.withUnsafeMutableBufferPointer { s in
            while true {
                let v = s[i]
                if v == key { return false }
                if v == 0 { s[i] = key; filled += 1; return true }
                i = (i + 1) & mask
            }
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        shift -= 1
        filled = 0
        let mask = slots.count - 1
        for key in old where key != 0 {
            var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = key
            filled += 1
        }
    }
}
