import Foundation
import HTI
import Plots

/// Figures of a fitted model: trajectories, metric ellipses, potential map, losses.
enum ModelPlots {
    /// Each start sample's path across a fine λ grid, over the anchor marginals: the amortiser's
    /// paths, or with `refine` > 0 those after that many least-action iterations (interruptible).
    static func trajectories(_ model: HTIModel, axes: PlotAxes, perClass: Int, refine: Int, style: PlotStyle,
                             context: CommandContext, animated: Bool = false) throws -> Figure {
        let m = model.marginals
        let start = model.defaultStart(perCondition: perClass)
        let first = model.lambdas.first ?? 0, last = model.lambdas.last ?? 1
        // The grid holds every anchor exactly, so each path passes through its anchor positions and ends at the last.
        let fine = (0...48).map { first + (last - first) * Double($0) / 48 }
        let grid = LambdaText.distinct(fine.map { min(last, max(first, $0)) } + model.lambdas)
        let cancellation = context.cancellation
        let positions = try model.positions(of: start, at: grid, refine: refine, isCancelled: { cancellation.isCancelled })
        let backgrounds = PlotData.panels(m, axes: axes)
        let d = m.dimension
        var panels: [TrajectorySet] = []
        var missed = 0, total = 0
        var misses: [Double] = []
        for (p, background) in backgrounds.enumerated() {
            var paths: [Trajectory] = []
            var ends: [Int] = []
            for i in 0..<start.count {
                if case .classes(let labels) = start.conditions, backgrounds.count > 1, Int(labels[i]) != p { continue }
                paths.append(Trajectory(x: positions.map { Double($0[i * d + axes.x]) }, y: positions.map { Double($0[i * d + axes.y]) },
                                        value: grid))
                ends.append(i)
            }
            let check = EndpointCheck.misses(positions.last ?? [], ends: ends, dimension: d,
                                             target: lastAnchorPoints(m, classIndex: backgrounds.count > 1 ? p : nil))
            missed += check.missed; total += ends.count; misses += check.distances
            panels.append(TrajectorySet(title: background.title, paths: paths, marginals: background))
        }
        var notes: [String] = []
        if missed > 0 {
            let median = misses.sorted()[misses.count / 2]
            notes.append("\(missed) of \(total) paths end away from the \(PlotData.symbol(m)) = \(Value.format(last)) data (more than 3× its typical point spacing; median miss \(Value.format((median * 1000).rounded() / 1000)))"
                         + (refine == 0 ? ": try refine=5." : "."))
        }
        let how = refine > 0 ? "refined paths (\(refine) least-action iterations)" : "amortised paths"
        let title = "Trajectories of \(model.settings.variantName) on \(m.source): \(how)"
        if animated {
            return Figure.animatedTrajectories(panels, title: title, x: axes.xName, y: axes.yName, anchors: model.lambdas, style: style)
        }
        return Figure.trajectories(panels, title: title, x: axes.xName, y: axes.yName, anchors: model.lambdas, notes: notes, style: style)
    }

    /// The last anchor's samples (of one class), row-major.
    static func lastAnchorPoints(_ m: Marginals, classIndex: Int?) -> [Float] {
        guard let anchor = m.anchors.last else { return [] }
        guard let classIndex, case .classes(let labels) = anchor.conditions else { return anchor.outputs }
        let d = m.dimension
        return labels.indices.filter { Int(labels[$0]) == classIndex }.flatMap { anchor.outputs[($0 * d)..<(($0 + 1) * d)] }
    }

    /// The unit balls of G on a grid over the data (long axes: cheap directions).
    static func metric(_ model: HTIModel, axes: PlotAxes, condition: ConditionChoice, style: PlotStyle) throws -> Figure {
        let m = model.marginals
        let (lower, upper) = m.bounds
        let backgrounds = condition.nearbySamples(m, axes: axes).map { [$0] } ?? PlotData.panels(m, axes: axes)
        var panels: [EllipseSet] = []
        let spanX = Double(upper[axes.x] - lower[axes.x]), spanY = Double(upper[axes.y] - lower[axes.y])
        // Under equal aspect the grid's cells are square, so a short axis gets fewer of them.
        let ratio = style.aspect == .equal && spanX > 0 && spanY > 0 ? spanY / spanX : 1
        let cellsX = ratio > 1 ? max(4, Int((11 / ratio).rounded())) : 11
        let cellsY = ratio < 1 ? max(4, Int((11 * ratio).rounded())) : 11
        let size = 0.45 * min(spanX / Double(cellsX), spanY / Double(cellsY))
        for (p, background) in backgrounds.enumerated() {
            let points = gridPoints(m, axes: axes, at: condition.outputs,
                                    xs: (0..<cellsX).map { Double(lower[axes.x]) + (Double($0) + 0.5) / Double(cellsX) * spanX },
                                    ys: (0..<cellsY).map { Double(lower[axes.y]) + (Double($0) + 0.5) / Double(cellsY) * spanY })
            let count = cellsX * cellsY
            let conditions = gridConditions(model, panel: p, panels: backgrounds.count, condition: condition, count: count)
            let matrices = try model.metricMatrices(at: points, conditions: conditions)
            var ellipses: [Ellipse] = []
            for (c, g) in matrices.enumerated() {
                let d = m.dimension
                let a = Double(g[axes.x * d + axes.x]), b = Double(g[axes.x * d + axes.y]), e = Double(g[axes.y * d + axes.y])
                // Eigen-decomposition of the 2×2 block; the unit ball's semi-axes are 1/√eigenvalue.
                let mean = (a + e) / 2, radius = hypot((a - e) / 2, b)
                let large = mean + radius, small = max(mean - radius, 1e-6)
                let angle = 0.5 * atan2(2 * b, a - e)
                let scale = size * sqrt(small)  // the longest semi-axis is `size`
                ellipses.append(Ellipse(cx: Double(points[c * d + axes.x]), cy: Double(points[c * d + axes.y]),
                                        a: scale / sqrt(large), b: scale / sqrt(small), angle: angle))
            }
            panels.append(EllipseSet(title: background.title, ellipses: ellipses, samples: background))
        }
        return Figure.metric(panels, title: "Metric of \(model.settings.variantName)\(condition.title): unit balls of G",
                             x: axes.xName, y: axes.yName, anchors: model.lambdas,
                             notes: ["Long ellipse axes are cheap directions for paths."] + [condition.note].compactMap { $0 }, style: style)
    }

    /// U = α·log(KDE + ε) on a grid over the data.
    static func potential(_ model: HTIModel, axes: PlotAxes, condition: ConditionChoice, style: PlotStyle) throws -> Figure {
        let m = model.marginals
        let backgrounds = condition.nearbySamples(m, axes: axes).map { [$0] } ?? PlotData.panels(m, axes: axes)
        guard let potential = model.geometry.potential else {
            return Figure.potential(backgrounds.map { FieldSet(title: $0.title.isEmpty ? "no potential: U = 0" : $0.title + " (no potential: U = 0)", field: Heatmap(x: [], y: [], values: []), samples: $0) },
                                    title: "Potential of \(model.settings.variantName): none", x: axes.xName, y: axes.yName, valueLabel: "U", style: style)
        }
        let (lower, upper) = m.bounds
        let cells = 45
        func coordinate(_ k: Int, _ i: Int) -> Double {
            let pad = 0.05 * Double(upper[k] - lower[k])
            return Double(lower[k]) - pad + (Double(upper[k] - lower[k]) + 2 * pad) * Double(i) / Double(cells - 1)
        }
        let xs = (0..<cells).map { coordinate(axes.x, $0) }, ys = (0..<cells).map { coordinate(axes.y, $0) }
        var panels: [FieldSet] = []
        for (p, background) in backgrounds.enumerated() {
            let queries = gridPoints(m, axes: axes, at: condition.outputs, xs: xs, ys: ys)
            let count = cells * cells
            var classes: [Int32]?, vectors: [Float]?
            switch gridConditions(model, panel: p, panels: backgrounds.count, condition: condition, count: count) {
            case .classes(let labels): classes = labels
            case .vectors(let values, _): vectors = values
            case .none: break
            }
            let values = potential.evaluate(queries, count: count, classes: classes, conditions: vectors)
            let grid = (0..<cells).map { j in (0..<cells).map { i in Double(values[j * cells + i]) } }
            panels.append(FieldSet(title: background.title, field: Heatmap(x: xs, y: ys, values: grid), samples: background))
        }
        return Figure.potential(panels, title: "Potential U = α·log(KDE + ε) of \(model.settings.variantName)\(condition.title)",
                                x: axes.xName, y: axes.yName, valueLabel: "U", notes: [condition.note].compactMap { $0 }, style: style)
    }

    /// One panel per recorded loss, against the training step.
    static func loss(_ model: HTIModel, scale: AxisScale?, style: PlotStyle) -> Figure {
        let names = Array(Set(model.history.flatMap(\.keys))).sorted()
        let series = names.map { name in
            let points = model.history.enumerated().compactMap { step, losses in losses[name].map { (Double(step + 1), $0) } }
            return Series(name: name, x: points.map(\.0), y: points.map(\.1))
        }
        return Figure.loss(series, title: "Training losses of \(model.settings.variantName)", x: "step", y: "loss", scale: scale, style: style)
    }

    /// Points on the grid xs × ys (row by row) in the plotted outputs; other outputs at `at`'s values, or mid-range.
    static func gridPoints(_ m: Marginals, axes: PlotAxes, at row: [Float]? = nil, xs: [Double], ys: [Double]) -> [Float] {
        let (lower, upper) = m.bounds
        let base = row.flatMap { $0.count == m.dimension ? $0 : nil } ?? (0..<m.dimension).map { (lower[$0] + upper[$0]) / 2 }
        var points: [Float] = []
        points.reserveCapacity(xs.count * ys.count * m.dimension)
        for y in ys {
            for x in xs {
                var q = base
                q[axes.x] = Float(x); q[axes.y] = Float(y)
                points += q
            }
        }
        return points
    }

    /// Conditions for grid points: the panel's class, the chosen continuous condition, or none.
    static func gridConditions(_ model: HTIModel, panel: Int, panels: Int, condition: ConditionChoice, count: Int) -> ConditionValues {
        if let values = condition.values { return .vectors((0..<count).flatMap { _ in values }, width: values.count) }
        switch model.marginals.anchors.first?.conditions ?? .none {
        case .classes: return .classes(Array(repeating: Int32(panels > 1 ? panel : 0), count: count))
        case .vectors(_, let width): return .vectors([Float](repeating: 0, count: count * width), width: width)
        case .none: return .none
        }
    }
}

/// Whether paths end where the last anchor's data is: an endpoint more than 3× the data's
/// typical nearest-neighbour spacing from every data point counts as a miss.
enum EndpointCheck {
    static func misses(_ last: [Float], ends: [Int], dimension d: Int, target: [Float]) -> (missed: Int, distances: [Double]) {
        let n = target.count / max(d, 1)
        guard n >= 2, !ends.isEmpty else { return (0, []) }
        func distance(_ a: ArraySlice<Float>, toNearestExcept skip: Int?) -> Double {
            var best = Double.infinity
            for j in 0..<n where j != skip {
                var s = 0.0
                for k in 0..<d { let t = Double(a[a.startIndex + k]) - Double(target[j * d + k]); s += t * t }
                best = min(best, s)
            }
            return best.squareRoot()
        }
        let probe = Swift.stride(from: 0, to: n, by: max(1, n / 200)).map { j in distance(target[(j * d)..<((j + 1) * d)], toNearestExcept: j) }.sorted()
        let spacing = max(probe[probe.count / 2], 1e-9)
        var missed = 0
        var distances: [Double] = []
        for i in ends where (i + 1) * d <= last.count {
            let miss = distance(last[(i * d)..<((i + 1) * d)], toNearestExcept: nil)
            distances.append(miss)
            if miss > 3 * spacing { missed += 1 }
        }
        return (missed, distances)
    }
}
