/// Solves a model at the scenarios a command line names, with `--set` overrides and an
/// optional common discount factor applied to each.
///
/// `scenarios` empty: the baseline and every scenario in file order (as
/// `solveAllScenarios`); otherwise the named ones in the order given (`"baseline"` names the
/// baseline). Every name is checked before anything is solved, so an unknown scenario or
/// parameter is reported at once (with a "did you mean").
///
/// - Complexity: that of `solve(model:…)` per scenario.
/// - Throws: `ModelSolveError.unknownScenario`, `.unknownParameter`, or any error of `solve`.
public func solveScenarios(model: PolicyModel, scenarios: [String] = [], assignments: [ParameterAssignment] = [],
                           delta: Double? = nil, perPlayerDeltas: [Double]? = nil,
                           spe: SPEPayoffSetSolver? = abreuSannikovSPESolver) throws(ModelSolveError) -> [ModelReport] {
    for name in scenarios where name != "baseline" && model.scenario(named: name) == nil {
        throw .unknownScenario(name, known: model.scenarios.map(\.name))
    }
    for a in assignments where !model.parameterNames.contains(a.name) {
        throw .unknownParameter(a.name, known: model.parameterNames)
    }
    let overrides = assignments.map { ($0.name, $0.value) }
    if scenarios.isEmpty {
        return try solveAllScenarios(model: model, overrides: overrides, delta: delta, perPlayerDeltas: perPlayerDeltas, spe: spe)
    }
    var reports = [ModelReport]()
    for name in scenarios {
        reports.append(try solve(model: model, scenario: name, overrides: overrides, delta: delta, perPlayerDeltas: perPlayerDeltas, spe: spe))
    }
    return reports
}
