import Foundation
import Testing
import Tensors
@testable import HTI

/// The maps' matching after training (Trainer+Matching.swift).
@Suite struct MatchingTests {
    /// W2² between T_0's outputs for the first anchor's samples and the second anchor's samples.
    static func mapMiss(_ model: HTIModel) throws -> Double {
        let start = model.defaultStart()
        let pushed = try model.positions(of: start, at: [model.lambdas[1]])[0]
        let target = model.marginals.anchors[1].outputs
        return try DistributionDistances.squaredW2(PointSet(values: pushed, dimension: 2), PointSet(values: target, dimension: 2)).value
    }

    @Test func matchingBringsTheMapsOutputsOntoTheNextAnchor() throws {
        // Four training steps leave T_0 near the identity, a shift of 0.8 short of the target.
        let data = TrainerTests.gaussians(shift: 0.8)
        var settings = TrainerTests.quick(steps: 4)
        let unmatched = try MatchingTests.mapMiss(Trainer(marginals: data, settings: settings).fit())
        settings.matchingSteps = 300
        let model = try Trainer(marginals: data, settings: settings).fit()
        let matched = try MatchingTests.mapMiss(model)
        #expect(unmatched > 0.3, "the unmatched map should still miss: \(unmatched)")
        #expect(matched < unmatched / 4, "matched \(matched) against \(unmatched)")
        #expect(model.history.last?["matching"] != nil, "the matching's last loss is reported")
    }

    @Test func matchingKeepsClassesApart() throws {
        // Class 0 moves right and class 1 moves left: matching across classes would swap them.
        var rng = SplitMix(seed: 3)
        let count = 40
        let labels = (0..<count).map { Int32($0 % 2) }
        let anchors = [0.0, 1.0].map { lambda -> Anchor in
            let outputs = (0..<count).flatMap { i -> [Float] in
                let direction: Float = i % 2 == 0 ? 1 : -1
                return [Float(rng.normal() * 0.2) + direction * Float(lambda) * 0.6, Float(rng.normal() * 0.2)]
            }
            return Anchor(lambda: lambda, count: count, outputs: outputs, conditions: .classes(labels))
        }
        let data = Marginals(source: "two classes", lambdaName: "lambda", outputNames: ["x", "y"],
                             condition: .categorical(name: "class", classes: ["a", "b"]), anchors: anchors)
        var settings = TrainerTests.quick(steps: 4)
        settings.matchingSteps = 300
        let model = try Trainer(marginals: data, settings: settings).fit()
        let pushed = try model.positions(of: model.defaultStart(), at: [1])[0]
        for label in [Int32(0), 1] {
            let rows = (0..<count).filter { labels[$0] == label }
            let meanX = rows.map { Double(pushed[2 * $0]) }.reduce(0, +) / Double(rows.count)
            let expected = label == 0 ? 0.6 : -0.6
            #expect(abs(meanX - expected) < 0.2, "class \(label) reached x = \(meanX), its anchor is at \(expected)")
        }
    }

    @Test func aClassLargerThanTheLimitIsMatchedASubsetPerStep() throws {
        let rows = Array(stride(from: 0, to: 600, by: 2))
        let key = RandomKey(seed: 9)
        let chosen = Trainer.subset(rows, limit: Trainer.matchingGroupLimit, key: key)
        #expect(chosen.count == Trainer.matchingGroupLimit && Set(chosen).isSubset(of: Set(rows)) && chosen == chosen.sorted())
        #expect(Trainer.subset(rows, limit: Trainer.matchingGroupLimit, key: key) == chosen, "the same key, the same rows")
        #expect(Trainer.subset(rows, limit: Trainer.matchingGroupLimit, key: RandomKey(seed: 10)) != chosen)
        #expect(Trainer.subset(Array(rows.prefix(10)), limit: Trainer.matchingGroupLimit, key: key) == Array(rows.prefix(10)))
        // A fit whose one group is over the limit still brings the map onto its anchor.
        let data = TrainerTests.gaussians(count: 300, shift: 0.8)
        var settings = TrainerTests.quick(steps: 2)
        settings.amortiserInitialSteps = 20
        settings.amortiserFinalSteps = 20
        let unmatched = try MatchingTests.mapMiss(Trainer(marginals: data, settings: settings).fit())
        settings.matchingSteps = 150
        let matched = try MatchingTests.mapMiss(Trainer(marginals: data, settings: settings).fit())
        #expect(matched < unmatched / 4, "matched \(matched) against \(unmatched)")
    }

    @Test func continuousConditionsRefuseMatching() throws {
        var settings = TrainerTests.quick(steps: 2)
        settings.matchingSteps = 10
        do {
            _ = try Trainer(marginals: HeldOutTaskTests.windows(at: [0.01, 0.99]), settings: settings).fit()
            Issue.record("a fit with continuous conditions matched")
        } catch let error as FitError {
            #expect(error.description.contains("continuous"), "\(error)")
        }
    }

    @Test func theClockCountsMatchingSteps() throws {
        var settings = FitSettings()
        settings.steps = 10
        settings.matchingSteps = 7
        var clock = FitClock(settings: settings, started: Date())
        #expect(clock.totalMatchingSteps == 7)
        clock.trainingStepDone()
        // Before a matching step is timed, one is priced as a share of a training step.
        let training = try #require(clock.trainingRate)
        let priced = try #require(clock.secondsFor(trainingSteps: 0, amortiserSteps: 0, matchingSteps: 7))
        #expect(abs(priced - 7 * training * FitClock.matchingStepInTrainingSteps) < 1e-12)
        clock.matchingStepDone()
        #expect(clock.matchingRate != nil)
        #expect(abs(clock.amortiserSeconds + clock.trainingSeconds + clock.matchingSeconds
                    - Date().timeIntervalSince(clock.started)) < 0.5)
    }
}
