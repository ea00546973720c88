import Foundation
import Tensors

/// One training step: per pair the c-transform, the dual step on g_k and the map step on
/// T_k; then, on their periods, the metric step and the amortiser refit.
extension Trainer {
    func trainingStep(_ step: Int, _ state: inout TrainingState, _ setup: TrainingSetup, _ meter: FitMeter,
                      isCancelled: @escaping () -> Bool) throws -> [String: Double] {
        var losses: [String: Double] = ["path": state.pathLoss]
        var dual = 0.0, mapLoss = 0.0
        let metric = BoundParameters.constant(state.model.metricParameters)
        for (k, whole) in setup.pairs.enumerated() {
            let pair = try whole.batch(settings.batchSize, key: setup.shuffleKey.fold(in: UInt64(step)).fold(in: UInt64(k)))
            let solution = try meter.measure("c-transform") {
                try cTransform(k, pair, state.model, metric: metric, setup, isCancelled: isCancelled)
            }
            let yStar = Variable(solution.x)
            dual += try meter.measure("dual") { try dualStep(k, pair, yStar, solutionValues: solution.values, &state, setup) }
            mapLoss += try meter.measure("map") { try mapStep(k, pair, yStar, &state, setup) }
        }
        let pairCount = setup.pairs.count
        losses["dual"] = dual / Double(pairCount)
        losses["map"] = mapLoss / Double(pairCount)

        if settings.metric == .learned && step % settings.metricPeriod == 0 {
            losses["metric"] = try meter.measure("metric") {
                try metricStep(&state.model, optimiser: &state.metricOptimiser, pairs: setup.pairs, geometry: setup.geometry,
                               nets: setup.nets)
            }
        }
        meter.clock.trainingStepDone()
        if step % settings.amortiserPeriod == 0 && step < settings.steps {
            losses["path"] = try refitAmortiser(&state, setup, meter, isCancelled: isCancelled)
        }
        guard losses.values.allSatisfy(\.isFinite) else { throw FitError.diverged(step: step, weight: settings.potentialWeight) }
        return losses
    }

    /// c-transform: y* = argmin_y ½E(x, y)² − g_k(y), per sample, by batched L-BFGS from T_k(x).
    func cTransform(_ k: Int, _ pair: PairData, _ model: HTIModel, metric: BoundParameters, _ setup: TrainingSetup,
                    isCancelled: () -> Bool) throws -> BatchedLBFGSResult {
        let problems = try cTransformProblems(k, pair, model, metric: metric, setup)
        // The samples' problems are independent: their shares are solved on all cores at once.
        return try setup.lbfgs.minimizeInShares(problems.start) { candidate, rows in
            // Checked per evaluation, not just per step, so an interrupt lands within a second.
            if isCancelled() { throw CancellationError() }
            return try problems.objective(candidate, rows)
        }
    }

    /// The c-transform's problems: the start points T_k(x), and the objective with its gradient
    /// for candidates y of some rows of the pair (the problems still searching). A row's value
    /// must not depend on which other rows are evaluated with it: shares rest on that.
    func cTransformProblems(_ k: Int, _ pair: PairData, _ model: HTIModel, metric: BoundParameters, _ setup: TrainingSetup) throws
        -> (start: Tensor, objective: (Tensor, [Int]) throws -> (values: Tensor, gradients: Tensor)) {
        let nets = setup.nets, geometry = setup.geometry
        let mapConstant = BoundParameters.constant(model.mapParameters[k])
        let y0 = try nets.map(k, pair.x, features: pair.xFeatures, mapConstant)
        let knots = try nets.knots(x: pair.x, y: y0, features: pair.xFeatures, .constant(model.amortiserParameters))
        let g = BoundParameters.constant(model.potentialParameters[k])
        return (y0.value, { candidate, rows in
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
        })
    }

    /// Semi-dual step on g_k: minimise mean g(y*) − mean g(y). Returns this pair's dual objective.
    func dualStep(_ k: Int, _ pair: PairData, _ yStar: Variable, solutionValues: [Double], _ state: inout TrainingState,
                  _ setup: TrainingSetup) throws -> Double {
        let tape = Tape()
        let p = tape.bind(state.model.potentialParameters[k])
        let loss = try mean(setup.nets.potential(k, yStar, features: pair.xFeatures, p))
            - mean(setup.nets.potential(k, pair.y, features: pair.yFeatures, p))
        try state.potentialOptimisers[k].update(&state.model.potentialParameters[k], gradients: tape.gradients(of: loss, wrt: p))
        return solutionValues.reduce(0, +) / Double(pair.count) - Double(loss.value.scalars[0])
    }

    /// Regresses T_k on the c-transform's solutions. Returns the squared error.
    func mapStep(_ k: Int, _ pair: PairData, _ yStar: Variable, _ state: inout TrainingState, _ setup: TrainingSetup) throws -> Double {
        let tape = Tape()
        let p = tape.bind(state.model.mapParameters[k])
        let loss = try meanSquaredError(setup.nets.map(k, pair.x, features: pair.xFeatures, p), yStar)
        try state.mapOptimisers[k].update(&state.model.mapParameters[k], gradients: tape.gradients(of: loss, wrt: p))
        return Double(loss.value.scalars[0])
    }

    /// One metric step: make the current couplings (x, T_k(x)) cheaper. Returns the mean cost.
    func metricStep(_ model: inout HTIModel, optimiser: inout AdamW, pairs: [PairData], geometry: PathGeometry,
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
}
