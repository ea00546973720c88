import Testing
@testable import HTI

/// The numbers behind `score`, without a session: matching by λ and by class name.
@Suite struct SampleScoresTests {
    static func data(_ lambdas: [Double], classes: [String], shift: Float = 0, order: [Int32] = [0, 1]) -> Marginals {
        let anchors = lambdas.map { lambda -> Anchor in
            // Class c sits at x = 10·c (+ shift): matching classes by position instead of name would be far off.
            let labels = (0..<8).map { order[$0 % 2] }
            let outputs = labels.enumerated().flatMap { i, c in [Float(c) * 10 + shift + Float(i) * 0.01, Float(lambda)] }
            return Anchor(lambda: lambda, count: 8, outputs: outputs, conditions: .classes(labels))
        }
        return Marginals(source: "d", lambdaName: "lambda", outputNames: ["x", "y"],
                         condition: .categorical(name: "c", classes: classes), anchors: anchors)
    }

    @Test func identicalSamplesScoreZeroAndClassesAreMatchedByName() throws {
        let samples = SampleScoresTests.data([0, 1], classes: ["a", "b"])
        // The reference lists its classes the other way round, and labels its rows to match.
        let reference = SampleScoresTests.data([0, 1], classes: ["b", "a"], order: [1, 0])
        let scores = try SampleScores(samples: samples, reference: reference, truth: nil, isCancelled: { false })
        #expect(scores.rows.count == 4 && scores.rows.map(\.className) == ["a", "b", "a", "b"])
        #expect(scores.rows.allSatisfy { abs($0.w2) > 50 }, "class a at x = 0 meets the reference's a at x = 10")
        let same = try SampleScores(samples: samples, reference: samples, truth: nil, isCancelled: { false })
        #expect(same.rows.allSatisfy { $0.w2 < 1e-6 && $0.w2IsExact })
        #expect(same.means.count == 3 && same.means[0] < 1e-6)
    }

    @Test func aMissingLambdaOrOtherOutputsAreNamed() throws {
        let samples = SampleScoresTests.data([0, 0.5], classes: ["a", "b"])
        let reference = SampleScoresTests.data([0, 1], classes: ["a", "b"])
        #expect(throws: ScoreError.referenceLacks(lambda: 0.5, lambdaName: "lambda", has: [0, 1])) {
            try SampleScores(samples: samples, reference: reference, truth: nil, isCancelled: { false })
        }
        var renamed = reference
        renamed.outputNames = ["u", "v"]
        #expect(throws: ScoreError.self) { try SampleScores(samples: reference, reference: renamed, truth: nil, isCancelled: { false }) }
        // With a known truth, a λ the reference lacks is still scored, against the truth alone.
        let scored = try SampleScores(samples: samples, reference: reference, truth: .semicircles, isCancelled: { false })
        #expect(scored.rows.filter { $0.lambda == 0.5 }.allSatisfy { $0.w2.isNaN && $0.negativeLogLikelihood != nil })
    }

    /// Forecasts carried from a forecaster's own windows pair with its forecasts there, sample by
    /// sample; the same windows in another order, or one λ that does not pair, give no MSE at all.
    @Test func samplesOnTheReferencesOwnConditionsAreScoredSampleBySample() throws {
        func forecasts(_ outputs: [Float], windows: [Float], at lambdas: [Double]) -> Marginals {
            Marginals(source: "f", lambdaName: "tau", outputNames: ["y"], condition: .continuous(names: ["h"]),
                      anchors: lambdas.map { Anchor(lambda: $0, count: outputs.count, outputs: outputs, conditions: .vectors(windows, width: 1)) })
        }
        let windows: [Float] = [1, 2, 3, 4]
        let truth = forecasts([10, 20, 30, 40], windows: windows, at: [0.25, 0.75])
        let drawn = forecasts([11, 18, 30, 40], windows: windows, at: [0.25, 0.75])
        let scores = try SampleScores(samples: drawn, reference: truth, truth: nil, isCancelled: { false })
        #expect(scores.paired && scores.rows.allSatisfy { $0.pairedMSE == 5.0 / 4 })
        #expect(scores.means.count == 4 && scores.means[3] == 5.0 / 4, "W2², energy, MMD, then the MSE")
        // The same outputs on shuffled windows do not pair: W2² alone would call them perfect.
        let shuffled = forecasts([40, 30, 20, 10], windows: windows.reversed(), at: [0.25, 0.75])
        let unpaired = try SampleScores(samples: shuffled, reference: truth, truth: nil, isCancelled: { false })
        #expect(!unpaired.paired && unpaired.rows.allSatisfy { $0.pairedMSE == nil && $0.w2 < 1e-9 })
        var oneOff = truth
        oneOff.anchors[1].conditions = .vectors([1, 2, 3, 5], width: 1)
        #expect(!(try SampleScores(samples: drawn, reference: oneOff, truth: nil, isCancelled: { false })).paired)
    }
}
