import Foundation

extension Figure {
    /// Each path as a polyline coloured along λ, from a dot at its start to a ring at its end,
    /// over the faint anchor marginals.
    public static func trajectories(_ panels: [TrajectorySet], title: String, x: String, y: String, anchors: [Double],
                                    notes: [String] = [], style: PlotStyle = PlotStyle()) -> Figure {
        let values = panels.flatMap { $0.paths.flatMap(\.value) } + panels.flatMap(\.marginals.lambda)
        let (scale, key) = Key.lambda(values: values, anchors: anchors, palette: style.palette, continuous: true)
        let count = panels.reduce(0) { $0 + $1.paths.count }
        let contents = panels.map { set in
            Content(title: set.title, xs: set.marginals.x + set.paths.flatMap(\.x), ys: set.marginals.y + set.paths.flatMap(\.y)) { w, panel in
                markers(&w, panel, x: set.marginals.x, y: set.marginals.y, value: set.marginals.lambda, scale: scale,
                        radius: style.markerSize ?? 1.6, opacity: style.alpha.map { $0 * 0.4 } ?? 0.22)
                for path in set.paths {
                    let n = min(path.x.count, path.y.count)
                    guard n >= 2 else { continue }
                    // Segments grouped into a few colour runs keep files small and still show λ along the path.
                    let runs = min(10, n - 1)
                    for r in 0..<runs {
                        let lo = r * (n - 1) / runs, hi = (r + 1) * (n - 1) / runs
                        var d = ""
                        for i in lo...hi where path.x[i].isFinite && path.y[i].isFinite {
                            d += (d.isEmpty ? "M" : "L") + SVGWriter.short(panel.px(path.x[i])) + " " + SVGWriter.short(panel.py(path.y[i]))
                        }
                        let middle = (lo + hi) / 2
                        let colour = scale.colour(middle < path.value.count ? path.value[middle] : .nan)
                        w.raw("<path d=\"\(d)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.4\" stroke-opacity=\"0.9\" stroke-linecap=\"round\"/>")
                    }
                    if path.x[0].isFinite && path.y[0].isFinite {
                        w.raw("<circle cx=\"\(SVGWriter.number(panel.px(path.x[0])))\" cy=\"\(SVGWriter.number(panel.py(path.y[0])))\" r=\"2\" fill=\"#222\"/>")
                    }
                    if path.x[n - 1].isFinite && path.y[n - 1].isFinite {
                        w.raw("<circle cx=\"\(SVGWriter.number(panel.px(path.x[n - 1])))\" cy=\"\(SVGWriter.number(panel.py(path.y[n - 1])))\" r=\"2.2\" fill=\"none\" stroke=\"#222\" stroke-width=\"0.9\"/>")
                    }
                }
            }
        }
        return compose(title: title, description: "Trajectories: \(count) paths in \(panels.count) panel(s) over the anchor marginals, \(x) against \(y)",
                       panels: contents, x: x, y: y, key: key, style: style,
                       extraNotes: ["Dots: where paths start; rings: where they end."] + notes)
    }

    /// Metric ellipses (unit balls of G) over the data range, optional samples underneath.
    public static func metric(_ panels: [EllipseSet], title: String, x: String, y: String, anchors: [Double] = [],
                              notes: [String] = [], style: PlotStyle = PlotStyle()) -> Figure {
        let (scale, key) = Key.lambda(values: panels.flatMap { $0.samples?.lambda ?? [] }, anchors: anchors, palette: style.palette)
        let count = panels.reduce(0) { $0 + $1.ellipses.count }
        let contents = panels.map { set in
            Content(title: set.title, xs: (set.samples?.x ?? []) + set.ellipses.map(\.cx), ys: (set.samples?.y ?? []) + set.ellipses.map(\.cy)) { w, panel in
                if let samples = set.samples {
                    markers(&w, panel, x: samples.x, y: samples.y, value: samples.lambda, scale: scale, radius: style.markerSize ?? 1.6,
                            opacity: style.alpha ?? 0.3)
                }
                let (sx, sy) = panel.pixelsPerUnit
                for e in set.ellipses where [e.cx, e.cy, e.a, e.b, e.angle].allSatisfy(\.isFinite) {
                    // The ellipse's image in pixels (exact under unequal axis scales): the columns of m are the
                    // images of its semi-axes; the singular values of m are the pixel semi-axes.
                    let (c, s) = (cos(e.angle), sin(e.angle))
                    let m = (e.a * c * sx, -e.b * s * sx, -e.a * s * sy, -e.b * c * sy)  // row-major 2 × 2
                    let s11 = m.0 * m.0 + m.1 * m.1, s12 = m.0 * m.2 + m.1 * m.3, s22 = m.2 * m.2 + m.3 * m.3
                    let mean = (s11 + s22) / 2, radius = hypot((s11 - s22) / 2, s12)
                    let rx = (mean + radius).squareRoot(), ry = max(0, mean - radius).squareRoot()
                    let degrees = 0.5 * atan2(2 * s12, s11 - s22) * 180 / .pi
                    let (cx, cy) = (SVGWriter.number(panel.px(e.cx)), SVGWriter.number(panel.py(e.cy)))
                    w.raw("<ellipse cx=\"\(cx)\" cy=\"\(cy)\" rx=\"\(SVGWriter.number(rx))\" ry=\"\(SVGWriter.number(ry))\" transform=\"rotate(\(SVGWriter.number(degrees)) \(cx) \(cy))\" fill=\"#3b528b\" fill-opacity=\"0.25\" stroke=\"#3b528b\" stroke-width=\"1\"/>")
                }
            }
        }
        let hasSamples = panels.contains { $0.samples != nil }
        return compose(title: title, description: "Metric: \(count) unit-ball ellipses in \(panels.count) panel(s), \(x) against \(y)",
                       panels: contents, x: x, y: y, key: hasSamples ? key : .none, style: style, extraNotes: notes)
    }

    /// A heat map with a value colour bar, optional samples on top.
    public static func potential(_ panels: [FieldSet], title: String, x: String, y: String, valueLabel: String,
                                 notes: [String] = [], style: PlotStyle = PlotStyle()) -> Figure {
        let range = ColourScale.range(panels.flatMap { $0.field.values.flatMap { $0 } })
        let palette = style.palette == .categorical ? Palette.viridis : style.palette
        let contents = panels.map { set in
            let f = set.field
            return Content(title: set.title, xs: f.x + (set.samples?.x ?? []), ys: f.y + (set.samples?.y ?? [])) { w, panel in
                // Colours are quantised to 64 levels and equal neighbours in a row merged into one
                // rectangle: a 60×60 map stays a few tens of KB.
                func edge(_ v: [Double], _ i: Int) -> Double {
                    if v.count < 2 { return v[0] + (i == 0 ? -0.5 : 0.5) }
                    if i == 0 { return v[0] - (v[1] - v[0]) / 2 }
                    if i == v.count { return v[i - 1] + (v[i - 1] - v[i - 2]) / 2 }
                    return (v[i - 1] + v[i]) / 2
                }
                var pathsByLevel = [String](repeating: "", count: 64)
                for j in 0..<min(f.y.count, f.values.count) {
                    let row = f.values[j]
                    let levels = (0..<min(f.x.count, row.count)).map { i -> Int in
                        row[i].isFinite ? Int((ColourScale.fraction(row[i], range) * 63).rounded()) : -1
                    }
                    var i = 0
                    while i < levels.count {
                        var k = i
                        while k + 1 < levels.count && levels[k + 1] == levels[i] { k += 1 }
                        if (0..<64).contains(levels[i]) {
                            let x0 = panel.px(edge(f.x, i)), x1 = panel.px(edge(f.x, k + 1))
                            let y0 = panel.py(edge(f.y, j)), y1 = panel.py(edge(f.y, j + 1))
                            pathsByLevel[levels[i]] += "M\(SVGWriter.short(min(x0, x1))) \(SVGWriter.short(min(y0, y1)))h\(SVGWriter.short(abs(x1 - x0) + 0.4))v\(SVGWriter.short(abs(y1 - y0) + 0.4))h-\(SVGWriter.short(abs(x1 - x0) + 0.4))z"
                        }
                        i = k + 1
                    }
                }
                for (level, d) in pathsByLevel.enumerated() where !d.isEmpty {
                    w.raw("<path fill=\"\(palette.continuous(Double(level) / 63))\" d=\"\(d)\"/>")
                }
                if let samples = set.samples {
                    markers(&w, panel, x: samples.x, y: samples.y, value: [], scale: ColourScale(kind: .continuous(range), palette: palette),
                            radius: style.markerSize ?? 1.3, opacity: style.alpha ?? 0.55, colour: "#ffffff")
                }
            }
        }
        let ticks = Ticks.nice(range.lowerBound, range.upperBound, target: 4)
        return compose(title: title, description: "Potential: \(panels.count) heat map panel(s) of \(valueLabel), \(x) against \(y)",
                       panels: contents, x: x, y: y, key: .bar(label: valueLabel, range: range, ticks: ticks, marks: []),
                       style: style, extraNotes: notes)
    }
}
