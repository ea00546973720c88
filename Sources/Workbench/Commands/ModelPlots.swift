import Foundation
import HTI
import Plots
import Tensors

/// Figures of a fitted model: trajectories, metric ellipses, potential map, losses.
enum ModelPlots {
    /// Each start sample's path across a fine λ grid, over the anchor marginals.
    static func trajectories(_ model: HTIModel, axes: PlotAxes, perClass: Int) throws -> Figure {
        let m = model.marginals
        let start = model.defaultStart(perCondition: perClass)
        let first = model.lambdas.first ?? 0, last = model.lambdas.last ?? 1
        let grid = (0...40).map { min(last, first + (last - first) * Double($0) / 40) }  // exactly within range
        let positions = try model.positions(of: start, at: grid)
        let backgrounds = PlotData.panels(m, axes: axes)
        let d = m.dimension
        var panels: [TrajectorySet] = []
        for (p, background) in backgrounds.enumerated() {
            var paths: [Trajectory] = []
            for i in 0..<start.count {
                if case .classes(let labels) = start.conditions, backgrounds.count > 1, Int(labels[i]) != p { continue }
                paths.append(Trajectory(x: positions.map { Double($0[i * d + axes.x]) }, y: positions.map { Double($0[i * d + axes.y]) },
                                        value: grid))
            }
            panels.append(TrajectorySet(title: background.title, paths: paths, marginals: background))
        }
        return Figure.trajectories(panels, title: "Trajectories of \(model.settings.variantName) on \(m.source)",
                                   x: axes.xName, y: axes.yName, anchors: model.lambdas)
    }

    /// The unit balls of G on a grid over the data (long axes: cheap directions).
    static func metric(_ model: HTIModel, axes: PlotAxes) throws -> Figure {
        let m = model.marginals
        let (lower, upper) = m.bounds
        let cells = 11
        let backgrounds = PlotData.panels(m, axes: axes)
        let field = model.geometry.metric
        var panels: [EllipseSet] = []
        let spanX = Double(upper[axes.x] - lower[axes.x]), spanY = Double(upper[axes.y] - lower[axes.y])
        let size = 0.45 * min(spanX, spanY) / Double(cells)
        for (p, background) in backgrounds.enumerated() {
            let points = gridPoints(m, axes: axes,
                                    xs: (0..<cells).map { Double(lower[axes.x]) + (Double($0) + 0.5) / Double(cells) * spanX },
                                    ys: (0..<cells).map { Double(lower[axes.y]) + (Double($0) + 0.5) / Double(cells) * spanY })
            let count = cells * cells
            let conditions: ConditionValues = backgrounds.count > 1 ? .classes(Array(repeating: Int32(p), count: count))
                : defaultConditions(model, count: count)
            let matrices = try field.matrices(points: Tensor(shape: [count, m.dimension], scalars: points),
                                              condition: model.features.matrix(conditions, count: count), model.metricParameters)
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
        return Figure.metric(panels, title: "Metric of \(model.settings.variantName): unit balls of G (long axes are cheap directions)",
                             x: axes.xName, y: axes.yName)
    }

    /// U = α·log(KDE + ε) on a grid over the data.
    static func potential(_ model: HTIModel, axes: PlotAxes) throws -> Figure {
        let m = model.marginals
        let backgrounds = PlotData.panels(m, axes: axes)
        guard let potential = model.geometry.potential else {
            return Figure.potential(backgrounds.map { FieldSet(title: $0.title + " (no potential: U = 0)", field: Heatmap(x: [], y: [], values: []), samples: $0) },
                                    title: "Potential of \(model.settings.variantName): none", x: axes.xName, y: axes.yName, valueLabel: "U")
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
            let queries = gridPoints(m, axes: axes, xs: xs, ys: ys)
            let count = cells * cells
            var classes: [Int32]?, vectors: [Float]?
            switch defaultConditions(model, count: count) {
            case .classes(let labels): classes = backgrounds.count > 1 ? Array(repeating: Int32(p), count: count) : labels
            case .vectors(let values, _): vectors = values
            case .none: break
            }
            let values = potential.evaluate(queries, count: count, classes: classes, conditions: vectors)
            let grid = (0..<cells).map { j in (0..<cells).map { i in Double(values[j * cells + i]) } }
            panels.append(FieldSet(title: background.title, field: Heatmap(x: xs, y: ys, values: grid), samples: background))
        }
        return Figure.potential(panels, title: "Potential U = α·log(KDE + ε) of \(model.settings.variantName)",
                                x: axes.xName, y: axes.yName, valueLabel: "U")
    }

    static func loss(_ model: HTIModel) -> Figure {
        let names = Array(Set(model.history.flatMap(\.keys))).sorted()
        let series = names.map { name in
            let points = model.history.enumerated().compactMap { step, losses in losses[name].map { (Double(step + 1), $0) } }
            return Series(name: name, x: points.map(\.0), y: points.map(\.1))
        }
        return Figure.loss(series, title: "Training losses of \(model.settings.variantName)", x: "step", y: "loss", logY: false)
    }

    /// Points on the grid xs × ys (row by row) in the plotted outputs; other outputs at the middle of their range.
    static func gridPoints(_ m: Marginals, axes: PlotAxes, xs: [Double], ys: [Double]) -> [Float] {
        let (lower, upper) = m.bounds
        var points: [Float] = []
        points.reserveCapacity(xs.count * ys.count * m.dimension)
        for y in ys {
            for x in xs {
                var q = (0..<m.dimension).map { (lower[$0] + upper[$0]) / 2 }
                q[axes.x] = Float(x); q[axes.y] = Float(y)
                points += q
            }
        }
        return points
    }

    /// Conditions for grid points: the first class, or the mean context (continuous conditions).
    static func defaultConditions(_ model: HTIModel, count: Int) -> ConditionValues {
        switch model.marginals.anchors[0].conditions {
        case .classes: return .classes(Array(repeating: 0, count: count))
        case .vectors(let values, let width):
            let n = values.count / max(width, 1)
            var mean = [Float](repeating: 0, count: width)
            for i in 0..<n { for c in 0..<width { mean[c] += values[i * width + c] / Float(n) } }
            return .vectors((0..<count).flatMap { _ in mean }, width: width)
        case .none: return .none
        }
    }
}
