/// One plot area: maps data coordinates to pixels and draws its frame, ticks and labels.
/// Ranges are in axis coordinates (log10 of the value on a log axis).
struct Panel {
    let originX: Double, originY: Double  // top-left of the plot area
    let width: Double, height: Double
    let xRange: ClosedRange<Double>, yRange: ClosedRange<Double>
    var xScale: AxisScale = .linear, yScale: AxisScale = .linear

    func px(_ x: Double) -> Double {
        originX + (xScale.forward(x) - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * width
    }
    func py(_ y: Double) -> Double {
        originY + height - (yScale.forward(y) - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * height
    }

    /// Pixels per data unit on each axis (linear axes).
    var pixelsPerUnit: (x: Double, y: Double) {
        (width / (xRange.upperBound - xRange.lowerBound), height / (yRange.upperBound - yRange.lowerBound))
    }

    /// A range that covers the values with a 4% margin, never empty.
    static func range(_ values: [Double]) -> ClosedRange<Double> {
        let finite = values.filter { $0.isFinite }
        guard let lo = finite.min(), let hi = finite.max() else { return 0...1 }
        if hi - lo < 1e-12 * max(1, abs(lo)) { let pad = max(0.5, abs(lo) * 0.05); return (lo - pad)...(hi + pad) }
        let pad = (hi - lo) * 0.04
        return (lo - pad)...(hi + pad)
    }

    /// About one tick per 70 px, at least three.
    static func tickTarget(_ pixels: Double) -> Int { max(3, min(8, Int(pixels / 70))) }

    var xTicks: [(position: Double, label: String)] { xScale.ticks(xRange, target: Panel.tickTarget(width)) }
    var yTicks: [(position: Double, label: String)] { yScale.ticks(yRange, target: Panel.tickTarget(height)) }

    func drawFrame(_ w: inout SVGWriter, title: String, xLabel: String, yLabel: String, sizes: TextSizes, titleWidth: Double) {
        w.rect(originX, originY, width, height, fill: "#ffffff", stroke: "#888")
        for t in xTicks {
            let x = originX + (t.position - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * width
            w.line(x, originY + height, x, originY + height + 4)
            w.line(x, originY, x, originY + height, stroke: "#eee", width: 0.5)
            w.text(t.label, x: x, y: originY + height + 6 + sizes.tick, size: sizes.tick)
        }
        var widest = 0.0
        for t in yTicks {
            let y = originY + height - (t.position - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * height
            w.line(originX - 4, y, originX, y)
            w.line(originX, y, originX + width, y, stroke: "#eee", width: 0.5)
            w.text(t.label, x: originX - 7, y: y + sizes.tick * 0.35, size: sizes.tick, anchor: "end")
            widest = max(widest, TextMetrics.width(t.label, size: sizes.tick))
        }
        if !title.isEmpty {  // a lone panel is named by the figure's title; saying it twice is noise
            let fitted = SVGWriter.fit(title, width: titleWidth, size: sizes.panelTitle, minimum: sizes.minimum, bold: true)
            w.text(fitted.text, x: originX + width / 2, y: originY - 8, size: fitted.size, weight: "bold")
        }
        let x = SVGWriter.fit(xLabel, width: width, size: sizes.axisLabel, minimum: sizes.minimum, bold: false)
        w.text(x.text, x: originX + width / 2, y: originY + height + 12 + sizes.tick + x.size, size: x.size)
        let y = SVGWriter.fit(yLabel, width: height, size: sizes.axisLabel, minimum: sizes.minimum, bold: false)
        w.text(y.text, x: originX - 7 - widest - 6 - TextMetrics.descent * y.size, y: originY + height / 2, size: y.size, rotate: true)
    }

    /// The margin left of the plot area that the y tick labels and the y label need.
    static func leftMargin(tickLabels: [String], sizes: TextSizes) -> Double {
        let widest = tickLabels.map { TextMetrics.width($0, size: sizes.tick) }.max() ?? 0
        return 7 + widest + 6 + sizes.axisLabel + 6
    }

    /// Clips drawing to the plot area.
    func clipID(_ index: Int) -> String { "clip\(index)" }
    func clipDefinition(_ index: Int) -> String {
        "<clipPath id=\"\(clipID(index))\"><rect x=\"\(SVGWriter.number(originX))\" y=\"\(SVGWriter.number(originY))\" width=\"\(SVGWriter.number(width))\" height=\"\(SVGWriter.number(height))\"/></clipPath>"
    }
}
