import Foundation
@testable import Plots

/// Small fixed inputs for every figure kind.
enum FigureFixtures {
    static func ring(_ n: Int, lambda: Double, radius: Double = 1) -> SampleSet {
        let angles = (0..<n).map { 2 * Double.pi * Double($0) / Double(n) }
        return SampleSet(title: "λ = \(lambda)", x: angles.map { radius * cos($0) }, y: angles.map { radius * sin($0) },
                         lambda: Array(repeating: lambda, count: n))
    }

    static var all: [(name: String, figure: Figure)] {
        let a = ring(40, lambda: 0), b = ring(40, lambda: 1, radius: 2)
        let both = SampleSet(title: "both", x: a.x + b.x, y: a.y + b.y, lambda: a.lambda + b.lambda)
        let path = Trajectory(x: [0, 0.5, 1, 1.5], y: [0, 0.4, 0.6, 0.5], value: [0, 0.33, 0.66, 1])
        let grid = (0..<8).map { Double($0) / 7 }
        return [
            ("marginals", Figure.marginals([a, b], title: "Marginals", x: "x", y: "y", anchors: [0, 1])),
            ("samples", Figure.samples([both], title: "Samples", x: "x", y: "y", anchors: [0, 1])),
            ("trajectories", Figure.trajectories([TrajectorySet(title: "class 0", paths: [path], marginals: both)],
                                                  title: "Trajectories", x: "x", y: "y", anchors: [0, 1])),
            ("metric", Figure.metric([EllipseSet(title: "G", ellipses: [Ellipse(cx: 0, cy: 0, a: 0.3, b: 0.1, angle: 0.5)], samples: a)],
                                     title: "Metric", x: "x", y: "y")),
            ("potential", Figure.potential([FieldSet(title: "U", field: Heatmap(x: grid, y: grid, values: grid.map { y in grid.map { x in -x * x - y } }),
                                                     samples: nil)], title: "Potential", x: "x", y: "y", valueLabel: "U")),
            ("loss", Figure.loss([Series(name: "dual", x: [1, 2, 3], y: [3, 2, 1.5]), Series(name: "map", x: [1, 2, 3], y: [0.5, 0.1, 0.01])],
                                 title: "Losses", x: "step", y: "loss", logY: true)),
            ("strip", Figure.strip([ValueSet(lambda: [0, 0, 1, 1], value: [1, 2, 3, 4])], title: "Strip", value: "y", anchors: [0, 1])),
        ]
    }
}
