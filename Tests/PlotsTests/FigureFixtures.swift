import Foundation
@testable import Plots

/// Small fixed inputs for every figure kind.
enum FigureFixtures {
    static func ring(_ n: Int, lambda: Double, radius: Double = 1) -> SampleSet {
        let angles = (0..<n).map { 2 * Double.pi * Double($0) / Double(n) }
        return SampleSet(title: "λ = \(lambda)", x: angles.map { radius * cos($0) }, y: angles.map { radius * sin($0) },
                         lambda: Array(repeating: lambda, count: n))
    }

    static let equal = PlotStyle(aspect: .equal)

    /// Figures that strain the layout: long titles, many panels, long tick labels, spikes, few λ, wide figures.
    static var stress: [(name: String, figure: Figure)] {
        let steps: [Double] = (1...300).map(Double.init)
        let dual: [Double] = steps.map { (step: Double) -> Double in
            if step == 3 { return 700_000 }
            return step < 3 ? -20 : 1 / step - 0.5
        }
        let spiky = Series(name: "dual", x: steps, y: dual)
        let sparse = Series(name: "metric", x: [10, 100, 200, 300], y: [4, 3, 2.5, 2.4])
        let rings = (0..<6).map { ring(30, lambda: Double($0) / 2) }
        let far = SampleSet(title: "far", x: [40_000, 41_000, 40_500], y: [-0.002, 0.003, 0.001], lambda: [0.5, 0.5, 2.5])
        let longTitle = "Metric of K_θ−Û on a data set with a rather long name.csv: unit balls of G (long axes are cheap directions)"
        return [
            ("long-title", Figure.metric([EllipseSet(title: "a panel title much longer than the panel it sits over, by far", ellipses: [],
                                                     samples: ring(20, lambda: 0.5))], title: longTitle, x: "y1", y: "y2")),
            ("six-panels", Figure.marginals(rings, title: "Six", x: "x", y: "y", anchors: rings.map { $0.lambda[0] }, style: equal)),
            ("four-panels-wide", Figure.trajectories(rings.prefix(4).map { TrajectorySet(title: $0.title, paths: [], marginals: $0) },
                                                     title: "Wide", x: "x", y: "y", anchors: [0, 0.99, 1], style: PlotStyle(aspect: .equal, width: 1600))),
            ("far-labels", Figure.samples([far], title: "Far", x: "a long x label", y: "a long y label", anchors: [0.5, 2.5])),
            ("spiky-loss", Figure.loss([spiky, sparse], title: "Training losses of K_θ−Û", x: "step", y: "loss")),
            ("one-lambda", Figure.samples([ring(10, lambda: 0.5)], title: "Samples of m at λ = 0.5", x: "x", y: "y", anchors: [0.5], style: equal)),
            ("narrow", Figure.potential([FieldSet(title: "U", field: Heatmap(x: [0, 1], y: [0, 1], values: [[0, 1], [1, 2]]), samples: nil)],
                                        title: "Narrow figure", x: "x", y: "y", valueLabel: "U", style: PlotStyle(width: 320, height: 240))),
        ]
    }

    static var all: [(name: String, figure: Figure)] {
        let a = ring(40, lambda: 0), b = ring(40, lambda: 1, radius: 2)
        let both = SampleSet(title: "both", x: a.x + b.x, y: a.y + b.y, lambda: a.lambda + b.lambda)
        let path = Trajectory(x: [0, 0.5, 1, 1.5], y: [0, 0.4, 0.6, 0.5], value: [0, 0.33, 0.66, 1])
        let grid = (0..<8).map { Double($0) / 7 }
        return [
            ("marginals", Figure.marginals([a, b], title: "Marginals", x: "x", y: "y", anchors: [0, 1], style: equal)),
            ("samples", Figure.samples([SampleSet(title: "over the rings", x: [0.5, -0.5, 1.5], y: [0.5, 1, -1], lambda: [0.5, 0.5, 0.75],
                                                  reference: PointCloud(x: both.x, y: both.y))],
                                       title: "Samples", x: "x", y: "y", anchors: [0, 1], referenceLabel: "d", style: equal)),
            ("trajectories", Figure.trajectories([TrajectorySet(title: "class 0", paths: [path], marginals: both)],
                                                  title: "Trajectories", x: "x", y: "y", anchors: [0, 1], style: equal)),
            ("metric", Figure.metric([EllipseSet(title: "G", ellipses: [Ellipse(cx: 0, cy: 0, a: 0.3, b: 0.1, angle: 0.5)], samples: a)],
                                     title: "Metric", x: "x", y: "y", style: equal)),
            ("potential", Figure.potential([FieldSet(title: "U", field: Heatmap(x: grid, y: grid, values: grid.map { y in grid.map { x in -x * x - y } }),
                                                     samples: nil)], title: "Potential", x: "x", y: "y", valueLabel: "U")),
            ("loss", Figure.loss([Series(name: "dual", x: [1, 2, 3], y: [3, 2, 1.5]), Series(name: "map", x: [1, 2, 3], y: [0.5, 0.1, 0.01])],
                                 title: "Losses", x: "step", y: "loss", scale: .log)),
            ("strip", Figure.strip([ValueSet(lambda: [0, 0, 1, 1], value: [1, 2, 3, 4])], title: "Strip", value: "y", anchors: [0, 1])),
            ("animated", Figure.animatedTrajectories([TrajectorySet(title: "class 0", paths: [path, Trajectory(x: [1, 0.5, 0, -0.5], y: [0, 0.2, 0.1, 0], value: path.value)],
                                                                    marginals: both)],
                                                     title: "Animated trajectories", x: "x", y: "y", anchors: [0, 1], style: equal)),
        ]
    }
}
