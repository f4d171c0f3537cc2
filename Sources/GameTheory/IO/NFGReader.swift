/// Reads games in Gambit's strategic-form file format (`.nfg`, format version 1).
///
/// Both versions of the format are read:
/// - the *payoff version*: after the header and the strategy block, one payoff per player for
///   every pure profile, profiles in Gambit's order (player 1's strategy varies fastest, the
///   same as `NormalFormGame`'s flat index);
/// - the *outcome version*: a block of outcomes `{ "name" u1, u2, … }` (commas optional), then
///   one outcome number per profile in the same order, where 0 is the null outcome (all
///   payoffs zero) and `k` the k-th outcome.
///
/// The header is `NFG 1 R "title" { "player 1" "player 2" … }` (`D` for decimal files is also
/// accepted), followed by the strategy block — either named strategies
/// `{ { "s1" "s2" } { "t1" "t2" "t3" } }` or, in the older form, strategy counts `{ 2 3 }` — and
/// an optional comment string. Strings use `\"` and `\\` escapes. Payoffs may be integers,
/// fractions (`3/4`) or decimals (`0.25`, `1e-3`) and are read exactly as `Rational`.
///
/// Every error is a `GameFileError` with the path, line and column; a declared size above
/// `NormalFormGame.maximumProfileCount` profiles is rejected before anything is allocated.
///
/// - Complexity: O(file size + N · ∏ nᵢ), one pass with no backtracking.
///
/// References: The Gambit Project, "Game representation formats: the strategic game (.nfg)
/// file format", https://gambitproject.readthedocs.io/en/latest/formats.html
public struct NFGReader: Sendable {
    /// The path used in error messages.
    public var path: String

    public init(path: String) { self.path = path }

    /// Parses a game from the bytes of an `.nfg` file.
    public func read(_ bytes: [UInt8]) throws(GameFileError) -> NormalFormGame {
        var parser = NFGParser(lexer: NFGLexer(cursor: SourceCursor(bytes), path: path), path: path)
        return try parser.parseGame()
    }

    /// Parses a game from the text of an `.nfg` file.
    public func read(text: String) throws(GameFileError) -> NormalFormGame {
        try read(Array(text.utf8))
    }
}

// MARK: - Lexer

struct NFGToken {
    enum Kind: Equatable {
        case openBrace, closeBrace, comma, string, number, word, end
    }
    var kind: Kind
    var text: String
    var position: SourcePosition

    /// How the token reads in an error message.
    var quoted: String {
        switch kind {
        case .openBrace: return "'{'"
        case .closeBrace: return "'}'"
        case .comma: return "','"
        case .string: return "the string \"\(text.count > 40 ? text.prefix(40) + "…" : Substring(text))\""
        case .number, .word: return "'\(text.count > 40 ? text.prefix(40) + "…" : Substring(text))'"
        case .end: return "the end of the file"
        }
    }
}

struct NFGLexer {
    var cursor: SourceCursor
    let path: String
    /// Where the last string that ran over a line break started (a likely missing quote).
    var lastMultilineString: SourcePosition?

    mutating func next() throws(GameFileError) -> NFGToken {
        cursor.skipWhitespace()
        let start = cursor.position
        guard let b = cursor.current else { return NFGToken(kind: .end, text: "", position: start) }
        switch b {
        case UInt8(ascii: "{"):
            cursor.advance(); return NFGToken(kind: .openBrace, text: "{", position: start)
        case UInt8(ascii: "}"):
            cursor.advance(); return NFGToken(kind: .closeBrace, text: "}", position: start)
        case UInt8(ascii: ","):
            cursor.advance(); return NFGToken(kind: .comma, text: ",", position: start)
        case UInt8(ascii: "\""):
            cursor.advance()
            var bytes = [UInt8]()
            while true {
                guard let c = cursor.current else {
                    var message = "unterminated string: the quote opened here is never closed"
                    if let m = lastMultilineString {
                        message += " (the string opened at line \(m.line), column \(m.column) runs over a line break: is its closing quote missing?)"
                    }
                    throw GameFileError(path: path, line: start.line, column: start.column, message: message)
                }
                cursor.advance()
                if c == UInt8(ascii: "\"") { break }
                if c == UInt8(ascii: "\\") {
                    guard let e = cursor.current else { continue }
                    bytes.append(e)
                    cursor.advance()
                } else {
                    bytes.append(c)
                }
            }
            if bytes.contains(0x0A) { lastMultilineString = start }
            return NFGToken(kind: .string, text: String(decoding: bytes, as: UTF8.self), position: start)
        default:
            let begin = cursor.offset
            let isNumber = b.isASCIIDigit || b == UInt8(ascii: "-") || b == UInt8(ascii: "+") || b == UInt8(ascii: ".")
            while let c = cursor.current, !(c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D
                                             || c == UInt8(ascii: "{") || c == UInt8(ascii: "}")
                                             || c == UInt8(ascii: "\"") || c == UInt8(ascii: ",")) {
                cursor.advance()
            }
            let text = String(decoding: cursor.bytes[begin..<cursor.offset], as: UTF8.self)
            return NFGToken(kind: isNumber ? .number : .word, text: text, position: start)
        }
    }
}

// MARK: - Parser

struct NFGParser {
    var lexer: NFGLexer
    let path: String
    private var lookahead: NFGToken?
    /// The start of the last string token taken if it spanned lines (a likely missing quote).
    private var multilineString: SourcePosition?
    private var lastTaken: NFGToken?

    init(lexer: NFGLexer, path: String) {
        self.lexer = lexer
        self.path = path
    }

    private mutating func peek() throws(GameFileError) -> NFGToken {
        if let t = lookahead { return t }
        let t = try lexer.next()
        lookahead = t
        return t
    }

    private mutating func take() throws(GameFileError) -> NFGToken {
        let t = try peek()
        lookahead = nil
        if let last = lastTaken, last.kind == .string, last.text.contains("\n") {
            multilineString = last.position
        } else {
            multilineString = nil
        }
        lastTaken = t
        return t
    }

    private func error(_ at: SourcePosition, _ message: String) -> GameFileError {
        GameFileError(path: path, line: at.line, column: at.column, message: message)
    }

    private func unexpected(_ t: NFGToken, expecting what: String) -> GameFileError {
        if t.kind == .end {
            return error(t.position, "unexpected end of file: expected \(what); the file is truncated")
        }
        var message = "expected \(what), found \(t.quoted)"
        if let m = multilineString {
            message += " (the string opened at line \(m.line), column \(m.column) runs over a line break: is its closing quote missing?)"
        }
        return error(t.position, message)
    }

    private mutating func expect(_ kind: NFGToken.Kind, _ what: String) throws(GameFileError) -> NFGToken {
        let t = try take()
        guard t.kind == kind else { throw unexpected(t, expecting: what) }
        return t
    }

    /// A list of strings up to the closing brace (the opening brace already read).
    private mutating func stringList(_ what: String) throws(GameFileError) -> [(String, SourcePosition)] {
        var names = [(String, SourcePosition)]()
        while true {
            let t = try take()
            switch t.kind {
            case .string: names.append((t.text, t.position))
            case .closeBrace: return names
            default: throw unexpected(t, expecting: "\(what) in quotes or '}'")
            }
        }
    }

    mutating func parseGame() throws(GameFileError) -> NormalFormGame {
        // Header: NFG 1 R "title" { players }
        let magic = try take()
        if magic.kind == .end {
            throw error(magic.position, "empty file: expected a Gambit strategic-form game starting with 'NFG 1 R'")
        }
        guard magic.kind == .word, magic.text == "NFG" else {
            throw error(magic.position, "expected 'NFG' at the start of a Gambit strategic-form file, found \(magic.quoted)")
        }
        let version = try take()
        guard version.kind == .number else { throw unexpected(version, expecting: "the format version 1") }
        guard version.text == "1" else {
            throw error(version.position, "unsupported NFG format version '\(version.text)'; only version 1 is supported")
        }
        let kind = try take()
        guard kind.kind == .word, kind.text == "R" || kind.text == "D" else {
            throw unexpected(kind, expecting: "'R' or 'D' after 'NFG 1'")
        }
        let title = try expect(.string, "the game's title in quotes").text
        let playersOpen = try expect(.openBrace, "'{' to open the list of player names")
        let playerEntries = try stringList("a player name")
        guard !playerEntries.isEmpty else {
            throw error(playersOpen.position, "the game has no players: the list of player names is empty")
        }
        try checkDuplicates(playerEntries, what: "player", owner: nil)
        let players = playerEntries.map(\.0)
        let n = players.count

        // Strategy block: either named strategies or counts.
        let blockOpen = try expect(.openBrace, "'{' to open the strategy block")
        var actions = [[String]]()
        // Strategy counts (the older form); their names "1", "2"… are made only once the
        // declared size is known to fit the file, so a short file cannot make millions.
        var counts = [Int]()
        let first = try peek()
        switch first.kind {
        case .openBrace:
            while true {
                let t = try take()
                if t.kind == .closeBrace { break }
                guard t.kind == .openBrace else { throw unexpected(t, expecting: "'{' to open a player's strategy names, or '}'") }
                guard actions.count < n else {
                    throw error(t.position, "the strategy block has more than \(n) strategy lists; the game has \(n) players")
                }
                let player = players[actions.count]
                let names = try stringList("a strategy name")
                guard !names.isEmpty else {
                    throw error(t.position, "player \(actions.count + 1) (\"\(player)\") has an empty strategy list")
                }
                try checkDuplicates(names, what: "strategy", owner: "player \(actions.count + 1) (\"\(player)\")")
                actions.append(names.map(\.0))
            }
        case .number:
            while true {
                let t = try take()
                if t.kind == .closeBrace { break }
                guard t.kind == .number else { throw unexpected(t, expecting: "a strategy count or '}'") }
                guard counts.count < n else {
                    throw error(t.position, "the strategy block has more than \(n) strategy counts; the game has \(n) players")
                }
                let player = players[counts.count]
                guard t.text.allSatisfy({ $0.isASCII && $0.isNumber }), let count = Int(t.text) else {
                    if t.text.hasPrefix("-") || !t.text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "+") }) {
                        throw error(t.position, "strategy count '\(t.text)' of player \(counts.count + 1) (\"\(player)\") is not a positive integer")
                    }
                    throw error(t.position, "strategy count '\(t.text)' of player \(counts.count + 1) (\"\(player)\") is too large; at most \(NormalFormGame.maximumProfileCount) profiles are supported")
                }
                guard count > 0 else {
                    throw error(t.position, "player \(counts.count + 1) (\"\(player)\") has an empty strategy list (count 0)")
                }
                guard count <= NormalFormGame.maximumProfileCount else {
                    throw error(t.position, "strategy count \(count) of player \(counts.count + 1) (\"\(player)\") is too large; at most \(NormalFormGame.maximumProfileCount) profiles are supported")
                }
                counts.append(count)
            }
        case .closeBrace:
            throw error(first.position, "the strategy block is empty; expected strategies for \(n) players")
        default:
            throw unexpected(first, expecting: "'{' with a player's strategy names or a strategy count")
        }
        let shape = counts.isEmpty ? actions.map(\.count) : counts
        guard shape.count == n else {
            throw error(blockOpen.position, "the strategy block lists strategies for \(shape.count) of the \(n) players")
        }
        // Reject a huge declared size before allocating anything.
        var profiles = 1
        for count in shape {
            let (c, overflow) = profiles.multipliedReportingOverflow(by: count)
            guard !overflow, c <= NormalFormGame.maximumProfileCount else {
                let dims = shape.map(String.init).joined(separator: " × ")
                throw error(blockOpen.position, "the game declares \(dims) strategy profiles; at most \(NormalFormGame.maximumProfileCount) are supported")
            }
            profiles = c
        }
        // Every profile needs at least one byte of payoff or outcome number, so a declared size
        // beyond the file's length is an error now, before the table (and, for counts, the
        // strategy names) would be allocated for it. (Found by fuzzing: a 140-byte file with
        // the count 33333311 spent minutes making names and reserving payoff storage.)
        let fileSize = lexer.cursor.bytes.count
        guard profiles <= fileSize else {
            let dims = shape.map(String.init).joined(separator: " × ")
            throw error(blockOpen.position, "the game declares \(dims) = \(profiles) strategy profiles, more than this \(fileSize)-byte file can hold payoffs for; is a strategy count wrong?")
        }
        if !counts.isEmpty { actions = counts.map { (1...$0).map(String.init) } }

        // Optional comment.
        var comment = ""
        if try peek().kind == .string { comment = try take().text }

        let payoffs: [[Rational]]
        if try peek().kind == .openBrace {
            payoffs = try outcomeVersion(players: players, actions: actions, profiles: profiles)
        } else {
            payoffs = try payoffVersion(players: players, actions: actions, profiles: profiles)
        }
        let trailing = try take()
        guard trailing.kind == .end else {
            throw error(trailing.position, "unexpected \(trailing.quoted) after the end of the game")
        }
        do {
            return try NormalFormGame(title: title, comment: comment, players: players, actions: actions, exactPayoffs: payoffs)
        } catch {
            throw self.error(SourcePosition(line: 1, column: 1), "\(error)")
        }
    }

    private func checkDuplicates(_ names: [(String, SourcePosition)], what: String, owner: String?) throws(GameFileError) {
        let plural = what == "strategy" ? "strategies" : what + "s"
        var seen = [String: Int]()
        for (i, (name, pos)) in names.enumerated() where !name.isEmpty {
            if let j = seen[name] {
                let whose = owner.map { "\($0) has two strategies" } ?? "two players are"
                throw error(pos, "\(whose) named \"\(name)\" (\(plural) \(j + 1) and \(i + 1)); names must be distinct")
            }
            seen[name] = i
        }
    }

    /// Describes the profile with flat index `k` by its strategy names.
    private func profileName(_ k: Int, _ actions: [[String]]) -> String {
        var k = k
        let names = actions.map { a -> String in
            let i = k % a.count
            k /= a.count
            return a[i].isEmpty ? String(i + 1) : a[i]
        }
        return "(" + names.joined(separator: ", ") + ")"
    }

    /// The exact value of a number token; `what` (built only on error) names it in messages.
    private func number(_ t: NFGToken, what: @autoclosure () -> String) throws(GameFileError) -> Rational {
        if t.kind == .number, let fast = NumberSyntax.smallInteger(t.text) { return fast }
        let what = what()
        guard t.kind == .number else {
            if t.kind == .word {
                let lower = t.text.lowercased()
                if lower.contains("nan") || lower.contains("inf") {
                    throw error(t.position, "\(what) is '\(t.text)'; payoffs must be finite numbers")
                }
            }
            throw unexpected(t, expecting: "\(what) (an integer, a fraction like 3/4 or a decimal like 0.25)")
        }
        switch NumberSyntax.rational(t.text) {
        case .success(let r): return r
        case .failure(let e): throw error(t.position, "\(what): \(e.message)")
        }
    }

    private mutating func payoffVersion(players: [String], actions: [[String]], profiles: Int) throws(GameFileError) -> [[Rational]] {
        let n = players.count
        let expected = n * profiles
        var table = [[Rational]](repeating: [], count: n)
        for p in 0..<n { table[p].reserveCapacity(profiles) }
        var found = 0
        while found < expected {
            var t = try take()
            if t.kind == .comma { t = try take() }
            guard t.kind == .number else {
                if t.kind == .end || t.kind == .closeBrace || t.kind == .openBrace || t.kind == .string {
                    throw error(t.position, "expected \(expected) payoffs for \(n) players × \(profiles) profiles, found \(found)")
                }
                let k = found / n, p = found % n
                _ = try number(t, what: "payoff \(found + 1) (player \(p + 1) at \(profileName(k, actions)))")
                throw unexpected(t, expecting: "a payoff")
            }
            let k = found / n, p = found % n
            table[p].append(try number(t, what: "payoff \(found + 1) (player \(p + 1) at \(profileName(k, actions)))"))
            found += 1
        }
        // Count any surplus numbers to say how many there were.
        var t = try peek()
        if t.kind == .comma { _ = try take(); t = try peek() }
        if t.kind == .number {
            let first = t.position
            var extra = 0
            while true {
                let u = try peek()
                if u.kind == .number { extra += 1; _ = try take() }
                else if u.kind == .comma { _ = try take() }
                else { break }
            }
            throw error(first, "expected \(expected) payoffs for \(n) players × \(profiles) profiles, found \(expected + extra)")
        }
        return table
    }

    private mutating func outcomeVersion(players: [String], actions: [[String]], profiles: Int) throws(GameFileError) -> [[Rational]] {
        let n = players.count
        _ = try expect(.openBrace, "'{' to open the outcome list")
        var outcomes = [[Rational]]()
        while true {
            let t = try take()
            if t.kind == .closeBrace { break }
            guard t.kind == .openBrace else { throw unexpected(t, expecting: "'{' to open an outcome, or '}' to end the outcome list") }
            let index = outcomes.count + 1
            // Optional outcome name.
            if try peek().kind == .string { _ = try take() }
            var u = [Rational]()
            while true {
                let v = try take()
                if v.kind == .closeBrace { break }
                if v.kind == .comma { continue }
                guard u.count < n else {
                    throw error(v.position, "outcome \(index) has more than \(n) payoffs; the game has \(n) players")
                }
                u.append(try number(v, what: "payoff of player \(u.count + 1) in outcome \(index)"))
            }
            guard u.count == n else {
                throw error(t.position, "outcome \(index) has \(counted(u.count, "payoff")); the game has \(counted(n, "player"))")
            }
            outcomes.append(u)
        }
        var table = [[Rational]](repeating: [], count: n)
        for p in 0..<n { table[p].reserveCapacity(profiles) }
        var found = 0
        while found < profiles {
            let t = try take()
            guard t.kind == .number else {
                if t.kind == .end || t.kind == .closeBrace || t.kind == .openBrace || t.kind == .string {
                    throw error(t.position, "expected \(profiles) outcome numbers, one per strategy profile, found \(found)")
                }
                throw unexpected(t, expecting: "the outcome number of profile \(found + 1) \(profileName(found, actions))")
            }
            guard t.text.allSatisfy({ $0.isASCII && $0.isNumber }), let k = Int(t.text), k <= outcomes.count else {
                throw error(t.position, "outcome number '\(t.text)' of profile \(found + 1) \(profileName(found, actions)) is out of range: there are \(outcomes.count) outcomes (0 means no outcome)")
            }
            for p in 0..<n { table[p].append(k == 0 ? Rational.zero : outcomes[k - 1][p]) }
            found += 1
        }
        if try peek().kind == .number {
            let first = try peek().position
            var extra = 0
            while try peek().kind == .number { extra += 1; _ = try take() }
            throw error(first, "expected \(profiles) outcome numbers, one per strategy profile, found \(profiles + extra)")
        }
        return table
    }
}
