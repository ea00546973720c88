/// The baseline HTI must beat: pair each sample at λ_k with one at λ_{k+1}
/// by exact optimal transport (squared Euclidean cost, per condition class)
/// and move it along the straight line between them at constant speed
/// (McCann interpolation). No metric, no potential, nothing learned.
public struct StraightLineInterpolation: Sendable {
    public let marginals: Marginals
    /// For each consecutive pair of anchors, the index at λ_{k+1} paired with each sample at λ_k.
    let pairings: [[Int]]

    public init(marginals: Marginals) {
        self.marginals = marginals
        var pairings: [[Int]] = []
        for k in 0..<(marginals.anchors.count - 1) {
            pairings.append(StraightLineInterpolation.pair(marginals.anchors[k], marginals.anchors[k + 1],
                                                           dimension: marginals.dimension))
        }
        self.pairings = pairings
    }

    /// Matches every sample of `a` to a distinct sample of `b` of the same class (or the nearest
    /// free one when `b` has fewer), minimising total squared distance.
    static func pair(_ a: Anchor, _ b: Anchor, dimension: Int) -> [Int] {
        var result = [Int](repeating: 0, count: a.count)
        let groupsA = groups(a), groupsB = groups(b)
        for (label, members) in groupsA {
            let targets = groupsB[label] ?? Array(0..<b.count)
            let points = PointSet(values: a.outputs, dimension: dimension), others = PointSet(values: b.outputs, dimension: dimension)
            // Square the problem with zero-cost dummies; a source matched to a dummy (when
            // the target class is smaller) reuses targets cyclically.
            let n = max(members.count, targets.count)
            let match = Assignment.solve(n: n) { i, j in
                i < members.count && j < targets.count ? points.squaredDistance(members[i], others, targets[j]) : 0
            }
            for (i, source) in members.enumerated() {
                result[source] = match[i] < targets.count ? targets[match[i]] : targets[i % targets.count]
            }
        }
        return result
    }

    static func groups(_ anchor: Anchor) -> [Int32: [Int]] {
        guard case .classes(let labels) = anchor.conditions else { return [0: Array(0..<anchor.count)] }
        var groups: [Int32: [Int]] = [:]
        for (i, label) in labels.enumerated() { groups[label, default: []].append(i) }
        return groups
    }

    /// Samples at each λ, starting from the samples at λ_0 (same conditions), pushed anchor to anchor;
    /// constant speed on `scale`, the one a model it is compared with reads its paths on.
    public func sample(at lambdas: [Double], scale: LambdaScale = .linear) throws -> Marginals {
        let range = marginals.lambdas.first!...marginals.lambdas.last!
        let d = marginals.dimension
        var anchors: [Anchor] = []
        for lambda in lambdas {
            guard range.contains(lambda) else {
                throw SamplingError.outsideRange(lambda: lambda, range: range)
            }
            let start = marginals.anchors[0]
            var index = Array(0..<start.count)  // each start sample's index at the current anchor
            var k = 0
            while k < marginals.anchors.count - 2 && marginals.anchors[k + 1].lambda < lambda {
                index = index.map { pairings[k][$0] }
                k += 1
            }
            let from = marginals.anchors[k], to = marginals.anchors[k + 1]
            let s = Float(scale.fraction(of: lambda, from: from.lambda, to: to.lambda))
            var outputs = [Float](repeating: 0, count: start.count * d)
            for i in 0..<start.count {
                let x = index[i], y = pairings[k][x]
                for c in 0..<d { outputs[i * d + c] = (1 - s) * from.outputs[x * d + c] + s * to.outputs[y * d + c] }
            }
            anchors.append(Anchor(lambda: lambda, count: start.count, outputs: outputs, conditions: start.conditions))
        }
        var samples = marginals
        samples.source = "straight lines"
        samples.anchors = anchors.sorted { $0.lambda < $1.lambda }
        return samples
    }
}

/// Why samples could not be drawn.
public enum SamplingError: Error, Equatable, CustomStringConvertible {
    case outsideRange(lambda: Double, range: ClosedRange<Double>)

    public var description: String {
        switch self {
        case .outsideRange(let lambda, let range):
            return "λ = \(MarginalsError.format(lambda)) is outside the fitted range \(MarginalsError.format(range.lowerBound))…\(MarginalsError.format(range.upperBound)); HTI interpolates between anchors and does not extrapolate"
        }
    }
}
