import Foundation
@testable import GameTheory

/// Paths of the I/O fixtures (Tests/GameTheoryTests/Fixtures/io, see SOURCE.md there).
enum IOFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/io")

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static func read(_ relative: String) throws -> NormalFormGame {
        try readGame(atPath: path(relative))
    }

    /// Rationals from literals such as "3/4" (test convenience).
    static func q(_ s: String) -> Rational { Rational(parsing: s)! }
}
