import HTI
import Tensors

/// Times sampling 10,000 points at one λ (between the first two anchors) from a
/// fitted model, against its peer measured in the same run: the matrix products
/// that sampling cannot avoid (every kernel of the first map and of the
/// amortiser, applied to 10,000 rows), so the ratio shows the overhead above BLAS.
public struct SamplingBenchmark {
    public let model: HTIModel
    public var points = 10_000
    public var repetitions = 9

    public init(model: HTIModel) { self.model = model }

    /// `points` default start samples (split evenly over the classes) and the λ half way between
    /// the first two anchors, where both timings draw.
    private func startAndMiddle() -> (HTIModel.Start, Double) {
        let classes = max(1, model.marginals.condition.classCount)
        return (model.defaultStart(perCondition: (points + classes - 1) / classes), (model.lambdas[0] + model.lambdas[1]) / 2)
    }

    /// `points` start samples at one λ, as `sample … n=points` draws them with no `refine=`: the
    /// amortiser's paths refined as `HTIModel.defaultRefinement` says for that many. Its peer in
    /// the same run is the same draw on the amortiser's paths alone (refine=0), so the ratio is
    /// what the default refinement costs.
    public func defaultDraw() throws -> BenchmarkRecord {
        let (start, middle) = startAndMiddle()
        let refine = model.defaultRefinement(starts: start.count, at: [middle])
        let refined = try CoreBenchmark.median(repetitions: repetitions, warmup: 1) {
            _ = try model.sample(at: [middle], from: start, refine: refine)
        }
        let amortised = try CoreBenchmark.median(repetitions: repetitions, warmup: 1) {
            _ = try model.sample(at: [middle], from: start, refine: 0)
        }
        return BenchmarkRecord(name: "sample_default", seconds: refined, extra: [
            ("points", Double(start.count)), ("refine", Double(refine)), ("amortised_seconds", amortised),
            ("ratio_to_amortised", refined / amortised),
        ])
    }

    public func run() throws -> BenchmarkRecord {
        let (start, middle) = startAndMiddle()
        let sampling = try CoreBenchmark.median(repetitions: repetitions, warmup: 2) {
            _ = try model.sample(at: [middle], from: start)
        }
        let kernels = (Array(model.mapParameters[0]) + Array(model.amortiserParameters))
            .filter { $0.0.hasSuffix(".kernel") }.map { Variable($0.1) }
        let key = RandomKey(seed: 3)
        let inputs = kernels.enumerated().map { Variable(key.fold(in: UInt64($0.offset)).normal([start.count, $0.element.shape[0]])) }
        let products = try CoreBenchmark.median(repetitions: repetitions, warmup: 2) {
            for (input, kernel) in zip(inputs, kernels) { _ = try matmul(input, kernel) }
        }
        return BenchmarkRecord(name: "sample_10k", seconds: sampling, extra: [
            ("points", Double(start.count)), ("matmuls_only_seconds", products), ("ratio_to_matmuls", sampling / products),
        ])
    }
}
