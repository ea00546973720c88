/// Samples of a network's outputs at a few settings λ of one hyperparameter
/// (the *anchors*), each sample optionally with a condition.
public struct Marginals: Sendable, Equatable {
    /// Where the samples came from (a file name), for messages and summaries.
    public var source: String
    public var lambdaName: String
    public var outputNames: [String]
    public var condition: ConditionSchema
    /// Sorted by λ, distinct.
    public var anchors: [Anchor]
    /// Which of the paper's data sets this is, as stated at `load` (DataPreset).
    public var preset: DataPreset

    public init(source: String, lambdaName: String, outputNames: [String], condition: ConditionSchema,
                anchors: [Anchor], preset: DataPreset = .none) {
        self.source = source
        self.preset = preset
        self.lambdaName = lambdaName
        self.outputNames = outputNames
        self.condition = condition
        self.anchors = anchors.sorted { $0.lambda < $1.lambda }
    }

    /// Output dimension D.
    public var dimension: Int { outputNames.count }
    public var lambdas: [Double] { anchors.map(\.lambda) }
    public var sampleCount: Int { anchors.reduce(0) { $0 + $1.count } }

    /// Per-output minimum and maximum over all anchors (samples are clipped to this box).
    public var bounds: (lower: [Float], upper: [Float]) {
        var lower = [Float](repeating: .infinity, count: dimension)
        var upper = [Float](repeating: -.infinity, count: dimension)
        for anchor in anchors {
            for i in 0..<anchor.count {
                for d in 0..<dimension {
                    let v = anchor.outputs[i * dimension + d]
                    lower[d] = min(lower[d], v)
                    upper[d] = max(upper[d], v)
                }
            }
        }
        return (lower, upper)
    }

    /// The same data keeping only the anchors whose λ is in `lambdas` (for hold-out validation).
    public func keeping(lambdas kept: [Double]) throws -> Marginals {
        try requireAnchors(at: kept)
        let chosen = anchors.filter { $0.isAt(any: kept) }
        guard chosen.count >= 2 else { throw MarginalsError.tooFewAnchors(source: source, found: chosen.map(\.lambda)) }
        var copy = self
        copy.anchors = chosen
        return copy
    }
}

extension Marginals {
    /// Throws `noSuchAnchor` for the first λ of `lambdas` at which this data has no anchor.
    public func requireAnchors(at lambdas: [Double]) throws {
        for lambda in lambdas where !anchors.contains(where: { $0.isAt(any: [lambda]) }) {
            throw MarginalsError.noSuchAnchor(source: source, lambda: lambda, available: self.lambdas)
        }
    }
}

extension Anchor {
    /// Whether this anchor's λ is one of `lambdas` (to within 1e-9: λ typed by a user, or read back from text).
    public func isAt(any lambdas: [Double]) -> Bool { lambdas.contains { abs($0 - lambda) < 1e-9 } }
}

/// The samples at one anchor λ: row-major outputs (count × D) and their conditions.
public struct Anchor: Sendable, Equatable {
    public var lambda: Double
    public var count: Int
    public var outputs: [Float]
    public var conditions: ConditionValues

    public init(lambda: Double, count: Int, outputs: [Float], conditions: ConditionValues) {
        self.lambda = lambda
        self.count = count
        self.outputs = outputs
        self.conditions = conditions
    }
}

/// What conditions the samples carry.
public enum ConditionSchema: Sendable, Equatable {
    case none
    /// One categorical column; `classes` are its distinct values in order (class index = position).
    case categorical(name: String, classes: [String])
    /// Continuous columns, used by FiLM conditioning and kernel weighting.
    case continuous(names: [String])

    public var names: [String] {
        switch self {
        case .none: return []
        case .categorical(let name, _): return [name]
        case .continuous(let names): return names
        }
    }
}

/// The conditions of the samples of one anchor, matching its schema.
public enum ConditionValues: Sendable, Equatable {
    case none
    /// A class index per sample.
    case classes([Int32])
    /// `width` values per sample, row-major.
    case vectors([Float], width: Int)
}
