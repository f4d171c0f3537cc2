import Foundation
import Testing
@testable import GameTheory

/// Inputs found by the libFuzzer targets (Fuzz/, docs/RELIABILITY.md) that made a reader hang
/// or allocate far beyond the file's size; each must now give a positioned error at once.
/// The fixtures and their origin: Fixtures/io/fuzz/README.md.
@Suite struct FuzzRegressionTests {
    /// Reads a fixture and returns its error (recording an issue if it was accepted) and the
    /// wall-clock time the reader took.
    func failure(_ name: String) -> (GameFileError?, Duration) {
        let path = IOFixtures.path("fuzz/\(name)")
        let clock = ContinuousClock()
        var caught: GameFileError?
        let elapsed = clock.measure {
            do throws(GameFileError) {
                let g = try readGame(atPath: path)
                Issue.record("\(name) was accepted as \(g.shape)")
            } catch {
                caught = error
            }
        }
        return (caught, elapsed)
    }

    @Test func strategyCountsBeyondTheFileAreRejectedBeforeAllocating() {
        let (error, _) = failure("nfg-count-beyond-file.nfg")
        #expect(error?.line == 2 && error?.column == 1)
        #expect(error?.message == "the game declares 3333331 × 2 = 6666662 strategy profiles, more than this 37-byte file can hold payoffs for; is a strategy count wrong?")
    }

    @Test func fuzzerTimeoutOnAHugeCountIsFast() {
        // Before the fix this input took minutes (33 million names were made first). The bound
        // is loose on purpose: the machine may be loaded; the fixed reader takes microseconds.
        let (error, elapsed) = failure("nfg-timeout-huge-count.nfg")
        #expect(error?.line == 3 && error?.column == 11)
        #expect(error?.message.hasPrefix("expected a strategy count or '}'") == true)
        #expect(elapsed < .seconds(2))
    }

    @Test func unnamedActionsBeyondTheFileAreRejectedBeforeAllocating() {
        let (error, _) = failure("json-unnamed-actions-beyond-file.json")
        #expect(error?.line == 1)
        #expect(error?.message == "the game declares 10 × 10 × 10 × 10 × 10 × 10 × 10 = 10000000 strategy profiles, more than this 310-byte file can hold payoffs for")
    }

    @Test func aFileJustLongEnoughStillReads() throws {
        // The size check must not reject a legitimate file: a one-player game of 25 strategies
        // in the count form, its payoffs as short as the format allows.
        var text = "NFG 1 R \"\" { \"P\" }\n{ 25 }\n"
        text += (1...25).map { _ in "1" }.joined(separator: " ")
        let game = try NFGReader(path: "short.nfg").read(text: text)
        #expect(game.shape == [25])
        #expect(game.actions[0].first == "1" && game.actions[0].last == "25")
    }
}
