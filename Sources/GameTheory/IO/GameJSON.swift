import BigInt

/// Reads games in Detente's game JSON format.
///
/// ```json
/// {"title": "Battle of the sexes", "players": ["Row", "Col"],
///  "actions": [["Opera", "Football"], ["Opera", "Football"]],
///  "payoffs": [[[2, 0], [0, 1]], [[1, 0], [0, 2]]]}
/// ```
/// `payoffs[p]` is player p's payoff as an N-dimensional nested array indexed
/// `[a₀][a₁]…[a_{N−1}]` by the players' action indices (so for two players `payoffs[0]` is the
/// row player's matrix A, row by row). Payoff entries are numbers or strings holding exact
/// values (`"3/4"`); numbers are read exactly from their text (`0.1` is 1/10). `title` and
/// `comment` are optional; other keys (such as `name` or `source`) are ignored, so the files
/// of `/work/shared/peers/games` load directly.
///
/// Every error is a `GameFileError` with the path, line and column.
///
/// - Complexity: O(file size + N · ∏ nᵢ).
public struct GameJSONReader: Sendable {
    public var path: String

    public init(path: String) { self.path = path }

    private func error(_ at: SourcePosition, _ message: String) -> GameFileError {
        GameFileError(path: path, line: at.line, column: at.column, message: message)
    }

    public func read(text: String) throws(GameFileError) -> NormalFormGame {
        try read(Array(text.utf8))
    }

    public func read(_ bytes: [UInt8]) throws(GameFileError) -> NormalFormGame {
        var parser = JSONParser(bytes: bytes, path: path)
        let root = try parser.parseDocument()
        guard case .object(let members) = root.value else {
            throw error(root.position, "expected a JSON object with \"players\", \"actions\" and \"payoffs\", found \(root.summary)")
        }
        var fields = [String: JSONNode]()
        for m in members { fields[m.key] = m.value }
        func required(_ key: String) throws(GameFileError) -> JSONNode {
            guard let v = fields[key] else { throw error(root.position, "missing key \"\(key)\" in the game object") }
            return v
        }
        func optionalString(_ key: String) throws(GameFileError) -> String {
            guard let v = fields[key] else { return "" }
            switch v.value {
            case .string(let s): return s
            case .null: return ""
            default: throw error(v.position, "\"\(key)\" must be a string, found \(v.summary)")
            }
        }
        let title = try optionalString("title")
        let comment = try optionalString("comment")

        let playersNode = try required("players")
        guard case .array(let playerItems) = playersNode.value else {
            throw error(playersNode.position, "\"players\" must be an array of names, found \(playersNode.summary)")
        }
        guard !playerItems.isEmpty else {
            throw error(playersNode.position, "the game has no players: \"players\" is empty")
        }
        var players = [String]()
        var seenPlayers = [String: Int]()
        for (i, item) in playerItems.enumerated() {
            guard case .string(let s) = item.value else {
                throw error(item.position, "player \(i + 1) must be a name in double quotes, found \(item.summary)")
            }
            if !s.isEmpty, let j = seenPlayers[s] {
                throw error(item.position, "two players are named \"\(s)\" (players \(j + 1) and \(i + 1)); names must be distinct")
            }
            seenPlayers[s] = i
            players.append(s)
        }
        let n = players.count

        let actionsNode = try required("actions")
        guard case .array(let actionLists) = actionsNode.value else {
            throw error(actionsNode.position, "\"actions\" must be an array of action-name arrays, found \(actionsNode.summary)")
        }
        guard actionLists.count == n else {
            throw error(actionsNode.position, "\"actions\" has \(counted(actionLists.count, "list")); the game has \(counted(n, "player"))")
        }
        var actions = [[String]]()
        for (p, list) in actionLists.enumerated() {
            guard case .array(let items) = list.value else {
                throw error(list.position, "actions of player \(p + 1) (\"\(players[p])\") must be an array of names, found \(list.summary)")
            }
            guard !items.isEmpty else {
                throw error(list.position, "player \(p + 1) (\"\(players[p])\") has an empty strategy list")
            }
            var names = [String]()
            var seen = [String: Int]()
            for (a, item) in items.enumerated() {
                guard case .string(let s) = item.value else {
                    throw error(item.position, "action \(a + 1) of player \(p + 1) must be a name in double quotes, found \(item.summary)")
                }
                if !s.isEmpty, let j = seen[s] {
                    throw error(item.position, "player \(p + 1) (\"\(players[p])\") has two strategies named \"\(s)\" (strategies \(j + 1) and \(a + 1)); names must be distinct")
                }
                seen[s] = a
                names.append(s)
            }
            actions.append(names)
        }
        // Reject a huge size before allocating the table.
        var profiles = 1
        for a in actions {
            let (c, overflow) = profiles.multipliedReportingOverflow(by: a.count)
            guard !overflow, c <= NormalFormGame.maximumProfileCount else {
                let dims = actions.map { String($0.count) }.joined(separator: " × ")
                throw error(actionsNode.position, "the game declares \(dims) strategy profiles; at most \(NormalFormGame.maximumProfileCount) are supported")
            }
            profiles = c
        }
        // Every profile needs at least one byte of payoff text, so a declared size beyond the
        // file's length is an error now, before a payoff table is allocated for it. (The
        // amplification the .nfg fuzzer found, here too: a 310-byte file of seven players with
        // ten unnamed actions each made the reader allocate ten million payoffs, 840 MB.)
        guard profiles <= bytes.count else {
            let dims = actions.map { String($0.count) }.joined(separator: " × ")
            throw error(actionsNode.position, "the game declares \(dims) = \(profiles) strategy profiles, more than this \(bytes.count)-byte file can hold payoffs for")
        }

        let payoffsNode = try required("payoffs")
        guard case .array(let tables) = payoffsNode.value else {
            throw error(payoffsNode.position, "\"payoffs\" must be an array with one payoff array per player, found \(payoffsNode.summary)")
        }
        guard tables.count == n else {
            throw error(payoffsNode.position, "\"payoffs\" has \(counted(tables.count, "entry", "entries")); the game has \(counted(n, "player")) (one nested payoff array each)")
        }
        let shape = actions.map(\.count)
        var strides = [Int](repeating: 1, count: n)
        for p in 1..<max(n, 1) { strides[p] = strides[p - 1] * shape[p - 1] }
        var result = [[Rational]]()
        for (p, t) in tables.enumerated() {
            var flat = [Rational](repeating: .zero, count: profiles)
            try fill(&flat, node: t, level: 0, offset: 0, shape: shape, strides: strides,
                     label: "payoffs[\(p)]", players: players)
            result.append(flat)
        }
        do {
            return try NormalFormGame(title: title, comment: comment, players: players, actions: actions, exactPayoffs: result)
        } catch {
            throw self.error(root.position, "\(error)")
        }
    }

    private func fill(_ flat: inout [Rational], node: JSONNode, level: Int, offset: Int, shape: [Int],
                      strides: [Int], label: String, players: [String]) throws(GameFileError) {
        if level == shape.count {
            let value: Rational
            switch node.value {
            case .number(let text), .string(let text):
                switch NumberSyntax.rational(text) {
                case .success(let r): value = r
                case .failure(let e):
                    if case .string = node.value, !(text.utf8.allSatisfy(NumberSyntax.isNumberByte) && text.utf8.contains(where: \.isASCIIDigit)) {
                        throw error(node.position, "\(label) is \(node.summary); payoffs must be numbers or exact values such as \"3/4\"")
                    }
                    throw error(node.position, "\(label): \(e.message)")
                }
            default:
                throw error(node.position, "\(label) is \(node.summary); payoffs must be numbers or exact values such as \"3/4\"")
            }
            flat[offset] = value
            return
        }
        let p = level
        guard case .array(let items) = node.value else {
            throw error(node.position, "\(label) must be an array over the \(shape[p]) actions of player \(p + 1) (\"\(players[p])\"), found \(node.summary)")
        }
        guard items.count == shape[p] else {
            throw error(node.position, "\(label) has \(counted(items.count, "entry", "entries")); player \(p + 1) (\"\(players[p])\") has \(counted(shape[p], "action"))")
        }
        for (a, item) in items.enumerated() {
            try fill(&flat, node: item, level: level + 1, offset: offset + a * strides[p], shape: shape,
                     strides: strides, label: label + "[\(a)]", players: players)
        }
    }
}

/// Writes games in Detente's game JSON format (see `GameJSONReader`), with sorted keys.
///
/// Exact payoffs are written as JSON integers, as exact decimals when the denominator has no
/// prime factors other than 2 and 5 (`0.25`), and otherwise as strings (`"1/3"`); a
/// floating-point game has each payoff as the shortest decimal that reads back to the same
/// `Double`. Reading the output gives back the same game.
///
/// - Complexity: O(N · ∏ nᵢ).
public struct GameJSONWriter: Sendable {
    public init() {}

    /// The game as a JSON value (keys `title`, `players`, `actions`, `payoffs`, and `comment`
    /// when it is not empty).
    public func json(_ game: NormalFormGame) -> SortedJSON {
        let shape = game.shape
        let n = shape.count
        let entry: (Int, Int) -> SortedJSON
        if let exact = game.exactPayoffTable {
            entry = { p, k in GameJSONWriter.exactJSON(exact[p][k]) }
        } else {
            let table = game.payoffTable
            entry = { p, k in .numberLiteral(plainDecimal(table[p][k])) }
        }
        var strides = [Int](repeating: 1, count: n)
        for p in 1..<max(n, 1) { strides[p] = strides[p - 1] * shape[p - 1] }
        func nested(_ p: Int, level: Int, offset: Int) -> SortedJSON {
            if level == n { return entry(p, offset) }
            return .array((0..<shape[level]).map { nested(p, level: level + 1, offset: offset + $0 * strides[level]) })
        }
        var object: [String: SortedJSON] = [
            "title": .string(game.title),
            "players": .array(game.players.map(SortedJSON.string)),
            "actions": .array(game.actions.map { .array($0.map(SortedJSON.string)) }),
            "payoffs": .array((0..<n).map { nested($0, level: 0, offset: 0) }),
        ]
        if !game.comment.isEmpty { object["comment"] = .string(game.comment) }
        return .object(object)
    }

    /// The JSON text of the game, ending with a newline.
    public func write(_ game: NormalFormGame) -> String {
        json(game).serialized() + "\n"
    }

    /// An exact value as a JSON number when it has a finite decimal expansion, else a string.
    public static func exactJSON(_ r: Rational) -> SortedJSON {
        if let d = finiteDecimal(r) { return .numberLiteral(d) }
        return .string(r.description)
    }

    /// The exact decimal expansion of `r` when its denominator is 2ᵃ5ᵇ (`3/8` → `0.375`).
    public static func finiteDecimal(_ r: Rational) -> String? {
        if r.isInteger { return r.numerator.description }
        var d = r.denominator
        var twos = 0, fives = 0
        while d % 2 == 0 { d /= 2; twos += 1 }
        while d % 5 == 0 { d /= 5; fives += 1 }
        guard d == 1 else { return nil }
        let places = max(twos, fives)
        let scaled = r.numerator * BigInt(10).power(places) / r.denominator
        let negative = scaled.signum() < 0
        var digits = scaled.magnitude.description
        if digits.count <= places { digits = String(repeating: "0", count: places - digits.count + 1) + digits }
        let point = digits.index(digits.endIndex, offsetBy: -places)
        return (negative ? "-" : "") + digits[..<point] + "." + digits[point...]
    }
}
