import Foundation

/// How a notebook's Python cell redraws a figure from a tidy CSV with matplotlib.
public enum NotebookRedraw: Sendable, Equatable {
    /// Categorical heatmap: columns `x`, `y`, `regime` of the CSV.
    case regimeMap(csv: String, skipRows: Int, x: String, y: String, regime: String)
    /// Lines of `y` against `x`, one per value of `series`.
    case thresholdCurves(csv: String, skipRows: Int, x: String, y: String, series: String)
    /// Horizontal bars from `low` to `high` output per `parameter`, around `baseline`.
    case tornado(csv: String, skipRows: Int, parameter: String, low: String, high: String, baseline: Double)
    /// A polygon from rows whose `kind` is "vertex" (in order) and labelled points otherwise.
    case payoffSet(csv: String, skipRows: Int, x: String, y: String, kind: String)

    var python: String {
        func lit(_ s: String) -> String { JSONValue.quote(s) }
        switch self {
        case let .regimeMap(csv, k, x, y, r):
            return """
            df = pd.read_csv(\(lit(csv)), skiprows=\(k))
            cats = sorted(df[\(lit(r))].unique())
            grid = df.pivot(index=\(lit(y)), columns=\(lit(x)), values=\(lit(r))).replace({c: i for i, c in enumerate(cats)})
            fig, ax = plt.subplots(figsize=(6.4, 4.8))
            hatches = ["", "//", "xx", "..", "||", "--", "\\\\\\\\", "++"]
            for i, c in enumerate(cats):
                mask = (grid.values == i).astype(float)
                ax.contourf(grid.columns, grid.index, mask, levels=[0.5, 1.5], colors=[str(0.9 - 0.7 * i / max(1, len(cats) - 1))], hatches=[hatches[i % len(hatches)]])
            ax.set_xlabel(\(lit(x))); ax.set_ylabel(\(lit(y)))
            ax.legend(handles=[matplotlib.patches.Patch(facecolor=str(0.9 - 0.7 * i / max(1, len(cats) - 1)), hatch=hatches[i % len(hatches)], label=c, edgecolor="black") for i, c in enumerate(cats)], loc="center left", bbox_to_anchor=(1, 0.5))
            fig.tight_layout()
            """
        case let .thresholdCurves(csv, k, x, y, series):
            return """
            df = pd.read_csv(\(lit(csv)), skiprows=\(k))
            fig, ax = plt.subplots(figsize=(6.4, 4.8))
            for (name, g), m, ls in zip(df.groupby(\(lit(series))), "osd^x", ["-", "--", ":", "-."] * 5):
                ax.plot(g[\(lit(x))], g[\(lit(y))], marker=m, linestyle=ls, color="black", label=str(name))
            ax.set_xlabel(\(lit(x))); ax.set_ylabel(\(lit(y))); ax.legend()
            fig.tight_layout()
            """
        case let .tornado(csv, k, p, lo, hi, base):
            return """
            df = pd.read_csv(\(lit(csv)), skiprows=\(k)).iloc[::-1]
            base = \(JSONValue.format(base))
            fig, ax = plt.subplots(figsize=(6.4, 4.8))
            ax.barh(df[\(lit(p))], df[\(lit(lo))] - base, left=base, color="0.35", edgecolor="black", label="parameter low")
            ax.barh(df[\(lit(p))], df[\(lit(hi))] - base, left=base, color="0.75", hatch="//", edgecolor="black", label="parameter high")
            ax.axvline(base, color="black"); ax.set_xlabel("output"); ax.legend()
            fig.tight_layout()
            """
        case let .payoffSet(csv, k, x, y, kind):
            return """
            df = pd.read_csv(\(lit(csv)), skiprows=\(k))
            v = df[df[\(lit(kind))] == "vertex"]
            fig, ax = plt.subplots(figsize=(6.4, 4.8))
            ax.fill(v[\(lit(x))], v[\(lit(y))], facecolor="0.85", edgecolor="black", hatch="//", label="payoff set")
            for (name, g), m in zip(df[df[\(lit(kind))] != "vertex"].groupby(\(lit(kind))), "osd^x"):
                ax.plot(g[\(lit(x))], g[\(lit(y))], m, color="black", markersize=8, linestyle="none", label=str(name))
            ax.set_xlabel(\(lit(x))); ax.set_ylabel(\(lit(y))); ax.legend()
            fig.tight_layout()
            """
        }
    }
}

/// A Jupyter notebook (nbformat 4.5) of a batch's results: narrative markdown, the tables
/// (as Markdown, plus a cell that reloads each CSV with pandas), the figures embedded as SVG
/// attachments, and cells that redraw each figure with matplotlib. The notebook is written
/// unexecuted (no outputs, no execution counts) and with deterministic cell ids, so the file is
/// byte-identical across runs; the provenance goes into the notebook metadata and the first cell.
public struct NotebookWriter: Sendable {
    public enum Cell: Sendable, Equatable {
        case markdown(String)
        case code(String)
        /// The table in Markdown and a code cell loading `csvPath` (relative to the notebook).
        case table(ReportTable, csvPath: String)
        /// The SVG embedded as an attachment, then the redraw cell.
        case figure(name: String, title: String, svg: String, redraw: NotebookRedraw?)
    }

    public var title: String
    public var provenance: Provenance?
    public var cells: [Cell]
    /// The paragraph under the title (a default sentence about the CSV files when nil).
    public var introduction: String?
    /// The first code cell (imports of pandas and matplotlib when nil).
    public var setup: String?

    public init(title: String, provenance: Provenance? = nil, cells: [Cell], introduction: String? = nil, setup: String? = nil) {
        self.title = title
        self.provenance = provenance
        self.cells = cells
        self.introduction = introduction
        self.setup = setup
    }

    /// The `.ipynb` JSON text.
    public func render() -> String {
        var out = [JSONValue]()
        func add(_ type: String, _ source: String, attachments: [String: JSONValue]? = nil) {
            var c: [String: JSONValue] = ["cell_type": .string(type), "id": .string("cell-\(out.count)"),
                                          "metadata": .object([:]), "source": .string(source)]
            if type == "code" { c["outputs"] = .array([]); c["execution_count"] = .null }
            if let attachments { c["attachments"] = .object(attachments) }
            out.append(.object(c))
        }
        var intro = "# \(title)\n\n" + (introduction ?? "Generated by Detente; re-run the batch to regenerate. The tables and figures below are reloaded from the CSV files beside this notebook.")
        if let provenance { intro += "\n\n" + provenance.lines.map { "- \($0)" }.joined(separator: "\n") }
        add("markdown", intro)
        add("code", setup ?? "import pandas as pd\nimport matplotlib\nimport matplotlib.patches\nimport matplotlib.pyplot as plt")
        for cell in cells {
            switch cell {
            case let .markdown(m): add("markdown", m)
            case let .code(c): add("code", c)
            case let .table(t, path):
                add("markdown", t.markdown())
                let v = "table_" + String(t.label.map { $0.isLetter || $0.isNumber ? $0 : "_" })
                add("code", "\(v) = pd.read_csv(\(JSONValue.quote(path)), skiprows=\(t.csvProvenanceLineCount))\n\(v)")
            case let .figure(name, title, svg, redraw):
                let file = name + ".svg"
                add("markdown", "**\(title)**\n\n![\(title)](attachment:\(file))",
                    attachments: [file: .object(["image/svg+xml": .string(Data(svg.utf8).base64EncodedString())])])
                if let redraw { add("code", redraw.python) }
            }
        }
        var meta: [String: JSONValue] = [
            "kernelspec": .object(["display_name": .string("Python 3"), "language": .string("python"), "name": .string("python3")]),
            "language_info": .object(["name": .string("python")]),
        ]
        if let provenance { meta["detente"] = provenance.json }
        return JSONValue.object(["cells": .array(out), "metadata": .object(meta), "nbformat": .int(4), "nbformat_minor": .int(5)]).serialized()
    }
}
