/// One problem found in a model file, at a position: `PATH:LINE:COLUMN: message`.
///
/// Lines and columns count from 1 (columns in Unicode scalars, as libyaml does).
public struct Diagnostic: Error, Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(path: String, line: Int, column: Int, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(path):\(line):\(column): \(message)" }
}

/// All the problems of a model file found in one run, in file order.
public struct ModelDiagnostics: Error, Sendable, Equatable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    /// One diagnostic per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// A position in a model file (1-based line and column).
public struct SourcePosition: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) { self.line = line; self.column = column }
    public var description: String { "\(line):\(column)" }
}
