import Foundation
import Tensors

/// The amortiser's schedule: a warm-up on random same-class couplings before training,
/// a short refit every `amortiserPeriod` steps, and a longer fit at the end, on the
/// couplings the maps make — sampling reads its paths from it.
extension Trainer {
    /// Warm-up on random same-condition couplings (the maps start near the identity).
    func warmUpAmortiser(_ state: inout TrainingState, _ setup: TrainingSetup, _ meter: FitMeter,
                         isCancelled: @escaping () -> Bool) throws {
        let warmupPairs = try randomCouplings(setup.pairs, key: setup.shuffleKey)
        let steps = settings.scheduledAmortiserInitialSteps
        state.pathLoss = try meter.measure("amortiser") {
            try fitAmortiser(&state.model.amortiserParameters, optimiser: &state.amortiserOptimiser, on: warmupPairs,
                             steps: steps, geometry: setup.geometry, nets: setup.nets,
                             metric: state.model.metricParameters, isCancelled: isCancelled) { step, loss in
                meter.clock.amortiserStepDone()
                meter.report(0, ["path": loss], phase: "amortiser warm-up \(step)/\(steps)")
            }
        }
    }

    /// The periodic refit on the current couplings (x, T_k(x)). Returns the mean action.
    func refitAmortiser(_ state: inout TrainingState, _ setup: TrainingSetup, _ meter: FitMeter,
                        isCancelled: @escaping () -> Bool) throws -> Double {
        let couplings = try pushedCouplings(setup.pairs, model: state.model, nets: setup.nets)
        state.pathLoss = try meter.measure("amortiser") {
            try fitAmortiser(&state.model.amortiserParameters, optimiser: &state.amortiserOptimiser, on: couplings,
                             steps: settings.amortiserRefitSteps, geometry: setup.geometry, nets: setup.nets,
                             metric: state.model.metricParameters, isCancelled: isCancelled) { _, _ in meter.clock.amortiserStepDone() }
        }
        return state.pathLoss
    }

    /// Sampling reads its paths from the amortiser, so it gets a last, longer refit on the final couplings.
    func finalAmortiserFit(_ state: inout TrainingState, _ setup: TrainingSetup, _ meter: FitMeter,
                           isCancelled: @escaping () -> Bool) throws {
        let finalCouplings = try pushedCouplings(setup.pairs, model: state.model, nets: setup.nets)
        let steps = settings.scheduledAmortiserFinalSteps, done = state.model.history.count
        let finalPath = try meter.measure("amortiser") {
            try fitAmortiser(&state.model.amortiserParameters, optimiser: &state.amortiserOptimiser, on: finalCouplings,
                             steps: steps, geometry: setup.geometry, nets: setup.nets,
                             metric: state.model.metricParameters, isCancelled: isCancelled) { step, loss in
                meter.clock.amortiserStepDone()
                meter.report(done, ["path": loss], phase: "amortiser final fit \(step)/\(steps)", force: step + 1 == steps)
            }
        }
        if !state.model.history.isEmpty { state.model.history[state.model.history.count - 1]["path"] = finalPath }
    }

    /// Trains the amortiser to predict least-action knots for the given (x, y) couplings; returns the final mean action.
    func fitAmortiser(_ parameters: inout Parameters, optimiser: inout Adam, on couplings: [(PairData, Variable)],
                              steps: Int, geometry: PathGeometry, nets: Networks, metric: Parameters,
                              isCancelled: () -> Bool, onStep: (Int, Double) -> Void) throws -> Double {
        let batchKey = RandomKey(seed: settings.seed).fold(in: "amortiser batches").fold(in: UInt64(optimiser.step))
        var last = 0.0
        let metricConstant = BoundParameters.constant(metric)
        for step in 0..<steps {
            if isCancelled() { throw CancellationError() }
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
    func pushedCouplings(_ pairs: [PairData], model: HTIModel, nets: Networks) throws -> [(PairData, Variable)] {
        try pairs.enumerated().map { k, pair in
            (pair, try nets.map(k, pair.x, features: pair.xFeatures, .constant(model.mapParameters[k])))
        }
    }

    /// Each x paired with a random y of the same class from the next anchor.
    func randomCouplings(_ pairs: [PairData], key: RandomKey) throws -> [(PairData, Variable)] {
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
