import Foundation
import Testing
import GameTheory
@testable import PolicyModels

/// Inputs found by the model fuzzer (Fuzz/model, docs/RELIABILITY.md) whose diagnostics were
/// positioned outside the file. Fixtures and their origin: Fixtures/fuzz/README.md.
@Suite("Fuzzing regressions")
struct FuzzRegressionTests {
    func diagnostics(_ name: String) throws -> [Diagnostic] {
        let url = fixturesDirectory.appendingPathComponent("fuzz").appendingPathComponent(name)
        // Decoded as the fuzzer decodes its bytes (invalid UTF-8 becomes U+FFFD).
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        do {
            _ = try loadModel(yaml: text, path: name)
            Issue.record("\(name) was accepted")
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test("a YAML error at the end of a file without a final newline is on the last line")
    func syntaxErrorAtEndWithoutNewline() throws {
        // "format: 1\ntitle": two lines; libyaml reported 3:1, past the end.
        let d = try diagnostics("syntax-error-at-end-without-newline.yaml")
        #expect(d.map { "\($0.line):\($0.column)" } == ["2:6"])
        #expect(d.first?.message.hasPrefix("YAML syntax error: could not find expected ':'") == true)
    }

    @Test("the fuzzer's artefact gets a position inside the file")
    func fuzzerArtefact() throws {
        // Three lines, the last "  R:e:has 2 p" (13 characters): the end is 3:14.
        let d = try diagnostics("fuzzer-syntax-error-past-last-line.yaml")
        #expect(d.map { "\($0.line):\($0.column)" } == ["3:14"])
    }

    @Test("a position inside the text is kept, and CR line breaks count as libyaml counts them")
    func positionsInsideAreKept() {
        let reader = ModelReader(path: "x.yaml", text: "a: 1\r\nb: 2\rc")
        #expect(reader.insideText(line: 2, column: 3) == SourcePosition(line: 2, column: 3))
        #expect(reader.insideText(line: 3, column: 2) == SourcePosition(line: 3, column: 2))
        #expect(reader.insideText(line: 4, column: 1) == SourcePosition(line: 3, column: 2))
    }
}
