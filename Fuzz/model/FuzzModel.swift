// libFuzzer target: the YAML model loader (PolicyModels.loadModel(yaml:path:)).
//
// Invariants: never crash; a rejected model has at least one diagnostic and every diagnostic
// is positioned inside the input; an accepted small model (≤ 3 domains of ≤ 36 profiles)
// solves without crashing, and every stage equilibrium it reports has finite payoffs and a
// regret within tolerance.
import PolicyModels

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModel(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let text = String(decoding: bytes, as: UTF8.self)
    let textBytes = Array(text.utf8)
    do {
        let model = try loadModel(yaml: text, path: "fuzz.yaml")
        let small = model.domains.count <= 3 && model.players.count <= 3
            && model.domains.allSatisfy { $0.profileCount <= 36 } && model.states == nil
        guard small else { return 0 }
        // A model may legitimately fail to solve (an expression that is NaN at the scenario's
        // values is reported as a typed error); it must not crash.
        if let report = try? solve(model: model) {
            for domain in report.domains {
                let scale = domain.profiles.flatMap(\.payoffs).map(abs).max() ?? 0
                for eq in domain.equilibria {
                    require(eq.payoffs.allSatisfy(\.isFinite), "equilibrium with non-finite payoffs in \(domain.name)")
                    for s in eq.strategies {
                        require(s.allSatisfy { $0 >= -1e-9 } && abs(s.reduce(0, +) - 1) <= 1e-9,
                                "strategy \(s) in \(domain.name) is not a probability vector")
                    }
                    require(eq.regret <= 1e-6 * max(1, scale), "equilibrium regret \(eq.regret) in \(domain.name)")
                }
            }
        }
    } catch {
        require(!error.diagnostics.isEmpty, "a model was rejected without a diagnostic")
        for d in error.diagnostics {
            require(positionIsInside(line: d.line, column: d.column, of: textBytes),
                    "diagnostic outside the input: \(d)")
        }
    }
    return 0
}
