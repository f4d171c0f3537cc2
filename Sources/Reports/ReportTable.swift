/// One cell of a report table.
public enum TableCell: Sendable, Equatable {
    case text(String)
    /// A number shown with `digits` decimals in LaTeX and Markdown; CSV and JSON keep full
    /// precision (shortest round-trip form).
    case number(Double, digits: Int)
    case integer(Int)
    case missing

    /// The human-readable form (fixed decimals), used by LaTeX and Markdown.
    public var display: String {
        switch self {
        case let .text(s): return s
        case let .number(d, digits): return formatFixed(d, digits: digits)
        case let .integer(i): return String(i)
        case .missing: return "–"
        }
    }

    /// The machine-readable form, used by CSV.
    public var raw: String {
        switch self {
        case let .text(s): return s
        case let .number(d, _): return d.isFinite ? "\(d)" : (d.isNaN ? "NaN" : (d > 0 ? "inf" : "-inf"))
        case let .integer(i): return String(i)
        case .missing: return ""
        }
    }

    public var json: JSONValue {
        switch self {
        case let .text(s): return .string(s)
        case let .number(d, _): return .number(d)
        case let .integer(i): return .int(i)
        case .missing: return .null
        }
    }
}

/// A fixed-decimal rendering that never depends on the locale: `formatFixed(2.0/3, digits: 3)`
/// is `0.667`; −0 prints as 0; non-finite values as `NaN`, `inf`, `-inf`.
public func formatFixed(_ d: Double, digits: Int) -> String {
    guard d.isFinite else { return d.isNaN ? "NaN" : (d > 0 ? "inf" : "-inf") }
    let scale = Double.pow10(digits)
    var r = (abs(d) * scale).rounded()
    let negative = d < 0 && r != 0
    if r >= 9.007199254740992e15 { return "\(d)" }
    var intPart = UInt64(r / scale)
    var frac = UInt64(r - Double(intPart) * scale)
    if frac >= UInt64(scale) { intPart += 1; frac -= UInt64(scale) }
    r = 0
    var s = String(intPart)
    if digits > 0 {
        let f = String(frac)
        s += "." + String(repeating: "0", count: max(0, digits - f.count)) + f
    }
    return negative ? "-" + s : s
}

extension Double {
    static func pow10(_ n: Int) -> Double { (0..<max(0, n)).reduce(1.0) { a, _ in a * 10 } }
}

/// A column of a report table.
public struct TableColumn: Sendable, Equatable {
    public enum Alignment: Sendable, Equatable { case left, right, center }
    /// Machine name (CSV header, JSON key): e.g. `critical_delta`.
    public var key: String
    /// Human heading (LaTeX, Markdown): e.g. `Critical δ`.
    public var heading: String
    public var alignment: Alignment
    /// Whether LaTeX and Markdown show the column; CSV and JSON always have it (false for a
    /// column that is there for programs, e.g. a tornado's baseline repeated on every row).
    public var inPaperTables: Bool
    public init(key: String, heading: String? = nil, alignment: Alignment = .right, inPaperTables: Bool = true) {
        self.key = key
        self.heading = heading ?? key
        self.alignment = alignment
        self.inPaperTables = inPaperTables
    }
}

/// A table of results: one row per observation, one column per variable (tidy), with a
/// caption, a label, notes and provenance. Writers: `latex()`, `markdown()`, `csv()`, `json()`.
public struct ReportTable: Sendable, Equatable {
    public var caption: String
    /// The LaTeX label (`tab:...`) and the stem of file names.
    public var label: String
    public var columns: [TableColumn]
    public var rows: [[TableCell]]
    public var notes: [String]
    public var provenance: Provenance?

    public init(caption: String, label: String, columns: [TableColumn], rows: [[TableCell]],
                notes: [String] = [], provenance: Provenance? = nil) {
        precondition(rows.allSatisfy { $0.count == columns.count }, "every row needs one cell per column")
        self.caption = caption
        self.label = label
        self.columns = columns
        self.rows = rows
        self.notes = notes
        self.provenance = provenance
    }
}
