import Foundation
import Testing
@testable import HTI

/// Validation on any data (`holdingOut`) and ETT the paper's way (`ettValidation`).
@Suite struct HeldOutTaskTests {
    /// Windows with one continuous condition; forecasts linear in τ per window.
    static func windows(at lambdas: [Double], count: Int = 5, source: String = "w.csv") -> Marginals {
        let anchors = lambdas.map { lambda in
            Anchor(lambda: lambda, count: count,
                   outputs: (0..<count).map { i in Float(i) + Float(lambda) * Float(i + 1) },
                   conditions: .vectors((0..<count).map { Float($0) * 0.5 }, width: 1))
        }
        return Marginals(source: source, lambdaName: "tau", outputNames: ["y"], condition: .continuous(names: ["h0"]),
                         anchors: anchors, preset: .ett)
    }

    @Test func aStraightLinePerWindowIsExactOnLinearForecasts() throws {
        let task = try HeldOutTask.ettValidation(train: HeldOutTaskTests.windows(at: [0.01, 0.99]),
                                                 validation: HeldOutTaskTests.windows(at: [0.25, 0.75], source: "v.csv"))
        #expect(task.lambdas == [0.25, 0.75])
        let lines = try #require(try task.perWindowLineScores())
        #expect(try #require(lines["mse"]) < 1e-10)
        // Doing nothing (the τ = .01 forecasts as they are) misses by the slope: strictly worse.
        #expect(try #require(task.baselineScores()["mse"]) > 0.01)
        #expect(try task.nearestAnchorScores() == nil)
    }

    @Test func validationRowsMustBeTheTrainingWindowsInOrder() throws {
        var shuffled = HeldOutTaskTests.windows(at: [0.25], source: "v.csv")
        shuffled.anchors[0].conditions = .vectors([2, 1.5, 1, 0.5, 0], width: 1)
        #expect(throws: MarginalsError.windowsDoNotMatch(source: "v.csv", lambda: 0.25, reference: "w.csv")) {
            try HeldOutTask.ettValidation(train: HeldOutTaskTests.windows(at: [0.01, 0.99]), validation: shuffled)
        }
        #expect(throws: MarginalsError.self) {
            try HeldOutTask.ettValidation(train: HeldOutTaskTests.windows(at: [0.01, 0.99]),
                                          validation: HeldOutTaskTests.windows(at: [1.5], source: "v.csv"))
        }
    }

    @Test func holdingOutKeepsTheEndsAndNamesWhatIsWrong() throws {
        let data = HeldOutTaskTests.windows(at: [0, 0.5, 1])
        let task = try HeldOutTask.holdingOut([0.5], of: data)
        #expect(task.train.lambdas == [0, 1] && task.lambdas == [0.5] && task.kind == .anchors)
        #expect(throws: MarginalsError.notInterior(source: "w.csv", lambdas: [0, 0.5, 1])) { try HeldOutTask.holdingOut([1], of: data) }
        #expect(throws: MarginalsError.noSuchAnchor(source: "w.csv", lambda: 0.7, available: [0, 0.5, 1])) {
            try HeldOutTask.holdingOut([0.7], of: data)
        }
        // Copying the nearer anchor scores exactly the W2² between it and the held-out anchor.
        let nearest = try #require(try task.nearestAnchorScores())
        let direct = try DistributionDistances.squaredW2(data.anchors[0].points(ofClass: nil, dimension: 1),
                                                         data.anchors[1].points(ofClass: nil, dimension: 1)).value
        #expect(abs((nearest["w2"] ?? .nan) - direct) < 1e-9)
    }
}
