import Foundation

/// A finished figure: a self-contained SVG and a one-line description for
/// `text/plain` (and screen readers, via the SVG's `<title>`).
public struct Figure: Sendable, Equatable {
    public let svg: String
    public let title: String
    public let description: String

    /// At most this many markers per panel; beyond it every k-th point is drawn
    /// (keeps 10,000-point figures well under 300 KB), and the figure says so under the panels.
    static let markerLimit = 3000

    /// What one panel contributes: its title, the data extent it needs, and how to draw it.
    struct Content {
        var title: String
        var xs: [Double], ys: [Double]
        var yScale: AxisScale = .linear
        /// This panel's own y label (panels with their own axes); nil: the figure's.
        var yLabel: String? = nil
        var draw: (inout SVGWriter, Panel) -> Void
    }

    /// Panels per row: all of them up to three, 2 × 2 for four, then rows of three.
    static func columns(for count: Int) -> Int { count <= 3 ? max(count, 1) : count == 4 ? 2 : 3 }

    /// Lays panels out in a grid under a title, with shared axes (or each panel its own, `shared: false`),
    /// one key on the right and any notes under the panels. Text is measured before it is placed.
    static func compose(title: String, description: String, panels: [Content], x: String, y: String, key: Key,
                        style: PlotStyle, shared: Bool = true, equalAspect: Bool? = nil, extraNotes: [String] = []) -> Figure {
        let contents = panels.isEmpty ? [Content(title: "no data", xs: [], ys: [], draw: { _, _ in })] : panels
        let sizes = TextSizes(scale: style.textScale)
        let width = style.width
        let columns = columns(for: contents.count), rows = (contents.count + columns - 1) / columns
        let titleLines = titleLines(title, width: width - 24, size: sizes.title)
        let header = 10 + Double(titleLines.count) * sizes.title * 1.3
        let keyWidth = key.width(sizes)
        let equal = (equalAspect ?? (style.aspect == .equal)) && contents.allSatisfy { $0.yScale == .linear }

        // Data ranges in axis coordinates, before any widening for equal aspect.
        func extent(_ content: Content) -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
            let group = shared ? contents : [content]
            var xs = group.flatMap(\.xs), ys = group.flatMap { c in c.ys.map(c.yScale.forward) }
            if let limits = style.limits, shared {
                xs += [limits.x.lowerBound, limits.x.upperBound]; ys += [limits.y.lowerBound, limits.y.upperBound]
            }
            return (Panel.range(xs), Panel.range(ys))
        }
        let extents = contents.map(extent)
        // A figure whose panels carry no titles (one panel, named by the figure's title) needs no room for them.
        let top = contents.allSatisfy { $0.title.isEmpty } ? 10 : sizes.panelTitle + 14, bottom = 12 + sizes.tick + 10 + sizes.axisLabel
        let cellWidth = (width - keyWidth - 8) / Double(columns)
        var left = 60.0 * style.textScale
        var geometry: [(x: ClosedRange<Double>, y: ClosedRange<Double>)] = extents
        var plotWidth = 0.0, plotHeight = 0.0, right = 0.0
        for _ in 0..<3 {  // the margins depend on the tick labels, which depend on the ranges: settle in a few passes
            right = 16 * style.textScale
            plotWidth = max(60, cellWidth - left - right)
            if let h = style.height {
                plotHeight = max(60, (h - header - 8) / Double(rows) - top - bottom)
            } else if equal {
                let aspect = extents.map { ($0.y.upperBound - $0.y.lowerBound) / ($0.x.upperBound - $0.x.lowerBound) }.max() ?? 1
                plotHeight = plotWidth * min(1.1, max(0.45, aspect))
            } else {
                plotHeight = min(420, plotWidth * (contents.count == 1 ? 0.6 : 0.78))
            }
            geometry = extents.map { e in equal ? widenForEqualAspect(e, width: plotWidth, height: plotHeight) : e }
            var labels: [String] = [], xLabels: [String] = []
            for (i, g) in geometry.enumerated() {
                let panel = Panel(originX: 0, originY: 0, width: plotWidth, height: plotHeight, xRange: g.x, yRange: g.y,
                                  yScale: contents[i].yScale)
                labels += panel.yTicks.map(\.label); xLabels += panel.xTicks.map(\.label)
            }
            right = max(right, (xLabels.map { TextMetrics.width($0, size: sizes.tick) }.max() ?? 0) / 2 + 6)
            let needed = Panel.leftMargin(tickLabels: labels, sizes: sizes)
            if abs(needed - left) < 0.5 && right == 16 * style.textScale { break }
            left = needed
        }
        plotWidth = max(60, cellWidth - left - right)

        var body = SVGWriter()
        var defs = "<defs>"
        let layout = contents.indices.map { i -> Panel in
            let column = i % columns, row = i / columns
            return Panel(originX: Double(column) * cellWidth + left + 4, originY: header + Double(row) * (top + plotHeight + bottom) + top,
                         width: plotWidth, height: plotHeight, xRange: geometry[i].x, yRange: geometry[i].y, yScale: contents[i].yScale)
        }
        for (i, panel) in layout.enumerated() { defs += panel.clipDefinition(i) }
        body.raw(defs + "</defs>")
        for (i, content) in contents.enumerated() {
            let panel = layout[i]
            panel.drawFrame(&body, title: content.title, xLabel: x, yLabel: (content.yLabel ?? y) + content.yScale.suffix, sizes: sizes,
                            titleWidth: plotWidth + 2 * min(left, right) - 4)
            body.raw("<g clip-path=\"url(#\(panel.clipID(i)))\">")
            content.draw(&body, panel)
            body.raw("</g>")
            if content.xs.isEmpty {
                body.text("no data", x: panel.originX + plotWidth / 2, y: panel.originY + plotHeight / 2, size: sizes.axisLabel, fill: "#888")
            }
        }
        let gridBottom = header + Double(rows) * (top + plotHeight + bottom)
        let keyHeight = min(300, max(120, plotHeight))
        key.draw(&body, x: Double(columns) * cellWidth + 4, y: header + top, height: keyHeight, sizes: sizes, palette: style.palette)
        let keyBottom = (body.boxes.map(\.maxY).max() ?? 0) + 6
        var footer = max(gridBottom, keyBottom)
        var seen = Set<String>()
        let thinning = body.thinned.total > 0
            ? ["Showing \(grouped(body.thinned.drawn)) of \(grouped(body.thinned.total)) points (evenly thinned, to keep the figure small)."] : []
        for note in extraNotes + body.notes + thinning where seen.insert(note).inserted {
            for line in SVGWriter.wrap(note, width: width - 24, size: sizes.note, bold: false) {
                footer += sizes.note * 1.35
                body.text(line, x: 12, y: footer - 2, size: sizes.note, anchor: "start", fill: "#555")
            }
        }
        let height = (style.height.map { max($0, footer + 6) } ?? footer + 6).rounded(.up)

        var w = SVGWriter()
        w.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(SVGWriter.number(width))\" height=\"\(SVGWriter.number(height))\" viewBox=\"0 0 \(SVGWriter.number(width)) \(SVGWriter.number(height))\" font-family=\"Helvetica, Arial, sans-serif\">")
        w.raw("<title>\(SVGWriter.escape(title + ". " + description))</title>")
        w.rect(0, 0, width, height, fill: "#fbfbfb", stroke: "#ddd", rx: 6)
        for (k, line) in titleLines.enumerated() {
            w.text(line, x: width / 2, y: 8 + sizes.title + Double(k) * sizes.title * 1.3, size: sizes.title, weight: "bold")
        }
        w.append(body)
        w.raw("</svg>")
        return Figure(svg: w.text, title: title, description: description)
    }

    /// The title in at most two lines that fit `width`.
    static func titleLines(_ title: String, width: Double, size: Double) -> [String] {
        let lines = SVGWriter.wrap(title, width: width, size: size, bold: true)
        guard lines.count > 2 else { return lines }
        return [lines[0], SVGWriter.fit(lines[1...].joined(separator: " "), width: width, size: size, minimum: size, bold: true).text]
    }

    /// Widens the shorter range so one data unit is as many pixels on x as on y.
    static func widenForEqualAspect(_ e: (x: ClosedRange<Double>, y: ClosedRange<Double>), width: Double, height: Double)
        -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        let unitsPerPixel = max((e.x.upperBound - e.x.lowerBound) / width, (e.y.upperBound - e.y.lowerBound) / height)
        func widened(_ r: ClosedRange<Double>, _ pixels: Double) -> ClosedRange<Double> {
            let middle = (r.lowerBound + r.upperBound) / 2, half = unitsPerPixel * pixels / 2
            return (middle - half)...(middle + half)
        }
        return (widened(e.x, width), widened(e.y, height))
    }

    /// A count with thousands separators: 11,000 (the same in every locale, so help and
    /// figures read alike everywhere).
    public static func grouped(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}
