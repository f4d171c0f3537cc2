import Foundation

/// One `--set NAME=VALUE` override of a model parameter, parsed from the command line.
///
/// `NAME` is a parameter name (checked against the model when solving, with a "did you
/// mean"); `VALUE` is a finite decimal number (`0.5`, `-2`, `1e-3`).
public struct ParameterAssignment: Sendable, Equatable, CustomStringConvertible {
    public var name: String
    public var value: Double

    public init(name: String, value: Double) {
        self.name = name
        self.value = value
    }

    /// Parses `name=value`.
    ///
    /// - Throws: `ParameterAssignmentError` naming the argument and what is wrong with it.
    public init(parsing argument: String) throws(ParameterAssignmentError) {
        guard let eq = argument.firstIndex(of: "=") else {
            throw ParameterAssignmentError(argument: argument, problem: "expected NAME=VALUE, for example --set delta=0.9")
        }
        let name = argument[..<eq].trimmingCharacters(in: .whitespaces)
        let text = argument[argument.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else {
            throw ParameterAssignmentError(argument: argument, problem: "the parameter name before '=' is empty")
        }
        guard let first = name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic,
              name.unicodeScalars.allSatisfy({ $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }) else {
            throw ParameterAssignmentError(argument: argument, problem: "'\(name)' is not a parameter name (letters, digits and _, starting with a letter or _)")
        }
        guard !text.isEmpty else {
            throw ParameterAssignmentError(argument: argument, problem: "the value after '=' is empty")
        }
        guard let v = Double(text), v.isFinite else {
            throw ParameterAssignmentError(argument: argument, problem: "the value '\(text)' is not a finite number")
        }
        self.init(name: String(name), value: v)
    }

    public var description: String { "\(name)=\(formatNumber(value))" }
}

/// A malformed `--set` argument.
public struct ParameterAssignmentError: Error, Sendable, Equatable, CustomStringConvertible {
    public var argument: String
    public var problem: String
    public var description: String { "--set '\(argument)': \(problem)" }
}
