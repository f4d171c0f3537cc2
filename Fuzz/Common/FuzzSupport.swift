// Shared helpers for the libFuzzer targets under Fuzz/. Compiled into every target by
// scripts/fuzz.sh; not part of any library.

/// Stops the fuzzer with a message when an invariant fails (a trap is what libFuzzer reports
/// as a crash and saves as crash-<sha1>).
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("invariant violated: \(message())") }
}

/// The bytes libFuzzer hands over, as an array.
func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

/// Checks that a 1-based (line, column) lies within `bytes`: line ≤ number of lines and
/// column ≤ (characters on that line) + 1. Columns are counted as the readers count them:
/// every byte that is not a UTF-8 continuation byte is one column (so the bound is loose for
/// readers that count Unicode scalars of invalid text differently, never tight).
func positionIsInside(line: Int, column: Int, of bytes: [UInt8]) -> Bool {
    guard line >= 1, column >= 1 else { return false }
    var lines = [0]
    for b in bytes {
        if b == 0x0A { lines.append(0) } else if b & 0xC0 != 0x80 { lines[lines.count - 1] += 1 }
    }
    guard line <= lines.count else { return false }
    return column <= lines[line - 1] + 1
}
