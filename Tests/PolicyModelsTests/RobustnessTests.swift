import Foundation
import Testing
import GameTheory
@testable import PolicyModels

@Suite("Robustness")
struct RobustnessTests {
    /// Random damage to every bundled model (deleted spans, inserted characters, swapped
    /// lines) must give diagnostics or a model, never a crash; a model that still loads must
    /// solve or report a request error.
    @Test("mutated model files never crash check or solve")
    func mutations() throws {
        // DETENTE_FUZZ_SEED / DETENTE_FUZZ_ITERATIONS widen the search locally; the default run
        // is fixed and deterministic.
        let env = ProcessInfo.processInfo.environment
        let seed = env["DETENTE_FUZZ_SEED"].flatMap { UInt64($0) } ?? 1986
        let iterations = env["DETENTE_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 40
        print("RobustnessTests.mutations seed \(seed), \(iterations) mutants per model")
        var rng = SplitMix64(seed: seed)
        let alphabet = Array(" :,[]{}-*/^()#'\"\n\tabcxyz019.e")
        for name in BundledModelsTests.names {
            let original = Array(try String(contentsOf: modelsDirectory.appendingPathComponent(name + ".yaml"), encoding: .utf8))
            for _ in 0..<iterations {
                var text = original
                for _ in 0..<(1 + Int(rng.next() % 3)) {
                    let at = Int(rng.next() % UInt64(text.count))
                    switch rng.next() % 3 {
                    case 0: text.removeSubrange(at..<min(text.count, at + 1 + Int(rng.next() % 8)))
                    case 1: text.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: at)
                    default:
                        var lines = String(text).split(separator: "\n", omittingEmptySubsequences: false)
                        let a = Int(rng.next() % UInt64(lines.count)), b = Int(rng.next() % UInt64(lines.count))
                        lines.swapAt(a, b)
                        text = Array(lines.joined(separator: "\n"))
                    }
                    if text.isEmpty { text = ["x"] }
                }
                do {
                    let model = try loadModel(yaml: String(text), path: "mutant.yaml")
                    _ = try? solveAllScenarios(model: model)
                } catch {
                    #expect(!error.diagnostics.isEmpty)
                    for d in error.diagnostics { #expect(d.line >= 1 && d.column >= 1) }
                }
            }
        }
    }
}
