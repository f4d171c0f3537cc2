import Foundation
import Testing
@testable import PolicyModels

let fixturesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

@Suite("Model diagnostics")
struct DiagnosticsTests {
    static let brokenFiles: [String] = {
        let dir = fixturesDirectory.appendingPathComponent("broken")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    @Test("the broken corpus has at least 30 files")
    func corpusSize() { #expect(Self.brokenFiles.count >= 30) }

    @Test("each broken model reports exactly the expected errors, all in one run", arguments: brokenFiles)
    func broken(file: String) throws {
        let path = fixturesDirectory.appendingPathComponent("broken").appendingPathComponent(file).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let expected = text.split(separator: "\n").filter { $0.hasPrefix("# expect: ") }
            .map { "\(path):" + $0.dropFirst("# expect: ".count) }
        #expect(!expected.isEmpty, "\(file) states no expectation")
        let got = check(path: path).map(\.description)
        #expect(got == expected)
        // loadModel throws the same diagnostics as one error.
        #expect(throws: ModelDiagnostics(check(path: path))) { _ = try loadModel(path: path) }
    }

    @Test("a missing file is a diagnostic, not a crash")
    func missingFile() {
        #expect(check(path: "/nonexistent/model.yaml").map(\.description) == ["/nonexistent/model.yaml:1:1: cannot read the file"])
    }

    @Test("Markov states are read and validated")
    func markovStates() throws {
        let model = try loadModel(path: fixturesDirectory.appendingPathComponent("markov-valid.yaml").path)
        let states = try #require(model.states)
        #expect(states.states.map(\.name) == ["integrated", "bifurcated"])
        #expect(states.initial == 0 && states.domain == 0)
        let theta = model.baseline
        // Profile (Restrict, Restrict) has flat index 3 (player 0 fastest).
        #expect(states.states[0].transitions[3].map { $0.evaluate(theta) } == [0.8, 0.2])
        #expect(states.states[0].transitions[0].map { $0.evaluate(theta) } == [1, 0])
        #expect(states.states[1].payoffs[0][0].evaluate(theta) == 2)
        #expect(states.states[0].payoffs[0][0].evaluate(theta) == 4)   // the domain's own payoffs
        let report = try solve(model: model)
        #expect(report.states?.transitions[0][3] == [0.8, 0.2])
    }
}
