extension Figure {
    /// Loss curves, one panel per loss (losses have different units), each on its own y axis:
    /// log or symlog when its values span decades (`AxisScale.automatic`) unless `scale` is given.
    /// A loss recorded at few steps is drawn as points, not a line that would invent the gaps.
    public static func loss(_ series: [Series], title: String, x: String, y: String, scale: AxisScale? = nil,
                            style: PlotStyle = PlotStyle()) -> Figure {
        let steps = series.map { $0.x.count }.max() ?? 0
        let contents = series.enumerated().map { k, s -> Content in
            let axis = scale ?? AxisScale.automatic(for: s.y)
            let colour = OkabeIto.hex(k)
            let sparse = s.x.count < 25 || Double(s.x.count) < 0.3 * Double(steps)
            return Content(title: s.name, xs: s.x, ys: s.y, yScale: axis, yLabel: y) { w, panel in
                let n = min(s.x.count, s.y.count)
                if sparse {
                    var dots = ""
                    for i in 0..<n where s.x[i].isFinite && panel.py(s.y[i]).isFinite {
                        dots += "<circle cx=\"\(SVGWriter.short(panel.px(s.x[i])))\" cy=\"\(SVGWriter.short(panel.py(s.y[i])))\" r=\"\(SVGWriter.number(style.markerSize ?? 2.4))\"/>"
                    }
                    w.raw("<g fill=\"\(colour)\" fill-opacity=\"\(SVGWriter.number(style.alpha ?? 0.85))\">\(dots)</g>")
                    return
                }
                // Long curves are thinned to at most 600 vertices; points with no position on the axis break the line.
                let stride = max(1, n / 600)
                var d = "", pen = false
                var i = 0
                while i < n {
                    let py = panel.py(s.y[i])
                    if s.x[i].isFinite && py.isFinite {
                        d += (pen ? "L" : "M") + SVGWriter.short(panel.px(s.x[i])) + " " + SVGWriter.short(py)
                        pen = true
                    } else {
                        pen = false
                    }
                    i += stride
                }
                if !d.isEmpty {
                    w.raw("<path d=\"\(d)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.4\" stroke-opacity=\"\(SVGWriter.number(style.alpha ?? 1))\" stroke-linejoin=\"round\"/>")
                }
            }
        }
        var style = style
        style.limits = nil
        return compose(title: title, description: "Loss curves: " + series.map(\.name).joined(separator: ", ") + " against \(x)",
                       panels: contents, x: x, y: y, key: .none, style: style, shared: false, equalAspect: false)
    }
}
