import Foundation

/// A payoff or parameter expression of a model file, parsed once with source positions.
///
/// Grammar (usual precedence, `^` binds tightest and is right-associative, so `-x^2` is
/// `-(x^2)` and `2^3^2` is `2^9`):
/// ```
/// expr    := term (('+' | '-') term)*
/// term    := unary (('*' | '/') unary)*
/// unary   := ('-' | '+') unary | power
/// power   := primary ('^' unary)?
/// primary := NUMBER | NAME | NAME '(' expr (',' expr)* ')' | '(' expr ')'
/// ```
/// Functions: `min`, `max` (one or more arguments), `exp`, `log` (natural), `sqrt`, `abs`.
/// Names are parameters of the model; offsets are UTF-8 byte offsets into the source text
/// (the model reader turns them into file line:column).
public indirect enum ExpressionNode: Sendable, Equatable {
    case number(Double, offset: Int)
    case name(String, offset: Int)
    case unary(minus: Bool, ExpressionNode, offset: Int)
    case binary(BinaryOperator, ExpressionNode, ExpressionNode, offset: Int)
    case call(ExpressionFunction, [ExpressionNode], offset: Int)

    /// The offset of the node's first character (for an operator node: of the operator).
    public var offset: Int {
        switch self {
        case .number(_, let o), .name(_, let o), .unary(_, _, let o), .binary(_, _, _, let o), .call(_, _, let o): return o
        }
    }
}

public enum BinaryOperator: String, Sendable, Equatable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
}

public enum ExpressionFunction: String, Sendable, Equatable, CaseIterable {
    case min, max, exp, log, sqrt, abs
    /// The allowed number of arguments (`nil`: one or more).
    var arity: Int? { self == .min || self == .max ? nil : 1 }
}

/// An error in an expression, at a byte offset of the expression's text.
public struct ExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var offset: Int
    public var message: String
    public var description: String { "column \(offset + 1): \(message)" }
}

/// Parses expression text into an `ExpressionNode`.
///
/// - Complexity: O(n) in the length of the text.
public func parseExpression(_ text: String) throws(ExpressionError) -> ExpressionNode {
    var p = ExpressionParser(Array(text.utf8))
    p.skipSpace()
    if p.atEnd { throw ExpressionError(offset: 0, message: "empty expression") }
    let e = try p.expression()
    p.skipSpace()
    if !p.atEnd {
        throw ExpressionError(offset: p.i, message: "unexpected '\(p.characterAt(p.i))' after a complete expression")
    }
    return e
}

struct ExpressionParser {
    let s: [UInt8]
    var i = 0
    /// Current nesting (parentheses, calls, unary signs, exponents); bounded so that a
    /// pathological input cannot exhaust the stack.
    var depth = 0
    static let maximumDepth = 200

    mutating func enter() throws(ExpressionError) {
        depth += 1
        if depth > ExpressionParser.maximumDepth {
            throw ExpressionError(offset: Swift.min(i, Swift.max(0, s.count - 1)), message: "expression nested more than \(ExpressionParser.maximumDepth) levels deep")
        }
    }
    init(_ s: [UInt8]) { self.s = s }
    var atEnd: Bool { i >= s.count }

    func characterAt(_ k: Int) -> String {
        // Decode the (possibly multi-byte) character starting at k.
        var end = k + 1
        while end < s.count && (s[end] & 0xC0) == 0x80 { end += 1 }
        return String(decoding: s[k..<end], as: UTF8.self)
    }

    mutating func skipSpace() {
        while i < s.count && (s[i] == 32 || s[i] == 9 || s[i] == 10 || s[i] == 13) { i += 1 }
    }

    mutating func peek() -> UInt8? { skipSpace(); return atEnd ? nil : s[i] }

    mutating func expression() throws(ExpressionError) -> ExpressionNode {
        var lhs = try term()
        while let c = peek(), c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
            let at = i; i += 1
            let rhs = try term()
            lhs = .binary(c == UInt8(ascii: "+") ? .add : .subtract, lhs, rhs, offset: at)
        }
        return lhs
    }

    mutating func term() throws(ExpressionError) -> ExpressionNode {
        var lhs = try unary()
        while let c = peek(), c == UInt8(ascii: "*") || c == UInt8(ascii: "/") {
            let at = i; i += 1
            let rhs = try unary()
            lhs = .binary(c == UInt8(ascii: "*") ? .multiply : .divide, lhs, rhs, offset: at)
        }
        return lhs
    }

    mutating func unary() throws(ExpressionError) -> ExpressionNode {
        try enter()
        defer { depth -= 1 }
        if let c = peek(), c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
            let at = i; i += 1
            let operand = try unary()
            return .unary(minus: c == UInt8(ascii: "-"), operand, offset: at)
        }
        return try power()
    }

    mutating func power() throws(ExpressionError) -> ExpressionNode {
        let base = try primary()
        if let c = peek(), c == UInt8(ascii: "^") {
            let at = i; i += 1
            let exponent = try unary()
            return .binary(.power, base, exponent, offset: at)
        }
        return base
    }

    static func isNameStart(_ c: UInt8) -> Bool {
        (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95
    }
    static func isNameChar(_ c: UInt8) -> Bool { isNameStart(c) || (c >= 48 && c <= 57) }
    static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    mutating func primary() throws(ExpressionError) -> ExpressionNode {
        guard let c = peek() else {
            throw ExpressionError(offset: s.count, message: "expression ends where a number, name or '(' was expected")
        }
        let start = i
        if c == UInt8(ascii: "(") {
            i += 1
            let e = try expression()
            guard peek() == UInt8(ascii: ")") else {
                throw ExpressionError(offset: atEnd ? start : i,
                                      message: atEnd ? "unclosed '('" : "expected ')' but found '\(characterAt(i))'")
            }
            i += 1
            return e
        }
        if ExpressionParser.isDigit(c) || c == UInt8(ascii: ".") {
            while i < s.count && (ExpressionParser.isDigit(s[i]) || s[i] == UInt8(ascii: ".")) { i += 1 }
            if i < s.count && (s[i] == UInt8(ascii: "e") || s[i] == UInt8(ascii: "E")) {
                var j = i + 1
                if j < s.count && (s[j] == UInt8(ascii: "+") || s[j] == UInt8(ascii: "-")) { j += 1 }
                if j < s.count && ExpressionParser.isDigit(s[j]) {
                    i = j
                    while i < s.count && ExpressionParser.isDigit(s[i]) { i += 1 }
                }
            }
            let text = String(decoding: s[start..<i], as: UTF8.self)
            guard let v = Double(text), v.isFinite else {
                throw ExpressionError(offset: start, message: "'\(text)' is not a number")
            }
            return .number(v, offset: start)
        }
        if ExpressionParser.isNameStart(c) {
            while i < s.count && ExpressionParser.isNameChar(s[i]) { i += 1 }
            let name = String(decoding: s[start..<i], as: UTF8.self)
            if peek() == UInt8(ascii: "(") {
                guard let f = ExpressionFunction(rawValue: name) else {
                    throw ExpressionError(offset: start, message: "unknown function '\(name)'; the functions are \(ExpressionFunction.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                i += 1
                var args = [try expression()]
                while peek() == UInt8(ascii: ",") {
                    i += 1
                    args.append(try expression())
                }
                guard peek() == UInt8(ascii: ")") else {
                    throw ExpressionError(offset: atEnd ? start : i,
                                          message: atEnd ? "unclosed '(' in call of \(name)" : "expected ',' or ')' but found '\(characterAt(i))'")
                }
                i += 1
                if let n = f.arity, args.count != n {
                    throw ExpressionError(offset: start, message: "\(name) takes \(n) argument\(n == 1 ? "" : "s"), got \(args.count)")
                }
                return .call(f, args, offset: start)
            }
            return .name(name, offset: start)
        }
        throw ExpressionError(offset: start, message: "unexpected '\(characterAt(start))' where a number, name or '(' was expected")
    }
}

// MARK: - Compilation

/// An expression compiled to flat stack bytecode over a parameter vector.
///
/// Evaluation does no parsing and no allocation: one pass over `code` with a fixed stack.
/// When the expression is affine in the parameters (`c₀ + Σ cᵢ θᵢ`), `affine` holds the
/// coefficients so many points can be evaluated at once as a matrix product.
public struct CompiledExpression: Sendable, Equatable {
    public enum Instruction: Sendable, Equatable {
        case constant(Double)
        case parameter(Int)
        case add, subtract, multiply, divide, power, negate
        case call(ExpressionFunction, argumentCount: Int)
    }
    public let code: [Instruction]
    public let stackDepth: Int
    /// `[c₀, c₁, …, c_k]` with value `c₀ + Σ cᵢ θᵢ₋₁`, or `nil` if not affine.
    public let affine: [Double]?
    /// The source text.
    public let text: String
    /// Parameter indices the expression reads, sorted.
    public let dependencies: [Int]

    /// The value at the parameter vector `theta`. Non-finite results (division by zero,
    /// log of a negative number) come out as infinities or NaN; callers check.
    @inlinable
    public func evaluate(_ theta: [Double]) -> Double {
        theta.withUnsafeBufferPointer { evaluate($0) }
    }

    public func evaluate(_ theta: UnsafeBufferPointer<Double>) -> Double {
        if let a = affine {
            var s = a[0]
            for k in 1..<a.count where a[k] != 0 { s += a[k] * theta[k - 1] }
            return s
        }
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: max(stackDepth, 1)) { st in
            var sp = 0
            for ins in code {
                switch ins {
                case .constant(let c): st[sp] = c; sp += 1
                case .parameter(let k): st[sp] = theta[k]; sp += 1
                case .add: sp -= 1; st[sp - 1] += st[sp]
                case .subtract: sp -= 1; st[sp - 1] -= st[sp]
                case .multiply: sp -= 1; st[sp - 1] *= st[sp]
                case .divide: sp -= 1; st[sp - 1] /= st[sp]
                case .power: sp -= 1; st[sp - 1] = Foundation.pow(st[sp - 1], st[sp])
                case .negate: st[sp - 1] = -st[sp - 1]
                case .call(let f, let n):
                    switch f {
                    case .exp: st[sp - 1] = Foundation.exp(st[sp - 1])
                    case .log: st[sp - 1] = Foundation.log(st[sp - 1])
                    case .sqrt: st[sp - 1] = st[sp - 1].squareRoot()
                    case .abs: st[sp - 1] = Swift.abs(st[sp - 1])
                    case .min, .max:
                        var r = st[sp - n]
                        for j in (sp - n + 1)..<sp { r = f == .min ? Swift.min(r, st[j]) : Swift.max(r, st[j]) }
                        sp -= n
                        st[sp] = r; sp += 1
                    }
                }
            }
            return st[0]
        }
    }
}

extension CompiledExpression {
    /// Evaluates the bytecode for a block of points at once: point i's parameter k is
    /// `points[i + k * rows]` (column-major, as in `Matrix`), for i in `range`; results go to
    /// `output[0..<range.count]`. Dispatch is paid once per instruction per block instead of per
    /// point, so the inner loops run at memory speed. `scratch` must hold
    /// `max(stackDepth, 1) * range.count` values.
    ///
    /// - Complexity: O(|code| · |range|).
    public func evaluateBlock(points: UnsafePointer<Double>, rows: Int, range: Range<Int>,
                              output: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>) {
        let b = range.count
        if b == 0 { return }
        var sp = 0
        @inline(__always) func slot(_ i: Int) -> UnsafeMutablePointer<Double> { scratch + i * b }
        for ins in code {
            switch ins {
            case .constant(let c):
                slot(sp).update(repeating: c, count: b); sp += 1
            case .parameter(let k):
                slot(sp).update(from: points + k * rows + range.lowerBound, count: b); sp += 1
            case .add:
                sp -= 1; let x = slot(sp - 1), y = slot(sp); for i in 0..<b { x[i] += y[i] }
            case .subtract:
                sp -= 1; let x = slot(sp - 1), y = slot(sp); for i in 0..<b { x[i] -= y[i] }
            case .multiply:
                sp -= 1; let x = slot(sp - 1), y = slot(sp); for i in 0..<b { x[i] *= y[i] }
            case .divide:
                sp -= 1; let x = slot(sp - 1), y = slot(sp); for i in 0..<b { x[i] /= y[i] }
            case .power:
                sp -= 1; let x = slot(sp - 1), y = slot(sp); for i in 0..<b { x[i] = Foundation.pow(x[i], y[i]) }
            case .negate:
                let x = slot(sp - 1); for i in 0..<b { x[i] = -x[i] }
            case .call(let f, let n):
                let x = slot(sp - n)
                switch f {
                case .exp: for i in 0..<b { x[i] = Foundation.exp(x[i]) }
                case .log: for i in 0..<b { x[i] = Foundation.log(x[i]) }
                case .sqrt: for i in 0..<b { x[i] = x[i].squareRoot() }
                case .abs: for i in 0..<b { x[i] = Swift.abs(x[i]) }
                case .min, .max:
                    for j in 1..<n {
                        let y = slot(sp - n + j)
                        if f == .min { for i in 0..<b { x[i] = Swift.min(x[i], y[i]) } } else { for i in 0..<b { x[i] = Swift.max(x[i], y[i]) } }
                    }
                }
                sp -= n - 1
            }
        }
        output.update(from: scratch, count: b)
    }
}

/// Compiles a parsed expression against parameter names (index = position in `parameters`).
/// Unknown names throw with a "did you mean" suggestion.
///
/// - Complexity: O(n) in the number of nodes.
public func compileExpression(_ node: ExpressionNode, text: String,
                              parameters: [String]) throws(ExpressionError) -> CompiledExpression {
    var index = [String: Int]()
    for (k, n) in parameters.enumerated() where index[n] == nil { index[n] = k }
    var code = [CompiledExpression.Instruction]()
    var depth = 0, maxDepth = 0
    var deps = Set<Int>()
    func emit(_ n: ExpressionNode) throws(ExpressionError) {
        switch n {
        case .number(let v, _):
            code.append(.constant(v)); depth += 1
        case .name(let s, let o):
            guard let k = index[s] else {
                throw ExpressionError(offset: o, message: unknownNameMessage(s, known: parameters))
            }
            deps.insert(k)
            code.append(.parameter(k)); depth += 1
        case .unary(let minus, let e, _):
            try emit(e)
            if minus { code.append(.negate) }
        case .binary(let op, let a, let b, _):
            try emit(a); try emit(b)
            switch op {
            case .add: code.append(.add)
            case .subtract: code.append(.subtract)
            case .multiply: code.append(.multiply)
            case .divide: code.append(.divide)
            case .power: code.append(.power)
            }
            depth -= 1
        case .call(let f, let args, _):
            for a in args { try emit(a) }
            code.append(.call(f, argumentCount: args.count))
            depth -= args.count - 1
        }
        maxDepth = Swift.max(maxDepth, depth)
    }
    try emit(node)
    let affine = affineForm(node, index: index, count: parameters.count)
    return CompiledExpression(code: code, stackDepth: maxDepth, affine: affine, text: text,
                              dependencies: deps.sorted())
}

/// Parses and compiles in one step.
public func compileExpression(_ text: String, parameters: [String]) throws(ExpressionError) -> CompiledExpression {
    try compileExpression(try parseExpression(text), text: text, parameters: parameters)
}

/// The affine coefficients `[c₀, c₁…c_k]` of an expression, or `nil` if it is not affine
/// (a product of two parameter-dependent factors, a division by one, a function of one).
/// Constant sub-expressions are folded exactly as the evaluator would compute them.
func affineForm(_ n: ExpressionNode, index: [String: Int], count: Int) -> [Double]? {
    func constant(_ v: Double) -> [Double] { var a = [Double](repeating: 0, count: count + 1); a[0] = v; return a }
    func isConstant(_ a: [Double]) -> Bool { a.dropFirst().allSatisfy { $0 == 0 } }
    switch n {
    case .number(let v, _): return constant(v)
    case .name(let s, _):
        guard let k = index[s] else { return nil }
        var a = constant(0); a[k + 1] = 1; return a
    case .unary(let minus, let e, _):
        guard let a = affineForm(e, index: index, count: count) else { return nil }
        return minus ? a.map { -$0 } : a
    case .binary(let op, let l, let r, _):
        guard let a = affineForm(l, index: index, count: count),
              let b = affineForm(r, index: index, count: count) else { return nil }
        switch op {
        case .add: return zip(a, b).map { $0 + $1 }
        case .subtract: return zip(a, b).map { $0 - $1 }
        case .multiply:
            if isConstant(a) { return b.map { a[0] * $0 } }
            if isConstant(b) { return a.map { $0 * b[0] } }
            return nil
        case .divide:
            guard isConstant(b), b[0] != 0 else { return nil }
            return a.map { $0 / b[0] }
        case .power:
            guard isConstant(a), isConstant(b) else { return nil }
            return constant(Foundation.pow(a[0], b[0]))
        }
    case .call(let f, let args, _):
        var vals = [Double]()
        for e in args {
            guard let a = affineForm(e, index: index, count: count), isConstant(a) else { return nil }
            vals.append(a[0])
        }
        switch f {
        case .exp: return constant(Foundation.exp(vals[0]))
        case .log: return constant(Foundation.log(vals[0]))
        case .sqrt: return constant(vals[0].squareRoot())
        case .abs: return constant(Swift.abs(vals[0]))
        case .min: return constant(vals.min()!)
        case .max: return constant(vals.max()!)
        }
    }
}

/// "unknown parameter 'x'" with the closest known name when one is near (edit distance ≤ 2,
/// or a case-insensitive match).
func unknownNameMessage(_ name: String, known: [String], kind: String = "parameter", context: String = "") -> String {
    var message = "unknown \(kind) '\(name)'" + (context.isEmpty ? "" : " " + context)
    if let s = closestName(to: name, in: known) { message += "; did you mean '\(s)'?" }
    return message
}

/// The known name closest to `name` by Levenshtein distance, if within max(2, |name|/3).
func closestName(to name: String, in known: [String]) -> String? {
    var best: (String, Int)?
    for k in known {
        let d = k.lowercased() == name.lowercased() ? 0 : editDistance(Array(name), Array(k))
        // A suggestion must be closer than rewriting the whole name ('C' does not suggest 'A').
        if d <= Swift.max(2, name.count / 3), d < name.count || d == 0, best == nil || d < best!.1 { best = (k, d) }
    }
    return best?.0
}

func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    var cur = prev
    for i in 1...a.count {
        cur[0] = i
        for j in 1...b.count {
            cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&prev, &cur)
    }
    return prev[b.count]
}
