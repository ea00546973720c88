/// A finished figure: a self-contained SVG and a one-line description for
/// `text/plain` (and screen readers, via the SVG's `<title>`).
public struct Figure: Sendable, Equatable {
    public let svg: String
    public let title: String
    public let description: String

    /// At most this many markers per panel; beyond it every k-th point is drawn
    /// (keeps 10,000-point figures well under 300 KB), and the panel says so.
    static let markerLimit = 3000

    /// What one panel contributes: its title, the data extent it needs, and how to draw it.
    struct Content {
        var title: String
        var xs: [Double], ys: [Double]
        var draw: (inout SVGWriter, Panel) -> Void
    }

    /// How colour is used: a λ (or value) colour bar, or a legend of named colours.
    enum Key {
        case colourBar(label: String, range: ClosedRange<Double>, marks: [Double])
        case legend([(String, String)])
        case none
    }

    /// Lays panels out side by side under a title, with shared axes and one key.
    static func compose(title: String, description: String, panels: [Content], x: String, y: String, key: Key,
                        logY: Bool = false) -> Figure {
        let contents = panels.isEmpty ? [Content(title: "no data", xs: [], ys: [], draw: { _, _ in })] : panels
        let xRange = Panel.range(contents.flatMap(\.xs)), yRange = Panel.range(contents.flatMap(\.ys))
        let keyWidth: Double
        switch key { case .none: keyWidth = 0; case .colourBar: keyWidth = 80; case .legend: keyWidth = 130 }
        let width = Double(contents.count) * Panel.outerWidth + keyWidth + 10, height = 36 + Panel.outerHeight
        var w = SVGWriter()
        w.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(SVGWriter.number(width))\" height=\"\(SVGWriter.number(height))\" viewBox=\"0 0 \(SVGWriter.number(width)) \(SVGWriter.number(height))\" font-family=\"Helvetica, Arial, sans-serif\">")
        w.raw("<title>\(SVGWriter.escape(title + ". " + description))</title>")
        w.rect(0, 0, width, height, fill: "#fbfbfb", stroke: "#ddd", rx: 6)
        w.text(title, x: width / 2, y: 22, size: 14, weight: "bold")
        var defs = "<defs>"
        let layout = contents.indices.map { i in
            Panel(originX: Double(i) * Panel.outerWidth + Panel.left + 5, originY: 36 + Panel.top, xRange: xRange, yRange: yRange)
        }
        for (i, panel) in layout.enumerated() { defs += panel.clipDefinition(i) }
        w.raw(defs + "</defs>")
        for (i, content) in contents.enumerated() {
            let panel = layout[i]
            panel.drawFrame(&w, title: content.title, xLabel: x, yLabel: y,
                            yTickLabel: logY ? { t in Ticks.powerOfTen(t) } : { _ in nil })
            w.raw("<g clip-path=\"url(#\(panel.clipID(i)))\">")
            content.draw(&w, panel)
            w.raw("</g>")
            if content.xs.isEmpty {
                w.text("no data", x: panel.originX + Panel.width / 2, y: panel.originY + Panel.height / 2, size: 12, fill: "#888")
            }
        }
        let keyX = Double(contents.count) * Panel.outerWidth + 10
        switch key {
        case .colourBar(let label, let range, let marks):
            ColourBar.draw(&w, x: keyX, y: 36 + Panel.top, height: Panel.height, label: label, range: range, marks: marks)
        case .legend(let entries):
            for (k, entry) in entries.enumerated() {
                let y = 36 + Panel.top + 12 + Double(k) * 18
                w.rect(keyX, y - 9, 14, 10, fill: entry.1)
                w.text(entry.0, x: keyX + 20, y: y, size: 11, anchor: "start")
            }
        case .none: break
        }
        w.raw("</svg>")
        return Figure(svg: w.text, title: title, description: description)
    }

    /// Markers for points coloured by their values, thinned beyond the limit (with a note saying so).
    static func markers(_ w: inout SVGWriter, _ panel: Panel, x: [Double], y: [Double], value: [Double],
                        range: ClosedRange<Double>, radius: Double = 1.8, opacity: Double = 0.8, colour: String? = nil) {
        let n = min(x.count, y.count)
        let stride = max(1, (n + markerLimit - 1) / markerLimit)
        // Markers are grouped by colour (64 levels) so each costs only its position.
        var byLevel = [String](repeating: "", count: 64)
        var drawn = 0
        var i = 0
        while i < n {
            defer { i += stride }
            guard x[i].isFinite, y[i].isFinite else { continue }
            let level = colour != nil ? 0 : Int((min(1, max(0, ColourBar.fraction(i < value.count ? value[i] : range.lowerBound, range))) * 63).rounded())
            byLevel[level] += "<circle cx=\"\(SVGWriter.short(panel.px(x[i])))\" cy=\"\(SVGWriter.short(panel.py(y[i])))\" r=\"\(SVGWriter.number(radius))\"/>"
            drawn += 1
        }
        for (level, circles) in byLevel.enumerated() where !circles.isEmpty {
            w.raw("<g fill=\"\(colour ?? Viridis.hex(Double(level) / 63))\" fill-opacity=\"\(SVGWriter.number(opacity))\">\(circles)</g>")
        }
        if stride > 1 {
            w.text("showing \(drawn) of \(n) points", x: panel.originX + Panel.width - 4, y: panel.originY + Panel.height - 5,
                   size: 9, anchor: "end", fill: "#666")
        }
    }
}
