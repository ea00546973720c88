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
            let batches = try couplings.enumerated().map { index, coupling -> (PairData, Variable) in
                let (whole, y) = coupling
                guard let size = settings.amortiserBatchSize, size < whole.count else { return coupling }
                // Step-by-step minibatches: the amortiser sees every coupling over a refit.
                let rows = Array(batchKey.fold(in: UInt64(step)).fold(in: UInt64(index)).permutation(whole.count).prefix(size)).sorted()
                return (try whole.sources(rows), try gather(y, rows))
            }
            guard let (loss, gradients) = try amortiserLoss(parameters, on: batches, geometry: geometry, nets: nets,
                                                            metric: metricConstant) else { return 0 }
            try optimiser.update(&parameters, gradients: gradients)
            last = loss
            onStep(step, last)
        }
        return last
    }

    /// The amortiser's loss, the mean over pairs of each pair's mean action along the predicted
    /// paths, and its gradient; nil when there are no couplings.
    ///
    /// One tape on one core, unlike the c-transform: split into shares on both cores (each a
    /// share of every pair's rows, the gradients added) it computes the same gradient up to
    /// rounding, yet two-moons fits came out worse than on one core on 9 seeds of 9 (W2² 0.062 ±
    /// 0.015 against 0.050 ± 0.008 and 0.051 ± 0.013 for the one-core amortiser beside c-transform
    /// shares; benchmarks/quality.md, "The amortiser stays on one core"), for 10 s of 110 saved.
    func amortiserLoss(_ parameters: Parameters, on batches: [(PairData, Variable)], geometry: PathGeometry, nets: Networks,
                       metric: BoundParameters) throws -> (loss: Double, gradients: Parameters)? {
        let tape = Tape()
        let p = tape.bind(parameters)
        var total: Variable?
        for (pair, y) in batches {
            let knots = try nets.knots(x: pair.x, y: y, features: pair.xFeatures, p)
            let path = try geometry.pathPoints(x: pair.x, y: y, knots: knots)
            let action = try geometry.action(path: path, features: pair.xFeatures.value, conditions: pair.xConditions, metric)
            let pairMean = sum(action) / Float(pair.count)
            total = try total.map { try $0 + pairMean } ?? pairMean
        }
        guard let total else { return nil }
        let loss = total / Float(batches.count)
        return (Double(loss.value.scalars[0]), try tape.gradients(of: loss, wrt: p))
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
