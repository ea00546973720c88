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
}
