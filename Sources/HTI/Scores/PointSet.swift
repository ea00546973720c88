/// A set of points in R^D, row-major, as the scores take them.
public struct PointSet: Sendable, Equatable {
    public var values: [Float]
    public var dimension: Int

    public init(values: [Float], dimension: Int) {
        precondition(dimension > 0 && values.count % dimension == 0, "PointSet: \(values.count) values do not split into rows of \(dimension)")
        self.values = values
        self.dimension = dimension
    }

    public var count: Int { values.count / dimension }

    /// Squared Euclidean distance between row i of self and row j of other, in Double.
    @inline(__always)
    func squaredDistance(_ i: Int, _ other: PointSet, _ j: Int) -> Double {
        var sum = 0.0
        values.withUnsafeBufferPointer { a in
            other.values.withUnsafeBufferPointer { b in
                let ai = i &* dimension, bj = j &* dimension
                for d in 0..<dimension {
                    let diff = Double(a[ai &+ d]) - Double(b[bj &+ d])
                    sum += diff * diff
                }
            }
        }
        return sum
    }

    /// Every `stride`-th row (a deterministic thinning).
    func rows(_ indices: [Int]) -> PointSet {
        var out: [Float] = []
        out.reserveCapacity(indices.count * dimension)
        for i in indices { out += values[(i * dimension)..<((i + 1) * dimension)] }
        return PointSet(values: out, dimension: dimension)
    }
}

extension Anchor {
    /// This anchor's outputs as points: all of them, or only one condition class's.
    public func points(ofClass classIndex: Int? = nil, dimension: Int) -> PointSet {
        guard let classIndex, case .classes(let labels) = conditions else {
            return PointSet(values: outputs, dimension: dimension)
        }
        var values: [Float] = []
        for (i, label) in labels.enumerated() where Int(label) == classIndex {
            values += outputs[(i * dimension)..<((i + 1) * dimension)]
        }
        return PointSet(values: values, dimension: dimension)
    }
}
