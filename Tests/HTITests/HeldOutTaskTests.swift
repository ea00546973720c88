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

    /// Samples bunched at each arc's most likely point beat samples of the truth itself on the
    /// paper's NLL and CD; the task's W2² against draws of the true density must see through it.
    @Test func semicircleScoresSeeSamplesBunchedAtTheDensitysPeak() throws {
        let classes = ConditionSchema.categorical(name: "arc", classes: ["0", "1", "2", "3"])
        func anchor(_ lambda: Double, _ arcs: (Int) -> PointSet) -> Anchor {
            let sets = (0..<4).map(arcs)
            return Anchor(lambda: lambda, count: sets.map(\.count).reduce(0, +), outputs: sets.flatMap(\.values),
                          conditions: .classes((0..<4).flatMap { arc in [Int32](repeating: Int32(arc), count: sets[arc].count) }))
        }
        let train = Marginals(source: "semicircles.csv", lambdaName: "lambda", outputNames: ["x", "y"], condition: classes,
                              anchors: [0.0, 0.5, 1.0].map { t in anchor(t) { SemicircleTruth.sample(count: 50, arc: $0, t: t, seed: 7) } },
                              preset: .semicircles)
        let task = try #require(try HeldOutTask.make(for: train))
        let lambdas = [0.25, 0.75]
        func samples(_ arcs: @escaping (Int, Double) -> PointSet) -> Marginals {
            Marginals(source: "s", lambdaName: "lambda", outputNames: ["x", "y"], condition: classes,
                      anchors: lambdas.map { t in anchor(t) { arcs($0, t) } })
        }
        let faithful = try task.score(samples { SemicircleTruth.sample(count: 50, arc: $0, t: $1, seed: 99) })
        let bunched = try task.score(samples { arc, t in
            let (cx, cy) = SemicircleTruth.centre(arc: arc), angle = SemicircleTruth.meanAngle(arc: arc, t: t)
            let peak: [Float] = [Float(cx + cos(angle)), Float(cy + sin(angle))]
            return PointSet(values: (0..<50).flatMap { _ in peak }, dimension: 2)
        })
        #expect((bunched["nll"] ?? .nan) < (faithful["nll"] ?? .nan) && (bunched["cd"] ?? .nan) < (faithful["cd"] ?? .nan),
                "the paper's scores prefer the bunched samples")
        #expect((bunched["w2"] ?? .nan) > 3 * (faithful["w2"] ?? .nan), "W2² against the truth does not: \(bunched) \(faithful)")
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
