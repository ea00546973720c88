import Tensors

/// How a sample's condition reaches the networks: every network is FiLM-conditioned
/// on a feature vector. A class becomes a one-hot vector — FiLM of a one-hot is a
/// learned per-class scale and shift, i.e. a class embedding; a continuous context
/// is standardised (by the training data's mean and spread) and held inside the
/// range the training data spans; no condition is a constant 1, so the same
/// networks serve all three cases.
///
/// Why the range: ReLU networks extrapolate along straight lines, so a context
/// beyond every training one (an ETT window at a lower level than any seen) got
/// a map displacement of 15 where the truth was 1.3, and 3 of 5 seeds' MSE on
/// unseen windows was 5× leaving the forecasts unchanged (benchmarks/quality.md).
/// Held at the range's edge, such a context is treated as the nearest extreme
/// the networks were trained on. The training data's own features are unchanged,
/// so fits are too.
public struct ConditionFeatures: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case none
        case classes(Int)
        /// `lower`/`upper`: each standardised feature's extremes over the training data.
        case continuous(mean: [Float], scale: [Float], lower: [Float], upper: [Float])
    }

    public let kind: Kind

    public init(schema: ConditionSchema, marginals: Marginals) {
        switch schema {
        case .none: kind = .none
        case .categorical(_, let classes): kind = .classes(classes.count)
        case .continuous(let names):
            let width = names.count
            var sum = [Double](repeating: 0, count: width), squares = sum
            var count = 0
            for anchor in marginals.anchors {
                guard case .vectors(let values, _) = anchor.conditions else { continue }
                for i in 0..<anchor.count {
                    for c in 0..<width {
                        let v = Double(values[i * width + c])
                        sum[c] += v
                        squares[c] += v * v
                    }
                }
                count += anchor.count
            }
            let exactMean = sum.map { $0 / Double(max(1, count)) }
            let mean = exactMean.map(Float.init)
            let scale = zip(squares, exactMean).map { Float(max(1e-6, ($0 / Double(max(1, count)) - $1 * $1).squareRoot())) }
            // The extremes by `standardise`, as `matrix` reads values, so clamping leaves every training feature as it was.
            var lower = [Float](repeating: .infinity, count: width), upper = [Float](repeating: -.infinity, count: width)
            for anchor in marginals.anchors {
                guard case .vectors(let values, _) = anchor.conditions else { continue }
                for i in 0..<anchor.count {
                    for c in 0..<width {
                        let standardised = ConditionFeatures.standardise(values[i * width + c], mean[c], scale[c])
                        lower[c] = min(lower[c], standardised)
                        upper[c] = max(upper[c], standardised)
                    }
                }
            }
            if count == 0 { lower = Array(repeating: 0, count: width); upper = lower }
            kind = .continuous(mean: mean, scale: scale, lower: lower, upper: upper)
        }
    }

    /// Features per sample.
    public var width: Int {
        switch kind {
        case .none: return 1
        case .classes(let count): return count
        case .continuous(let mean, _, _, _): return mean.count
        }
    }

    /// One condition value in feature units. The extremes, the range check and `matrix` all use
    /// it, so a training value is never moved by rounding: the one invariant the range relies on.
    static func standardise(_ value: Float, _ mean: Float, _ scale: Float) -> Float { (value - mean) / scale }

    /// Whether each of `count` samples has a continuous condition beyond the training range
    /// in some column (and so is read at its edge by `matrix`); classes and no condition never are.
    public func beyondTrainingRange(_ conditions: ConditionValues, count: Int) -> [Bool] {
        guard case .continuous(let mean, let scale, let lower, let upper) = kind, case .vectors(let raw, let w) = conditions,
              w == mean.count, raw.count >= count * w else {
            return Array(repeating: false, count: count)
        }
        return (0..<count).map { i in
            (0..<w).contains { c in
                let standardised = ConditionFeatures.standardise(raw[i * w + c], mean[c], scale[c])
                return standardised < lower[c] || standardised > upper[c]
            }
        }
    }

    /// The feature matrix [count, width] for `count` samples with these conditions.
    public func matrix(_ conditions: ConditionValues, count: Int) -> Tensor {
        var values = [Float](repeating: 0, count: count * width)
        switch (kind, conditions) {
        case (.classes(let classes), .classes(let labels)):
            for i in 0..<count { values[i * classes + Int(labels[i])] = 1 }
        case (.continuous(let mean, let scale, let lower, let upper), .vectors(let raw, let w)):
            for i in 0..<count {
                for c in 0..<w { values[i * w + c] = min(max(ConditionFeatures.standardise(raw[i * w + c], mean[c], scale[c]), lower[c]), upper[c]) }
            }
        default:
            for i in 0..<count { values[i * width] = 1 }
        }
        return Tensor(shape: [count, width], repeating: 0).replacing(values)
    }
}

extension Tensor {
    /// This shape with other scalars, built by the caller to this shape's count.
    func replacing(_ scalars: [Float]) -> Tensor {
        Tensor(unchecked: shape, scalars)
    }
}
