import Foundation
import GameTheory
import Yams

/// Reads and validates a model file, collecting every problem before giving up.
///
/// Returns the model when there is no error. Errors: `PATH:LINE:COLUMN: message`.
public func loadModel(path: String) throws(ModelDiagnostics) -> PolicyModel {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw ModelDiagnostics([Diagnostic(path: path, line: 1, column: 1, message: "cannot read the file")])
    }
    guard let text = String(data: data, encoding: .utf8) else {
        throw ModelDiagnostics([Diagnostic(path: path, line: 1, column: 1, message: "the file is not UTF-8 text")])
    }
    return try loadModel(yaml: text, path: path)
}

/// Reads and validates a model from YAML text; `path` is used in diagnostics.
public func loadModel(yaml: String, path: String) throws(ModelDiagnostics) -> PolicyModel {
    var reader = ModelReader(path: path, text: yaml)
    let model = reader.read()
    reader.diagnostics.sort { ($0.line, $0.column) < ($1.line, $1.column) }
    if let model, reader.diagnostics.isEmpty { return model }
    throw ModelDiagnostics(reader.diagnostics)
}

/// Every problem of a model file (empty when the file is valid).
public func check(path: String) -> [Diagnostic] {
    do {
        _ = try loadModel(path: path)
        return []
    } catch {
        return error.diagnostics
    }
}

private let topLevelKeys = ["format", "title", "source", "description", "players", "parameters",
                            "discount", "domains", "negotiation", "states", "scenarios"]

struct ModelReader {
    let path: String
    let text: String
    var diagnostics: [Diagnostic] = []
    var parameterNames: [String] = []
    var players: [String] = []
    /// False when the player list had errors (domains are then not read, to avoid cascades).
    var playersValid = true
    var playerCount: String { "\(players.count) player\(players.count == 1 ? "" : "s")" }

    init(path: String, text: String) { self.path = path; self.text = text }

    // MARK: Helpers

    func position(_ node: Node) -> SourcePosition {
        guard let m = node.mark else { return SourcePosition(line: 1, column: 1) }
        return SourcePosition(line: m.line, column: m.column)
    }

    mutating func error(_ at: SourcePosition, _ message: String) {
        diagnostics.append(Diagnostic(path: path, line: at.line, column: at.column, message: message))
    }
    mutating func error(_ node: Node, _ message: String) { error(position(node), message) }

    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return "'\(s.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// The pairs of a mapping with string keys; reports unknown keys against `allowed`.
    mutating func pairs(_ node: Node, what: String, allowed: [String]? = nil) -> [(key: String, keyNode: Node, value: Node)]? {
        guard case .mapping(let m) = node else {
            error(node, "\(what) must be a mapping, found \(describe(node))")
            return nil
        }
        var result = [(key: String, keyNode: Node, value: Node)]()
        for (k, v) in m {
            guard case .scalar(let s) = k else { error(k, "keys in \(what) must be plain names"); continue }
            if let allowed, !allowed.contains(s.string) {
                error(k, unknownNameMessage(s.string, known: allowed, kind: "key", context: "in \(what)"))
                continue
            }
            result.append((s.string, k, v))
        }
        return result
    }

    mutating func string(_ node: Node, what: String) -> String? {
        guard case .scalar(let s) = node else {
            error(node, "\(what) must be text, found \(describe(node))")
            return nil
        }
        return s.string
    }

    mutating func number(_ node: Node, what: String) -> Double? {
        guard case .scalar(let s) = node, let v = Double(s.string.trimmingCharacters(in: .whitespaces)), v.isFinite else {
            error(node, "\(what) must be a number, found \(describe(node))")
            return nil
        }
        return v
    }

    mutating func sequence(_ node: Node, what: String) -> [Node]? {
        guard case .sequence(let s) = node else {
            error(node, "\(what) must be a list, found \(describe(node))")
            return nil
        }
        return Array(s)
    }

    mutating func name(_ node: Node, what: String) -> String? {
        guard let s = string(node, what: what) else { return nil }
        if s.trimmingCharacters(in: .whitespaces).isEmpty { error(node, "\(what) is empty"); return nil }
        return s
    }

    /// Compiles a scalar as an expression; positions inside single-line scalars are exact.
    mutating func expression(_ node: Node, what: String) -> ModelExpression? {
        guard case .scalar(let s) = node else {
            error(node, "\(what) must be an expression, found \(describe(node))")
            return nil
        }
        let start = position(node)
        do {
            let c = try compileExpression(s.string, parameters: parameterNames)
            return ModelExpression(compiled: c, position: start)
        } catch {
            self.error(offsetPosition(s, start: start, offset: error.offset), "in \(what): \(error.message)")
            return nil
        }
    }

    func offsetPosition(_ s: Node.Scalar, start: SourcePosition, offset: Int) -> SourcePosition {
        guard s.style == .plain || s.style == .singleQuoted || s.style == .doubleQuoted || s.style == .any,
              !s.string.contains("\n") else { return start }
        let quote = (s.style == .singleQuoted || s.style == .doubleQuoted) ? 1 : 0
        let prefix = String(decoding: Array(s.string.utf8).prefix(offset), as: UTF8.self)
        return SourcePosition(line: start.line, column: start.column + quote + prefix.unicodeScalars.count)
    }

    mutating func checkDuplicate(_ seen: inout [String: SourcePosition], _ name: String, _ node: Node, what: String) -> Bool {
        if let first = seen[name] {
            error(node, "duplicate \(what) '\(name)' (first at line \(first.line))")
            return false
        }
        seen[name] = position(node)
        return true
    }

    // MARK: Reading

    mutating func read() -> PolicyModel? {
        let root: Node
        do {
            guard let r = try Yams.compose(yaml: text) else {
                error(SourcePosition(line: 1, column: 1), "the file is empty; a model needs format, title, players and domains")
                return nil
            }
            root = r
        } catch let e as YamlError {
            yamlError(e)
            return nil
        } catch {
            self.error(SourcePosition(line: 1, column: 1), "YAML error: \(error)")
            return nil
        }
        guard let top = pairs(root, what: "the model", allowed: topLevelKeys) else { return nil }
        var fields = [String: Node]()
        for (k, _, v) in top { fields[k] = v }
        let rootPos = position(root)

        var format = 1
        if let f = fields["format"] {
            if let v = number(f, what: "format") {
                if v != 1 { error(f, "unsupported format \(formatNumber(v)); this version of Detente reads format 1") }
                format = Int(v)
            }
        } else { error(rootPos, "missing 'format: 1'") }
        var title = ""
        if let t = fields["title"] { title = string(t, what: "title") ?? "" } else { error(rootPos, "missing 'title'") }
        let source = fields["source"].flatMap { string($0, what: "source") } ?? ""
        let description = fields["description"].flatMap { string($0, what: "description") } ?? ""

        // Players first: everything else refers to them.
        if let pn = fields["players"] {
            if let list = sequence(pn, what: "players") ?? { playersValid = false; return nil }() {
                var seen = [String: SourcePosition]()
                for item in list {
                    if let n = name(item, what: "a player name"), checkDuplicate(&seen, n, item, what: "player") { players.append(n) } else { playersValid = false }
                }
                if list.isEmpty { error(pn, "the model has no players") }
            }
        } else { error(rootPos, "missing 'players'") }

        let parameters = fields["parameters"].map { readParameters($0) } ?? []
        parameterNames = parameters.map(\.name)

        var discount = [ModelExpression]()
        if let d = fields["discount"] { discount = readDiscount(d) ?? [] } else { error(rootPos, "missing 'discount' (a discount factor in (0, 1), common or per player)") }

        var domains = [ModelDomain]()
        if let dn = fields["domains"] {
            if let list = pairs(dn, what: "domains") {
                var seen = [String: SourcePosition]()
                for (name, keyNode, value) in list {
                    guard checkDuplicate(&seen, name, keyNode, what: "domain") else { continue }
                    if let d = readDomain(name: name, keyNode: keyNode, value) { domains.append(d) }
                }
                if list.isEmpty { error(dn, "the model has no domains") }
            }
        } else { error(rootPos, "missing 'domains'") }

        let negotiation = fields["negotiation"].flatMap { readNegotiation($0) }
        let states = fields["states"].flatMap { readStates($0, domains: domains) }

        var scenarios = [Scenario]()
        if let sn = fields["scenarios"], let list = pairs(sn, what: "scenarios") {
            var seen = [String: SourcePosition]()
            for (name, keyNode, value) in list {
                guard checkDuplicate(&seen, name, keyNode, what: "scenario") else { continue }
                if name == "baseline" { error(keyNode, "'baseline' is reserved for the parameter values themselves; choose another scenario name"); continue }
                if let s = readScenario(name: name, keyNode: keyNode, value, parameters: parameters) { scenarios.append(s) }
            }
        }

        guard diagnostics.isEmpty else { return nil }
        let model = PolicyModel(path: path, format: format, title: title, source: source, description: description,
                                players: players, parameters: parameters, discount: discount, domains: domains,
                                negotiation: negotiation, states: states, scenarios: scenarios,
                                contentHash: fnv1a64Hex(Array(text.utf8)))
        validateValues(model)
        return diagnostics.isEmpty ? model : nil
    }

    /// A libyaml position moved inside the text: at the end of a text without a final line
    /// break libyaml "forces a new line" and reports the error one line past the last, where
    /// no editor can show it; that position becomes the end of the last line. (Found by the
    /// model fuzzer: `format: 1\ntitle` gave 3:1 for a two-line file.) Lines are counted as
    /// libyaml counts them (CR LF, CR, LF, NEL, LS and PS each end a line).
    func insideText(line: Int, column: Int) -> SourcePosition {
        var lines = 1, lastLength = 0
        var previousWasCR = false
        for u in text.unicodeScalars {
            switch u.value {
            case 0x0A where previousWasCR: break
            case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: lines += 1; lastLength = 0
            default: lastLength += 1
            }
            previousWasCR = u.value == 0x0D
        }
        guard line > lines else { return SourcePosition(line: max(line, 1), column: max(column, 1)) }
        return SourcePosition(line: lines, column: lastLength + 1)
    }

    mutating func yamlError(_ e: YamlError) {
        switch e {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = "YAML syntax error: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))" }
            error(insideText(line: mark.line, column: mark.column), message)
        case .duplicatedKeysInMapping(let duplicates, let context):
            error(insideText(line: context.mark.line, column: context.mark.column),
                  "duplicate key\(duplicates.count > 1 ? "s" : "") \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in a mapping")
        case .reader(let problem, _, _, _):
            error(SourcePosition(line: 1, column: 1), "cannot read the file as YAML: \(problem)")
        default:
            error(SourcePosition(line: 1, column: 1), "YAML error: \(e)")
        }
    }

    mutating func readParameters(_ node: Node) -> [ModelParameter] {
        guard let list = pairs(node, what: "parameters") else { return [] }
        var result = [ModelParameter]()
        var seen = [String: SourcePosition]()
        for (name, keyNode, value) in list {
            guard checkDuplicate(&seen, name, keyNode, what: "parameter") else { continue }
            if !isIdentifier(name) {
                error(keyNode, "parameter name '\(name)' must start with a letter or '_' and hold only letters, digits and '_'")
                continue
            }
            if ExpressionFunction(rawValue: name) != nil {
                error(keyNode, "parameter name '\(name)' is the name of a function")
                continue
            }
            var p = ModelParameter(name: name, value: .nan, lowerBound: nil, upperBound: nil, description: "", unit: "",
                                   position: position(keyNode))
            if case .scalar = value {
                guard let v = number(value, what: "the value of parameter '\(name)'") else { continue }
                p.value = v
            } else if let fields = pairs(value, what: "parameter '\(name)'", allowed: ["value", "bounds", "description", "unit"]) {
                var ok = true
                for (k, kn, v) in fields {
                    switch k {
                    case "value": if let x = number(v, what: "the value of parameter '\(name)'") { p.value = x } else { ok = false }
                    case "bounds":
                        guard let b = sequence(v, what: "bounds of parameter '\(name)'") else { ok = false; continue }
                        guard b.count == 2 else { error(v, "bounds of parameter '\(name)' must be [low, high], found \(b.count) entries"); ok = false; continue }
                        guard let lo = number(b[0], what: "the lower bound of '\(name)'"),
                              let hi = number(b[1], what: "the upper bound of '\(name)'") else { ok = false; continue }
                        if lo > hi { error(v, "bounds of parameter '\(name)' are reversed: \(formatNumber(lo)) > \(formatNumber(hi))"); ok = false; continue }
                        // (bounds are stored only when they are in order)
                        p.lowerBound = lo; p.upperBound = hi
                    case "description": p.description = string(v, what: "description") ?? ""
                    case "unit": p.unit = string(v, what: "unit") ?? ""
                    default: _ = kn
                    }
                }
                if p.value.isNaN {
                    if ok { error(keyNode, "parameter '\(name)' has no value") }
                    continue
                }
                // A parameter with bad bounds keeps its value, so expressions using it still
                // compile (no cascade of "unknown parameter" errors).
                if ok, let lo = p.lowerBound, let hi = p.upperBound, p.value < lo || p.value > hi {
                    error(keyNode, "value \(formatNumber(p.value)) of parameter '\(name)' is outside its bounds [\(formatNumber(lo)), \(formatNumber(hi))]")
                }
            } else { continue }
            result.append(p)
        }
        return result
    }

    /// `discount: EXPR` (common) or `discount: {PLAYER: EXPR, ...}` (every player).
    mutating func readDiscount(_ node: Node) -> [ModelExpression]? {
        if case .scalar = node {
            return expression(node, what: "the discount factor").map { [$0] }
        }
        guard let fields = pairs(node, what: "discount") else { return nil }
        var byPlayer = [Int: ModelExpression]()
        var ok = true
        for (k, kn, v) in fields {
            guard let p = players.firstIndex(of: k) else {
                error(kn, unknownNameMessage(k, known: players, kind: "player")); ok = false; continue
            }
            if let e = expression(v, what: "the discount factor of \(k)") { byPlayer[p] = e } else { ok = false }
        }
        guard ok else { return nil }
        let missing = players.indices.filter { byPlayer[$0] == nil }
        if !missing.isEmpty {
            error(node, "discount factors are missing for \(missing.map { players[$0] }.joined(separator: ", ")); give one per player or a single common one")
            return nil
        }
        return players.indices.map { byPlayer[$0]! }
    }

    mutating func readActions(_ node: Node, domain: String) -> [[String]]? {
        func list(_ n: Node, what: String) -> [String]? {
            guard let items = sequence(n, what: what) else { return nil }
            if items.isEmpty { error(n, "\(what) is empty"); return nil }
            var seen = [String: SourcePosition]()
            var names = [String]()
            for it in items {
                guard let s = name(it, what: "an action name") else { return nil }
                guard checkDuplicate(&seen, s, it, what: "action") else { return nil }
                if s.contains(",") { error(it, "action name '\(s)' must not contain ','"); return nil }
                names.append(s.trimmingCharacters(in: .whitespaces))
            }
            return names
        }
        if case .sequence = node {   // shared by every player
            guard let l = list(node, what: "actions of domain '\(domain)'") else { return nil }
            return Array(repeating: l, count: players.count)
        }
        guard let fields = pairs(node, what: "actions of domain '\(domain)'") else { return nil }
        var byPlayer = [Int: [String]]()
        var ok = true
        for (k, kn, v) in fields {
            guard let p = players.firstIndex(of: k) else {
                error(kn, unknownNameMessage(k, known: players, kind: "player")); ok = false; continue
            }
            if let l = list(v, what: "actions of \(k) in domain '\(domain)'") { byPlayer[p] = l } else { ok = false }
        }
        guard ok else { return nil }
        let missing = players.indices.filter { byPlayer[$0] == nil }
        if !missing.isEmpty {
            error(node, "domain '\(domain)' gives no actions for \(missing.map { players[$0] }.joined(separator: ", "))")
            return nil
        }
        return players.indices.map { byPlayer[$0]! }
    }

    /// Parses a profile written `"A, B"` (or as a list) into action indices.
    mutating func profile(_ node: Node, actions: [[String]], domain: String, what: String) -> [Int]? {
        var names: [String]
        switch node {
        case .scalar(let s): names = s.string.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        case .sequence(let s):
            names = []
            for it in s { guard let n = string(it, what: "an action name") else { return nil }; names.append(n) }
        default:
            error(node, "\(what) must name one action per player, like \"\(actions.map { $0[0] }.joined(separator: ", "))\"")
            return nil
        }
        guard names.count == players.count else {
            error(node, "\(what) \(describe(node)) names \(names.count) action\(names.count == 1 ? "" : "s"); the model has \(playerCount)")
            return nil
        }
        var result = [Int]()
        for (p, n) in names.enumerated() {
            guard let a = actions[p].firstIndex(of: n) else {
                error(node, unknownNameMessage(n, known: actions[p], kind: "action", context: "for \(players[p]) in domain '\(domain)'"))
                return nil
            }
            result.append(a)
        }
        return result
    }

    func profileName(_ profile: [Int], _ actions: [[String]]) -> String {
        "(" + profile.enumerated().map { actions[$0][$1] }.joined(separator: ", ") + ")"
    }

    /// Payoff table keyed by profiles: `"A, B": [u1, u2]`; every profile exactly once.
    mutating func readPayoffs(_ node: Node, actions: [[String]], domain: String) -> [[ModelExpression]]? {
        guard let fields = pairs(node, what: "payoffs of domain '\(domain)'") else { return nil }
        let shape = actions.map(\.count)
        let count = shape.reduce(1, *)
        var table = [[ModelExpression?]](repeating: [ModelExpression?](repeating: nil, count: count), count: players.count)
        var filled = [Int: SourcePosition]()
        var ok = true
        var duplicates = false
        for (_, kn, v) in fields {
            guard let prof = profile(kn, actions: actions, domain: domain, what: "payoff key") else { ok = false; continue }
            var k = 0, stride = 1
            for (p, a) in prof.enumerated() { k += a * stride; stride *= shape[p] }
            if let first = filled[k] {
                error(kn, "duplicate payoff for \(profileName(prof, actions)) in domain '\(domain)' (first at line \(first.line))")
                duplicates = true; continue
            }
            filled[k] = position(kn)
            guard let entries = sequence(v, what: "payoff for \(profileName(prof, actions))") else { ok = false; continue }
            guard entries.count == players.count else {
                error(v, "payoff for \(profileName(prof, actions)) has \(entries.count) entr\(entries.count == 1 ? "y" : "ies"); the model has \(playerCount)")
                ok = false; continue
            }
            for (p, e) in entries.enumerated() {
                if let x = expression(e, what: "payoff of \(players[p]) at \(profileName(prof, actions))") { table[p][k] = x } else { ok = false }
            }
        }
        guard ok else { return nil }
        let missing = (0..<count).filter { filled[$0] == nil }
        if !missing.isEmpty {
            let names = missing.prefix(4).map { k -> String in
                var r = k
                return profileName(shape.map { n in defer { r /= n }; return r % n }, actions)
            }
            error(node, "domain '\(domain)' has no payoff for \(names.joined(separator: ", "))\(missing.count > 4 ? " and \(missing.count - 4) more" : "")")
            return nil
        }
        guard !duplicates else { return nil }
        return table.map { $0.map { $0! } }
    }

    mutating func readDomain(name: String, keyNode: Node, _ node: Node) -> ModelDomain? {
        guard let fields = pairs(node, what: "domain '\(name)'", allowed: ["description", "actions", "payoffs", "cooperative"]) else { return nil }
        var f = [String: Node]()
        for (k, _, v) in fields { f[k] = v }
        guard !players.isEmpty, playersValid else { return nil }
        guard let an = f["actions"] else { error(keyNode, "domain '\(name)' has no 'actions'"); return nil }
        guard let actions = readActions(an, domain: name) else { return nil }
        guard let pn = f["payoffs"] else { error(keyNode, "domain '\(name)' has no 'payoffs'"); return nil }
        let payoffs = readPayoffs(pn, actions: actions, domain: name)
        guard let cn = f["cooperative"] else { error(keyNode, "domain '\(name)' has no 'cooperative' profile"); return nil }
        guard let coop = profile(cn, actions: actions, domain: name, what: "cooperative profile") else { return nil }
        guard let payoffs else { return nil }
        return ModelDomain(name: name, description: f["description"].flatMap { string($0, what: "description") } ?? "",
                           actions: actions, payoffs: payoffs, cooperative: coop, position: position(keyNode))
    }

    mutating func readScenario(name: String, keyNode: Node, _ node: Node, parameters: [ModelParameter]) -> Scenario? {
        guard let fields = pairs(node, what: "scenario '\(name)'", allowed: ["description", "set", "discount"]) else { return nil }
        var s = Scenario(name: name, description: "", overrides: [], overridePositions: [], discount: nil, position: position(keyNode))
        var ok = true
        for (k, _, v) in fields {
            switch k {
            case "description": s.description = string(v, what: "description") ?? ""
            case "discount":
                if let d = readDiscount(v) { s.discount = d } else { ok = false }
            default:
                guard let set = pairs(v, what: "'set' of scenario '\(name)'") else { ok = false; continue }
                var seen = [String: SourcePosition]()
                for (pn, pk, pv) in set {
                    guard let i = parameterNames.firstIndex(of: pn) else {
                        error(pk, unknownNameMessage(pn, known: parameterNames, context: "in scenario '\(name)'")); ok = false; continue
                    }
                    guard checkDuplicate(&seen, pn, pk, what: "override") else { ok = false; continue }
                    guard let x = number(pv, what: "the value of '\(pn)' in scenario '\(name)'") else { ok = false; continue }
                    let p = parameters[i]
                    if let lo = p.lowerBound, let hi = p.upperBound, x < lo || x > hi {
                        error(pv, "value \(formatNumber(x)) of parameter '\(pn)' in scenario '\(name)' is outside its bounds [\(formatNumber(lo)), \(formatNumber(hi))]")
                        ok = false; continue
                    }
                    s.overrides.append((i, x))
                    s.overridePositions.append(position(pv))
                }
            }
        }
        return ok ? s : nil
    }

    mutating func readNegotiation(_ node: Node) -> ModelNegotiationSpec? {
        guard let fields = pairs(node, what: "negotiation", allowed: ["solution", "weights", "disagreement", "bargaining_set", "outside_options",
                                                                     "alternating_offers", "breakdown_probability"]) else { return nil }
        let n = players.count
        var s = ModelNegotiationSpec(solution: .nash, weights: Array(repeating: 1 / Double(max(n, 1)), count: n),
                                    disagreement: .stageEquilibrium, bargainingSet: .feasible,
                                    outsideOptions: Array(repeating: nil, count: n), position: position(node))
        var ok = true
        for (k, _, v) in fields {
            switch k {
            case "solution":
                guard let t = string(v, what: "solution") else { ok = false; continue }
                guard let sol = ModelNegotiationSpec.Solution(rawValue: t) else {
                    error(v, unknownNameMessage(t, known: ModelNegotiationSpec.Solution.allCases.map(\.rawValue), kind: "solution")); ok = false; continue
                }
                s.solution = sol
            case "weights":
                guard let list = sequence(v, what: "weights") else { ok = false; continue }
                guard list.count == n else { error(v, "weights has \(list.count) entr\(list.count == 1 ? "y" : "ies"); the model has \(playerCount)"); ok = false; continue }
                let w = list.compactMap { number($0, what: "a weight") }
                guard w.count == n else { ok = false; continue }
                if let bad = w.firstIndex(where: { $0 < 0 }) { error(list[bad], "weight \(formatNumber(w[bad])) is negative"); ok = false; continue }
                if Swift.abs(w.reduce(0, +) - 1) > 1e-9 { error(v, "weights sum to \(formatNumber(w.reduce(0, +))), not 1"); ok = false; continue }
                s.weights = w
            case "disagreement":
                if case .sequence(let seq) = v {
                    guard seq.count == n else { error(v, "disagreement point has \(seq.count) entr\(seq.count == 1 ? "y" : "ies"); the model has \(playerCount)"); ok = false; continue }
                    let e = seq.compactMap { expression($0, what: "the disagreement point") }
                    if e.count == n { s.disagreement = .point(e) } else { ok = false }
                    continue
                }
                guard let t = string(v, what: "disagreement") else { ok = false; continue }
                switch t {
                case "stage-equilibrium": s.disagreement = .stageEquilibrium
                case "minmax": s.disagreement = .minmax
                case "pure-minmax": s.disagreement = .pureMinmax
                case "worst-spe": s.disagreement = .worstSPE
                default:
                    error(v, unknownNameMessage(t, known: ["stage-equilibrium", "minmax", "pure-minmax", "worst-spe"], kind: "disagreement point") + "; the choices are stage-equilibrium, minmax, pure-minmax, worst-spe or a point [u1, u2]")
                    ok = false
                }
            case "alternating_offers":
                guard let t = string(v, what: "alternating_offers") else { ok = false; continue }
                switch t {
                case "true": s.alternatingOffers = true
                case "false": s.alternatingOffers = false
                default: error(v, "alternating_offers must be true or false, found '\(t)'"); ok = false
                }
                if s.alternatingOffers && n != 2 {
                    error(v, "alternating offers are defined for two players; the model has \(playerCount)"); ok = false
                }
            case "breakdown_probability":
                if let e = expression(v, what: "the breakdown probability") { s.breakdownProbability = e } else { ok = false }
            case "bargaining_set":
                guard let t = string(v, what: "bargaining_set") else { ok = false; continue }
                guard let b = ModelNegotiationSpec.BargainingSet(rawValue: t) else {
                    error(v, unknownNameMessage(t, known: ["feasible", "spe"], kind: "bargaining set")); ok = false; continue
                }
                s.bargainingSet = b
            default:
                guard let oo = pairs(v, what: "outside_options") else { ok = false; continue }
                for (pn, pk, pv) in oo {
                    guard let p = players.firstIndex(of: pn) else { error(pk, unknownNameMessage(pn, known: players, kind: "player")); ok = false; continue }
                    if let e = expression(pv, what: "the outside option of \(pn)") { s.outsideOptions[p] = e } else { ok = false }
                }
            }
        }
        return ok ? s : nil
    }

    mutating func readStates(_ node: Node, domains: [ModelDomain]) -> MarkovStates? {
        guard let fields = pairs(node, what: "states", allowed: ["domain", "initial", "list"]) else { return nil }
        var f = [String: Node]()
        for (k, _, v) in fields { f[k] = v }
        guard !domains.isEmpty else { return nil }
        var di = 0
        if let dn = f["domain"] {
            guard let d = string(dn, what: "states domain") else { return nil }
            guard let i = domains.firstIndex(where: { $0.name == d }) else {
                error(dn, unknownNameMessage(d, known: domains.map(\.name), kind: "domain")); return nil
            }
            di = i
        } else if domains.count > 1 {
            error(node, "states need 'domain:' naming the domain whose actions drive the transitions (the model has \(domains.count) domains)")
            return nil
        }
        let domain = domains[di]
        guard let ln = f["list"] else { error(node, "states have no 'list' of states"); return nil }
        guard let list = pairs(ln, what: "the list of states") else { return nil }
        if list.isEmpty { error(ln, "the list of states is empty"); return nil }
        let names = list.map(\.key)
        var seen = [String: SourcePosition]()
        var states = [MarkovState]()
        var ok = true
        for (name, kn, v) in list {
            guard checkDuplicate(&seen, name, kn, what: "state") else { ok = false; continue }
            if isNull(v) {
                error(kn, "state '\(name)' has no stage game and no transitions; give it 'transitions:' (and 'payoffs:' unless domain '\(domain.name)''s payoffs apply)")
                ok = false; continue
            }
            guard let sf = pairs(v, what: "state '\(name)'", allowed: ["payoffs", "transitions"]) else { ok = false; continue }
            var m = [String: Node]()
            for (k, _, x) in sf { m[k] = x }
            var payoffs = domain.payoffs
            if let pn = m["payoffs"] {
                if isNull(pn) || { if case .mapping(let mm) = pn { return mm.count == 0 } else { return false } }() {
                    error(pn, "state '\(name)' has no stage game: its 'payoffs:' is empty; list every profile's payoffs or omit 'payoffs:' to use domain '\(domain.name)''s")
                    ok = false
                } else if let p = readPayoffs(pn, actions: domain.actions, domain: domain.name) { payoffs = p } else { ok = false }
            }
            guard let tn = m["transitions"] else { error(kn, "state '\(name)' has no 'transitions'"); ok = false; continue }
            guard let rows = pairs(tn, what: "transitions of state '\(name)'") else { ok = false; continue }
            var table = [[ModelExpression]?](repeating: nil, count: domain.profileCount)
            var rowPositions = [SourcePosition](repeating: position(tn), count: domain.profileCount)
            var defaultRow: [ModelExpression]?
            var defaultPosition = position(tn)
            for (_, rk, rv) in rows {
                var target: [Int]
                if case .scalar(let s) = rk, s.string == "*" { target = [] } else {
                    guard let prof = profile(rk, actions: domain.actions, domain: domain.name, what: "transition key") else { ok = false; continue }
                    target = [domain.profileIndex(prof)]
                }
                guard let probs = pairs(rv, what: "a transition row of state '\(name)'") else { ok = false; continue }
                var row = [ModelExpression?](repeating: nil, count: names.count)
                for (sn, sk, sv) in probs {
                    guard let si = names.firstIndex(of: sn) else { error(sk, unknownNameMessage(sn, known: names, kind: "state")); ok = false; continue }
                    row[si] = expression(sv, what: "the probability of moving from '\(name)' to '\(sn)'")
                    if row[si] == nil { ok = false }
                }
                let zero = ModelExpression(compiled: try! compileExpression("0", parameters: parameterNames), position: position(rv))
                let full = row.map { $0 ?? zero }
                if target.isEmpty { defaultRow = full; defaultPosition = position(rv) } else { table[target[0]] = full; rowPositions[target[0]] = position(rv) }
            }
            let missing = (0..<domain.profileCount).filter { table[$0] == nil }
            if defaultRow == nil && !missing.isEmpty {
                error(tn, "state '\(name)' has no transition for \(profileName(domain.profile(at: missing[0]), domain.actions)); list every profile or add a \"*\" row")
                ok = false; continue
            }
            states.append(MarkovState(name: name, payoffs: payoffs, transitions: table.map { $0 ?? defaultRow! },
                                      rowPositions: table.indices.map { table[$0] == nil ? defaultPosition : rowPositions[$0] },
                                      rowIsDefault: table.map { $0 == nil }, position: position(kn)))
        }
        var initial = 0
        if let iname = f["initial"], let s = string(iname, what: "initial state") {
            if let i = names.firstIndex(of: s) { initial = i } else { error(iname, unknownNameMessage(s, known: names, kind: "state")); ok = false }
        }
        return ok ? MarkovStates(domain: di, initial: initial, states: states, position: position(node)) : nil
    }

    /// A YAML null (`~`, `null` or nothing) as written in a plain scalar.
    func isNull(_ node: Node) -> Bool {
        guard case .scalar(let sc) = node, sc.style == .plain || sc.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(sc.string)
    }

    // MARK: Values at the baseline and in every scenario

    /// Division by zero and other non-finite values at the baseline, discount factors outside
    /// (0, 1) in any scenario, transition rows that are not probability distributions.
    mutating func validateValues(_ model: PolicyModel) {
        let contexts: [(String, [Double], [ModelExpression], Scenario?)] = [("", model.baseline, model.discount, nil)] + model.scenarios.map { s in
            var theta = model.baseline
            for (i, v) in s.overrides { theta[i] = v }
            return (" in scenario '\(s.name)'", theta, s.discount ?? model.discount, s)
        }
        for (suffix, theta, discount, scenario) in contexts {
            for (p, d) in discount.enumerated() {
                let v = d.evaluate(theta)
                let who = discount.count == 1 ? "the discount factor" : "the discount factor of \(model.players[p])"
                if !(v > 0 && v < 1) {
                    // Point at the scenario's override that moved it, when there is one.
                    var at = d.position
                    if let scenario, scenario.discount == nil,
                       let j = scenario.overrides.firstIndex(where: { d.compiled.dependencies.contains($0.parameter) }) {
                        at = scenario.overridePositions[j]
                    }
                    error(at, "\(who) is \(formatNumber(v))\(suffix); it must lie strictly between 0 and 1")
                }
            }
            for dom in model.domains {
                for (p, row) in dom.payoffs.enumerated() {
                    for (k, e) in row.enumerated() {
                        checkFinite(e, theta, what: "payoff of \(model.players[p]) at \(profileName(dom.profile(at: k), dom.actions)) in domain '\(dom.name)'", suffix: suffix)
                    }
                }
            }
            if let neg = model.negotiation {
                for e in neg.outsideOptions.compactMap({ $0 }) { checkFinite(e, theta, what: "outside option", suffix: suffix) }
                if case .point(let pt) = neg.disagreement { for e in pt { checkFinite(e, theta, what: "disagreement point", suffix: suffix) } }
            }
            if let st = model.states {
                let dom = model.domains[st.domain]
                for s in st.states {
                    for (k, row) in s.transitions.enumerated() {
                        let which = s.rowIsDefault[k] ? "in the \"*\" row" : "after \(profileName(dom.profile(at: k), dom.actions))"
                        var sum = 0.0
                        var bad = false
                        for (j, e) in row.enumerated() {
                            let v = e.evaluate(theta)
                            if !(v >= 0 && v <= 1) {
                                error(e.position, "probability of moving from '\(s.name)' to '\(st.states[j].name)' \(which) is \(formatNumber(v))\(suffix); it must lie in [0, 1]")
                                bad = true
                            }
                            sum += v
                        }
                        if !bad && Swift.abs(sum - 1) > 1e-9 {
                            error(s.rowPositions[k], "transition probabilities from '\(s.name)' \(which) sum to \(formatNumber(sum))\(suffix), not 1")
                        }
                    }
                }
            }
        }
        // Only the first occurrence of an identical message is kept (a payoff used in many
        // scenarios would otherwise repeat).
        var seen = Set<Diagnostic>()
        diagnostics = diagnostics.filter { seen.insert($0).inserted }
    }

    mutating func checkFinite(_ e: ModelExpression, _ theta: [Double], what: String, suffix: String) {
        let v = e.evaluate(theta)
        if v.isFinite { return }
        if let node = try? parseExpression(e.text), let (offset, reason) = firstFault(node, theta) {
            error(SourcePosition(line: e.position.line, column: e.position.column + offset + quoteOffset(e)),
                  "\(what) \(reason)\(suffix.isEmpty ? " at the baseline parameters" : suffix)")
        } else {
            error(e.position, "\(what) evaluates to \(formatNumber(v))\(suffix)")
        }
    }

    func quoteOffset(_ e: ModelExpression) -> Int {
        // The text as written starts after an opening quote when the scalar was quoted.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard e.position.line - 1 < lines.count else { return 0 }
        let line = Array(lines[e.position.line - 1].unicodeScalars)
        let c = e.position.column - 1
        guard c >= 0, c < line.count else { return 0 }
        return (line[c] == "\"" || line[c] == "'") ? 1 : 0
    }

    /// Where evaluation first fails: a division by zero, log/sqrt of a negative number, overflow.
    func firstFault(_ n: ExpressionNode, _ theta: [Double]) -> (Int, String)? {
        var fault: (Int, String)?
        func ev(_ n: ExpressionNode) -> Double {
            if fault != nil { return .nan }
            switch n {
            case .number(let v, _): return v
            case .name(let s, _): return parameterNames.firstIndex(of: s).map { theta[$0] } ?? .nan
            case .unary(let m, let e, _): let v = ev(e); return m ? -v : v
            case .binary(let op, let a, let b, let o):
                let x = ev(a), y = ev(b)
                if fault != nil { return .nan }
                switch op {
                case .add: return x + y
                case .subtract: return x - y
                case .multiply: return x * y
                case .divide:
                    if y == 0 { fault = (o, "divides by zero"); return .nan }
                    return x / y
                case .power:
                    let r = Foundation.pow(x, y)
                    if !r.isFinite { fault = (o, "gives a non-finite power (\(formatNumber(x)) ^ \(formatNumber(y)))") }
                    return r
                }
            case .call(let f, let args, let o):
                let v = args.map(ev)
                if fault != nil { return .nan }
                switch f {
                case .log where v[0] <= 0: fault = (o, "takes log of a non-positive number (\(formatNumber(v[0])))"); return .nan
                case .sqrt where v[0] < 0: fault = (o, "takes sqrt of a negative number (\(formatNumber(v[0])))"); return .nan
                case .exp where !Foundation.exp(v[0]).isFinite: fault = (o, "overflows in exp(\(formatNumber(v[0])))"); return .nan
                case .log: return Foundation.log(v[0])
                case .sqrt: return v[0].squareRoot()
                case .exp: return Foundation.exp(v[0])
                case .abs: return Swift.abs(v[0])
                case .min: return v.min()!
                case .max: return v.max()!
                }
            }
        }
        _ = ev(n)
        return fault
    }
}

func isIdentifier(_ s: String) -> Bool {
    let u = Array(s.utf8)
    guard let f = u.first, ExpressionParser.isNameStart(f) else { return false }
    return u.allSatisfy(ExpressionParser.isNameChar)
}

/// Numbers in messages and reports: integers without a fraction, otherwise up to 6
/// significant digits (deterministic, locale-independent).
public func formatNumber(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    if x == x.rounded() && Swift.abs(x) < 1e15 { return String(Int64(x)) }
    var s = String(format: "%.6g", x)
    if s.contains("e") { return s }
    if s.contains(".") { while s.hasSuffix("0") { s.removeLast() }; if s.hasSuffix(".") { s.removeLast() } }
    return s
}

/// FNV-1a 64-bit hash as 16 lowercase hex digits.
func fnv1a64Hex(_ bytes: [UInt8]) -> String {
    var h: UInt64 = 0xcbf29ce484222325
    for b in bytes { h ^= UInt64(b); h = h &* 0x100000001b3 }
    let s = String(h, radix: 16)
    return String(repeating: "0", count: 16 - s.count) + s
}
