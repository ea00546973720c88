/// The paper's held-out evaluations on the shipped data sets (METHOD.md,
/// "Evaluation used by the paper"), as fit-then-score tasks: which anchors
/// to fit on, where to sample, and how to score what comes back.
public struct HeldOutTask: Sendable {
    public enum Kind: String, Sendable {
        case semicircles, moons, ett
        /// Interior anchors of any data held out by the user (`holdout=`), scored as the moons are.
        case anchors
    }

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

    /// ETT scored as the paper does, on the forecaster's own outputs at unseen quantiles
    /// (data/ett_quantiles_validation.csv): fit on every training window at τ_0 and τ_K,
    /// push each window's τ_0 forecast to each validation τ, and compare it with that
    /// window's forecast there. The validation rows must be the training windows, in order.
    public static func ettValidation(train: Marginals, validation: Marginals) throws -> HeldOutTask {
        guard train.anchors.count == 2, let first = train.anchors.first, let last = train.anchors.last else {
            throw MarginalsError.tooFewAnchors(source: train.source, found: train.lambdas)
        }
        for anchor in validation.anchors {
            guard anchor.lambda > first.lambda, anchor.lambda < last.lambda else {
                throw MarginalsError.notInterior(source: validation.source, lambdas: [first.lambda, anchor.lambda, last.lambda])
            }
            guard anchor.count == first.count, anchor.conditions == first.conditions, validation.dimension == train.dimension else {
                throw MarginalsError.windowsDoNotMatch(source: validation.source, lambda: anchor.lambda, reference: train.source)
            }
        }
        return HeldOutTask(kind: .ett, train: train, lambdas: validation.lambdas,
                           start: HTIModel.Start(outputs: first.outputs, conditions: first.conditions, count: first.count),
                           reference: validation.anchors)
    }

    /// Holds out the anchors at `lambdas` of any data: fit on the others, sample at
    /// the held-out λ from the first anchor's samples, score W2² against the held-out
    /// samples (per class). Only interior anchors can be held out (HTI interpolates).
    public static func holdingOut(_ lambdas: [Double], of marginals: Marginals) throws -> HeldOutTask {
        try marginals.requireAnchors(at: lambdas)
        guard let first = marginals.anchors.first, let last = marginals.anchors.last,
              !first.isAt(any: lambdas), !last.isAt(any: lambdas) else {
            throw MarginalsError.notInterior(source: marginals.source, lambdas: marginals.lambdas)
        }
        let kept = marginals.anchors.filter { !$0.isAt(any: lambdas) }.map(\.lambda)
        let held = marginals.anchors.filter { $0.isAt(any: lambdas) }
        return HeldOutTask(kind: .anchors, train: try marginals.keeping(lambdas: kept), lambdas: held.map(\.lambda), start: nil,
                           reference: held)
    }

    /// Scores samples drawn at `lambdas` (one anchor each, in order, from `start`):
    /// semicircles `nll`, `cd` and `w2` (against the true density; per arc, averaged); moons `w2`
    /// (per class, averaged); ETT `mse`.
    public func score(_ samples: Marginals, isCancelled: () -> Bool = { false }) throws -> [String: Double] {
        let d = train.dimension
        switch kind {
        case .semicircles:
            var nll = 0.0, cd = 0.0, w2 = 0.0, terms = 0.0
            for (index, anchor) in samples.anchors.enumerated() {
                for arc in 0..<4 {
                    let points = anchor.points(ofClass: arc, dimension: d)
                    guard points.count > 0 else { continue }
                    nll += SemicircleTruth.negativeLogLikelihood(points, arc: arc, t: anchor.lambda)
                    cd += SemicircleTruth.circleDeviation(points, arc: arc)
                    // The paper's two scores reward samples bunched where the density peaks: a point
                    // on the arc's mean angle has the best likelihood and no circle deviation. W2²
                    // against as many draws of the true density (a fixed seed per arc and λ, so every
                    // method meets the same draws) also sees whether the samples spread as the truth does.
                    let truth = SemicircleTruth.sample(count: points.count, arc: arc, t: anchor.lambda,
                                                       seed: UInt64(arc) + 4 * UInt64(index))
                    w2 += try DistributionDistances.squaredW2(points, truth, isCancelled: isCancelled).value
                    terms += 1
                }
            }
            return ["nll": nll / max(terms, 1), "cd": cd / max(terms, 1), "w2": w2 / max(terms, 1)]
        case .moons, .anchors:
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
            // Also in units of each output's spread, the scale the paper's MSE (0.608) is quoted in.
            let spread = OutputScaling.spreads(of: train)
            var total = 0.0, standardised = 0.0, terms = 0
            for (predicted, truth) in zip(samples.anchors, reference) {
                for (i, (p, t)) in zip(predicted.outputs, truth.outputs).enumerated() {
                    let error = Double(p - t) * Double(p - t)
                    total += error
                    standardised += error / (spread[i % d] * spread[i % d])
                }
                terms += min(predicted.outputs.count, truth.outputs.count)
            }
            let n = Double(max(terms, 1))
            return ["mse": total / n, "mse_standardised": standardised / n]
        }
    }

    /// The same scores for doing nothing clever: straight lines between OT-paired
    /// anchor samples (semicircles, moons), or the start forecasts unchanged (ETT,
    /// whose unseen windows have no pairing).
    public func baselineScores(scale: LambdaScale = .linear) throws -> [String: Double] {
        switch kind {
        case .semicircles, .moons, .anchors:
            return try score(try StraightLineInterpolation(marginals: train).sample(at: lambdas, scale: scale))
        case .ett:
            guard let start else { return [:] }
            var unchanged = train
            unchanged.anchors = lambdas.map { Anchor(lambda: $0, count: start.count, outputs: start.outputs, conditions: start.conditions) }
            return try score(unchanged)
        }
    }

    /// The scores of copying, for each held-out λ, the samples of the training anchor
    /// nearest it (the lower one on a tie): what a fit must beat to be worth having.
    /// ETT has none (its unseen windows have no samples at the training quantiles
    /// but the start, which `baselineScores` already copies).
    public func nearestAnchorScores(isCancelled: () -> Bool = { false }) throws -> [String: Double]? {
        guard kind != .ett else { return nil }
        let copies = lambdas.compactMap { lambda -> Anchor? in
            guard var nearest = train.anchors.min(by: { abs($0.lambda - lambda) < abs($1.lambda - lambda) }) else { return nil }
            nearest.lambda = lambda
            return nearest
        }
        var copied = train
        copied.anchors = copies
        return try score(copied, isCancelled: isCancelled)
    }

    /// ETT on the validation task: each window's forecast interpolated linearly in τ (or in
    /// `scale`'s τ, probit(τ) say) between its own two training quantiles. Nil where the start windows
    /// are not the training windows (the unseen-window task), since there is no pair to draw a line between.
    public func perWindowLineScores(scale: LambdaScale = .linear) throws -> [String: Double]? {
        guard kind == .ett, train.anchors.count == 2, let start else { return nil }
        let low = train.anchors[0], high = train.anchors[1]
        guard low.count == start.count, high.count == low.count, low.outputs == start.outputs, high.lambda > low.lambda else { return nil }
        var lines = train
        lines.anchors = lambdas.map { lambda in
            let s = Float(scale.fraction(of: lambda, from: low.lambda, to: high.lambda))
            return Anchor(lambda: lambda, count: low.count, outputs: zip(low.outputs, high.outputs).map { (1 - s) * $0 + s * $1 },
                          conditions: low.conditions)
        }
        return try score(lines)
    }
}
