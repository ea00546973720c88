/// The paper's held-out evaluations on the shipped data sets (METHOD.md,
/// "Evaluation used by the paper"), as fit-then-score tasks: which anchors
/// to fit on, where to sample, and how to score what comes back.
public struct HeldOutTask: Sendable {
    public enum Kind: String, Sendable { case semicircles, moons, ett }

    public let kind: Kind
    /// What the model is fitted on.
    public let train: Marginals
    /// Where samples are drawn.
    public let lambdas: [Double]
    /// Start samples, when not the training data's λ_0 samples (ETT: unseen windows).
    public let start: HTIModel.Start?
    /// What the samples are compared with (moons: the held-out anchor; ETT: the unseen windows' forecasts).
    let reference: [Anchor]

    /// The paper's task for marginals loaded with a preset, or nil for `.none`
    /// (whose anchors may be held out explicitly instead).
    public static func make(for marginals: Marginals) throws -> HeldOutTask? {
        switch marginals.preset {
        case .none:
            return nil
        case .semicircles:
            // Scored against the true density, so every anchor is fitted and .25/.75 are held out.
            return HeldOutTask(kind: .semicircles, train: marginals, lambdas: [0.25, 0.75], start: nil, reference: [])
        case .moons:
            let lambdas = marginals.lambdas
            guard lambdas.count >= 3, let first = lambdas.first, let last = lambdas.last else { return nil }
            let held = Array(lambdas.dropFirst().dropLast())
            return HeldOutTask(kind: .moons, train: try marginals.keeping(lambdas: [first, last]), lambdas: held, start: nil,
                               reference: marginals.anchors.filter { held.contains($0.lambda) })
        case .ett:
            // The forecasts at the two quantiles are paired window by window; the last
            // fifth of the windows is unseen in training and pushed from τ_0 to τ_K.
            guard marginals.anchors.count == 2, marginals.anchors[0].count == marginals.anchors[1].count else { return nil }
            let count = marginals.anchors[0].count, seen = count * 4 / 5
            let train = marginals.rows(0..<seen)
            let unseen = marginals.rows(seen..<count)
            let first = unseen.anchors[0]
            return HeldOutTask(kind: .ett, train: train, lambdas: [unseen.anchors[1].lambda],
                               start: HTIModel.Start(outputs: first.outputs, conditions: first.conditions, count: first.count),
                               reference: [unseen.anchors[1]])
        }
    }

    /// Scores samples drawn at `lambdas` (one anchor each, in order, from `start`):
    /// semicircles `nll` and `cd`; moons `w2` (per class, averaged); ETT `mse`.
    public func score(_ samples: Marginals, isCancelled: () -> Bool = { false }) throws -> [String: Double] {
        let d = train.dimension
        switch kind {
        case .semicircles:
            var nll = 0.0, cd = 0.0, terms = 0.0
            for anchor in samples.anchors {
                for arc in 0..<4 {
                    let points = anchor.points(ofClass: arc, dimension: d)
                    guard points.count > 0 else { continue }
                    nll += SemicircleTruth.negativeLogLikelihood(points, arc: arc, t: anchor.lambda)
                    cd += SemicircleTruth.circleDeviation(points, arc: arc)
                    terms += 1
                }
            }
            return ["nll": nll / max(terms, 1), "cd": cd / max(terms, 1)]
        case .moons:
            var total = 0.0, terms = 0.0
            for (anchor, truth) in zip(samples.anchors, reference) {
                for label in 0..<max(1, train.condition.classCount) {
                    let which = train.condition.classCount > 0 ? label : nil
                    let a = anchor.points(ofClass: which, dimension: d), b = truth.points(ofClass: which, dimension: d)
                    guard a.count > 0, b.count > 0 else { continue }
                    total += try DistributionDistances.squaredW2(a, b, isCancelled: isCancelled).value
                    terms += 1
                }
            }
            return ["w2": total / max(terms, 1)]
        case .ett:
            guard let predicted = samples.anchors.first, let truth = reference.first else { return [:] }
            // Also in units of each output's spread, the scale the paper's MSE (0.608) is quoted in.
            let spread = OutputScaling.spreads(of: train)
            var total = 0.0, standardised = 0.0
            for (i, (p, t)) in zip(predicted.outputs, truth.outputs).enumerated() {
                let error = Double(p - t) * Double(p - t)
                total += error
                standardised += error / (spread[i % d] * spread[i % d])
            }
            let n = Double(max(truth.outputs.count, 1))
            return ["mse": total / n, "mse_standardised": standardised / n]
        }
    }

    /// The same scores for doing nothing clever: straight lines between OT-paired
    /// anchor samples (semicircles, moons), or the start forecasts unchanged (ETT,
    /// whose unseen windows have no pairing).
    public func baselineScores() throws -> [String: Double] {
        switch kind {
        case .semicircles, .moons:
            return try score(try StraightLineInterpolation(marginals: train).sample(at: lambdas))
        case .ett:
            guard let start else { return [:] }
            var unchanged = train
            unchanged.anchors = lambdas.map { Anchor(lambda: $0, count: start.count, outputs: start.outputs, conditions: start.conditions) }
            return try score(unchanged)
        }
    }
}
