import Foundation
import Tensors

/// Fits an HTI model (METHOD.md): for each consecutive pair of anchors a
/// neural dual OT problem whose cost is the least action of paths under the
/// learned metric and the density potential. Each step, per pair: solve the
/// c-transform by batched L-BFGS warm-started at T_k(x), take a semi-dual step
/// on g_k and regress T_k on the solutions. Every `metricPeriod` steps the
/// metric takes a step to make the current couplings cheaper; every
/// `amortiserPeriod` steps the spline amortiser is refitted.
///
/// After training, the maps can be matched to their target anchors (Trainer+Matching.swift).
///
/// The phases live in their own files over one `TrainingState`: the start here,
/// the training step (Trainer+Step.swift), the amortiser's schedule (Trainer+Amortiser.swift),
/// the matching (Trainer+Matching.swift).
public struct Trainer {
    public let marginals: Marginals
    public let settings: FitSettings

    public init(marginals: Marginals, settings: FitSettings) {
        self.marginals = marginals
        self.settings = settings
    }

    /// Fits; calls `progress` (at most ten times a second) and stops with
    /// `CancellationError` as soon as `isCancelled` returns true.
    public func fit(progress: @escaping (FitProgress) -> Void = { _ in },
                    isCancelled: @escaping () -> Bool = { false }) throws -> HTIModel {
        try settings.validate(for: marginals.lambdas)
        try settings.requireMatchingPossible(for: marginals.condition)
        // The fit spreads its work over the cores itself (Shares); OpenBLAS's spinning
        // workers would only take a core from it.
        return try BLASThreads.one { try fitWithOneBLASThread(progress: progress, isCancelled: isCancelled) }
    }

    private func fitWithOneBLASThread(progress: @escaping (FitProgress) -> Void, isCancelled: @escaping () -> Bool) throws -> HTIModel {
        let meter = FitMeter(settings: settings, progress: progress)
        var (state, setup) = try initialState()
        try warmUpAmortiser(&state, setup, meter, isCancelled: isCancelled)
        for step in 1...settings.steps {
            if isCancelled() { throw CancellationError() }
            let losses = try trainingStep(step, &state, setup, meter, isCancelled: isCancelled)
            state.model.history.append(losses)
            let stopping = step < settings.steps && outOfTime(meter.clock, before: step + 1)
            meter.report(step, losses, phase: "training", force: step == settings.steps || stopping)
            if stopping { break }
        }
        try matchMaps(&state, setup, meter, isCancelled: isCancelled)
        try finalAmortiserFit(&state, setup, meter, isCancelled: isCancelled)
        state.model.fitSeconds = meter.elapsed
        state.model.phaseSeconds = meter.timer.seconds
        return state.model
    }

    /// The untrained model, its optimisers, and what stays fixed through the fit.
    func initialState() throws -> (TrainingState, TrainingSetup) {
        let features = ConditionFeatures(schema: marginals.condition, marginals: marginals)
        var model = HTIModel(settings: settings, marginals: marginals, features: features, metricParameters: Parameters(),
                             amortiserParameters: Parameters(), potentialParameters: [], mapParameters: [], history: [],
                             fitSeconds: 0)
        let geometry = model.geometry
        let pairCount = marginals.anchors.count - 1

        // Explicit, split keys: every network's initialisation is reproducible from the seed.
        let weightKeys = HTIModel.initialisationKeyCount(pairs: pairCount)
        let keys = RandomKey(seed: settings.seed).split(into: weightKeys + 1)
        model.initialiseWeights(keys: keys)
        let shuffleKey = keys[weightKeys]  // the one key after the weights' (as before: same split, same fits)

        let pairs = try (0..<pairCount).map { k -> PairData in
            let a = marginals.anchors[k], b = marginals.anchors[k + 1]
            return PairData(x: Variable(try Tensor(shape: [a.count, marginals.dimension], scalars: a.outputs)),
                            xFeatures: Variable(features.matrix(a.conditions, count: a.count)), xConditions: a.conditions,
                            y: Variable(try Tensor(shape: [b.count, marginals.dimension], scalars: b.outputs)),
                            yFeatures: Variable(features.matrix(b.conditions, count: b.count)), count: a.count)
        }
        let lr = Float(settings.dualLearningRate)
        let state = TrainingState(model: model,
                                  potentialOptimisers: (0..<pairCount).map { _ in AdamW(learningRate: lr) },
                                  mapOptimisers: (0..<pairCount).map { _ in AdamW(learningRate: lr) },
                                  metricOptimiser: AdamW(learningRate: Float(settings.metricLearningRate)),
                                  amortiserOptimiser: Adam(learningRate: Float(settings.amortiserLearningRate), maxGradientNorm: 1))
        // A first step of one KDE bandwidth and at most 8 halvings: the c-transform
        // only needs a good point near the warm start T_k(x), not full convergence.
        let lbfgs = BatchedLBFGS(memory: 10, maxIterations: settings.lbfgsIterations, maxBacktracks: 8,
                                 firstStepLength: geometry.potential?.bandwidth ?? 0.1)
        return (state, TrainingSetup(pairs: pairs, geometry: geometry, nets: model.networks, lbfgs: lbfgs, shuffleKey: shuffleKey))
    }

    /// Whether `settings.timeLimit` leaves no room for training step `next` (and its refit, if
    /// it has one), the maps' matching and the final amortiser fit, at the rates measured so far.
    func outOfTime(_ clock: FitClock, before next: Int) -> Bool {
        guard let limit = settings.timeLimit else { return false }
        let refit = next % settings.amortiserPeriod == 0 && next < settings.steps ? settings.amortiserRefitSteps : 0
        guard let needed = clock.secondsFor(trainingSteps: 1, amortiserSteps: refit + settings.scheduledAmortiserFinalSteps,
                                            matchingSteps: settings.matching) else {
            return false
        }
        return clock.elapsed + needed > limit
    }
}
