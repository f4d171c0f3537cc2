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
            require(positionIsInside(line: d.line, column: d.column, of: yamlLines(text)),
                    "diagnostic outside the input: \(d)")
        }
    }
    return 0
}

/// The text with every line break libyaml recognises (CR LF, CR, NEL, LS, PS) turned into LF,
/// so that `positionIsInside` counts lines as the model reader's positions do.
private func yamlLines(_ text: String) -> [UInt8] {
    var out = [UInt8]()
    var previousWasCR = false
    for u in text.unicodeScalars {
        switch u.value {
        case 0x0A where previousWasCR: break
        case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: out.append(0x0A)
        default: out.append(contentsOf: Array(String(u).utf8))
        }
        previousWasCR = u.value == 0x0D
    }
    return out
}
