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
            // The loss is a mean over independent couplings, so each core takes a share of
            // every pair's rows on its own tape and the shares' gradients add up to the whole's.
            let smallest = batches.map(\.0.count).min() ?? 0
            let shares = Shares.count(for: smallest, minimumShare: 16)
            let current = parameters
            let parts = try Shares.run(shares) { share -> (loss: Double, gradients: Parameters) in
                let tape = Tape()
                let p = tape.bind(current)
                var total: Variable?
                for (pair, y) in batches {
                    let rows = Array(Shares.range(share, of: shares, in: pair.count))
                    let part = shares == 1 ? pair : try pair.sources(rows)
                    let partY = shares == 1 ? y : try gather(y, rows)
                    let knots = try nets.knots(x: part.x, y: partY, features: part.xFeatures, p)
                    let path = try geometry.pathPoints(x: part.x, y: partY, knots: knots)
                    let action = try geometry.action(path: path, features: part.xFeatures.value, conditions: part.xConditions,
                                                     metricConstant)
                    // This share's part of the pair's mean action.
                    let contribution = sum(action) / Float(pair.count)
                    total = try total.map { try $0 + contribution } ?? contribution
                }
                guard let total else { return (0, Parameters()) }
                let loss = total / Float(batches.count)
                return (Double(loss.value.scalars[0]), try tape.gradients(of: loss, wrt: p))
            }
            guard var gradients = parts.first?.gradients, !batches.isEmpty else { return 0 }
            for part in parts.dropFirst() { try gradients.add(part.gradients) }
            try optimiser.update(&parameters, gradients: gradients)
            last = parts.map(\.loss).reduce(0, +)
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
