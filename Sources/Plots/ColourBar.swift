/// The vertical viridis bar that says what colour means (λ, or a field's value).
enum ColourBar {
    static func fraction(_ value: Double, _ range: ClosedRange<Double>) -> Double {
        let span = range.upperBound - range.lowerBound
        return span > 0 ? (value - range.lowerBound) / span : 0.5
    }

    static func range(_ values: [Double]) -> ClosedRange<Double> {
        let finite = values.filter { $0.isFinite }
        guard let lo = finite.min(), let hi = finite.max() else { return 0...1 }
        return lo...max(hi, lo)
    }

    static func draw(_ w: inout SVGWriter, x: Double, y: Double, height: Double, label: String, range: ClosedRange<Double>, marks: [Double]) {
        let steps = 32, barWidth = 14.0
        for k in 0..<steps {
            let t = 1 - (Double(k) + 0.5) / Double(steps)
            w.rect(x, y + height * Double(k) / Double(steps), barWidth, height / Double(steps) + 0.5, fill: Viridis.hex(t))
        }
        w.rect(x, y, barWidth, height, fill: "none", stroke: "#888")
        let ticks = Ticks.nice(range.lowerBound, range.upperBound, target: 4)
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        for t in ticks {
            let ty = y + height * (1 - fraction(t, range))
            w.line(x + barWidth, ty, x + barWidth + 4, ty)
            w.text(Ticks.label(t, step: step), x: x + barWidth + 6, y: ty + 3.5, size: 10, anchor: "start")
        }
        for m in marks where range.contains(m) {  // anchors: small triangles on the bar
            let ty = y + height * (1 - fraction(m, range))
            w.raw("<path d=\"M\(SVGWriter.number(x - 7)) \(SVGWriter.number(ty - 4))L\(SVGWriter.number(x - 1)) \(SVGWriter.number(ty))L\(SVGWriter.number(x - 7)) \(SVGWriter.number(ty + 4))Z\" fill=\"#222\"/>")
        }
        w.text(label, x: x + barWidth / 2, y: y - 10, size: 11, weight: "bold")
    }
}
