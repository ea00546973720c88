import Foundation
import Testing
import Tensors
@testable import HTI

/// The c-transform is solved in shares, one per core (Tensors' Shares), which is only the same
/// minimisation if each sample's objective is its own: its value and gradient must not depend
/// on which other samples are evaluated with it, nor on another share being evaluated on
/// another thread at the same time.
struct CTransformSharesTests {
    private func moons() throws -> (Trainer, TrainingState, TrainingSetup, PairData) {
        let data = try CSVMarginalsLoader.load(path: dataFolder.appendingPathComponent("moons_dropout.csv").path,
                                               columns: try #require(DataPreset.moons.columns))
        var settings = DataPreset.moons.fitSettings
        settings.steps = 2
        let trainer = Trainer(marginals: data, settings: settings)
        let (state, setup) = try trainer.initialState()
        return (trainer, state, setup, try setup.pairs[0].batch(128, key: RandomKey(seed: 3)))
    }

    @Test func aSamplesCTransformObjectiveDoesNotDependOnTheOtherSamplesEvaluatedWithIt() throws {
        let (trainer, state, setup, pair) = try moons()
        let problems = try trainer.cTransformProblems(0, pair, state.model, metric: .constant(state.model.metricParameters), setup)
        // Candidates off the start, as in a line search.
        let candidate = try (Variable(problems.start) + Variable(RandomKey(seed: 4).normal(problems.start.shape, std: 0.05))).value
        let all = try problems.objective(candidate, Array(0..<pair.count))
        let d = candidate.shape[1]
        let subsets = [Array(64..<128), Array(0..<64), [3, 17, 90], [127]]
        func evaluate(_ rows: [Int]) throws -> (values: Tensor, gradients: Tensor) {
            let some = Tensor(unchecked: [rows.count, d], rows.flatMap { Array(candidate.scalars[($0 * d)..<($0 * d + d)]) })
            return try problems.objective(some, rows)
        }
        // One after another, then all four at once on separate threads.
        let alone = try subsets.map(evaluate)
        let together = try Shares.run(subsets.count) { try evaluate(subsets[$0]) }
        for (rows, parts) in zip(subsets, zip(alone, together)) {
            for part in [parts.0, parts.1] {
                for (r, b) in rows.enumerated() {
                    let whole = all.values.scalars[b], some = part.values.scalars[r]
                    #expect(Swift.abs(whole - some) <= 1e-5 * (1 + Swift.abs(whole)), "row \(b): \(whole) with all, \(some) with \(rows.count)")
                    for c in 0..<d {
                        let g = all.gradients.scalars[b * d + c], h = part.gradients.scalars[r * d + c]
                        #expect(Swift.abs(g - h) <= 1e-4 * (1 + Swift.abs(g)), "row \(b), gradient \(c): \(g) with all, \(h) with \(rows.count)")
                    }
                }
            }
        }
    }
}
