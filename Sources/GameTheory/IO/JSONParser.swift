/// A parsed JSON value with the position where it starts (for error messages).
struct JSONNode {
    enum Value {
        case object([(key: String, keyPosition: SourcePosition, value: JSONNode)])
        case array([JSONNode])
        case string(String)
        /// The literal text of a number, kept so that `0.1` can be read exactly as 1/10.
        case number(String)
        case bool(Bool)
        case null
    }
    var value: Value
    var position: SourcePosition

    /// How the value reads in an error message.
    var summary: String {
        switch value {
        case .object: return "an object"
        case .array: return "an array"
        case .string(let s): return "the string \"\(s.count > 40 ? s.prefix(40) + "…" : Substring(s))\""
        case .number(let s): return "the number \(s)"
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        }
    }
}

/// A strict JSON (RFC 8259) parser that records the line and column of every value.
///
/// Linear in the input size; nesting deeper than `maximumDepth` is an error rather than a
/// stack overflow. Duplicate object keys are an error (their meaning would be ambiguous).
struct JSONParser {
    static let maximumDepth = 100
    private var cursor: SourceCursor
    private let path: String

    init(bytes: [UInt8], path: String) {
        cursor = SourceCursor(bytes)
        self.path = path
    }

    private func error(_ at: SourcePosition, _ message: String) -> GameFileError {
        GameFileError(path: path, line: at.line, column: at.column, message: message)
    }

    /// Parses one JSON document.
    mutating func parseDocument() throws(GameFileError) -> JSONNode {
        cursor.skipWhitespace()
        if cursor.isAtEnd { throw error(cursor.position, "empty file: expected a JSON object") }
        let v = try parseValue(depth: 0)
        cursor.skipWhitespace()
        if !cursor.isAtEnd {
            throw error(cursor.position, "unexpected \(describeHere()) after the end of the JSON document")
        }
        return v
    }

    private func describeHere() -> String {
        guard let b = cursor.current else { return "end of file" }
        if b >= 0x20 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x\(String(b, radix: 16, uppercase: true))"
    }

    private mutating func parseValue(depth: Int) throws(GameFileError) -> JSONNode {
        cursor.skipWhitespace()
        let start = cursor.position
        guard let b = cursor.current else {
            throw error(start, "unexpected end of file: expected a value; the file is truncated")
        }
        switch b {
        case UInt8(ascii: "{"):
            guard depth < JSONParser.maximumDepth else {
                throw error(start, "nesting deeper than \(JSONParser.maximumDepth) levels")
            }
            cursor.advance()
            var members = [(key: String, keyPosition: SourcePosition, value: JSONNode)]()
            var seen = Set<String>()
            cursor.skipWhitespace()
            if cursor.current == UInt8(ascii: "}") { cursor.advance(); return JSONNode(value: .object([]), position: start) }
            while true {
                cursor.skipWhitespace()
                let keyPos = cursor.position
                guard cursor.current == UInt8(ascii: "\"") else {
                    if cursor.isAtEnd { throw error(keyPos, "unexpected end of file inside the object opened at line \(start.line), column \(start.column); the file is truncated") }
                    throw error(keyPos, "expected a key in double quotes, found \(describeHere())")
                }
                let key = try parseString()
                guard seen.insert(key).inserted else { throw error(keyPos, "duplicate key \"\(key)\"") }
                cursor.skipWhitespace()
                guard cursor.current == UInt8(ascii: ":") else {
                    if cursor.isAtEnd { throw error(cursor.position, "unexpected end of file after key \"\(key)\"; the file is truncated") }
                    throw error(cursor.position, "expected ':' after key \"\(key)\", found \(describeHere())")
                }
                cursor.advance()
                let v = try parseValue(depth: depth + 1)
                members.append((key, keyPos, v))
                cursor.skipWhitespace()
                if cursor.current == UInt8(ascii: ",") { cursor.advance(); continue }
                if cursor.current == UInt8(ascii: "}") { cursor.advance(); break }
                if cursor.isAtEnd { throw error(cursor.position, "unexpected end of file inside the object opened at line \(start.line), column \(start.column); the file is truncated") }
                throw error(cursor.position, "expected ',' or '}' in the object, found \(describeHere())")
            }
            return JSONNode(value: .object(members), position: start)
        case UInt8(ascii: "["):
            guard depth < JSONParser.maximumDepth else {
                throw error(start, "nesting deeper than \(JSONParser.maximumDepth) levels")
            }
            cursor.advance()
            var items = [JSONNode]()
            cursor.skipWhitespace()
            if cursor.current == UInt8(ascii: "]") { cursor.advance(); return JSONNode(value: .array([]), position: start) }
            while true {
                items.append(try parseValue(depth: depth + 1))
                cursor.skipWhitespace()
                if cursor.current == UInt8(ascii: ",") { cursor.advance(); continue }
                if cursor.current == UInt8(ascii: "]") { cursor.advance(); break }
                if cursor.isAtEnd { throw error(cursor.position, "unexpected end of file inside the array opened at line \(start.line), column \(start.column); the file is truncated") }
                throw error(cursor.position, "expected ',' or ']' in the array, found \(describeHere())")
            }
            return JSONNode(value: .array(items), position: start)
        case UInt8(ascii: "\""):
            return JSONNode(value: .string(try parseString()), position: start)
        case UInt8(ascii: "-"), 0x30...0x39:
            return JSONNode(value: .number(try parseNumber()), position: start)
        default:
            // A bare word: true, false, null, or a mistake such as NaN or Infinity.
            let begin = cursor.offset
            while let c = cursor.current, c.isASCIILetter || c.isASCIIDigit || c == UInt8(ascii: "_") || c == UInt8(ascii: "+") { cursor.advance() }
            if cursor.offset == begin {
                throw error(start, "unexpected \(describeHere()): expected a value")
            }
            let word = String(decoding: cursor.bytes[begin..<cursor.offset], as: UTF8.self)
            switch word {
            case "true": return JSONNode(value: .bool(true), position: start)
            case "false": return JSONNode(value: .bool(false), position: start)
            case "null": return JSONNode(value: .null, position: start)
            case "NaN", "nan", "Infinity", "inf", "infinity", "Inf":
                throw error(start, "'\(word)' is not a number: payoffs must be finite numbers")
            default:
                throw error(start, "unexpected '\(word.prefix(40))': expected a value (a number, a string in double quotes, an array or an object)")
            }
        }
    }

    /// A string literal (cursor at the opening quote).
    private mutating func parseString() throws(GameFileError) -> String {
        let start = cursor.position
        cursor.advance()
        var bytes = [UInt8]()
        while true {
            guard let c = cursor.current else {
                throw error(start, "unterminated string: the quote opened here is never closed")
            }
            let here = cursor.position
            if c == UInt8(ascii: "\"") { cursor.advance(); break }
            if c < 0x20 {
                if c == 0x0A {
                    throw error(start, "unterminated string: the quote opened here is not closed before the end of the line")
                }
                throw error(here, "control character 0x\(String(c, radix: 16, uppercase: true)) in a string; write it as an escape")
            }
            cursor.advance()
            guard c == UInt8(ascii: "\\") else { bytes.append(c); continue }
            guard let e = cursor.current else { continue }
            cursor.advance()
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(e)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                var v = try hex4(here)
                if (0xD800..<0xDC00).contains(v), cursor.current == UInt8(ascii: "\\"), cursor.peek() == UInt8(ascii: "u") {
                    cursor.advance(); cursor.advance()
                    let low = try hex4(here)
                    if (0xDC00..<0xE000).contains(low) { v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00) }
                    else { throw error(here, "invalid surrogate pair in \\u escape") }
                }
                guard let scalar = Unicode.Scalar(v) else { throw error(here, "invalid \\u escape (a lone surrogate)") }
                bytes.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                throw error(here, "invalid escape '\\\(Character(Unicode.Scalar(e)))' in a string")
            }
        }
        guard let s = String(validating: bytes, as: UTF8.self) else {
            throw error(start, "the string is not valid UTF-8")
        }
        return s
    }

    private mutating func hex4(_ at: SourcePosition) throws(GameFileError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard let c = cursor.current, let d = hexValue(c) else {
                throw error(at, "invalid \\u escape: expected four hexadecimal digits")
            }
            v = v * 16 + d
            cursor.advance()
        }
        return v
    }

    private func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case 0x30...0x39: return UInt32(c - 0x30)
        case 0x41...0x46: return UInt32(c - 0x41 + 10)
        case 0x61...0x66: return UInt32(c - 0x61 + 10)
        default: return nil
        }
    }

    /// A number literal in strict JSON syntax: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
    private mutating func parseNumber() throws(GameFileError) -> String {
        let start = cursor.position
        let begin = cursor.offset
        func digits(_ c: inout SourceCursor) -> Int {
            var n = 0
            while let d = c.current, d.isASCIIDigit { c.advance(); n += 1 }
            return n
        }
        if cursor.current == UInt8(ascii: "-") { cursor.advance() }
        if cursor.current == UInt8(ascii: "I") {
            throw error(start, "'-Infinity' is not a number: payoffs must be finite numbers")
        }
        let intStart = cursor.current
        let intDigits = digits(&cursor)
        var bad = intDigits == 0 || (intStart == UInt8(ascii: "0") && intDigits > 1)
        if !bad, cursor.current == UInt8(ascii: ".") {
            cursor.advance()
            bad = digits(&cursor) == 0
        }
        if !bad, cursor.current == UInt8(ascii: "e") || cursor.current == UInt8(ascii: "E") {
            cursor.advance()
            if cursor.current == UInt8(ascii: "+") || cursor.current == UInt8(ascii: "-") { cursor.advance() }
            bad = digits(&cursor) == 0
        }
        if !bad, let c = cursor.current, c.isASCIILetter || c == UInt8(ascii: ".") { bad = true }
        if bad {
            while let c = cursor.current, NumberSyntax.isNumberByte(c) || c.isASCIILetter { cursor.advance() }
            let text = String(decoding: cursor.bytes[begin..<cursor.offset], as: UTF8.self)
            throw error(start, "'\(text.prefix(40))' is not a valid JSON number")
        }
        return String(decoding: cursor.bytes[begin..<cursor.offset], as: UTF8.self)
    }
}
