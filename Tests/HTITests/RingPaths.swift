import Foundation
import Tensors
@testable import HTI

/// What the path tests on a ring share: data spread evenly on the unit circle at two anchors, and
/// one path's least-action knots found by L-BFGS.
enum RingPaths {
    /// `count` samples evenly on the unit circle, the same at λ = 0 and 1.
    static func data(count: Int = 200) -> Marginals {
        let ring = (0..<count).flatMap { i -> [Float] in
            let angle = 2 * Double.pi * Double(i) / Double(count)
            return [Float(cos(angle)), Float(sin(angle))]
        }
        return Marginals(source: "ring", lambdaName: "lambda", outputNames: ["x", "y"], condition: .none,
                         anchors: [0.0, 1.0].map { Anchor(lambda: $0, count: count, outputs: ring, conditions: .none) })
    }

    /// The knots of the least-action path from x to y under `geometry`, from `initial`.
    static func leastActionKnots(_ geometry: PathGeometry, x: Variable, y: Variable, from initial: Tensor,
                                 iterations: Int) throws -> Tensor {
        try BatchedLBFGS(memory: 10, maxIterations: iterations).minimize(initial) { knots in
            let tape = Tape()
            let k = tape.variable(knots)
            let action = try geometry.action(path: geometry.pathPoints(x: x, y: y, knots: k), features: Tensor(shape: [1, 0], repeating: 0),
                                             conditions: .none, .constant(Parameters()))
            return (action.value, try tape.gradients(of: sum(action), wrt: [k])[0])
        }.x
    }
}
