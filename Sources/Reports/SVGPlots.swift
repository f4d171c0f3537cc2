import Foundation

/// SVG figures for papers: 720×480 user units, 14-px sans-serif labels, axes with ticks and
/// titles, a legend, and fills that stay distinguishable in greyscale (each category has a
/// distinct grey level *and* a hatch pattern; each series a distinct marker and dash).
/// Deterministic: numbers are printed with fixed decimals.
public enum SVGPlot {
    static let width = 720.0, height = 480.0
    static let left = 110.0, right = 230.0, top = 50.0, bottom = 70.0
    static let greys = ["#f0f0f0", "#bdbdbd", "#969696", "#636363", "#d9d9d9", "#737373", "#252525", "#e0e0e0"]
    static let patterns = ["none", "diag", "cross", "dots", "vert", "horiz", "antidiag", "grid"]
    static let markers = ["circle", "square", "triangle", "diamond", "cross"]
    static let dashes = ["", "6,3", "2,3", "8,3,2,3", "1,2"]

    static func f(_ x: Double) -> String { formatFixed(x, digits: 2) }
    static func esc(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    struct Frame {
        var x0: Double, x1: Double, y0: Double, y1: Double
        func px(_ x: Double) -> Double { SVGPlot.left + (x - x0) / (x1 - x0 == 0 ? 1 : x1 - x0) * (SVGPlot.width - SVGPlot.left - SVGPlot.right) }
        func py(_ y: Double) -> Double { SVGPlot.height - SVGPlot.bottom - (y - y0) / (y1 - y0 == 0 ? 1 : y1 - y0) * (SVGPlot.height - SVGPlot.top - SVGPlot.bottom) }
    }

    static func header(title: String, provenance: Provenance?) -> String {
        var s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        s += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"14\">\n"
        s += "<title>\(esc(title))</title>\n"
        if let provenance { s += "<desc>\(esc(provenance.lines.joined(separator: "; ")))</desc>\n" }
        s += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        s += "<text x=\"\(f(width / 2))\" y=\"28\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\">\(esc(title))</text>\n"
        return s
    }

    /// "Nice" tick values covering [a, b].
    static func ticks(_ a: Double, _ b: Double, count: Int = 5) -> [Double] {
        guard b > a else { return [a] }
        let raw = (b - a) / Double(count)
        let mag = Foundation.pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * mag }.first { $0 >= raw } ?? raw
        var t = (a / step).rounded(.up) * step
        var out = [Double]()
        while t <= b + step * 1e-9 { out.append(abs(t) < step * 1e-9 ? 0 : t); t += step }
        return out
    }

    static func axes(_ fr: Frame, xLabel: String, yLabel: String, yTicks: Bool = true) -> String {
        let xl = left, xr = width - right, yb = height - bottom, yt = top
        var s = "<g stroke=\"#000\" stroke-width=\"1\" fill=\"none\"><path d=\"M\(f(xl)),\(f(yt)) L\(f(xl)),\(f(yb)) L\(f(xr)),\(f(yb))\"/></g>\n"
        for t in ticks(fr.x0, fr.x1) {
            let x = fr.px(t)
            s += "<line x1=\"\(f(x))\" y1=\"\(f(yb))\" x2=\"\(f(x))\" y2=\"\(f(yb + 5))\" stroke=\"#000\"/>"
            s += "<text x=\"\(f(x))\" y=\"\(f(yb + 20))\" text-anchor=\"middle\">\(tickLabel(t))</text>\n"
        }
        if yTicks {
            for t in ticks(fr.y0, fr.y1) {
                let y = fr.py(t)
                s += "<line x1=\"\(f(xl - 5))\" y1=\"\(f(y))\" x2=\"\(f(xl))\" y2=\"\(f(y))\" stroke=\"#000\"/>"
                s += "<text x=\"\(f(xl - 8))\" y=\"\(f(y + 5))\" text-anchor=\"end\">\(tickLabel(t))</text>\n"
            }
        }
        s += "<text x=\"\(f((xl + xr) / 2))\" y=\"\(f(height - 20))\" text-anchor=\"middle\">\(esc(xLabel))</text>\n"
        s += "<text x=\"20\" y=\"\(f((yt + yb) / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 20 \(f((yt + yb) / 2)))\">\(esc(yLabel))</text>\n"
        return s
    }

    static func tickLabel(_ t: Double) -> String {
        let s = formatFixed(t, digits: 3)
        var trimmed = s
        while trimmed.contains(".") && (trimmed.hasSuffix("0") || trimmed.hasSuffix(".")) { trimmed.removeLast() }
        return trimmed == "-0" ? "0" : trimmed
    }

    static func marker(_ kind: Int, x: Double, y: Double, size: Double = 6, fill: String = "#000") -> String {
        switch markers[kind % markers.count] {
        case "circle": return "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(size / 1.5))\" fill=\"\(fill)\" stroke=\"#000\"/>"
        case "square": return "<rect x=\"\(f(x - size / 2))\" y=\"\(f(y - size / 2))\" width=\"\(f(size))\" height=\"\(f(size))\" fill=\"\(fill)\" stroke=\"#000\"/>"
        case "triangle": return "<path d=\"M\(f(x)),\(f(y - size * 0.7)) L\(f(x + size * 0.7)),\(f(y + size * 0.5)) L\(f(x - size * 0.7)),\(f(y + size * 0.5)) Z\" fill=\"\(fill)\" stroke=\"#000\"/>"
        case "diamond": return "<path d=\"M\(f(x)),\(f(y - size * 0.8)) L\(f(x + size * 0.8)),\(f(y)) L\(f(x)),\(f(y + size * 0.8)) L\(f(x - size * 0.8)),\(f(y)) Z\" fill=\"\(fill)\" stroke=\"#000\"/>"
        default: return "<path d=\"M\(f(x - size / 2)),\(f(y - size / 2)) L\(f(x + size / 2)),\(f(y + size / 2)) M\(f(x - size / 2)),\(f(y + size / 2)) L\(f(x + size / 2)),\(f(y - size / 2))\" stroke=\"#000\" stroke-width=\"2\"/>"
        }
    }

    static func swatch(_ k: Int, x: Double, y: Double, w: Double, h: Double, stroke: Bool = false) -> String {
        var s = "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(w))\" height=\"\(f(h))\" fill=\"\(greys[k % greys.count])\" stroke=\"\(stroke ? "#000" : greys[k % greys.count])\"\(stroke ? "" : " stroke-width=\"0.6\"")/>"
        s += hatch(patterns[k % patterns.count], x: x, y: y, w: w, h: h)
        return s
    }

    /// Hatching drawn as explicit line segments clipped to the rectangle, on a global 8-px
    /// lattice so neighbouring cells join seamlessly (renderers differ in how they tile SVG
    /// `<pattern>`s; plain paths look the same everywhere).
    static func hatch(_ kind: String, x: Double, y: Double, w: Double, h: Double) -> String {
        let g = 8.0
        var d = ""
        func seg(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) { d += "M\(f(x0)),\(f(y0))L\(f(x1)),\(f(y1))" }
        func vertical() { var gx = (x / g).rounded(.up) * g; while gx <= x + w { seg(gx, y, gx, y + h); gx += g } }
        func horizontal() { var gy = (y / g).rounded(.up) * g; while gy <= y + h { seg(x, gy, x + w, gy); gy += g } }
        func diagonal() { // x + y = c
            var c = ((x + y) / g).rounded(.up) * g
            while c <= x + w + y + h {
                let lo = max(x, c - (y + h)), hi = min(x + w, c - y)
                if lo < hi { seg(lo, c - lo, hi, c - hi) }
                c += g
            }
        }
        func antidiagonal() { // x − y = c
            var c = ((x - (y + h)) / g).rounded(.up) * g
            while c <= x + w - y {
                let lo = max(x, c + y), hi = min(x + w, c + y + h)
                if lo < hi { seg(lo, lo - c, hi, hi - c) }
                c += g
            }
        }
        switch kind {
        case "diag": diagonal()
        case "antidiag": antidiagonal()
        case "cross": diagonal(); antidiagonal()
        case "vert": vertical()
        case "horiz": horizontal()
        case "grid": vertical(); horizontal()
        case "dots":
            var dots = ""
            var gy = (y / g).rounded(.down) * g + g / 2
            while gy < y + h {
                var gx = (x / g).rounded(.down) * g + g / 2
                while gx < x + w {
                    if gx > x && gy > y { dots += "<circle cx=\"\(f(gx))\" cy=\"\(f(gy))\" r=\"1.2\"/>" }
                    gx += g
                }
                gy += g
            }
            return dots.isEmpty ? "" : "<g class=\"hatch-dots\" fill=\"#000\" fill-opacity=\"0.7\">\(dots)</g>"
        default: return ""
        }
        return d.isEmpty ? "" : "<path class=\"hatch-\(kind)\" d=\"\(d)\" stroke=\"#000\" stroke-width=\"0.8\" stroke-opacity=\"0.7\" fill=\"none\"/>"
    }

    /// A categorical heatmap of regimes over two parameters: `regimes[i][j]` at
    /// (`xValues[j]`, `yValues[i]`), cells centred on the grid values; legend lists `categories`
    /// in order, each with its grey level and hatch.
    public static func regimeMap(title: String, xLabel: String, yLabel: String, xValues: [Double], yValues: [Double],
                                 regimes: [[String]], categories: [String], provenance: Provenance? = nil) -> String {
        precondition(regimes.count == yValues.count && regimes.allSatisfy { $0.count == xValues.count })
        func edges(_ v: [Double]) -> [Double] {
            guard v.count > 1 else { return [v[0] - 0.5, v[0] + 0.5] }
            var e = [v[0] - (v[1] - v[0]) / 2]
            for i in 0..<(v.count - 1) { e.append((v[i] + v[i + 1]) / 2) }
            e.append(v[v.count - 1] + (v[v.count - 1] - v[v.count - 2]) / 2)
            return e
        }
        let xe = edges(xValues), ye = edges(yValues)
        let fr = Frame(x0: xe.first!, x1: xe.last!, y0: ye.first!, y1: ye.last!)
        var s = header(title: title, provenance: provenance)
        for i in yValues.indices {
            for j in xValues.indices {
                let k = categories.firstIndex(of: regimes[i][j]) ?? categories.count
                let x = fr.px(xe[j]), y = fr.py(ye[i + 1])
                s += swatch(k, x: x, y: y, w: fr.px(xe[j + 1]) - x, h: fr.py(ye[i]) - y) + "\n"
            }
        }
        s += axes(fr, xLabel: xLabel, yLabel: yLabel)
        s += legend(categories.enumerated().map { k, c in (c, swatch(k, x: width - right + 15, y: top + 10 + Double(k) * 26, w: 18, h: 18, stroke: true)) })
        return s + "</svg>\n"
    }

    static func legend(_ items: [(String, String)]) -> String {
        var s = "<g>"
        for (k, item) in items.enumerated() {
            s += item.1
            let lines = wrap(item.0, width: 26)
            let y = top + 24 + Double(k) * 26 - (lines.count > 1 ? 7 : 0)
            s += "<text x=\"\(f(width - right + 40))\" y=\"\(f(y))\">"
            for (i, l) in lines.enumerated() {
                s += "<tspan x=\"\(f(width - right + 40))\" dy=\"\(i == 0 ? "0" : "15")\"\(lines.count > 1 ? " font-size=\"12\"" : "")>\(esc(l))</tspan>"
            }
            s += "</text>\n"
        }
        return s + "</g>\n"
    }

    /// Splits `text` into at most two lines of about `width` characters, at a space or `_`.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard text.count > width else { return [text] }
        let chars = Array(text)
        var cut = -1
        for i in stride(from: min(width, chars.count - 1), to: 0, by: -1) where chars[i] == " " || chars[i] == "_" { cut = i; break }
        if cut <= 0 { return [text] }
        let first = String(chars[..<(chars[cut] == "_" ? cut + 1 : cut)])
        let rest = String(chars[(cut + 1)...])
        return [first, rest]
    }

    /// A 2-D payoff set: the polygon `vertices` (in order) shaded, and labelled points
    /// (equilibria, the negotiated point...) with distinct markers and a legend.
    public static func payoffSet(title: String, xLabel: String, yLabel: String, vertices: [(Double, Double)],
                                 points: [(label: String, x: Double, y: Double)], provenance: Provenance? = nil) -> String {
        let xs = vertices.map(\.0) + points.map(\.x), ys = vertices.map(\.1) + points.map(\.y)
        let pad = { (a: Double, b: Double) in max((b - a) * 0.08, 1e-9) }
        let (xa, xb, ya, yb) = (xs.min() ?? 0, xs.max() ?? 1, ys.min() ?? 0, ys.max() ?? 1)
        let fr = Frame(x0: xa - pad(xa, xb), x1: xb + pad(xa, xb), y0: ya - pad(ya, yb), y1: yb + pad(ya, yb))
        var s = header(title: title, provenance: provenance)
        if !vertices.isEmpty {
            let d = vertices.enumerated().map { ($0.offset == 0 ? "M" : "L") + "\(f(fr.px($0.element.0))),\(f(fr.py($0.element.1)))" }.joined(separator: " ") + " Z"
            s += "<path d=\"\(d)\" fill=\"#d9d9d9\" stroke=\"#000\" stroke-width=\"1.5\"/>\n"
        }
        s += axes(fr, xLabel: xLabel, yLabel: yLabel)
        var items = [(String, String)]()
        if !vertices.isEmpty { items.append(("payoff set", swatch(1, x: width - right + 15, y: top + 10, w: 18, h: 18, stroke: true))) }
        for (k, p) in points.enumerated() {
            s += marker(k, x: fr.px(p.x), y: fr.py(p.y), size: 9, fill: k % 2 == 0 ? "#000" : "#fff") + "\n"
            items.append((p.label, marker(k, x: width - right + 24, y: top + 19 + Double(items.count) * 26, size: 9, fill: k % 2 == 0 ? "#000" : "#fff")))
        }
        s += legend(items)
        return s + "</svg>\n"
    }

    /// Threshold curves: each series a polyline of (x, y) points with its own dash and marker.
    public static func thresholdCurves(title: String, xLabel: String, yLabel: String,
                                       series: [(label: String, points: [(Double, Double)])], provenance: Provenance? = nil) -> String {
        let all = series.flatMap(\.points)
        let (xa, xb) = (all.map(\.0).min() ?? 0, all.map(\.0).max() ?? 1)
        let (ya, yb) = (all.map(\.1).min() ?? 0, all.map(\.1).max() ?? 1)
        let py = max((yb - ya) * 0.05, 1e-9)
        let fr = Frame(x0: xa, x1: xb == xa ? xa + 1 : xb, y0: ya - py, y1: yb + py)
        var s = header(title: title, provenance: provenance)
        s += axes(fr, xLabel: xLabel, yLabel: yLabel)
        var items = [(String, String)]()
        for (k, ser) in series.enumerated() {
            let d = ser.points.enumerated().map { ($0.offset == 0 ? "M" : "L") + "\(f(fr.px($0.element.0))),\(f(fr.py($0.element.1)))" }.joined(separator: " ")
            let dash = dashes[k % dashes.count]
            s += "<path d=\"\(d)\" fill=\"none\" stroke=\"#000\" stroke-width=\"2\"\(dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"")/>\n"
            for p in ser.points { s += marker(k, x: fr.px(p.0), y: fr.py(p.1), size: 6, fill: "#fff") }
            s += "\n"
            let ly = top + 19 + Double(k) * 26
            items.append((ser.label, "<line x1=\"\(f(width - right + 10))\" y1=\"\(f(ly))\" x2=\"\(f(width - right + 34))\" y2=\"\(f(ly))\" stroke=\"#000\" stroke-width=\"2\"\(dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"")/>" + marker(k, x: width - right + 22, y: ly, size: 6, fill: "#fff")))
        }
        s += legend(items)
        return s + "</svg>\n"
    }

    /// A tornado chart: one horizontal bar per parameter from the output at its low value to the
    /// output at its high value, around a vertical line at the baseline output; low side dark
    /// grey, high side light grey with hatching (legend says which).
    public static func tornado(title: String, outputLabel: String, baseline: Double,
                               bars: [(parameter: String, atLow: Double, atHigh: Double)], provenance: Provenance? = nil) -> String {
        let vals = bars.flatMap { [$0.atLow, $0.atHigh] } + [baseline]
        let (a, b) = (vals.min()!, vals.max()!)
        let pad = max((b - a) * 0.05, 1e-9)
        let fr = Frame(x0: a - pad, x1: b + pad, y0: 0, y1: Double(max(bars.count, 1)))
        var s = header(title: title, provenance: provenance)
        let rowH = (height - top - bottom) / Double(max(bars.count, 1))
        for (i, bar) in bars.enumerated() {
            let y = top + Double(i) * rowH + rowH * 0.2
            let h = rowH * 0.6
            for (value, k) in [(bar.atLow, 3), (bar.atHigh, 1)] {
                let x0 = fr.px(min(baseline, value)), x1 = fr.px(max(baseline, value))
                s += swatch(k, x: x0, y: y, w: max(x1 - x0, 0.5), h: h, stroke: true)
            }
            s += "<text x=\"\(f(left - 8))\" y=\"\(f(y + h / 2 + 5))\" text-anchor=\"end\">\(esc(bar.parameter))</text>\n"
        }
        s += "<line x1=\"\(f(fr.px(baseline)))\" y1=\"\(f(top))\" x2=\"\(f(fr.px(baseline)))\" y2=\"\(f(height - bottom))\" stroke=\"#000\" stroke-width=\"1.5\"/>\n"
        s += axes(fr, xLabel: outputLabel, yLabel: "", yTicks: false)
        s += legend([("parameter low", swatch(3, x: width - right + 15, y: top + 10, w: 18, h: 18, stroke: true)),
                     ("parameter high", swatch(1, x: width - right + 15, y: top + 36, w: 18, h: 18, stroke: true))])
        return s + "</svg>\n"
    }
}
