import GameTheory

/// A JSON value written deterministically: object keys sorted (by Unicode scalars), numbers in
/// a fixed format, no whitespace variation, so equal values give byte-identical text.
///
/// Numbers: integers as integers; finite doubles by Swift's shortest round-trip representation
/// (`0.1`, `1e-07`, `3.0`) with the exponent normalised to JSON (`1e-07` → `1e-07` is valid
/// JSON); non-finite doubles (no JSON form) as `null`.
///
/// GameTheory's `SortedJSON` writes the `solve`/`check` JSON contract with a different layout
/// (scalar arrays on one line, integral doubles without `.0`); the two are kept apart because
/// changing either layout would change files users already compare byte for byte. They share
/// the string escaping (`SortedJSON.quoted`).
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The text, pretty-printed with two-space indentation when `pretty`, and a final newline.
    public func serialized(pretty: Bool = true) -> String {
        var out = ""
        write(into: &out, indent: pretty ? 0 : nil)
        return out + "\n"
    }

    func write(into out: inout String, indent: Int?) {
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .int(i): out += String(i)
        case let .number(d): out += JSONValue.format(d)
        case let .string(s): out += JSONValue.quote(s)
        case let .array(a):
            if a.isEmpty { out += "[]"; return }
            out += "["
            for (i, v) in a.enumerated() {
                if i > 0 { out += "," }
                if let indent { out += "\n" + String(repeating: " ", count: indent + 2) }
                v.write(into: &out, indent: indent.map { $0 + 2 })
            }
            if let indent { out += "\n" + String(repeating: " ", count: indent) }
            out += "]"
        case let .object(o):
            if o.isEmpty { out += "{}"; return }
            out += "{"
            for (i, key) in o.keys.sorted(by: { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }).enumerated() {
                if i > 0 { out += "," }
                if let indent { out += "\n" + String(repeating: " ", count: indent + 2) }
                out += JSONValue.quote(key) + (indent == nil ? ":" : ": ")
                o[key]!.write(into: &out, indent: indent.map { $0 + 2 })
            }
            if let indent { out += "\n" + String(repeating: " ", count: indent) }
            out += "}"
        }
    }

    /// A finite double in shortest round-trip form; `null` when not finite.
    public static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == 0 { return "0.0" }
        return "\(d)"
    }

    /// A JSON string literal (RFC 8259 escapes; other characters as UTF-8).
    public static func quote(_ s: String) -> String { SortedJSON.quoted(s) }
}
