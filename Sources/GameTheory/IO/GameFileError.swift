/// An error in a game file, with the position of the offending text.
///
/// `line` and `column` are 1-based; the column counts Unicode scalars (not bytes) from the
/// start of the line, as editors do. `description` is `PATH:LINE:COLUMN: message`, the format
/// compilers use, so editors can jump to the place. Errors that concern the whole file (it
/// cannot be read, its extension is unknown) have `line == 0` and read `PATH: message`.
/// Model files use the same type (PolicyModels' `Diagnostic`), so every positioned error the
/// tool prints has one format.
public struct GameFileError: Error, Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
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

    public var description: String {
        line > 0 ? "\(path):\(line):\(column): \(message)" : "\(path): \(message)"
    }

    /// An error about the whole file (no position).
    public static func file(_ path: String, _ message: String) -> GameFileError {
        GameFileError(path: path, line: 0, column: 0, message: message)
    }
}

/// A position in a source text: 1-based line and column (column in Unicode scalars, as
/// editors and libyaml count). Used by the game readers and the model reader.
public struct SourcePosition: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public var description: String { "\(line):\(column)" }
}

/// A byte cursor over a file's UTF-8 text that keeps the line and column of its position.
///
/// Every advance is O(1), so a reader built on it runs in time linear in the file size.
struct SourceCursor {
    let bytes: [UInt8]
    private(set) var offset: Int = 0
    private(set) var line: Int = 1
    private(set) var column: Int = 1

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        // A UTF-8 byte-order mark is not part of the text.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
    }

    var position: SourcePosition { SourcePosition(line: line, column: column) }
    var isAtEnd: Bool { offset >= bytes.count }
    var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }
    func peek(_ k: Int = 1) -> UInt8? { offset + k < bytes.count ? bytes[offset + k] : nil }

    /// Moves past one byte, updating line and column (continuation bytes of a multi-byte
    /// character do not advance the column).
    mutating func advance() {
        guard offset < bytes.count else { return }
        let b = bytes[offset]
        offset += 1
        if b == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if b & 0xC0 != 0x80 {
            // A carriage return before a newline does not count as a column either way.
            column += 1
        }
    }

    /// Skips spaces, tabs, carriage returns and newlines.
    mutating func skipWhitespace() {
        while let b = current, b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { advance() }
    }
}

extension UInt8 {
    var isASCIIDigit: Bool { self >= 0x30 && self <= 0x39 }
    var isASCIILetter: Bool { (self >= 0x41 && self <= 0x5A) || (self >= 0x61 && self <= 0x7A) }
}

/// Exact parsing of the number syntax shared by the readers.
enum NumberSyntax {
    /// The largest decimal exponent accepted in a payoff (`1e400` is larger than any `Double`
    /// anyway; the bound keeps exact parsing fast on hostile input).
    static let maximumExponent = 400
    /// The longest number literal accepted, in characters.
    static let maximumLength = 1000

    /// Parses an exact number literal (`-3`, `3/4`, `0.25`, `1e-3`) that has already been
    /// checked for its characters, and checks that it is finite as a `Double` too.
    /// Returns the value or a message explaining what is wrong.
    static func rational(_ text: String) -> Result<Rational, NumberError> {
        if let fast = smallInteger(text) { return .success(fast) }
        if text.utf8.count > maximumLength {
            return .failure(.init(message: "number '\(text.prefix(20))…' has more than \(maximumLength) characters"))
        }
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            let ex = text[text.index(after: e)...]
            if let v = Int(ex), abs(v) > maximumExponent {
                return .failure(.init(message: "number '\(text)' has exponent \(v); at most ±\(maximumExponent) is supported"))
            }
            if Int(ex) == nil {
                let digits = ex.drop(while: { $0 == "+" || $0 == "-" })
                if !digits.isEmpty && digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
                    return .failure(.init(message: "number '\(text.prefix(40))' has an exponent out of range; at most ±\(maximumExponent) is supported"))
                }
            }
        }
        if let i = Int(text) { return .success(Rational(i)) }
        if let slash = text.firstIndex(of: "/"), text[text.index(after: slash)...].allSatisfy({ $0 == "0" || $0 == "+" || $0 == "-" }),
           !text[text.index(after: slash)...].isEmpty, text[text.index(after: slash)...].contains("0") {
            return .failure(.init(message: "number '\(text)' divides by zero"))
        }
        guard let r = Rational(parsing: text) else {
            let lower = text.lowercased()
            if lower.contains("inf") || lower.contains("nan") {
                return .failure(.init(message: "'\(text)' is not a finite number; payoffs must be finite numbers"))
            }
            return .failure(.init(message: "'\(text.prefix(40))' is not a number"))
        }
        if !r.doubleValue.isFinite {
            return .failure(.init(message: "number '\(text.prefix(40))' is too large for floating-point arithmetic (beyond ±1.8e308)"))
        }
        return .success(r)
    }

    struct NumberError: Error { var message: String }

    /// A plain integer literal of at most 18 digits (optionally signed), without going through
    /// `Character` processing: the common case of payoffs, kept fast.
    static func smallInteger(_ text: String) -> Rational? {
        var value = 0
        var negative = false
        var digits = 0
        for (i, b) in text.utf8.enumerated() {
            if i == 0 && (b == UInt8(ascii: "-") || b == UInt8(ascii: "+")) {
                negative = b == UInt8(ascii: "-")
                continue
            }
            guard b.isASCIIDigit, digits < 18 else { return nil }
            value = value * 10 + Int(b - 0x30)
            digits += 1
        }
        guard digits > 0 else { return nil }
        return Rational(negative ? -value : value)
    }

    /// Whether a byte can continue a number token (digits, sign, point, slash, exponent).
    static func isNumberByte(_ b: UInt8) -> Bool {
        b.isASCIIDigit || b == UInt8(ascii: ".") || b == UInt8(ascii: "/") || b == UInt8(ascii: "e")
            || b == UInt8(ascii: "E") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
    }
}

/// `"1 payoff"`, `"3 payoffs"`: a count with its noun in the right number.
func counted(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(n) \(n == 1 ? singular : (plural ?? singular + "s"))"
}
