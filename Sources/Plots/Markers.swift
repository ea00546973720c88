extension Figure {
    /// Markers for points coloured by their values (or one `colour`), thinned beyond the limit
    /// with a note under the figure saying so.
    static func markers(_ w: inout SVGWriter, _ panel: Panel, x: [Double], y: [Double], value: [Double],
                        scale: ColourScale, radius: Double = 2, opacity: Double = 0.8, colour: String? = nil) {
        let n = min(x.count, y.count)
        let stride = max(1, (n + markerLimit - 1) / markerLimit)
        // Markers are grouped by colour so each costs only its position; groups keep first-seen order.
        var order: [String] = [], groups: [String: String] = [:]
        var drawn = 0
        var i = 0
        while i < n {
            defer { i += stride }
            guard x[i].isFinite, y[i].isFinite else { continue }
            let fill = colour ?? scale.colour(i < value.count ? value[i] : .nan)
            if groups[fill] == nil { order.append(fill); groups[fill] = "" }
            groups[fill, default: ""] += "<circle cx=\"\(SVGWriter.short(panel.px(x[i])))\" cy=\"\(SVGWriter.short(panel.py(y[i])))\" r=\"\(SVGWriter.number(radius))\"/>"
            drawn += 1
        }
        for fill in order {
            w.raw("<g fill=\"\(fill)\" fill-opacity=\"\(SVGWriter.number(opacity))\">\(groups[fill] ?? "")</g>")
        }
        if stride > 1 {
            w.thinned.drawn += drawn; w.thinned.total += n
        }
    }
}
