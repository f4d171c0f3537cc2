/// Where a result comes from: recorded in every table, figure and notebook Detente writes.
///
/// No timestamps and no host names: a re-run with the same inputs writes the same bytes.
public struct Provenance: Sendable, Equatable {
    /// SHA-256 of the model file's bytes (`Provenance.contentHash(of:)`).
    public var modelHash: String
    /// The model's name or path as given.
    public var model: String
    public var scenario: String?
    /// Parameter values that differ from the model's, or the varied ranges (name → text).
    public var parameters: [String: String]
    public var seed: UInt64?
    /// The Detente version (`detenteVersion` of the umbrella module, passed in by the caller).
    public var detenteVersion: String

    public init(model: String, modelHash: String, scenario: String? = nil, parameters: [String: String] = [:],
                seed: UInt64? = nil, detenteVersion: String) {
        self.model = model
        self.modelHash = modelHash
        self.scenario = scenario
        self.parameters = parameters
        self.seed = seed
        self.detenteVersion = detenteVersion
    }

    /// The SHA-256 of a model's content, as lowercase hex.
    public static func contentHash(of bytes: [UInt8]) -> String { SHA256.hex(bytes) }

    /// `key: value` lines in a fixed order, for notes and comments.
    public var lines: [String] {
        var l = ["model: \(model)", "model sha256: \(modelHash)"]
        if let scenario { l.append("scenario: \(scenario)") }
        for k in parameters.keys.sorted() { l.append("parameter \(k) = \(parameters[k]!)") }
        if let seed { l.append("seed: \(seed)") }
        l.append("detente version: \(detenteVersion)")
        return l
    }

    /// One line: `model M (sha256 abcd…), scenario S, seed N, Detente V`.
    public var summary: String {
        var parts = ["model \(model) (sha256 \(modelHash.prefix(12)))"]
        if let scenario { parts.append("scenario \(scenario)") }
        if !parameters.isEmpty { parts.append(parameters.keys.sorted().map { "\($0) = \(parameters[$0]!)" }.joined(separator: ", ")) }
        if let seed { parts.append("seed \(seed)") }
        parts.append("Detente \(detenteVersion)")
        return parts.joined(separator: "; ")
    }

    public var json: JSONValue {
        var o: [String: JSONValue] = ["model": .string(model), "model_sha256": .string(modelHash),
                                      "detente_version": .string(detenteVersion),
                                      "parameters": .object(parameters.mapValues { .string($0) })]
        o["scenario"] = scenario.map { .string($0) } ?? .null
        o["seed"] = seed.map { .string(String($0)) } ?? .null
        return .object(o)
    }
}
