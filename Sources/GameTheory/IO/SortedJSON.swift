/// A JSON value written deterministically: object keys sorted, numbers as given.
///
/// Used for every JSON file and report Detente writes, so that the same result gives
/// byte-identical output. Numbers are kept as their literal text; `SortedJSON.number(_:)`
/// formats a `Double` as its shortest round-trip decimal.
public enum SortedJSON: Sendable, Equatable {
    case object([String: SortedJSON])
    case array([SortedJSON])
    case string(String)
    /// A number's literal JSON text (for example `"0.5"`, `"-3"`, `"1e-05"`).
    case numberLiteral(String)
    case bool(Bool)
    case null

    /// A floating-point number as its shortest round-trip form (`0.1`, `1e-05`); integral values
    /// below 10¹⁵ in magnitude are written without a fraction (`3`, not `3.0`). Non-finite
    /// values become `null` (JSON has no NaN or infinity).
    public static func number(_ x: Double) -> SortedJSON {
        guard x.isFinite else { return .null }
        if x == x.rounded(), abs(x) < 1e15 { return .numberLiteral(String(Int64(x))) }
        return .numberLiteral("\(x)")
    }

    public static func number(_ n: Int) -> SortedJSON { .numberLiteral(String(n)) }

    /// The JSON text. Arrays whose elements are all scalars are written on one line; other
    /// arrays and objects one element per line, indented by two spaces per level.
    public func serialized() -> String {
        var out = ""
        write(into: &out, indent: 0)
        return out
    }

    private var isScalar: Bool {
        switch self {
        case .object(let o): return o.isEmpty
        case .array(let a): return a.isEmpty
        default: return true
        }
    }

    private func write(into out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .numberLiteral(let s): out += s
        case .string(let s): SortedJSON.writeString(s, into: &out)
        case .array(let a):
            if a.isEmpty { out += "[]"; return }
            if a.allSatisfy(\.isScalar) {
                out += "["
                for (i, v) in a.enumerated() {
                    if i > 0 { out += ", " }
                    v.write(into: &out, indent: indent)
                }
                out += "]"
                return
            }
            let pad = String(repeating: " ", count: indent + 2)
            out += "[\n"
            for (i, v) in a.enumerated() {
                out += pad
                v.write(into: &out, indent: indent + 2)
                out += i + 1 < a.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let o):
            if o.isEmpty { out += "{}"; return }
            let pad = String(repeating: " ", count: indent + 2)
            out += "{\n"
            let keys = o.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (i, k) in keys.enumerated() {
                out += pad
                SortedJSON.writeString(k, into: &out)
                out += ": "
                o[k]!.write(into: &out, indent: indent + 2)
                out += i + 1 < keys.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    private static func writeString(_ s: String, into out: inout String) {
        out += quoted(s)
    }

    /// `s` as a JSON string literal: RFC 8259 escapes for the quote, the backslash and control
    /// characters; every other character as itself (UTF-8). Shared by every JSON writer.
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
