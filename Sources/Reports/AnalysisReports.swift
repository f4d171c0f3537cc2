import Analysis

/// Tables and figures from `Analysis` results, so a batch job can turn a result into files in
/// one line. Every table is tidy (one row per observation) and carries the provenance given.
extension ReportTable {
    /// First-order and total Sobol indices with their confidence intervals, one row per
    /// parameter; the notes state N, the evaluations, the sampling, the bootstrap and the level.
    public static func sobolIndices(_ r: SobolIndices, output: String, label: String,
                                    provenance: Provenance? = nil, digits: Int = 3) -> ReportTable {
        let level = Int((r.confidenceLevel * 100).rounded())
        return ReportTable(
            caption: "Variance-based sensitivity of \(output): first-order and total Sobol indices",
            label: label,
            columns: [TableColumn(key: "parameter", heading: "Parameter", alignment: .left),
                      TableColumn(key: "first_order", heading: "S_i"), TableColumn(key: "first_order_low", heading: "\(level)% low"),
                      TableColumn(key: "first_order_high", heading: "\(level)% high"), TableColumn(key: "total", heading: "S_Ti"),
                      TableColumn(key: "total_low", heading: "\(level)% low"), TableColumn(key: "total_high", heading: "\(level)% high")],
            rows: r.estimates.map { e in
                [.text(e.parameter), .number(e.firstOrder, digits: digits), .number(e.firstOrderInterval.lowerBound, digits: digits),
                 .number(e.firstOrderInterval.upperBound, digits: digits), .number(e.total, digits: digits),
                 .number(e.totalInterval.lowerBound, digits: digits), .number(e.totalInterval.upperBound, digits: digits)]
            },
            notes: ["Saltelli et al. (2010) estimator for S_i, Jansen (1999) for S_Ti; N = \(r.baseSamples) base samples, \(r.evaluations) evaluations, \(r.sampling.rawValue) sampling; \(level)% percentile bootstrap intervals from \(r.bootstrapResamples) resamples."],
            provenance: provenance)
    }

    /// One row per parameter of a tornado analysis, in the chart's order. The baseline output
    /// is in the caption and, for programs that redraw the chart, in the CSV and JSON column
    /// `output_at_baseline` (the same on every row; not shown in LaTeX and Markdown).
    public static func tornado(_ t: Tornado, output: String, label: String, provenance: Provenance? = nil,
                               digits: Int = 3) -> ReportTable {
        ReportTable(
            caption: "One-at-a-time sensitivity of \(output) (baseline \(formatFixed(t.baselineOutput, digits: digits)))",
            label: label,
            columns: [TableColumn(key: "parameter", heading: "Parameter", alignment: .left),
                      TableColumn(key: "low", heading: "Low"), TableColumn(key: "high", heading: "High"),
                      TableColumn(key: "output_at_low", heading: "\(output) at low"),
                      TableColumn(key: "output_at_high", heading: "\(output) at high"), TableColumn(key: "swing", heading: "Swing"),
                      TableColumn(key: "output_at_baseline", heading: "\(output) at baseline", inPaperTables: false)],
            rows: t.bars.map { b in
                [.text(b.parameter), .number(b.low, digits: digits), .number(b.high, digits: digits),
                 .number(b.outputAtLow, digits: digits), .number(b.outputAtHigh, digits: digits), .number(b.swing, digits: digits),
                 .number(t.baselineOutput, digits: digits)]
            },
            provenance: provenance)
    }

    /// Derivatives at the baseline with their error estimates.
    public static func comparativeStatics(_ d: [Derivative], output: String, label: String,
                                          provenance: Provenance? = nil, digits: Int = 4) -> ReportTable {
        ReportTable(
            caption: "Comparative statics: derivative of \(output) at the baseline",
            label: label,
            columns: [TableColumn(key: "parameter", heading: "Parameter", alignment: .left),
                      TableColumn(key: "derivative", heading: "∂\(output)/∂θ"),
                      TableColumn(key: "error_estimate", heading: "Error estimate"), TableColumn(key: "step", heading: "Step")],
            rows: d.map { [.text($0.parameter), .number($0.value, digits: digits), .number($0.errorEstimate, digits: 2 + digits),
                           .number($0.step, digits: 2 + digits)] },
            notes: ["Central differences with Richardson extrapolation."],
            provenance: provenance)
    }

    /// One row per regime change of a family of threshold curves.
    public static func thresholdCurves<R>(_ c: ThresholdCurves<R>, label: String, provenance: Provenance? = nil,
                                          digits: Int = 4) -> ReportTable {
        var rows = [[TableCell]]()
        for (v, changes) in zip(c.overValues, c.changes) {
            for ch in changes {
                rows.append([.number(v, digits: digits), .number(ch.location, digits: digits), .number(ch.lower, digits: 2 + digits),
                             .number(ch.upper, digits: 2 + digits), .text(String(describing: ch.regimeBelow)),
                             .text(String(describing: ch.regimeAbove))])
            }
        }
        return ReportTable(
            caption: "Regime thresholds in \(c.parameter) as \(c.over) varies",
            label: label,
            columns: [TableColumn(key: c.over), TableColumn(key: c.parameter + "_threshold", heading: "\(c.parameter) threshold"),
                      TableColumn(key: "bracket_low", heading: "Bracket low"), TableColumn(key: "bracket_high", heading: "Bracket high"),
                      TableColumn(key: "regime_below", heading: "Regime below", alignment: .left),
                      TableColumn(key: "regime_above", heading: "Regime above", alignment: .left)],
            rows: rows,
            notes: ["Located by bisection to the bracket shown."],
            provenance: provenance)
    }

    /// A sweep as a tidy table: one row per point, the varied parameters then the `outputs`
    /// columns (key and a cell for each output).
    public static func sweep<O>(_ r: SweepResult<O>, outputs: [(key: String, cell: (O) -> TableCell)], caption: String,
                                label: String, provenance: Provenance? = nil, digits: Int = 4) -> ReportTable {
        ReportTable(
            caption: caption, label: label,
            columns: r.design.names.map { TableColumn(key: $0) } + outputs.map { TableColumn(key: $0.key) },
            rows: zip(r.design.points, r.outputs).map { p, o in p.map { .number($0, digits: digits) } + outputs.map { $0.cell(o) } },
            provenance: provenance)
    }
}

extension SVGPlot {
    /// The tornado chart of an analysis.
    public static func tornado(_ t: Tornado, output: String, provenance: Provenance? = nil) -> String {
        tornado(title: "Sensitivity of \(output)", outputLabel: output, baseline: t.baselineOutput,
                bars: t.bars.map { ($0.parameter, $0.outputAtLow, $0.outputAtHigh) }, provenance: provenance)
    }

    /// The regime map of a two-parameter grid sweep (`.grid(steps: [nx, ny])` over x then y).
    /// Categories appear in the legend in `order` when given, else in order of first appearance.
    public static func regimeMap<O>(_ r: SweepResult<O>, regime: (O) -> String, order: [String]? = nil,
                                    title: String, provenance: Provenance? = nil) -> String? {
        guard r.design.names.count == 2 else { return nil }
        var xs = [Double](), ys = [Double]()
        for p in r.design.points {
            if !xs.contains(p[0]) { xs.append(p[0]) }
            if !ys.contains(p[1]) { ys.append(p[1]) }
        }
        guard xs.count * ys.count == r.outputs.count else { return nil }
        xs.sort(); ys.sort()
        var grid = [[String]](repeating: [String](repeating: "", count: xs.count), count: ys.count)
        var seen = [String]()
        for (p, o) in zip(r.design.points, r.outputs) {
            let name = regime(o)
            if !seen.contains(name) { seen.append(name) }
            grid[ys.firstIndex(of: p[1])!][xs.firstIndex(of: p[0])!] = name
        }
        let cats = (order ?? []) + seen.filter { !(order ?? []).contains($0) }
        return regimeMap(title: title, xLabel: r.design.names[0], yLabel: r.design.names[1], xValues: xs, yValues: ys,
                         regimes: grid, categories: cats, provenance: provenance)
    }
}
