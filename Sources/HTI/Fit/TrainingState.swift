import Foundation
import Tensors

/// What a fit carries from step to step: the model being fitted and its optimisers.
struct TrainingState {
    var model: HTIModel
    var potentialOptimisers: [AdamW]
    var mapOptimisers: [AdamW]
    var metricOptimiser: AdamW
    var amortiserOptimiser: Adam
    /// The amortiser's last mean action, reported as the "path" loss.
    var pathLoss = 0.0
}

/// What stays fixed through a fit: the anchor pairs as tensors, the geometry, the networks.
struct TrainingSetup {
    var pairs: [PairData]
    var geometry: PathGeometry
    var nets: Networks
    var lbfgs: BatchedLBFGS
    /// Minibatches and random couplings are drawn from this key.
    var shuffleKey: RandomKey
}

/// One pair of anchors as tensors.
struct PairData {
    var x: Variable, xFeatures: Variable, xConditions: ConditionValues
    var y: Variable, yFeatures: Variable
    var count: Int

    /// A random minibatch of at most `size` samples from each side (all of them when size ≥ count).
    func batch(_ size: Int?, key: RandomKey) throws -> PairData {
        let yCount = y.shape[0]
        guard let size, size < max(count, yCount) else { return self }
        let keys = key.split(into: 2)
        let xRows = Array(keys[0].permutation(count).prefix(size)).sorted()
        let yRows = Array(keys[1].permutation(yCount).prefix(size)).sorted()
        return PairData(x: try gather(x, xRows), xFeatures: try gather(xFeatures, xRows), xConditions: xConditions.rows(xRows),
                        y: try gather(y, yRows), yFeatures: try gather(yFeatures, yRows), count: xRows.count)
    }

    /// The pair with only these source rows (ascending), the target side unchanged.
    func sources(_ rows: [Int]) throws -> PairData {
        PairData(x: try gather(x, rows), xFeatures: try gather(xFeatures, rows), xConditions: xConditions.rows(rows),
                 y: y, yFeatures: yFeatures, count: rows.count)
    }
}

/// How a fit's time is kept: phase times for benchmarks, the clock behind the ETA, and the
/// throttled progress callback. A class, so the phases' closures can all tick it while the
/// state they also touch is borrowed.
final class FitMeter {
    private(set) var timer = PhaseTimer()
    var clock: FitClock
    private let throttle: ProgressThrottle
    private let totalSteps: Int

    init(settings: FitSettings, progress: @escaping (FitProgress) -> Void) {
        clock = FitClock(settings: settings, started: Date())
        throttle = ProgressThrottle(handler: progress)
        totalSteps = settings.steps
    }

    var elapsed: Double { clock.elapsed }

    func measure<T>(_ phase: String, _ body: () throws -> T) rethrows -> T {
        try timer.measure(phase, body)
    }

    func report(_ step: Int, _ losses: [String: Double], phase: String, force: Bool = false) {
        let (fraction, remaining) = clock.estimate
        throttle.report(FitProgress(step: step, totalSteps: totalSteps, losses: losses, elapsed: elapsed,
                                    remaining: remaining, phase: phase, fraction: fraction), force: force)
    }
}
