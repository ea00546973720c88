import Foundation
import Testing
@testable import HTI

/// Samples are clamped to the data's box only when asked, and always counted.
@Suite struct ClampingTests {
    /// Start points far outside the training data, so their paths leave the box.
    static func outsideStart(_ model: HTIModel) -> HTIModel.Start {
        let d = model.dimension
        let count = 6
        let outputs = (0..<(count * d)).map { i in Float(i % 2 == 0 ? 50 : -50) }
        return HTIModel.Start(outputs: outputs, conditions: .classes((0..<count).map { Int32($0 % 2) }), count: count)
    }

    @Test func pointsOutsideTheBoxAreCountedAndClampedOnlyWhenAsked() throws {
        let model = HostileModelFileTests.model
        let start = ClampingTests.outsideStart(model)
        let (lower, upper) = model.marginals.bounds
        let clamped = try model.draw(at: [0.25], from: start, clamp: true)
        let free = try model.draw(at: [0.25], from: start, clamp: false)
        #expect(clamped.pointsOutsideBox == 6 && free.pointsOutsideBox == 6)
        #expect(clamped.clamped && !free.clamped)
        let d = model.dimension
        let inBox = clamped.samples.anchors[0].outputs.enumerated().allSatisfy { i, v in v >= lower[i % d] && v <= upper[i % d] }
        let outside = free.samples.anchors[0].outputs.enumerated().contains { i, v in v < lower[i % d] || v > upper[i % d] }
        #expect(inBox && outside)
        #expect(clamped.box.lower == lower && clamped.box.upper == upper)
    }

    @Test func theDataItselfIsNotClamped() throws {
        let model = HostileModelFileTests.model
        // At the first anchor the sample is the start: the data, inside its own box.
        let draw = try model.draw(at: [0], clamp: false)
        #expect(draw.pointsOutsideBox == 0)
        #expect(draw.samples.anchors[0].outputs == model.marginals.anchors[0].outputs)
    }

    @Test func sampleIsTheClampedDraw() throws {
        let model = HostileModelFileTests.model
        let start = ClampingTests.outsideStart(model)
        #expect(try model.sample(at: [0.5], from: start) == model.draw(at: [0.5], from: start, clamp: true).samples)
    }
}
