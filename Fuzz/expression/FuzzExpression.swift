// libFuzzer target: the expression parser and compiler (PolicyModels.compileExpression).
//
// Invariants: never crash; an error's offset lies within the text (0 ≤ offset ≤ byte count);
// an accepted expression evaluates identically through its two evaluators, and when the
// compiler found it affine, the affine form agrees with the evaluator at sample points.
import PolicyModels

private let parameters = ["a", "b", "c", "x", "y", "cost_of_defection", "δ"]
private let samples: [[Double]] = [
    [0, 0, 0, 0, 0, 0, 0],
    [1, 2, 3, 0.5, -1.5, 10, 0.9],
    [-2, 0.25, 7, 1e-3, 4, -3, 0.5],
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExpression(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    do {
        let e = try compileExpression(text, parameters: parameters)
        require(e.stackDepth >= 1, "stack depth \(e.stackDepth) for '\(text)'")
        require(e.dependencies.allSatisfy { parameters.indices.contains($0) }, "dependencies \(e.dependencies)")
        for theta in samples {
            let v = e.evaluate(theta)
            let w = theta.withUnsafeBufferPointer { e.evaluate($0) }
            require(v == w || (v.isNaN && w.isNaN), "two evaluators disagree on '\(text)': \(v) vs \(w)")
            if let affine = e.affine, v.isFinite {
                require(affine.count == parameters.count + 1, "affine form has \(affine.count) coefficients")
                var sum = affine[0], scale = abs(affine[0])
                for k in parameters.indices {
                    sum += affine[k + 1] * theta[k]
                    scale += abs(affine[k + 1] * theta[k])
                }
                if sum.isFinite && scale.isFinite {
                    require(abs(sum - v) <= 1e-9 * max(1, scale), "affine form of '\(text)' gives \(sum), evaluator \(v)")
                }
            }
        }
    } catch {
        require(error.offset >= 0 && error.offset <= text.utf8.count,
                "error offset \(error.offset) outside '\(text)' (\(text.utf8.count) bytes): \(error.message)")
    }
    return 0
}
