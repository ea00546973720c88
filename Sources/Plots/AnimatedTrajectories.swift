import Foundation

extension Figure {
    /// Points along each path at which the animation is keyed (the paths' own points, thinned to at most this many).
    static let animationKeys = 21

    /// Trajectories that play: each sample is a dot travelling its path from the first anchor to the
    /// last and back to the start, looping, its colour following λ, over the faint anchor data and a
    /// faint trace of its route, with a λ readout. Only SVG's own animation elements (SMIL
    /// `animateMotion`, `animate`) are used — no script — so it plays in notebook front-ends and in a
    /// browser opening the saved file, and the bytes are deterministic.
    public static func animatedTrajectories(_ panels: [TrajectorySet], title: String, x: String, y: String, anchors: [Double],
                                            seconds: Double = 6, style: PlotStyle = PlotStyle()) -> Figure {
        let values = panels.flatMap { $0.paths.flatMap(\.value) } + panels.flatMap(\.marginals.lambda)
        let (scale, key) = Key.lambda(values: values, anchors: anchors, palette: style.palette, continuous: true)
        let count = panels.reduce(0) { $0 + $1.paths.count }
        // λ of each key, from any path (every path is sampled on the same λ grid).
        let grid = panels.lazy.flatMap(\.paths).first?.value ?? []
        let keys = Figure.keyIndices(grid.count)
        let duration = SVGWriter.number(seconds) + "s"
        let keyTimes = keys.indices.map { SVGWriter.fraction(Double($0) / Double(max(1, keys.count - 1))) }.joined(separator: ";")
        let colours = keys.map { scale.colour(grid.indices.contains($0) ? grid[$0] : .nan) }.joined(separator: ";")
        let contents = panels.enumerated().map { index, set in
            Content(title: set.title, xs: set.marginals.x + set.paths.flatMap(\.x), ys: set.marginals.y + set.paths.flatMap(\.y)) { w, panel in
                markers(&w, panel, x: set.marginals.x, y: set.marginals.y, value: set.marginals.lambda, scale: scale,
                        radius: style.markerSize ?? 1.6, opacity: style.alpha.map { $0 * 0.4 } ?? 0.22)
                for path in set.paths {
                    let points = keys.filter { $0 < min(path.x.count, path.y.count) && path.x[$0].isFinite && path.y[$0].isFinite }
                        .map { (panel.px(path.x[$0]), panel.py(path.y[$0])) }
                    guard points.count == keys.count, let first = points.first else { continue }
                    let d = points.enumerated().map { ($0.offset == 0 ? "M" : "L") + SVGWriter.short($0.element.0) + " " + SVGWriter.short($0.element.1) }
                        .joined()
                    // Positions keyed by λ, not by distance: keyPoints are the fractions of the route's length at each key.
                    var lengths = [0.0]
                    for i in 1..<points.count {
                        lengths.append(lengths[i - 1] + hypot(points[i].0 - points[i - 1].0, points[i].1 - points[i - 1].1))
                    }
                    let total = lengths.last ?? 0
                    let keyPoints = lengths.map { SVGWriter.fraction(total > 0 ? $0 / total : 0) }.joined(separator: ";")
                    w.raw("<path d=\"\(d)\" fill=\"none\" stroke=\"#999\" stroke-width=\"0.6\" stroke-opacity=\"0.35\"/>")
                    // The dot sits at its start (what a renderer without animation shows); the motion is relative to it.
                    let relative = points.enumerated().map { ($0.offset == 0 ? "M" : "L") + SVGWriter.short($0.element.0 - first.0) + " "
                        + SVGWriter.short($0.element.1 - first.1) }.joined()
                    w.raw("<circle cx=\"\(SVGWriter.short(first.0))\" cy=\"\(SVGWriter.short(first.1))\" r=\"\(SVGWriter.number(style.markerSize ?? 2.4))\" fill=\"\(scale.colour(grid.first ?? .nan))\">"
                          + "<animateMotion dur=\"\(duration)\" repeatCount=\"indefinite\" calcMode=\"linear\" path=\"\(relative)\" keyPoints=\"\(keyPoints)\" keyTimes=\"\(keyTimes)\"/>"
                          + "<animate attributeName=\"fill\" dur=\"\(duration)\" repeatCount=\"indefinite\" values=\"\(colours)\" keyTimes=\"\(keyTimes)\"/></circle>")
                }
                // The λ readout: one label per key, each shown only during its own time slot (they share a place, never a moment).
                if index == 0, !grid.isEmpty {
                    let slots = keys.count
                    for (k, g) in keys.enumerated() {
                        let start = Double(k) / Double(slots), end = Double(k + 1) / Double(slots)
                        let values = k == 0 ? "1;0" : (k == slots - 1 ? "0;1" : "0;1;0")
                        let times = k == 0 ? "0;\(SVGWriter.fraction(end))" : (k == slots - 1 ? "0;\(SVGWriter.fraction(start))"
                            : "0;\(SVGWriter.fraction(start));\(SVGWriter.fraction(end))")
                        w.raw("<text x=\"\(SVGWriter.number(panel.originX + 6))\" y=\"\(SVGWriter.number(panel.originY + 14))\" font-size=\"12\" fill=\"#222\" opacity=\"\(k == 0 ? 1 : 0)\">λ = \(String(format: "%.2f", grid[g]))"
                              + "<animate attributeName=\"opacity\" dur=\"\(duration)\" repeatCount=\"indefinite\" calcMode=\"discrete\" values=\"\(values)\" keyTimes=\"\(times)\"/></text>")
                    }
                }
            }
        }
        return compose(title: title, description: "Animated trajectories: \(count) samples travelling their paths in \(panels.count) panel(s) over the anchor marginals, \(x) against \(y), looping every \(SVGWriter.number(seconds)) s",
                       panels: contents, x: x, y: y, key: key, style: style,
                       extraNotes: ["Each dot travels its path from the first anchor to the last, then starts again."])
    }

    /// At most `animationKeys` indices spread evenly over `count` points, first and last included.
    static func keyIndices(_ count: Int) -> [Int] {
        guard count > 1 else { return count == 1 ? [0] : [] }
        let keys = min(count, animationKeys)
        return (0..<keys).map { Int((Double($0) * Double(count - 1) / Double(keys - 1)).rounded()) }
    }
}

extension SVGWriter {
    /// A fraction in [0, 1] with four decimals (animation key times and points).
    static func fraction(_ value: Double) -> String {
        let clamped = min(1, max(0, value.isFinite ? value : 0))
        return String(format: "%.4f", clamped)
    }
}
