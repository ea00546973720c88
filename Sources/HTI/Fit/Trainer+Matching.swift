import Foundation
import Tensors

/// The maps' matching, after training and before the amortiser's final fit.
///
/// The min-max training leaves each map T_k short of its target: on the semicircles T_k's
/// outputs are a third to a half as spread as the next anchor's samples, some off its arcs, and
/// every later pair starts from them. Matching regresses T_k onto the next anchor's own samples,
/// each output paired with one sample by exact assignment (least squared distance, within a class),
/// so T_k moves only as far as it must to push anchor k's samples onto anchor k + 1's.
///
/// Why not a library: this is a few lines over `Assignment` (already here for the scores);
/// a package for it would be the larger part.
extension Trainer {
    /// The most samples of one class (of each side) a matching step pairs: assignment is cubic in it,
    /// so larger classes are matched a random subset per step.
    static let matchingGroupLimit = 256
    /// AdamW's learning rate in the matching: the maps start close, and 300 steps at this rate
    /// brought the semicircles' anchors to within sampling noise (benchmarks/quality.md, "Paths that keep pace").
    static let matchingLearningRate: Float = 1e-3

    func matchMaps(_ state: inout TrainingState, _ setup: TrainingSetup, _ meter: FitMeter,
                   isCancelled: @escaping () -> Bool) throws {
        let steps = settings.matching
        guard steps > 0 else { return }
        var optimisers = setup.pairs.map { _ in AdamW(learningRate: Trainer.matchingLearningRate) }
        // Which rows of each side belong to which class does not change from step to step.
        let classes = setup.pairs.enumerated().map { k, pair in
            Trainer.matchingClasses(sources: pair.xConditions, count: pair.count, targets: marginals.anchors[k + 1])
        }
        let done = state.model.history.count
        var last = 0.0
        for step in 0..<steps {
            if isCancelled() { throw CancellationError() }
            var total = 0.0
            for (k, pair) in setup.pairs.enumerated() {
                let key = setup.shuffleKey.fold(in: "matching").fold(in: UInt64(step)).fold(in: UInt64(k))
                total += try meter.measure("matching") {
                    try matchingStep(k, pair, classes: classes[k], key: key, parameters: &state.model.mapParameters[k],
                                     optimiser: &optimisers[k], nets: setup.nets)
                }
            }
            last = total / Double(max(1, setup.pairs.count))
            meter.clock.matchingStepDone()
            meter.report(done, ["matching": last], phase: "map matching \(step + 1)/\(steps)")
        }
        if !state.model.history.isEmpty { state.model.history[state.model.history.count - 1]["matching"] = last }
    }

    /// One step on T_k: its outputs for (a subset of) anchor k's samples, each class's matched to
    /// as many of anchor k + 1's samples of that class; one AdamW step on the squared distance.
    /// Returns the mean squared distance before the step.
    func matchingStep(_ k: Int, _ pair: PairData, classes: [(sources: [Int], targets: [Int])], key: RandomKey,
                      parameters: inout Parameters, optimiser: inout AdamW, nets: Networks) throws -> Double {
        let target = marginals.anchors[k + 1], d = marginals.dimension
        // Per class: the source rows and target rows this step pairs.
        let chosen = classes.enumerated().map { index, rows -> (sources: [Int], targets: [Int]) in
            let groupKey = key.fold(in: UInt64(index)).split(into: 2)
            return (Trainer.subset(rows.sources, limit: Trainer.matchingGroupLimit, key: groupKey[0]),
                    Trainer.subset(rows.targets, limit: Trainer.matchingGroupLimit, key: groupKey[1]))
        }
        let rows = chosen.flatMap(\.sources)
        guard !rows.isEmpty else { return 0 }
        let tape = Tape()
        let p = tape.bind(parameters)
        let mapped = try nets.map(k, gather(pair.x, rows), features: gather(pair.xFeatures, rows), p)
        let outputs = mapped.value.scalars, samples = target.outputs
        var predictionRows: [Int] = [], goals: [Float] = []
        var offset = 0
        for (from, to) in chosen {
            // Rows beyond the smaller side are matched to nothing (cost 0) and left out of the loss.
            let size = max(from.count, to.count)
            let match = Assignment.solve(n: size) { i, j in
                guard i < from.count, j < to.count else { return 0 }
                var distance = 0.0
                for c in 0..<d {
                    let e = Double(outputs[(offset + i) * d + c]) - Double(samples[to[j] * d + c])
                    distance += e * e
                }
                return distance
            }
            for i in 0..<from.count where match[i] < to.count {
                predictionRows.append(offset + i)
                goals += samples[(to[match[i]] * d)..<((to[match[i]] + 1) * d)]
            }
            offset += from.count
        }
        let loss = try meanSquaredError(gather(mapped, predictionRows),
                                        Variable(Tensor(shape: [predictionRows.count, d], scalars: goals)))
        try optimiser.update(&parameters, gradients: tape.gradients(of: loss, wrt: p))
        return Double(loss.value.scalars[0])
    }

    /// Per class present on both sides, in label order: its rows among the `count` source samples
    /// and among the target anchor's (one group of all rows without classes).
    static func matchingClasses(sources: ConditionValues, count: Int, targets: Anchor) -> [(sources: [Int], targets: [Int])] {
        func rowsByClass(_ conditions: ConditionValues, _ count: Int) -> [Int32: [Int]] {
            guard case .classes(let labels) = conditions else { return [0: Array(0..<count)] }
            return Dictionary(grouping: 0..<count, by: { labels[$0] })
        }
        let from = rowsByClass(sources, count), to = rowsByClass(targets.conditions, targets.count)
        return from.keys.sorted().compactMap { label in
            guard let rows = from[label], let goals = to[label], !goals.isEmpty else { return nil }
            return (rows, goals)
        }
    }

    /// All of `rows`, or `limit` of them drawn with `key` (in ascending order).
    static func subset(_ rows: [Int], limit: Int, key: RandomKey) -> [Int] {
        guard rows.count > limit else { return rows }
        return key.permutation(rows.count).prefix(limit).sorted().map { rows[$0] }
    }
}
