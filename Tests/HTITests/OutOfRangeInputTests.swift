import Foundation
import Testing
import Tensors
@testable import HTI

/// Inputs beyond the training data — a context outside every training one, a start point
/// outside the outputs' box — reach the networks held at the nearest edge, while the
/// training data reaches them exactly as before (so fits do not change).
@Suite struct OutOfRangeInputTests {
    static let context = DensityPotentialTests.marginals(context: true, count: 40)

    @Test func trainingConditionsAreStandardisedAndNothingElse() throws {
        let m = OutOfRangeInputTests.context
        let features = ConditionFeatures(schema: m.condition, marginals: m)
        guard case .continuous(let mean, let scale, let lower, let upper) = features.kind else {
            Issue.record("a 3-wide context gave no continuous features"); return
        }
        var seenLower = [Float](repeating: .infinity, count: 3), seenUpper = [Float](repeating: -.infinity, count: 3)
        for anchor in m.anchors {
            guard case .vectors(let raw, _) = anchor.conditions else { continue }
            let matrix = features.matrix(anchor.conditions, count: anchor.count).scalars
            for i in 0..<(anchor.count * 3) {
                let standardised = (raw[i] - mean[i % 3]) / scale[i % 3]
                #expect(matrix[i] == standardised, "training feature \(i) at λ = \(anchor.lambda) was moved")
                seenLower[i % 3] = min(seenLower[i % 3], standardised)
                seenUpper[i % 3] = max(seenUpper[i % 3], standardised)
            }
        }
        #expect(lower == seenLower && upper == seenUpper)
        #expect(zip(lower, upper).allSatisfy { $0 < 0 && $1 > 0 }, "the range spans the mean")
    }

    @Test func aContextBeyondTheTrainingRangeReadsAsTheNearestExtreme() throws {
        let m = OutOfRangeInputTests.context
        let features = ConditionFeatures(schema: m.condition, marginals: m)
        guard case .continuous(let mean, let scale, let lower, let upper) = features.kind else {
            Issue.record("no continuous features"); return
        }
        let inside: Float = 0.1
        let row = features.matrix(.vectors([1e6, -1e6, inside], width: 3), count: 1).scalars
        #expect(row == [upper[0], lower[1], (inside - mean[2]) / scale[2]])
    }

    @Test func startsBeyondTheTrainingDataAreCounted() throws {
        let m = OutOfRangeInputTests.context
        let model = try Trainer(marginals: m, settings: TrainerTests.quick(steps: 1)).fit()
        guard case .vectors(let raw, _) = m.anchors[0].conditions else { Issue.record("no context"); return }
        let inside = Array(raw[0..<3]), (lower, upper) = m.bounds
        let start = HTIModel.Start(outputs: [m.anchors[0].outputs[0], m.anchors[0].outputs[1],  // a training sample
                                             m.anchors[0].outputs[0], m.anchors[0].outputs[1],  // its output, a context far out
                                             upper[0] + 1, lower[1]],                          // its context, an output beyond the box
                                   conditions: .vectors(inside + [inside[0], -1e3, inside[2]] + inside, width: 3), count: 3)
        #expect(try model.draw(at: [0.5], from: start).startsBeyondTraining == 2)
        #expect(try model.draw(at: [0.5]).startsBeyondTraining == 0, "the training starts are all inside")
    }

    @Test func aStartPointBeyondTheBoxMovesAsTheNearestPointOfTheBox() throws {
        let m = TrainerTests.gaussians(count: 32)
        var settings = TrainerTests.quick(steps: 3)
        settings.dualLearningRate = 3e-2  // a map far from the identity, so displacements differ from point to point
        let model = try Trainer(marginals: m, settings: settings).fit()
        let nets = model.networks, (lower, upper) = m.bounds
        let far: [Float] = [upper[0] + 50, lower[1] - 7, lower[0] - 1e4, upper[1] + 0.5]
        let edge: [Float] = [upper[0], lower[1], lower[0], upper[1]]
        let features = Variable(ConditionFeatures(schema: m.condition, marginals: m).matrix(.none, count: 2))
        let parameters = BoundParameters.constant(model.mapParameters[0])
        let fromFar = try nets.map(0, Variable(Tensor(shape: [2, 2], scalars: far)), features: features, parameters).value.scalars
        let fromEdge = try nets.map(0, Variable(Tensor(shape: [2, 2], scalars: edge)), features: features, parameters).value.scalars
        for i in 0..<4 {
            #expect(abs((fromFar[i] - far[i]) - (fromEdge[i] - edge[i])) <= 1e-3 * max(1, abs(far[i])),
                    "output \(i): displaced by \(fromFar[i] - far[i]) from beyond the box, \(fromEdge[i] - edge[i]) from its edge")
        }
        // Inside the box nothing is held: two points there move differently.
        let inside = try nets.map(0, Variable(Tensor(shape: [2, 2], scalars: [0, 0, 0.5, 0.5])), features: features, parameters).value.scalars
        #expect(inside[0] - 0 != inside[2] - 0.5 || inside[1] != inside[3] - 0.5)
        // And the training samples are read as they are.
        let x = Variable(try Tensor(shape: [m.anchors[0].count, 2], scalars: m.anchors[0].outputs))
        #expect(try nets.scaling.heldInBox(x).value.scalars == m.anchors[0].outputs)
    }
}
