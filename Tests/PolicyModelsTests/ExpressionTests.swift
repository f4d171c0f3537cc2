import Foundation
import Testing
import GameTheory
@testable import PolicyModels

@Suite("Expression compiler")
struct ExpressionTests {
    func value(_ text: String, _ names: [String] = ["a", "b", "c"], _ theta: [Double] = [2, 3, 5]) throws -> Double {
        try compileExpression(text, parameters: names).evaluate(theta)
    }

    @Test("precedence and associativity")
    func precedence() throws {
        #expect(try value("1 + 2 * 3") == 7)
        #expect(try value("(1 + 2) * 3") == 9)
        #expect(try value("10 - 4 - 3") == 3)          // left-associative
        #expect(try value("12 / 3 / 2") == 2)
        #expect(try value("2 ^ 3 ^ 2") == 512)         // right-associative: 2^9
        #expect(try value("2 * 3 ^ 2") == 18)
        #expect(try value("a + b * c") == 17)
        #expect(try value("a * b - c / a") == 3.5)
        #expect(try value("1e-3 * 1000") == 1)
        #expect(try value(".5 + 2.5E1") == 25.5)
    }

    @Test("unary minus binds looser than ^ and tighter than * and +")
    func unaryMinus() throws {
        #expect(try value("-2^2") == -4)              // -(2^2)
        #expect(try value("(-2)^2") == 4)
        #expect(try value("2^-1") == 0.5)
        #expect(try value("-a * -b") == 6)
        #expect(try value("--a") == 2)
        #expect(try value("3 - -a") == 5)
        #expect(try value("+a") == 2)
        #expect(try value("-a^2 + b") == -1)
    }

    @Test("functions")
    func functions() throws {
        #expect(try value("min(a, b, c)") == 2)
        #expect(try value("max(a, b, c)") == 5)
        #expect(try value("max(a)") == 2)
        #expect(try value("exp(0)") == 1)
        #expect(try value("log(exp(c))") == 5)
        #expect(try value("sqrt(16) + abs(-a)") == 6)
        #expect(try value("min(a - c, 0) * max(1, 2)") == -6)
        #expect(try value("sqrt(a*a + b*b + c*c - 2)") == 6)
    }

    @Test("errors carry the offset of the fault", arguments: [
        ("1 +", 3, "expression ends where a number, name or '(' was expected"),
        ("2 * (a + b", 4, "unclosed '('"),
        ("a b", 2, "unexpected 'b' after a complete expression"),
        ("foo(a)", 0, "unknown function 'foo'; the functions are min, max, exp, log, sqrt, abs"),
        ("sqrt(a, b)", 0, "sqrt takes 1 argument, got 2"),
        ("", 0, "empty expression"),
        ("3 # 4", 2, "unexpected '#' after a complete expression"),
        ("min(a; b)", 5, "expected ',' or ')' but found ';'"),
        ("* 2", 0, "unexpected '*' where a number, name or '(' was expected"),
    ])
    func syntaxErrors(text: String, offset: Int, message: String) {
        #expect(throws: ExpressionError(offset: offset, message: message)) {
            _ = try compileExpression(text, parameters: ["a", "b"])
        }
    }

    @Test("unknown names suggest the closest parameter")
    func didYouMean() {
        #expect(throws: ExpressionError(offset: 4, message: "unknown parameter 'dleta'; did you mean 'delta'?")) {
            _ = try compileExpression("1 - dleta", parameters: ["delta", "k"])
        }
        #expect(throws: ExpressionError(offset: 0, message: "unknown parameter 'zzz'")) {
            _ = try compileExpression("zzz", parameters: ["delta", "k"])
        }
    }

    @Test("affine forms are detected and exact")
    func affine() throws {
        let names = ["a", "b", "c"]
        #expect(try compileExpression("3 + 2*a - b/4", parameters: names).affine == [3, 2, -0.25, 0])
        #expect(try compileExpression("(1 + 2)*(a - c)", parameters: names).affine == [0, 3, 0, -3])
        #expect(try compileExpression("-(a + 2^3)", parameters: names).affine == [-8, -1, 0, 0])
        #expect(try compileExpression("max(1, 2) * a", parameters: names).affine == [0, 2, 0, 0])
        #expect(try compileExpression("a * b", parameters: names).affine == nil)
        #expect(try compileExpression("a / b", parameters: names).affine == nil)
        #expect(try compileExpression("a^2", parameters: names).affine == nil)
        #expect(try compileExpression("exp(a)", parameters: names).affine == nil)
        #expect(try compileExpression("a / 0", parameters: names).affine == nil)
    }

    @Test("the affine form and the bytecode agree at random points")
    func affineMatchesBytecode() throws {
        let seed = UInt64(20261130)
        print("ExpressionTests.affineMatchesBytecode seed \(seed)")
        var rng = SplitMix64(seed: seed)
        let names = ["a", "b", "c"]
        for text in ["3 + 2*a - b/4", "(1 + 2)*(a - c)", "-(a + 2^3) + c*0.5", "a - (b - (c - a))/3"] {
            let e = try compileExpression(text, parameters: names)
            let bytecode = CompiledExpression(code: e.code, stackDepth: e.stackDepth, affine: nil, text: text, dependencies: e.dependencies)
            for _ in 0..<100 {
                let theta = (0..<3).map { _ in Double(rng.next() % 20_001) / 1000 - 10 }
                #expect(Swift.abs(e.evaluate(theta) - bytecode.evaluate(theta)) <= 1e-12 * (1 + Swift.abs(bytecode.evaluate(theta))))
            }
        }
    }
}

@Suite("Expression limits")
struct ExpressionLimitTests {
    @Test("deep nesting is an error, not a stack overflow")
    func deepNesting() throws {
        let deep = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        #expect(throws: ExpressionError.self) { _ = try compileExpression(deep, parameters: []) }
        let fine = String(repeating: "(", count: 50) + "1" + String(repeating: ")", count: 50)
        #expect(try compileExpression(fine, parameters: []).evaluate([]) == 1)
        #expect(throws: ExpressionError.self) { _ = try compileExpression(String(repeating: "-", count: 5000) + "1", parameters: []) }
    }
}
