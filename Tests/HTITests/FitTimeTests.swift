import Foundation
import Testing
@testable import HTI

/// The fit's clock: a bar that counts the warm-up, an ETA from measured rates, and time=.
@Suite struct FitTimeTests {
    final class Reports: @unchecked Sendable {
        var all: [FitProgress] = []
    }

    @Test func theBarMovesDuringTheWarmUpAndOnlyForward() throws {
        var settings = TrainerTests.quick(steps: 6)
        settings.amortiserInitialSteps = 60
        settings.amortiserFinalSteps = 60
        let reports = Reports()
        _ = try Trainer(marginals: TrainerTests.gaussians(), settings: settings).fit(progress: { reports.all.append($0) })
        let warmUp = reports.all.filter { $0.phase.hasPrefix("amortiser warm-up") }
        #expect(warmUp.contains { $0.fraction > 0 && $0.remaining != nil }, "the warm-up counts as work, with an ETA")
        let fractions = reports.all.map(\.fraction)
        #expect(fractions.allSatisfy { (0...1).contains($0) })
        #expect(zip(fractions, fractions.dropFirst()).allSatisfy { $0 <= $1 + 0.05 }, "\(fractions)")
        #expect((fractions.last ?? 0) > 0.95)
    }

    @Test func theClockChargesEveryMomentToOneKindOfStep() {
        var settings = FitSettings()
        settings.steps = 10; settings.amortiserInitialSteps = 20; settings.amortiserRefitSteps = 5
        settings.amortiserPeriod = 4; settings.amortiserFinalSteps = 30
        var clock = FitClock(settings: settings, started: Date())
        #expect(clock.totalAmortiserSteps == 20 + 2 * 5 + 30, "refits after steps 4 and 8, none after the last")
        #expect(clock.estimate.remaining == nil, "nothing measured yet")
        clock.amortiserStepDone()
        #expect(clock.estimate.remaining != nil, "a prior for training steps until one is timed")
        clock.trainingStepDone()
        #expect(clock.trainingRate != nil && clock.amortiserRate != nil)
        #expect(abs(clock.amortiserSeconds + clock.trainingSeconds - Date().timeIntervalSince(clock.started)) < 0.5)
    }

    @Test func aTimeBudgetStopsTrainingEarlyAndSaysSo() throws {
        var settings = TrainerTests.quick(steps: 100_000)
        settings.amortiserInitialSteps = 20
        settings.amortiserFinalSteps = 20
        settings.timeLimit = 2
        let began = Date()
        let model = try Trainer(marginals: TrainerTests.gaussians(), settings: settings).fit()
        let took = Date().timeIntervalSince(began)
        #expect(model.history.count >= 1 && model.history.count < 100_000)
        #expect(took < 4, "a 2 s budget took \(took) s")
        #expect(model.settings.timeLimit == 2)
        // The budget travels with the model, and a model without one reads as before.
        let file = model.modelFile()
        #expect(try HTIModel(file: file, source: "m").settings.timeLimit == 2)
    }

    @Test func aBadBudgetIsRefused() {
        var settings = TrainerTests.quick()
        settings.timeLimit = -1
        #expect(throws: FitError.self) { try settings.validate() }
        settings.timeLimit = .infinity
        #expect(throws: FitError.self) { try settings.validate() }
    }
}
