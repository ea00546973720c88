import Tensors

/// How a sample's condition reaches the networks: every network is FiLM-conditioned
/// on a feature vector. A class becomes a one-hot vector — FiLM of a one-hot is a
/// learned per-class scale and shift, i.e. a class embedding; a continuous context
/// is standardised (by the training data's mean and spread); no condition is a
/// constant 1, so the same networks serve all three cases.
public struct ConditionFeatures: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case none
        case classes(Int)
        case continuous(mean: [Float], scale: [Float])
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
            let mean = sum.map { $0 / Double(max(1, count)) }
            let scale = zip(squares, mean).map { max(1e-6, ($0 / Double(max(1, count)) - $1 * $1).squareRoot()) }
            kind = .continuous(mean: mean.map(Float.init), scale: scale.map(Float.init))
        }
    }

    /// Features per sample.
    public var width: Int {
        switch kind {
        case .none: return 1
        case .classes(let count): return count
        case .continuous(let mean, _): return mean.count
        }
    }

    /// The feature matrix [count, width] for `count` samples with these conditions.
    public func matrix(_ conditions: ConditionValues, count: Int) -> Tensor {
        var values = [Float](repeating: 0, count: count * width)
        switch (kind, conditions) {
        case (.classes(let classes), .classes(let labels)):
            for i in 0..<count { values[i * classes + Int(labels[i])] = 1 }
        case (.continuous(let mean, let scale), .vectors(let raw, let w)):
            for i in 0..<count { for c in 0..<w { values[i * w + c] = (raw[i * w + c] - mean[c]) / scale[c] } }
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
