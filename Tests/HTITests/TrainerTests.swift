import Foundation
import Testing
import Tensors
@testable import HTI

/// Fits on small synthetic problems whose answer is known.
struct TrainerTests {
    /// Two Gaussian clouds, one class, anchors at λ = 0 and 1.
    static func gaussians(count: Int = 64, shift: Float = 2, seed: UInt64 = 5) -> Marginals {
        var rng = SplitMix(seed: seed)
        let anchors = [0.0, 1.0].map { lambda -> Anchor in
            let outputs = (0..<(count * 2)).map { i in Float(rng.normal() * 0.3) + (i % 2 == 0 ? Float(lambda) * shift : 0) }
            return Anchor(lambda: lambda, count: count, outputs: outputs, conditions: .none)
        }
        return Marginals(source: "gaussians", lambdaName: "lambda", outputNames: ["x", "y"], condition: .none, anchors: anchors)
    }

    /// A small, fast schedule: a few steps of everything.
    static func quick(metric: FitSettings.Metric = .identity, potential: FitSettings.Potential = .none, steps: Int = 4,
                      seed: UInt64 = 0) -> FitSettings {
        var s = FitSettings()
        s.metric = metric; s.potential = potential; s.steps = steps; s.seed = seed
        s.amortiserInitialSteps = 150; s.amortiserRefitSteps = 5; s.amortiserFinalSteps = 150
        s.amortiserWidth = 32; s.amortiserLearningRate = 3e-3; s.batchSize = 32; s.amortiserBatchSize = nil
        s.bandwidth = 0.3
        return s
    }

    @Test func withIdentityMetricAndNoPotentialPathsAreStraightAtConstantSpeed() throws {
        let data = TrainerTests.gaussians()
        var settings = TrainerTests.quick(steps: 40)
        settings.dualLearningRate = 3e-3  // so that T moves the clouds in 40 steps
        let model = try Trainer(marginals: data, settings: settings).fit()
        let start = model.defaultStart()
        let (lower, upper) = model.marginals.bounds
        let grid = [0.0, 0.25, 0.5, 0.75, 1.0]
        let positions = try model.positions(of: start, at: grid)
        var worst = 0.0, checked = 0
        for i in 0..<start.count {
            // Sampling clips to the data's box; a clipped path is not the straight line any more.
            let inside = positions.allSatisfy { p in (0..<2).allSatisfy { p[2 * i + $0] > lower[$0] && p[2 * i + $0] < upper[$0] } }
            guard inside else { continue }
            checked += 1
            let x = (Double(positions[0][2 * i]), Double(positions[0][2 * i + 1]))
            let y = (Double(positions[4][2 * i]), Double(positions[4][2 * i + 1]))
            let length = max(hypot(y.0 - x.0, y.1 - x.1), 0.1)
            for (g, s) in grid.enumerated() {
                let expected = (x.0 + s * (y.0 - x.0), x.1 + s * (y.1 - x.1))
                let p = (Double(positions[g][2 * i]), Double(positions[g][2 * i + 1]))
                worst = max(worst, hypot(p.0 - expected.0, p.1 - expected.1) / length)
            }
        }
        #expect(checked > start.count / 2)
        // McCann interpolation: on the segment, at the fraction s of the way.
        #expect(worst < 0.05, "largest deviation from the straight, constant-speed path: \(worst) of its length")
    }

    @Test func aDensityPotentialBendsPathsOntoARing() throws {
        // Samples on the unit circle at both anchors: the ring is where the density is.
        let potential = DensityPotential(marginals: RingPaths.data(), weight: 1, bandwidth: 0.1)
        let geometry = PathGeometry(dimension: 2, basis: SplineBasis(knots: 15, points: 20),
                                    metric: MetricField(dimension: 2, conditionFeatures: 0, learned: false), potential: potential)
        let x = Variable(try Tensor(shape: [1, 2], scalars: [-1, 0])), y = Variable(try Tensor(shape: [1, 2], scalars: [1, 0]))
        // Knots start slightly above the straight line (which is a saddle by symmetry).
        let initial = try Tensor(shape: [1, 30], scalars: (0..<30).map { $0 < 15 ? 0 : 0.05 })
        func midpointRadius(_ knots: Tensor) throws -> Double {
            let path = try geometry.pathPoints(x: x, y: y, knots: Variable(knots)).value.scalars
            let middle = 10 * 2
            return hypot(Double(path[middle]), Double(path[middle + 1]))
        }
        let solution = try RingPaths.leastActionKnots(geometry, x: x, y: y, from: initial, iterations: 200)
        #expect(try midpointRadius(initial) < 0.2)
        let radius = try midpointRadius(solution)
        #expect(abs(radius - 1) < 0.15, "the least-action path's midpoint lies at radius \(radius)")
    }

    @Test func metricLearningMakesObservedMotionCheaper() throws {
        // Paths all run along x: the learned metric should make x-motion cheap.
        let metric = MetricField(dimension: 2, conditionFeatures: 1, learned: true)
        var parameters = Parameters()
        metric.network.initialize(&parameters, key: RandomKey(seed: 1))
        var rng = SplitMix(seed: 2)
        let points = try Tensor(shape: [128, 2], scalars: (0..<256).map { _ in Float(rng.normal()) })
        let velocities = try Tensor(shape: [128, 2], scalars: (0..<256).map { $0 % 2 == 0 ? 1 : 0 })
        let noCondition = Variable(Tensor(shape: [128, 1], repeating: 1))
        var optimiser = AdamW(learningRate: 5e-3)
        var costs: [Float] = []
        for _ in 0..<60 {
            let tape = Tape()
            let p = tape.bind(parameters)
            let cost = try mean(metric.quadraticForm(points: Variable(points), velocities: Variable(velocities), condition: noCondition, p))
            costs.append(cost.value.scalars[0])
            try optimiser.update(&parameters, gradients: tape.gradients(of: cost, wrt: p))
        }
        #expect(costs.last! < costs.first! * 0.5, "mean action \(costs.first!) → \(costs.last!)")
        #expect(costs.last! >= 0.1 - 1e-3, "eigenvalues stay at least 0.1")
    }

    @Test func refinementLowersEachPathsActionAndKeepsItsEnds() throws {
        let model = try Trainer(marginals: TrainerTests.gaussians(), settings: TrainerTests.quick(metric: .learned, potential: .density, steps: 2)).fit()
        let start = model.defaultStart()
        let features = model.features.matrix(start.conditions, count: start.count)
        let x = Variable(try Tensor(shape: [start.count, 2], scalars: start.outputs))
        let y = try model.networks.map(0, x, features: Variable(features), .constant(model.mapParameters[0]))
        let amortised = try model.networks.knots(x: x, y: y, features: Variable(features), .constant(model.amortiserParameters)).value
        let geometry = model.geometry
        let refined = try model.refinedKnots(x: x, y: y, knots: amortised, features: features, conditions: start.conditions,
                                             iterations: 5, geometry: geometry, isCancelled: { false })
        func actions(_ knots: Tensor) throws -> [Float] {
            try geometry.action(path: geometry.pathPoints(x: x, y: y, knots: Variable(knots)), features: features,
                                conditions: start.conditions, .constant(model.metricParameters)).value.scalars
        }
        let before = try actions(amortised), after = try actions(refined)
        #expect(zip(before, after).allSatisfy { $1 <= $0 + 1e-5 }, "no path's action rises")
        #expect(after.reduce(0, +) < before.reduce(0, +) * 0.999, "the actions fall: \(before.reduce(0, +)) → \(after.reduce(0, +))")
        // The ends are the model's: at the anchors, refined and amortised samples agree exactly.
        #expect(try model.sample(at: [0, 1], refine: 5) == model.sample(at: [0, 1]))
        #expect(try model.sample(at: [0.5], refine: 5) != model.sample(at: [0.5]))
        #expect(throws: CancellationError.self) { try model.sample(at: [0.5], refine: 5, isCancelled: { true }) }
    }

    @Test func saveLoadSampleGivesIdenticalSamples() throws {
        let model = try Trainer(marginals: TrainerTests.gaussians(), settings: TrainerTests.quick(metric: .learned, potential: .density, steps: 2)).fit()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("trainer-test-\(UUID().uuidString).htimodel")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.save(to: url)
        let loaded = try HTIModel.load(from: url)
        #expect(loaded.settings == model.settings)
        #expect(loaded.marginals == model.marginals)
        #expect(loaded.history.count == model.history.count)
        #expect(try loaded.sample(at: [0.3, 0.9]) == model.sample(at: [0.3, 0.9]))
    }

    @Test func aDamagedModelFileIsAClearError() throws {
        let model = try Trainer(marginals: TrainerTests.gaussians(), settings: TrainerTests.quick(steps: 1)).fit()
        var bytes = [UInt8](try model.modelFile().encoded())
        bytes[bytes.count / 2] ^= 0xff
        #expect(throws: ModelFileError.self) { try ModelFile.decode(Data(bytes), source: "m.htimodel") }
        let truncated = Data(try model.modelFile().encoded().prefix(100))
        do {
            _ = try ModelFile.decode(truncated, source: "m.htimodel")
            Issue.record("a truncated file loaded")
        } catch let error as ModelFileError {
            #expect(error.description.contains("m.htimodel"))
        }
    }

    @Test func theSameSeedGivesTheSameModel() throws {
        let data = TrainerTests.gaussians()
        let a = try Trainer(marginals: data, settings: TrainerTests.quick(metric: .learned, potential: .density, steps: 2, seed: 7)).fit()
        let b = try Trainer(marginals: data, settings: TrainerTests.quick(metric: .learned, potential: .density, steps: 2, seed: 7)).fit()
        let c = try Trainer(marginals: data, settings: TrainerTests.quick(metric: .learned, potential: .density, steps: 2, seed: 8)).fit()
        #expect(a.mapParameters == b.mapParameters && a.amortiserParameters == b.amortiserParameters)
        #expect(try a.sample(at: [0.5]) == b.sample(at: [0.5]))
        #expect(try a.sample(at: [0.5]) != c.sample(at: [0.5]))
    }

    @Test func cancellingStopsTheFitWithoutAModel() throws {
        var reports = 0
        #expect(throws: CancellationError.self) {
            _ = try Trainer(marginals: TrainerTests.gaussians(), settings: TrainerTests.quick(steps: 1000))
                .fit(progress: { _ in reports += 1 }, isCancelled: { reports > 0 })
        }
    }

    @Test func samplingOutsideTheFittedRangeNamesTheRange() throws {
        let model = try Trainer(marginals: TrainerTests.gaussians(), settings: TrainerTests.quick(steps: 1)).fit()
        do {
            _ = try model.sample(at: [1.5])
            Issue.record("sampled outside the range")
        } catch let error as SamplingError {
            #expect(error.description.contains("1.5") && error.description.contains("0") && error.description.contains("1"))
        }
    }

    @Test func givenStartPointsAreWhereTheirTrajectoriesBegin() throws {
        let model = try Trainer(marginals: TrainerTests.gaussians(), settings: TrainerTests.quick(steps: 1)).fit()
        let start = HTIModel.Start(outputs: [0, 0, 1, 0.5], conditions: .none, count: 2)
        let atStart = try model.sample(at: [0], from: start).anchors[0]
        #expect(atStart.count == 2)
        #expect(zip(atStart.outputs, start.outputs).allSatisfy { abs($0 - $1) < 1e-4 }, "\(atStart.outputs)")
    }
}
