import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import Analysis
@testable import Reports

@Suite struct AnalysisReportsTests {
    let model = FunctionModel(parameterNames: ["a", "b"], baseline: [1, 2]) { x in 2 * x[0] + x[1] * x[1] }
    let params = [ParameterSpec(name: "a", baseline: 1, low: 0, high: 2), ParameterSpec(name: "b", baseline: 2, low: 1, high: 3)]

    @Test func tornadoTableAndChart() throws {
        let t = try tornado(model, parameters: params) { $0 }
        let table = ReportTable.tornado(t, output: "y", label: "tab:tornado", provenance: provenance)
        // Swings: a 2·2 = 4, b 9 − 1 = 8.
        #expect(table.rows.map { $0[0] } == [.text("b"), .text("a")])
        #expect(table.rows[0][5] == .number(8, digits: 3))
        let svg = SVGPlot.tornado(t, output: "y")
        #expect(XMLParser(data: Data(svg.utf8)).parse())
    }

    @Test func regimeMapOfAGridSweep() throws {
        let r = try sweep(model, parameters: params, design: .grid(steps: [3, 4]))
        let svg = try #require(SVGPlot.regimeMap(r, regime: { $0 > 5 ? "high" : "low" }, order: ["low", "high"], title: "y > 5"))
        #expect(XMLParser(data: Data(svg.utf8)).parse())
        #expect(svg.contains(">low<") && svg.contains(">high<"))
        let table = ReportTable.sweep(r, outputs: [("y", { .number($0, digits: 3) })], caption: "Sweep", label: "sweep")
        #expect(table.rows.count == 12)
        #expect(table.csv().components(separatedBy: "\r\n")[0] == "a,b,y")
    }

    @Test func sobolAndThresholdTables() throws {
        let s = try sobolIndices(model, parameters: params, baseSamples: 256, bootstrapResamples: 20) { $0 }
        let table = ReportTable.sobolIndices(s, output: "y", label: "tab:sobol")
        #expect(table.rows.count == 2 && table.columns.count == 7)
        #expect(table.latex().contains("\\toprule"))
        let curves = try thresholdCurves(model, along: params[0], over: params[1], overSteps: 3, tolerance: 1e-6) { $0 > 6 }
        let ct = ReportTable.thresholdCurves(curves, label: "tab:curves")
        // y = 2a + b² > 6 ⇔ a > (6 − b²)/2: at b = 1, 2, 3 the thresholds are 2.5 (outside [0, 2]), 1, −1.5 (outside).
        #expect(ct.rows.count == 1)
        if case let .number(v, _) = ct.rows.first?[1] { #expect(abs(v - 1) < 1e-6) } else { Issue.record("no threshold row") }
    }
}
