import Foundation
import Tensors

/// Fits an HTI model (METHOD.md): for each consecutive pair of anchors a
/// neural dual OT problem whose cost is the least action of paths under the
/// learned metric and the density potential. Each step, per pair: solve the
/// c-transform by batched L-BFGS warm-started at T_k(x), take a semi-dual step
/// on g_k and regress T_k on the solutions. Every `metricPeriod` steps the
/// metric takes a step to make the current couplings cheaper; every
/// `amortiserPeriod` steps the spline amortiser is refitted.
public struct Trainer {
    public let marginals: Marginals
    public let settings: FitSettings

    public init(marginals: Marginals, settings: FitSettings) {
        self.marginals = marginals
        self.settings = settings
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
    }

    /// Fits; calls `progress` (at most ten times a second) and stops with
    /// `FitError.cancelled` as soon as `isCancelled` returns true.
    public func fit(progress: @escaping (FitProgress) -> Void = { _ in },
                    isCancelled: @escaping () -> Bool = { false }) throws -> HTIModel {
        try settings.validate()
        let started = Date()
        var timer = PhaseTimer()
        let throttle = ProgressThrottle(handler: progress)
        let features = ConditionFeatures(schema: marginals.condition, marginals: marginals)
        var model = HTIModel(settings: settings, marginals: marginals, features: features, metricParameters: Parameters(),
                             amortiserParameters: Parameters(), potentialParameters: [], mapParameters: [], history: [],
                             fitSeconds: 0)
        let geometry = model.geometry
        let nets = model.networks
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
        var potentialOptimisers = (0..<pairCount).map { _ in AdamW(learningRate: lr) }
        var mapOptimisers = (0..<pairCount).map { _ in AdamW(learningRate: lr) }
        var metricOptimiser = AdamW(learningRate: Float(settings.metricLearningRate))
        var amortiserOptimiser = Adam(learningRate: Float(settings.amortiserLearningRate), maxGradientNorm: 1)
        // A first step of one KDE bandwidth and at most 8 halvings: the c-transform
        // only needs a good point near the warm start T_k(x), not full convergence.
        let lbfgs = BatchedLBFGS(memory: 10, maxIterations: settings.lbfgsIterations, maxBacktracks: 8,
                                 firstStepLength: geometry.potential?.bandwidth ?? 0.1)

        var clock = FitClock(settings: settings, started: started)
        func report(_ step: Int, _ losses: [String: Double], phase: String, force: Bool = false) {
            let (fraction, remaining) = clock.estimate
            throttle.report(FitProgress(step: step, totalSteps: settings.steps, losses: losses, elapsed: Date().timeIntervalSince(started),
                                        remaining: remaining, phase: phase, fraction: fraction), force: force)
        }

        // Amortiser warm-up on random same-condition couplings (the maps start near the identity).
        let warmupPairs = try randomCouplings(pairs, key: shuffleKey)
        var pathLoss = try timer.measure("amortiser") { try fitAmortiser(&model.amortiserParameters, optimiser: &amortiserOptimiser, on: warmupPairs,
                                        steps: settings.scheduledAmortiserInitialSteps, geometry: geometry, nets: nets,
                                        metric: model.metricParameters, isCancelled: isCancelled) { step, loss in
            clock.amortiserStepDone()
            report(0, ["path": loss], phase: "amortiser warm-up \(step)/\(settings.scheduledAmortiserInitialSteps)")
        } }

        for step in 1...settings.steps {
            if isCancelled() { throw FitError.cancelled }
            var losses: [String: Double] = ["path": pathLoss]
            var dual = 0.0, mapLoss = 0.0
            let metric = BoundParameters.constant(model.metricParameters)
            for (k, whole) in pairs.enumerated() {
                let pair = try whole.batch(settings.batchSize, key: shuffleKey.fold(in: UInt64(step)).fold(in: UInt64(k)))
                let mapConstant = BoundParameters.constant(model.mapParameters[k])
                let y0 = try nets.map(k, pair.x, features: pair.xFeatures, mapConstant)
                let knots = try nets.knots(x: pair.x, y: y0, features: pair.xFeatures, .constant(model.amortiserParameters))
                let g = BoundParameters.constant(model.potentialParameters[k])
                // c-transform: y* = argmin_y ½E(x, y)² − g_k(y), per sample.
                let solution = try timer.measure("c-transform") { try lbfgs.minimize(y0.value) { candidate, rows in
                    // Checked per evaluation, not just per step, so an interrupt lands within a second.
                    if isCancelled() { throw FitError.cancelled }
                    // Only the problems still searching are evaluated (rows of the pair).
                    let whole = rows.count == pair.count
                    let x = whole ? pair.x : try gather(pair.x, rows)
                    let xFeatures = whole ? pair.xFeatures : try gather(pair.xFeatures, rows)
                    let rowKnots = whole ? knots : try gather(knots, rows)
                    let conditions = whole ? pair.xConditions : pair.xConditions.rows(rows)
                    let tape = Tape()
                    let y = tape.variable(candidate)
                    let path = try geometry.pathPoints(x: x, y: y, knots: rowKnots)
                    let objective = try geometry.cost(path: path, features: xFeatures.value, conditions: conditions, metric)
                        - nets.potential(k, y, features: xFeatures, g)
                    let gradient = try tape.gradients(of: sum(objective), wrt: [y])[0]
                    return (objective.value, gradient)
                } }
                let yStar = Variable(solution.x)
                // Semi-dual step on g_k: minimise mean g(y*) − mean g(y).
                try timer.measure("dual") {
                    let tape = Tape()
                    let p = tape.bind(model.potentialParameters[k])
                    let loss = try mean(nets.potential(k, yStar, features: pair.xFeatures, p))
                        - mean(nets.potential(k, pair.y, features: pair.yFeatures, p))
                    try potentialOptimisers[k].update(&model.potentialParameters[k], gradients: tape.gradients(of: loss, wrt: p))
                    dual += solution.values.reduce(0, +) / Double(pair.count) - Double(loss.value.scalars[0])
                }
                // Regress T_k on the c-transform solutions.
                try timer.measure("map") {
                    let tape = Tape()
                    let p = tape.bind(model.mapParameters[k])
                    let loss = try meanSquaredError(nets.map(k, pair.x, features: pair.xFeatures, p), yStar)
                    try mapOptimisers[k].update(&model.mapParameters[k], gradients: tape.gradients(of: loss, wrt: p))
                    mapLoss += Double(loss.value.scalars[0])
                }
            }
            losses["dual"] = dual / Double(pairCount)
            losses["map"] = mapLoss / Double(pairCount)

            if settings.metric == .learned && step % settings.metricPeriod == 0 {
                losses["metric"] = try timer.measure("metric") {
                    try metricStep(&model, optimiser: &metricOptimiser, pairs: pairs, geometry: geometry, nets: nets)
                }
            }
            clock.trainingStepDone()
            if step % settings.amortiserPeriod == 0 && step < settings.steps {
                let couplings = try pushedCouplings(pairs, model: model, nets: nets)
                pathLoss = try timer.measure("amortiser") {
                    try fitAmortiser(&model.amortiserParameters, optimiser: &amortiserOptimiser, on: couplings,
                                     steps: settings.amortiserRefitSteps, geometry: geometry, nets: nets,
                                     metric: model.metricParameters, isCancelled: isCancelled) { _, _ in clock.amortiserStepDone() }
                }
                losses["path"] = pathLoss
            }
            guard losses.values.allSatisfy(\.isFinite) else { throw FitError.diverged(step: step, weight: settings.potentialWeight) }
            model.history.append(losses)
            let stopping = step < settings.steps && outOfTime(clock, before: step + 1)
            report(step, losses, phase: "training", force: step == settings.steps || stopping)
            if stopping { break }
        }
        // Sampling reads its paths from the amortiser, so it gets a last, longer refit on the final couplings.
        let finalCouplings = try pushedCouplings(pairs, model: model, nets: nets)
        let finalPath = try timer.measure("amortiser") {
            try fitAmortiser(&model.amortiserParameters, optimiser: &amortiserOptimiser, on: finalCouplings,
                             steps: settings.scheduledAmortiserFinalSteps, geometry: geometry, nets: nets,
                             metric: model.metricParameters, isCancelled: isCancelled) { step, loss in
                clock.amortiserStepDone()
                report(model.history.count, ["path": loss], phase: "amortiser final fit \(step)/\(settings.scheduledAmortiserFinalSteps)",
                       force: step + 1 == settings.scheduledAmortiserFinalSteps)
            }
        }
        if !model.history.isEmpty { model.history[model.history.count - 1]["path"] = finalPath }
        model.fitSeconds = Date().timeIntervalSince(started)
        model.phaseSeconds = timer.seconds
        return model
    }

    /// Whether `settings.timeLimit` leaves no room for training step `next` (and its refit, if
    /// it has one) and the final amortiser fit, at the rates measured so far.
    private func outOfTime(_ clock: FitClock, before next: Int) -> Bool {
        guard let limit = settings.timeLimit else { return false }
        let refit = next % settings.amortiserPeriod == 0 && next < settings.steps ? settings.amortiserRefitSteps : 0
        guard let needed = clock.secondsFor(trainingSteps: 1, amortiserSteps: refit + settings.scheduledAmortiserFinalSteps) else {
            return false
        }
        return Date().timeIntervalSince(clock.started) + needed > limit
    }

    /// One metric step: make the current couplings (x, T_k(x)) cheaper. Returns the mean cost.
    private func metricStep(_ model: inout HTIModel, optimiser: inout AdamW, pairs: [PairData], geometry: PathGeometry,
                            nets: Networks) throws -> Double {
        let tape = Tape()
        let p = tape.bind(model.metricParameters)
        var total: Variable?
        for (k, pair) in pairs.enumerated() {
            let y = try nets.map(k, pair.x, features: pair.xFeatures, .constant(model.mapParameters[k]))
            let knots = try nets.knots(x: pair.x, y: y, features: pair.xFeatures, .constant(model.amortiserParameters))
            let path = try geometry.pathPoints(x: pair.x, y: y.detached, knots: knots.detached)
            let cost = try mean(geometry.cost(path: path, features: pair.xFeatures.value, conditions: pair.xConditions, p))
            total = try total.map { try $0 + cost } ?? cost
        }
        guard let total else { return 0 }
        let loss = total / Float(pairs.count)
        try optimiser.update(&model.metricParameters, gradients: tape.gradients(of: loss, wrt: p))
        return Double(loss.value.scalars[0])
    }

    /// Trains the amortiser to predict least-action knots for the given (x, y) couplings; returns the final mean action.
    private func fitAmortiser(_ parameters: inout Parameters, optimiser: inout Adam, on couplings: [(PairData, Variable)],
                              steps: Int, geometry: PathGeometry, nets: Networks, metric: Parameters,
                              isCancelled: () -> Bool, onStep: (Int, Double) -> Void) throws -> Double {
        let batchKey = RandomKey(seed: settings.seed).fold(in: "amortiser batches").fold(in: UInt64(optimiser.step))
        var last = 0.0
        let metricConstant = BoundParameters.constant(metric)
        for step in 0..<steps {
            if isCancelled() { throw FitError.cancelled }
            let tape = Tape()
            let p = tape.bind(parameters)
            var total: Variable?
            for (index, (whole, wholeY)) in couplings.enumerated() {
                var (pair, y) = (whole, wholeY)
                if let size = settings.amortiserBatchSize, size < whole.count {
                    // Step-by-step minibatches: the amortiser sees every coupling over a refit.
                    let rows = Array(batchKey.fold(in: UInt64(step)).fold(in: UInt64(index)).permutation(whole.count).prefix(size)).sorted()
                    pair = PairData(x: try gather(whole.x, rows), xFeatures: try gather(whole.xFeatures, rows),
                                    xConditions: whole.xConditions.rows(rows), y: whole.y, yFeatures: whole.yFeatures, count: rows.count)
                    y = try gather(wholeY, rows)
                }
                let knots = try nets.knots(x: pair.x, y: y, features: pair.xFeatures, p)
                let path = try geometry.pathPoints(x: pair.x, y: y, knots: knots)
                let action = try mean(geometry.action(path: path, features: pair.xFeatures.value, conditions: pair.xConditions,
                                                      metricConstant))
                total = try total.map { try $0 + action } ?? action
            }
            guard let total else { return 0 }
            let loss = total / Float(couplings.count)
            try optimiser.update(&parameters, gradients: tape.gradients(of: loss, wrt: p))
            last = Double(loss.value.scalars[0])
            onStep(step, last)
        }
        return last
    }

    /// (x, T_k(x)) for each pair.
    private func pushedCouplings(_ pairs: [PairData], model: HTIModel, nets: Networks) throws -> [(PairData, Variable)] {
        try pairs.enumerated().map { k, pair in
            (pair, try nets.map(k, pair.x, features: pair.xFeatures, .constant(model.mapParameters[k])))
        }
    }

    /// Each x paired with a random y of the same class from the next anchor.
    private func randomCouplings(_ pairs: [PairData], key: RandomKey) throws -> [(PairData, Variable)] {
        try pairs.enumerated().map { k, pair in
            let target = marginals.anchors[k + 1], source = marginals.anchors[k]
            let d = marginals.dimension
            let order = key.fold(in: UInt64(k)).permutation(target.count)
            var chosen = [Float](repeating: 0, count: pair.count * d)
            var cursor: [Int32: Int] = [:]
            for i in 0..<pair.count {
                var j = order[i % order.count]
                if case .classes(let sourceLabels) = source.conditions, case .classes(let targetLabels) = target.conditions {
                    let label = sourceLabels[i]
                    let members = order.filter { targetLabels[$0] == label }
                    let c = cursor[label, default: 0]
                    j = members[c % members.count]
                    cursor[label] = c + 1
                }
                for c in 0..<d { chosen[i * d + c] = target.outputs[j * d + c] }
            }
            return (pair, Variable(try Tensor(shape: [pair.count, d], scalars: chosen)))
        }
    }
}
