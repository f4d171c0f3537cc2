/// Writes games in Gambit's strategic-form file format (`.nfg`, format version 1).
///
/// Payoffs are written exactly: a game with an exact payoff table gets integers and fractions
/// (`3/4`); a floating-point game gets each `Double` as the shortest decimal that reads back
/// to the same `Double`, without an exponent (`0.1`, `0.00001`). Names are quoted with `\"`
/// and `\\` escapes. Profiles are in Gambit's order (player 1 fastest).
///
/// - Complexity: O(N · ∏ nᵢ).
///
/// References: The Gambit Project, "Game representation formats: the strategic game (.nfg)
/// file format", https://gambitproject.readthedocs.io/en/latest/formats.html
public struct NFGWriter: Sendable {
    /// Which of the two versions of the format to write.
    public enum Version: String, Sendable, CaseIterable {
        /// One outcome per profile, then the outcome numbers `1 2 … K`, laid out as pygambit's
        /// `Game.to_nfg` lays it out.
        case outcome
        /// A flat list of payoffs, N per profile.
        case payoff
    }

    public var version: Version

    public init(version: Version = .outcome) { self.version = version }

    /// The text of the `.nfg` file for `game`.
    public func write(_ game: NormalFormGame) -> String {
        var out = "NFG 1 R \(NFGWriter.quote(game.title)) { "
        out += game.players.map(NFGWriter.quote).joined(separator: " ")
        out += " }\n\n{ "
        out += game.actions.map { "{ " + $0.map(NFGWriter.quote).joined(separator: " ") + " }" }
            .joined(separator: "\n")
        out += "\n}\n\(NFGWriter.quote(game.comment))\n\n"
        let k = game.profileCount, n = game.playerCount
        let payoff: (Int, Int) -> String
        if let exact = game.exactPayoffTable {
            payoff = { p, i in exact[p][i].description }
        } else {
            let table = game.payoffTable
            payoff = { p, i in plainDecimal(table[p][i]) }
        }
        switch version {
        case .outcome:
            out += "{\n"
            for i in 0..<k {
                out += "{ \"\" "
                out += (0..<n).map { payoff($0, i) }.joined(separator: ", ")
                out += " }\n"
            }
            out += "}\n"
            for i in 1...max(k, 1) where i <= k { out += "\(i) " }
            out += "\n"
        case .payoff:
            for i in 0..<k {
                out += (0..<n).map { payoff($0, i) }.joined(separator: " ")
                out += "\n"
            }
        }
        return out
    }

    /// A Gambit string literal.
    static func quote(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            if ch == "\"" || ch == "\\" { out.append("\\") }
            out.unicodeScalars.append(ch)
        }
        out += "\""
        return out
    }
}

/// The shortest decimal that reads back to `x`, written without an exponent
/// (`1e-05` becomes `0.00001`, `1e+16` becomes `10000000000000000`). `x` must be finite.
func plainDecimal(_ x: Double) -> String {
    precondition(x.isFinite, "plainDecimal needs a finite number")
    if x == 0 { return "0" }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    let s = "\(x)"                      // Swift prints the shortest round-trip form
    guard let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) else {
        return s.hasSuffix(".0") ? String(s.dropLast(2)) : s
    }
    let exponent = Int(s[s.index(after: e)...])!
    var mantissa = String(s[..<e])
    let negative = mantissa.hasPrefix("-")
    if negative { mantissa.removeFirst() }
    let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
    let intDigits = String(parts[0])
    var fracDigits = parts.count > 1 ? String(parts[1]) : ""
    if fracDigits == "0" { fracDigits = "" }
    let digits = intDigits + fracDigits
    let point = intDigits.count + exponent       // position of the decimal point in `digits`
    var result: String
    if point <= 0 {
        result = "0." + String(repeating: "0", count: -point) + digits
    } else if point >= digits.count {
        result = digits + String(repeating: "0", count: point - digits.count)
    } else {
        let idx = digits.index(digits.startIndex, offsetBy: point)
        result = String(digits[..<idx]) + "." + String(digits[idx...])
    }
    return (negative ? "-" : "") + result
}
