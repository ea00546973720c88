import Foundation
import Testing
import Tensors
@testable import HTI

/// The two path actions (FitSettings.PathAction): what each charges for the same points, and
/// where a least-action path puts its points under each.
@Suite struct PathActionTests {
    static let points = 20

    static func geometry(_ action: FitSettings.PathAction, potential: DensityPotential? = nil) -> PathGeometry {
        PathGeometry(dimension: 2, basis: SplineBasis(knots: 15, points: points),
                     metric: MetricField(dimension: 2, conditionFeatures: 0, learned: false), potential: potential, action: action)
    }

    /// The action of one path through `path` (points × 2 values).
    static func action(_ geometry: PathGeometry, _ path: [Float]) throws -> Double {
        let points = Variable(try Tensor(shape: [1, path.count / 2, 2], scalars: path))
        let value = try geometry.action(path: points, features: Tensor(shape: [1, 0], repeating: 0), conditions: .none,
                                        .constant(Parameters()))
        return Double(value.value.scalars[0])
    }

    /// Points along the segment from (0, 0) to (3, 4) at the fractions `at`.
    static func along(_ at: [Double]) -> [Float] {
        at.flatMap { [Float(3 * $0), Float(4 * $0)] }
    }

    static let even = (0..<points).map { Double($0) / Double(points - 1) }
    /// The same segment with every point but the last parked at the start: one jump at the end.
    static let parked = [Double](repeating: 0, count: points - 1) + [1]

    @Test func evenlySpacedPointsCostTheLengthUnderBoth() throws {
        for action in FitSettings.PathAction.allCases {
            let cost = try PathActionTests.action(PathActionTests.geometry(action), PathActionTests.along(PathActionTests.even))
            #expect(abs(cost - 5) < 1e-3, "\(action): \(cost)")
        }
    }

    @Test func onlyTheEnergyChargesPointsThatBunch() throws {
        let parked = PathActionTests.along(PathActionTests.parked)
        let lengths = try PathActionTests.action(PathActionTests.geometry(.lengths), parked)
        let energy = try PathActionTests.action(PathActionTests.geometry(.energy), parked)
        #expect(abs(lengths - 5) < 1e-3, "the summed lengths do not see where the points sit: \(lengths)")
        // One segment holds the whole length: √(19 · 5²) = 5√19.
        #expect(abs(energy - 5 * sqrt(19)) < 1e-2, "\(energy)")
    }

    /// The failure the energy was brought in for: with data at both ends and none between,
    /// the summed lengths make parking every point on the data and jumping the cheaper path;
    /// the energy makes the evenly paced one cheaper.
    @Test func aPotentialCanBuyAJumpOnlyUnderTheLengths() throws {
        let ends = [Float](repeating: 0, count: 40) + (0..<20).flatMap { _ in [Float(3), 4] }
        let data = Marginals(source: "ends", lambdaName: "lambda", outputNames: ["x", "y"], condition: .none,
                             anchors: [0.0, 1.0].map { Anchor(lambda: $0, count: 40, outputs: ends, conditions: .none) })
        let potential = DensityPotential(marginals: data, weight: 0.01, bandwidth: 0.5)
        let parked = PathActionTests.along(PathActionTests.parked), even = PathActionTests.along(PathActionTests.even)
        let lengths = PathActionTests.geometry(.lengths, potential: potential)
        let energy = PathActionTests.geometry(.energy, potential: potential)
        #expect(try PathActionTests.action(lengths, parked) < PathActionTests.action(lengths, even))
        #expect(try PathActionTests.action(energy, even) < PathActionTests.action(energy, parked))
    }

    /// On a ring of data, a path from angle 0 to π that starts on the ring with its points held back
    /// (angle π s³ at s): under the energy, least action brings the points at a quarter, half and three
    /// quarters of the way to a quarter, half and three quarters of the angle; under the lengths, whose
    /// value does not change as points slide along the ring, the middle point stays behind.
    @Test func underTheEnergyALeastActionPathKeepsPace() throws {
        let potential = DensityPotential(marginals: RingPaths.data(), weight: 0.05, bandwidth: 0.1)
        let x = Variable(try Tensor(shape: [1, 2], scalars: [1, 0])), y = Variable(try Tensor(shape: [1, 2], scalars: [-1, 0]))
        // Knots are offsets from the straight line at s = k/16, x offsets first, then y.
        let initial = try Tensor(shape: [1, 30], scalars: (0..<30).map { i in
            let s = Double(i % 15 + 1) / 16, angle = Double.pi * s * s * s
            return Float(i < 15 ? cos(angle) - (1 - 2 * s) : sin(angle))
        })
        func angles(_ action: FitSettings.PathAction) throws -> [Int: (angle: Double, radius: Double)] {
            let geometry = PathActionTests.geometry(action, potential: potential)
            let knots = try RingPaths.leastActionKnots(geometry, x: x, y: y, from: initial, iterations: 300)
            let path = try geometry.pathPoints(x: x, y: y, knots: Variable(knots)).value.scalars
            return Dictionary(uniqueKeysWithValues: [5, 9, 14].map { point in
                (point, (atan2(Double(path[2 * point + 1]), Double(path[2 * point])), hypot(Double(path[2 * point]), Double(path[2 * point + 1]))))
            })
        }
        let energy = try angles(.energy)
        for (point, reached) in energy {
            let expected = Double.pi * Double(point) / 19
            #expect(abs(reached.angle - expected) < 0.2, "point \(point) at angle \(reached.angle), expected \(expected)")
            #expect(abs(reached.radius - 1) < 0.1, "point \(point) at radius \(reached.radius)")
        }
        let lengths = try angles(.lengths)
        let middle = try #require(lengths[9])
        #expect(middle.angle < Double.pi * 9 / 19 - 0.5, "under the lengths the middle point reached \(middle.angle)")
    }
}
