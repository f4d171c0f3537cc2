import Analysis
import Foundation

/// The notebook of one (model, scenario) of a batch, assembled from the files the analysis
/// jobs wrote (never by computing anything again).
///
/// A batch plan has one assembly job per (model, scenario), `STEM/SCENARIO/notebook`, that
/// depends on that target's analysis jobs (`BatchAssembly`). Its recipe (`BatchNotebook.Recipe`,
/// JSON) is fixed when the plan is made: the title, the provenance, and per analysis its
/// name, file stem, a paragraph saying what it computes and how its figure is redrawn. The
/// assembler reads each analysis's CSV (and its SVG when the batch wrote one) through
/// `BatchInputs` and writes `notebook.ipynb` (nbformat 4.5, unexecuted, deterministic cell
/// ids, no timestamps), with per analysis:
/// 1. a heading and the paragraph;
/// 2. the first `tableRowLimit` rows of the CSV as a Markdown table (numbers with a fraction
///    or exponent rounded to 6 significant digits for reading, `tableNumber`; other values as
///    in the CSV; ASCII punctuation that Markdown would interpret escaped with `\`), saying how
///    many rows the full CSV beside the notebook has;
/// 3. the SVG the batch wrote, embedded as a Markdown attachment (`image/svg+xml`, base64;
///    attachments render in untrusted notebooks, unlike SVG outputs), byte for byte the file
///    (linked instead when larger than `svgEmbedLimit`);
/// 4. a code cell reloading the CSV with pandas (skipping its `#` provenance lines);
/// 5. a code cell redrawing the figure with matplotlib: regime map (categories as grey levels
///    and hatches, with a legend), threshold curves, tornado, Sobol indices with their
///    intervals, comparative statics, a one-parameter sweep as lines, a sampled sweep as
///    scatter plots. Black lines with distinct markers and dashes, grey fills with hatches:
///    distinguishable in greyscale; every axis labelled.
///
/// The same recipe and files give the same bytes, in `BatchRunner` (after the analysis jobs)
/// and in `ShardMerger` (after a sharded batch is merged), so a resumed or merged batch has
/// the notebook of an uninterrupted single run.
public enum BatchNotebook {
    /// The assembler's name in `BatchPlan.assemblers`.
    public static let assemblerName = "notebook"
    /// Rows of each table shown in the notebook; the full table is the CSV.
    public static let tableRowLimit = 25
    /// Largest SVG embedded (bytes); a larger figure (e.g. the regime map of a very fine grid)
    /// is linked to the file beside the notebook instead, to keep the notebook small.
    public static let svgEmbedLimit = 1 << 20

    /// The assemblers a batch plan of `makeBatchPlan` uses (for `ShardMerger.merge`).
    public static let assemblers: [String: BatchAssembler] = [assemblerName: { recipe, inputs in
        [try assemble(recipe: try Recipe.decode(recipe), inputs: inputs)]
    }]

    /// What a notebook shows, fixed when the plan is made.
    public struct Recipe: Codable, Equatable, Sendable {
        public var title: String
        /// `STEM/SCENARIO`: where the notebook and the analyses' files are, relative to the output.
        public var directory: String
        public var model: String
        public var modelHash: String
        public var scenario: String
        public var seed: UInt64
        public var detenteVersion: String
        public var sections: [Section]

        public struct Section: Codable, Equatable, Sendable {
            /// The analysis name as the spec gives it.
            public var name: String
            /// The analysis job (a dependency of the notebook job).
            public var job: String
            /// The stem of the analysis's files (`STEM.csv`, `STEM.svg`).
            public var stem: String
            /// Markdown: what the analysis computes.
            public var about: String
            public var redraw: Redraw?
        }

        /// How a code cell redraws an analysis's figure from its CSV.
        public struct Redraw: Codable, Equatable, Sendable {
            public enum Kind: String, Codable, Sendable {
                /// Grid over `parameters[0]` (x) and `parameters[1]` (y); column `regime`.
                case regimeMap
                /// One varied parameter: numeric columns against it (`output` first).
                case sweepLines
                /// Sampled parameters: `output` against each parameter, markers by regime.
                case sweepScatter
                /// Columns `parameter`, `output_at_low`, `output_at_high`, `output_at_baseline`.
                case tornado
                /// Columns `parameters[1]`, `parameters[0]_threshold`, `regime_below`, `regime_above`.
                case thresholdCurves
                /// Column `parameters[0]_threshold`, `regime_below`, `regime_above`.
                case regimeChanges
                /// Columns `parameter`, `first_order(_low|_high)`, `total(_low|_high)`.
                case sobol
                /// Columns `parameter`, `derivative`, `error_estimate`.
                case comparativeStatics
            }
            public var kind: Kind
            public var parameters: [String]
            public var output: String?
            /// The range of `parameters[0]` searched (`regimeChanges`: the axis of the figure).
            public var range: [Double]?

            public init(kind: Kind, parameters: [String] = [], output: String? = nil, range: [Double]? = nil) {
                self.kind = kind
                self.parameters = parameters
                self.output = output
                self.range = range
            }
        }

        func encoded() -> String {
            let e = JSONEncoder()
            e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            return String(decoding: try! e.encode(self), as: UTF8.self) + "\n"
        }

        static func decode(_ text: String) throws -> Recipe {
            do {
                return try JSONDecoder().decode(Recipe.self, from: Data(text.utf8))
            } catch {
                throw BatchError.invalidAssembly(job: "notebook", reason: "unreadable notebook recipe: \(error)")
            }
        }
    }

    /// The notebook of `recipe` from the analyses' files in `inputs`.
    ///
    /// SVG files larger than `svgEmbedLimit` bytes are linked, not embedded.
    ///
    /// - Throws: `BatchError.io` when an analysis's CSV is missing or unreadable.
    /// - Complexity: O(bytes of the CSV and SVG files read).
    public static func assemble(recipe: Recipe, inputs: BatchInputs, svgEmbedLimit: Int = svgEmbedLimit) throws -> BatchOutputFile {
        let dir = recipe.directory
        var cells = [NotebookWriter.Cell]()
        var used = Set<String>()
        for s in recipe.sections {
            cells.append(.markdown("## \(s.name)\n\n\(s.about)"))
            let csvName = s.stem + ".csv"
            let records = parseReportCSV(try inputs.bytes(dir + "/" + csvName), keepingRows: tableRowLimit)
            cells.append(.markdown(tableMarkdown(records, file: csvName)))
            let svgPath = dir + "/" + s.stem + ".svg"
            if inputs.files(of: s.job).contains(svgPath) {
                let svg = try inputs.bytes(svgPath)
                if svg.count <= svgEmbedLimit {
                    cells.append(.figure(name: s.stem, title: "\(s.stem).svg, as the batch drew it",
                                         svg: String(decoding: svg, as: UTF8.self), redraw: nil))
                } else {
                    cells.append(.markdown("**\(s.stem).svg, as the batch drew it** (\(svg.count) bytes: linked, not embedded, to keep the notebook small; the file is beside this notebook)\n\n![\(s.stem).svg](\(s.stem).svg)"))
                }
            }
            var v = pythonIdentifier(s.stem)
            if used.contains(v) {
                var k = 2
                while used.contains(v + "_\(k)") { k += 1 }
                v += "_\(k)"
            }
            used.insert(v)
            cells.append(.code("\(v) = read_detente_csv(\(py(csvName)))\n\(v)"))
            if let r = s.redraw { cells.append(.code(redrawPython(r, frame: v, analysis: s.name))) }
        }
        let prov = Provenance(model: recipe.model, modelHash: recipe.modelHash, scenario: recipe.scenario,
                              seed: recipe.seed, detenteVersion: recipe.detenteVersion)
        let intro = """
        The results of `detente batch` for this model and scenario. For each analysis: what it \
        computes, the first rows of its table, its figure as the batch drew it (SVG), a cell \
        that reloads the full table with pandas and a cell that redraws the figure with \
        matplotlib. The tables (`*.csv`) and figures (`*.svg`) are the files beside this \
        notebook in the batch's output directory (`\(dir)/`); run the cells from there. \
        Re-run the batch to regenerate this notebook.
        """
        let text = NotebookWriter(title: recipe.title, provenance: prov, cells: cells, introduction: intro,
                                  setup: setupPython).render()
        return BatchOutputFile(path: dir + "/notebook.ipynb", text: text)
    }

    /// The Markdown of a table's first rows: `records[0]` is the header, then the rows kept,
    /// and the total row count.
    static func tableMarkdown(_ csv: (records: [[String]], rowCount: Int), file: String) -> String {
        guard let header = csv.records.first else { return "`\(file)` is empty." }
        let rows = csv.records.dropFirst()
        var s: String
        switch csv.rowCount {
        case 0: s = "`\(file)` has no rows (columns: \(header.map { "`\($0.replacingOccurrences(of: "`", with: "'"))`" }.joined(separator: ", ")))."
            return s
        case rows.count: s = "`\(file)`, all \(csv.rowCount) row\(csv.rowCount == 1 ? "" : "s"):\n\n"
        default: s = "`\(file)`, the first \(rows.count) of \(csv.rowCount) rows (the full table is the CSV file):\n\n"
        }
        s += "| " + header.map(markdownCell).joined(separator: " | ") + " |\n"
        s += "|" + String(repeating: " --- |", count: header.count) + "\n"
        for r in rows {
            let cells = r + [String](repeating: "", count: max(0, header.count - r.count))
            s += "| " + cells.map { markdownCell(tableNumber($0)) }.joined(separator: " | ") + " |\n"
        }
        return s + "\nNumbers are rounded to 6 significant digits here; the CSV has them in full.\n"
    }

    /// A CSV number with a fraction or an exponent (`0.6666666666666666`, `8.500000000000057`,
    /// `1e-07`) rounded to 6 significant digits (`%.6g`: `0.666667`, `8.5`, `1e-07`); integers,
    /// `nan`/`inf` and text are returned unchanged.
    static func tableNumber(_ v: String) -> String {
        guard v.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let x = Double(v), x.isFinite,
              v.allSatisfy({ $0.isNumber || "+-.eE".contains($0) }) else { return v }
        return String(format: "%.6g", x)
    }

    /// A CSV value as a Markdown table cell: line breaks become spaces and the ASCII
    /// punctuation Markdown would interpret is escaped with a backslash.
    static func markdownCell(_ v: String) -> String {
        var out = ""
        for ch in v {
            if ch == "\n" || ch == "\r" || ch == "\r\n" { out.append(" "); continue }
            if "\\`*_[]<>|~#".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    static func pythonIdentifier(_ stem: String) -> String {
        "df_" + String(stem.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    }

    /// A Python string literal (JSON's escapes are valid Python).
    static func py(_ s: String) -> String { JSONValue.quote(s) }

    static let setupPython = #"""
    import numpy as np
    import pandas as pd
    import matplotlib
    import matplotlib.pyplot as plt
    from matplotlib.collections import PolyCollection
    from matplotlib.patches import Patch

    # Styles that stay distinguishable in greyscale: grey fills with hatches, black lines with
    # distinct markers and dashes.
    GREYS = ["0.93", "0.7", "0.45", "0.22", "0.82", "0.58", "0.33", "0.1"]
    HATCHES = ["", "//", "..", "xx", "\\\\", "++", "--", "oo"]
    MARKERS = ["o", "s", "^", "D", "v", "x", "P", "*"]
    LINES = ["-", "--", ":", "-."]


    def read_detente_csv(path):
        """A Detente CSV as a DataFrame, without its provenance lines ('# ...')."""
        with open(path, newline="", encoding="utf-8") as f:
            skip = 0
            for line in f:
                if not line.startswith("#"):
                    break
                skip += 1
        return pd.read_csv(path, skiprows=skip)


    def finite(values):
        """Numbers with infinities as NaN (matplotlib cannot scale axes to infinity)."""
        return pd.to_numeric(pd.Series(values), errors="coerce").replace([np.inf, -np.inf], np.nan).to_numpy()
    """#

    /// Python redrawing an analysis's figure from the DataFrame `frame`.
    static func redrawPython(_ r: Recipe.Redraw, frame df: String, analysis: String) -> String {
        let title = py(analysis)
        let p = r.parameters.map(py)
        let out = r.output.map(py) ?? "None"
        switch r.kind {
        case .regimeMap:
            return """
            # Regime map: each grid cell filled with its regime's grey level and hatch.
            x, y = \(p[0]), \(p[1])
            cats = sorted(\(df)["regime"].astype(str).unique())
            xs, ys = np.sort(\(df)[x].unique()), np.sort(\(df)[y].unique())


            def edges(v):
                if len(v) == 1:
                    return np.array([v[0] - 0.5, v[0] + 0.5])
                mid = (v[1:] + v[:-1]) / 2
                return np.concatenate([[2 * v[0] - mid[0]], mid, [2 * v[-1] - mid[-1]]])


            xe, ye = edges(xs), edges(ys)
            xi, yi = np.searchsorted(xs, \(df)[x]), np.searchsorted(ys, \(df)[y])
            fig, ax = plt.subplots(figsize=(7.5, 5))
            for k, c in enumerate(cats):
                sel = (\(df)["regime"].astype(str) == c).to_numpy()
                cells = [[(xe[i], ye[j]), (xe[i + 1], ye[j]), (xe[i + 1], ye[j + 1]), (xe[i], ye[j + 1])]
                         for i, j in zip(xi[sel], yi[sel])]
                ax.add_collection(PolyCollection(cells, facecolors=GREYS[k % 8], edgecolors="0.15",
                                                 linewidths=0, hatch=HATCHES[k % 8]))
            ax.set_xlim(xe[0], xe[-1]); ax.set_ylim(ye[0], ye[-1])
            ax.set_xlabel(x); ax.set_ylabel(y); ax.set_title("Regimes: " + \(title))
            ax.legend(handles=[Patch(facecolor=GREYS[k % 8], edgecolor="0.15", hatch=HATCHES[k % 8], label=c)
                               for k, c in enumerate(cats)],
                      title="regime", loc="upper left", bbox_to_anchor=(1.02, 1))
            fig.tight_layout()
            plt.show()
            """
        case .sweepLines:
            return """
            # The numeric outputs against the varied parameter (the first four, one panel each).
            x, first = \(p[0]), \(out)
            d = \(df).sort_values(x)
            cols = [c for c in d.columns if c != x and pd.api.types.is_numeric_dtype(d[c])]
            cols = ([first] if first in cols else []) + [c for c in cols if c != first]
            if not cols:
                print("no numeric output column to plot")
            else:
                fig, axes = plt.subplots(len(cols[:4]), 1, figsize=(7, 1.2 + 2.1 * len(cols[:4])), sharex=True, squeeze=False)
                for k, (ax, c) in enumerate(zip(axes[:, 0], cols[:4])):
                    ax.plot(d[x], finite(d[c]), color="black", marker=MARKERS[k % 8], linestyle=LINES[k % 4], markersize=4)
                    ax.set_ylabel(c)
                axes[-1, 0].set_xlabel(x)
                axes[0, 0].set_title("Sweep: " + \(title))
                fig.tight_layout()
                plt.show()
            """
        case .sweepScatter:
            return """
            # The output against each varied parameter (the first four), markers by regime.
            params, y = [\(p.joined(separator: ", "))], \(out)
            cats = sorted(\(df)["regime"].astype(str).unique()) if "regime" in \(df) else [None]
            fig, axes = plt.subplots(1, len(params[:4]), figsize=(1 + 3.4 * len(params[:4]), 4), sharey=True, squeeze=False)
            for ax, x in zip(axes[0], params[:4]):
                for k, c in enumerate(cats):
                    g = \(df) if c is None else \(df)[\(df)["regime"].astype(str) == c]
                    ax.scatter(g[x], finite(g[y]), marker=MARKERS[k % 8], facecolors=GREYS[k % 8], edgecolors="black",
                               linewidths=0.6, s=22, label=c)
                ax.set_xlabel(x)
            axes[0, 0].set_ylabel(y)
            if cats != [None]:
                axes[0, -1].legend(title="regime", loc="upper left", bbox_to_anchor=(1.02, 1))
            fig.suptitle("Sweep: " + \(title))
            fig.tight_layout()
            plt.show()
            """
        case .tornado:
            return """
            # Tornado: the output with each parameter at its low and its high bound, the others at
            # the baseline (vertical line); largest swing on top.
            d = \(df).iloc[::-1].reset_index(drop=True)
            output = \(out)
            base = float(d["output_at_baseline"].iloc[0]) if len(d) else 0.0
            yy = np.arange(len(d))
            fig, ax = plt.subplots(figsize=(7, 1.8 + 0.45 * max(1, len(d))))
            ax.barh(yy - 0.2, finite(d["output_at_low"]) - base, left=base, height=0.38, color="0.35",
                    edgecolor="black", label="parameter at its low bound")
            ax.barh(yy + 0.2, finite(d["output_at_high"]) - base, left=base, height=0.38, color="0.85",
                    hatch="//", edgecolor="black", label="parameter at its high bound")
            ax.axvline(base, color="black", linewidth=1)
            ax.set_yticks(yy, d["parameter"].astype(str))
            ax.set_xlabel(output + " (baseline " + format(base, ".4g") + ")"); ax.set_ylabel("parameter")
            ax.set_title("Sensitivity of " + output + ": " + \(title))
            ax.legend(loc="best")
            fig.tight_layout()
            plt.show()
            """
        case .thresholdCurves:
            return """
            # Threshold curves: where the regime changes along the first parameter, for each value
            # of the second; one line per kind of change.
            along, over = \(p[0]), \(p[1])
            fig, ax = plt.subplots(figsize=(7, 5.6))
            if \(df).empty:
                ax.text(0.5, 0.5, "no regime change found", ha="center", va="center", transform=ax.transAxes)
            else:
                change = \(df)["regime_below"].astype(str) + " → " + \(df)["regime_above"].astype(str)
                for k, (name, g) in enumerate(\(df).groupby(change, sort=True)):
                    g = g.sort_values(over)
                    ax.plot(g[over], finite(g[along + "_threshold"]), color="black", marker=MARKERS[k % 8],
                            linestyle=LINES[k % 4], label=name)
                ax.legend(title="regime below → above", loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=1)
            ax.set_xlabel(over); ax.set_ylabel(along + " threshold"); ax.set_title("Thresholds: " + \(title))
            fig.tight_layout()
            plt.show()
            """
        case .regimeChanges:
            return """
            # Regime changes along the parameter: one vertical line per change, over the range searched.
            along = \(p[0])
            fig, ax = plt.subplots(figsize=(8.5, 2.8))
            if \(df).empty:
                ax.text(0.5, 0.5, "no regime change found", ha="center", va="center", transform=ax.transAxes)
            for k, row in \(df).reset_index(drop=True).iterrows():
                ax.axvline(row[along + "_threshold"], color="black", linestyle=LINES[k % 4], linewidth=1.5,
                           label=str(row["regime_below"]) + " → " + str(row["regime_above"]))
            if not \(df).empty:
                ax.legend(title="regime below → above", loc="upper left", bbox_to_anchor=(1.02, 1))
            \(r.range.map { "ax.set_xlim(\(JSONValue.format($0[0])), \(JSONValue.format($0[1])))\n" } ?? "")ax.set_yticks([]); ax.set_xlabel(along); ax.set_title("Regime changes: " + \(title))
            fig.tight_layout()
            plt.show()
            """
        case .sobol:
            return """
            # Sobol indices with their bootstrap intervals: first-order (alone) and total (with
            # interactions).
            yy = np.arange(len(\(df)))
            fig, ax = plt.subplots(figsize=(7, 1.8 + 0.5 * max(1, len(\(df)))))
            for k, (col, label) in enumerate([("first_order", "first-order S_i"), ("total", "total S_Ti")]):
                v = finite(\(df)[col])
                err = np.nan_to_num(np.clip(np.vstack([v - finite(\(df)[col + "_low"]), finite(\(df)[col + "_high"]) - v]), 0, None))
                ax.barh(yy + (-0.2 if k == 0 else 0.2), v, height=0.38, color=["0.4", "0.85"][k], hatch=["", "//"][k],
                        edgecolor="black", xerr=err, capsize=3, label=label)
            ax.set_yticks(yy, \(df)["parameter"].astype(str)); ax.invert_yaxis()
            ax.set_xlabel("Sobol index of " + \(out)); ax.set_ylabel("parameter"); ax.set_title("Sobol indices: " + \(title))
            ax.legend(loc="best")
            fig.tight_layout()
            plt.show()
            """
        case .comparativeStatics:
            return """
            # Comparative statics: the derivative of the output at the baseline, with its error estimate.
            yy = np.arange(len(\(df)))
            fig, ax = plt.subplots(figsize=(7, 1.8 + 0.45 * max(1, len(\(df)))))
            ax.barh(yy, finite(\(df)["derivative"]), xerr=np.nan_to_num(np.abs(finite(\(df)["error_estimate"]))), height=0.6,
                    color="0.7", hatch="//", edgecolor="black", capsize=3)
            ax.axvline(0, color="black", linewidth=0.8)
            ax.set_yticks(yy, \(df)["parameter"].astype(str)); ax.invert_yaxis()
            ax.set_xlabel("derivative of " + \(out) + " at the baseline"); ax.set_ylabel("parameter")
            ax.set_title("Comparative statics: " + \(title))
            fig.tight_layout()
            plt.show()
            """
        }
    }
}

/// The header and the first `keepingRows` data rows of a CSV written by `ReportTable.csv()`
/// (leading `#` lines skipped; RFC 4180 quoting with `""` for a quote; CRLF or LF line
/// ends), and the number of data rows.
///
/// - Complexity: O(bytes).
func parseReportCSV(_ bytes: [UInt8], keepingRows limit: Int) -> (records: [[String]], rowCount: Int) {
    var i = 0
    let n = bytes.count
    while i < n, bytes[i] == UInt8(ascii: "#") {
        while i < n, bytes[i] != UInt8(ascii: "\n") { i += 1 }
        i += 1
    }
    var records = [[String]]()
    var count = 0
    var field = [UInt8](), record = [String]()
    var inQuotes = false
    func endRecord() {
        record.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        if count <= limit { records.append(record) }
        count += 1
        record.removeAll()
    }
    while i < n {
        let c = bytes[i]
        i += 1
        if inQuotes {
            if c == UInt8(ascii: "\"") {
                if i < n, bytes[i] == UInt8(ascii: "\"") { field.append(c); i += 1 } else { inQuotes = false }
            } else if count <= limit {
                field.append(c)
            }
            continue
        }
        switch c {
        case UInt8(ascii: "\""): inQuotes = true
        case UInt8(ascii: ","):
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        case UInt8(ascii: "\r"): break
        case UInt8(ascii: "\n"): endRecord()
        default: if count <= limit { field.append(c) }
        }
    }
    if !field.isEmpty || !record.isEmpty { endRecord() }
    return (records, max(0, count - 1))
}
