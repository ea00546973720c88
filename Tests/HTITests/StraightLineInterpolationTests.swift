import Testing
@testable import HTI

@Suite struct StraightLineInterpolationTests {
    @Test func midpointOfATranslationIsHalfway() throws {
        let start = ScoreTests.points(50, seed: 4)
        let moved = start.values.enumerated().map { $0.offset % 2 == 0 ? $0.element + 2 : $0.element }
        let m = Marginals(source: "t", lambdaName: "lambda", outputNames: ["x", "y"], condition: .none, anchors: [
            Anchor(lambda: 0, count: 50, outputs: start.values, conditions: .none),
            Anchor(lambda: 4, count: 50, outputs: moved, conditions: .none),
        ])
        let samples = try StraightLineInterpolation(marginals: m).sample(at: [1])
        for i in 0..<50 {
            #expect(abs(samples.anchors[0].outputs[2 * i] - (start.values[2 * i] + 0.5)) < 1e-5)
        }
    }

    @Test func endpointsReproduceTheAnchorsAndClassesStayPaired() throws {
        let m = try CSVMarginalsLoader.load(path: dataFolder.appendingPathComponent("semicircles.csv").path,
                                            columns: ColumnSelection(conditions: ["arc"], categorical: true))
        let baseline = StraightLineInterpolation(marginals: m)
        let samples = try baseline.sample(at: [1])
        // Every arc's samples land on that arc's samples at λ = 1.
        let ends = samples.anchors[0]
        for c in 0..<4 {
            let mine = ends.points(ofClass: c, dimension: 2)
            let truth = m.anchors[2].points(ofClass: c, dimension: 2)
            #expect(try DistributionDistances.squaredW2(mine, truth).value < 1e-9)
        }
    }

    @Test func outsideTheRangeIsAnErrorNamingTheRange() throws {
        let m = try CSVMarginalsLoader.load(path: dataFolder.appendingPathComponent("semicircles.csv").path,
                                            columns: ColumnSelection(conditions: ["arc"], categorical: true))
        #expect(throws: SamplingError.outsideRange(lambda: 1.5, range: 0...1)) {
            try StraightLineInterpolation(marginals: m).sample(at: [1.5])
        }
    }
}
