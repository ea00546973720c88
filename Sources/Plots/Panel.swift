/// One plot area: maps data coordinates to pixels and draws its frame, ticks and labels.
struct Panel {
    static let width = 300.0, height = 260.0
    static let left = 56.0, right = 18.0, top = 30.0, bottom = 44.0
    static var outerWidth: Double { left + width + right }
    static var outerHeight: Double { top + height + bottom }

    let originX: Double, originY: Double  // top-left of the plot area
    let xRange: ClosedRange<Double>, yRange: ClosedRange<Double>

    func px(_ x: Double) -> Double { originX + (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * Panel.width }
    func py(_ y: Double) -> Double { originY + Panel.height - (y - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * Panel.height }

    /// A range that covers the values with a 4% margin, never empty.
    static func range(_ values: [Double], log: Bool = false) -> ClosedRange<Double> {
        let finite = values.filter { $0.isFinite }
        guard let lo = finite.min(), let hi = finite.max() else { return 0...1 }
        if hi - lo < 1e-12 { return (lo - 0.5)...(hi + 0.5) }
        let pad = (hi - lo) * 0.04
        return (lo - pad)...(hi + pad)
    }

    func drawFrame(_ w: inout SVGWriter, title: String, xLabel: String, yLabel: String, yTickLabel: (Double) -> String? = { _ in nil }) {
        w.rect(originX, originY, Panel.width, Panel.height, fill: "#ffffff", stroke: "#888")
        let xTicks = Ticks.nice(xRange.lowerBound, xRange.upperBound), yTicks = Ticks.nice(yRange.lowerBound, yRange.upperBound)
        let xStep = xTicks.count > 1 ? xTicks[1] - xTicks[0] : 1, yStep = yTicks.count > 1 ? yTicks[1] - yTicks[0] : 1
        for t in xTicks {
            let x = px(t)
            w.line(x, originY + Panel.height, x, originY + Panel.height + 4)
            w.line(x, originY, x, originY + Panel.height, stroke: "#eee", width: 0.5)
            w.text(Ticks.label(t, step: xStep), x: x, y: originY + Panel.height + 16, size: 10)
        }
        for t in yTicks {
            let y = py(t)
            w.line(originX - 4, y, originX, y)
            w.line(originX, y, originX + Panel.width, y, stroke: "#eee", width: 0.5)
            w.text(yTickLabel(t) ?? Ticks.label(t, step: yStep), x: originX - 7, y: y + 3.5, size: 10, anchor: "end")
        }
        w.text(title, x: originX + Panel.width / 2, y: originY - 10, size: 12, weight: "bold")
        w.text(xLabel, x: originX + Panel.width / 2, y: originY + Panel.height + 34, size: 11)
        w.text(yLabel, x: originX - 40, y: originY + Panel.height / 2, size: 11, rotate: true)
    }

    /// Clips drawing to the plot area.
    func clipID(_ index: Int) -> String { "clip\(index)" }
    func clipDefinition(_ index: Int) -> String {
        "<clipPath id=\"\(clipID(index))\"><rect x=\"\(SVGWriter.number(originX))\" y=\"\(SVGWriter.number(originY))\" width=\"\(SVGWriter.number(Panel.width))\" height=\"\(SVGWriter.number(Panel.height))\"/></clipPath>"
    }
}
