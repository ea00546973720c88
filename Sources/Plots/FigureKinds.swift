import Foundation

extension Figure {
    /// Scatter of marginals, one panel per set (e.g. per condition class), colour = λ.
    public static func marginals(_ panels: [SampleSet], title: String, x: String, y: String, anchors: [Double]) -> Figure {
        scatter(panels, title: title, x: x, y: y, anchors: anchors, kind: "Marginals")
    }

    /// Scatter of samples (e.g. drawn at new λ), colour = λ.
    public static func samples(_ panels: [SampleSet], title: String, x: String, y: String, anchors: [Double]) -> Figure {
        scatter(panels, title: title, x: x, y: y, anchors: anchors, kind: "Samples")
    }

    private static func scatter(_ panels: [SampleSet], title: String, x: String, y: String, anchors: [Double], kind: String) -> Figure {
        let range = ColourBar.range(panels.flatMap(\.lambda) + anchors)
        let total = panels.reduce(0) { $0 + $1.x.count }
        let lambdas = Set(panels.flatMap(\.lambda)).count
        let contents = panels.map { set in
            Content(title: set.title, xs: set.x, ys: set.y) { w, panel in
                markers(&w, panel, x: set.x, y: set.y, value: set.lambda, range: range)
            }
        }
        return compose(title: title, description: "\(kind): \(total) points at \(lambdas) λ values in \(panels.count) panel(s), \(x) against \(y)",
                       panels: contents, x: x, y: y, key: .colourBar(label: "λ", range: range, marks: anchors))
    }

    /// Each path as a polyline coloured along λ, over the faint anchor marginals.
    public static func trajectories(_ panels: [TrajectorySet], title: String, x: String, y: String, anchors: [Double]) -> Figure {
        let range = ColourBar.range(panels.flatMap { $0.paths.flatMap(\.value) } + panels.flatMap(\.marginals.lambda) + anchors)
        let count = panels.reduce(0) { $0 + $1.paths.count }
        let contents = panels.map { set in
            Content(title: set.title, xs: set.marginals.x + set.paths.flatMap(\.x), ys: set.marginals.y + set.paths.flatMap(\.y)) { w, panel in
                markers(&w, panel, x: set.marginals.x, y: set.marginals.y, value: set.marginals.lambda, range: range, radius: 1.5, opacity: 0.25)
                for path in set.paths {
                    let n = min(path.x.count, path.y.count)
                    guard n >= 2 else { continue }
                    // Segments grouped into a few colour runs keep files small and still show λ along the path.
                    let runs = min(8, n - 1)
                    for r in 0..<runs {
                        let lo = r * (n - 1) / runs, hi = (r + 1) * (n - 1) / runs
                        var d = ""
                        for i in lo...hi where path.x[i].isFinite && path.y[i].isFinite {
                            d += (d.isEmpty ? "M" : "L") + SVGWriter.short(panel.px(path.x[i])) + " " + SVGWriter.short(panel.py(path.y[i]))
                        }
                        let middle = (lo + hi) / 2
                        let colour = Viridis.hex(ColourBar.fraction(middle < path.value.count ? path.value[middle] : range.lowerBound, range))
                        w.raw("<path d=\"\(d)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.3\" stroke-opacity=\"0.9\"/>")
                    }
                    w.raw("<circle cx=\"\(SVGWriter.number(panel.px(path.x[0])))\" cy=\"\(SVGWriter.number(panel.py(path.y[0])))\" r=\"2\" fill=\"#222\"/>")
                }
            }
        }
        return compose(title: title, description: "Trajectories: \(count) paths in \(panels.count) panel(s) over the anchor marginals, \(x) against \(y)",
                       panels: contents, x: x, y: y, key: .colourBar(label: "λ", range: range, marks: anchors))
    }

    /// Metric ellipses (unit balls of G) over the data range, optional samples underneath.
    public static func metric(_ panels: [EllipseSet], title: String, x: String, y: String) -> Figure {
        let range = ColourBar.range(panels.flatMap { $0.samples?.lambda ?? [] })
        let count = panels.reduce(0) { $0 + $1.ellipses.count }
        let contents = panels.map { set in
            Content(title: set.title, xs: (set.samples?.x ?? []) + set.ellipses.map(\.cx), ys: (set.samples?.y ?? []) + set.ellipses.map(\.cy)) { w, panel in
                if let samples = set.samples {
                    markers(&w, panel, x: samples.x, y: samples.y, value: samples.lambda, range: range, radius: 1.5, opacity: 0.3)
                }
                let sx = Panel.width / (panel.xRange.upperBound - panel.xRange.lowerBound)
                let sy = Panel.height / (panel.yRange.upperBound - panel.yRange.lowerBound)
                for e in set.ellipses where [e.cx, e.cy, e.a, e.b, e.angle].allSatisfy(\.isFinite) {
                    // A unit circle mapped by the ellipse's affine map in pixels (y flips): exact under
                    // unequal axis scales, and one short element per ellipse.
                    let (c, s) = (cos(e.angle), sin(e.angle))
                    let m = [e.a * c * sx, -e.a * s * sy, -e.b * s * sx, -e.b * c * sy, panel.px(e.cx), panel.py(e.cy)]
                    w.raw("<circle r=\"1\" transform=\"matrix(\(m.map(SVGWriter.number).joined(separator: " ")))\" fill=\"#3b528b\" fill-opacity=\"0.25\" stroke=\"#3b528b\" stroke-width=\"1\" vector-effect=\"non-scaling-stroke\"/>")
                }
            }
        }
        return compose(title: title, description: "Metric: \(count) unit-ball ellipses in \(panels.count) panel(s), \(x) against \(y)",
                       panels: contents, x: x, y: y, key: panels.contains { $0.samples != nil } ? .colourBar(label: "λ", range: range, marks: []) : .none)
    }

    /// A heat map (viridis) with a value colour bar, optional samples on top.
    public static func potential(_ panels: [FieldSet], title: String, x: String, y: String, valueLabel: String) -> Figure {
        let range = ColourBar.range(panels.flatMap { $0.field.values.flatMap { $0 } })
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
                        row[i].isFinite ? Int((ColourBar.fraction(row[i], range) * 63).rounded()) : -1
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
                    w.raw("<path fill=\"\(Viridis.hex(Double(level) / 63))\" d=\"\(d)\"/>")
                }
                if let samples = set.samples {
                    markers(&w, panel, x: samples.x, y: samples.y, value: [], range: range, radius: 1.2, opacity: 0.5, colour: "#ffffff")
                }
            }
        }
        return compose(title: title, description: "Potential: \(panels.count) heat map panel(s) of \(valueLabel), \(x) against \(y)",
                       panels: contents, x: x, y: y, key: .colourBar(label: valueLabel, range: range, marks: []))
    }

    /// Line chart of loss curves, one line per series, with a legend; `logY` plots log10 y (non-positive values skipped).
    public static func loss(_ series: [Series], title: String, x: String, y: String, logY: Bool) -> Figure {
        let palette = ["#440154", "#3b528b", "#21918c", "#5ec962", "#e3a008", "#c2185b", "#6d4c41"]
        let transformed = series.map { s -> Series in
            guard logY else { return s }
            let kept = zip(s.x, s.y).filter { $0.1 > 0 && $0.1.isFinite }
            return Series(name: s.name, x: kept.map(\.0), y: kept.map { log10($0.1) })
        }
        let content = Content(title: title, xs: transformed.flatMap(\.x), ys: transformed.flatMap(\.y)) { w, panel in
            for (k, s) in transformed.enumerated() {
                // Long curves are thinned to at most 600 vertices.
                let n = min(s.x.count, s.y.count), stride = max(1, n / 600)
                var d = ""
                var i = 0
                while i < n {
                    if s.x[i].isFinite && s.y[i].isFinite {
                        d += (d.isEmpty ? "M" : "L") + SVGWriter.number(panel.px(s.x[i])) + " " + SVGWriter.number(panel.py(s.y[i]))
                    }
                    i += stride
                }
                if !d.isEmpty { w.raw("<path d=\"\(d)\" fill=\"none\" stroke=\"\(palette[k % palette.count])\" stroke-width=\"1.4\"/>") }
            }
        }
        let legend = series.enumerated().map { ($1.name, palette[$0 % palette.count]) }
        return compose(title: title, description: "Loss curves: " + series.map(\.name).joined(separator: ", ") + " against \(x)",
                       panels: [content], x: x, y: logY ? y + " (log10)" : y, key: .legend(legend), logY: logY)
    }

    /// One-dimensional values against λ, points coloured by λ.
    public static func strip(_ sets: [ValueSet], title: String, value: String, anchors: [Double]) -> Figure {
        let lambdas = sets.flatMap(\.lambda), values = sets.flatMap(\.value)
        let range = ColourBar.range(lambdas + anchors)
        let content = Content(title: title, xs: lambdas, ys: values) { w, panel in
            markers(&w, panel, x: lambdas, y: values, value: lambdas, range: range)
        }
        return compose(title: title, description: "Strip: \(values.count) values of \(value) against λ", panels: [content],
                       x: "λ", y: value, key: .colourBar(label: "λ", range: range, marks: anchors))
    }
}
