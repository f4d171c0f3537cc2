extension SortedJSON {
    /// Parses JSON text (RFC 8259) into a `SortedJSON` value, keeping each number's literal
    /// text, so that the output of a `JSONEncoder` can be embedded in a report without its
    /// numbers being reformatted.
    ///
    /// - Complexity: linear in the input size.
    /// - Throws: `GameFileError` at the line and column of the first syntax error (`path`
    ///   names the input in the message).
    public init(parsing bytes: [UInt8], path: String = "<json>") throws(GameFileError) {
        var parser = JSONParser(bytes: bytes, path: path)
        self = SortedJSON(node: try parser.parseDocument())
    }

    init(node: JSONNode) {
        switch node.value {
        case .object(let members):
            var o = [String: SortedJSON]()
            for m in members { o[m.key] = SortedJSON(node: m.value) }
            self = .object(o)
        case .array(let items): self = .array(items.map(SortedJSON.init(node:)))
        case .string(let s): self = .string(s)
        case .number(let s): self = .numberLiteral(s)
        case .bool(let b): self = .bool(b)
        case .null: self = .null
        }
    }
}
