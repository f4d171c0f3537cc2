import GameTheory

/// One problem found in a model file, at a position: `PATH:LINE:COLUMN: message`.
///
/// Lines and columns count from 1 (columns in Unicode scalars, as libyaml does). The same type
/// as the game readers' positioned error, so game and model files report errors alike.
public typealias Diagnostic = GameFileError

/// All the problems of a model file found in one run, in file order.
public struct ModelDiagnostics: Error, Sendable, Equatable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    /// One diagnostic per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

