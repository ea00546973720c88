import Foundation
@testable import Tensors

/// A Double-precision tensor with a plain, scalar-loop forward definition of every
/// taped op: the independent reference that the gradient checks difference.
///
/// Deliberately naive — no BLAS, no chunking, no centring, no max-shifted
/// log-sum-exp — so that it shares no code, and so no bugs, with the Float32
/// kernels it checks. Shapes are tiny in the tests, so speed does not matter.
/// A shape mismatch here is a bug in the test, hence preconditions, not throws.
struct Reference: Equatable {
    var shape: [Int]
    var values: [Double]

    init(shape: [Int], values: [Double]) {
        precondition(shape.reduce(1, *) == values.count, "\(values.count) values for shape \(shape)")
        self.shape = shape
        self.values = values
    }

    /// The exact Double image of a Float32 tensor.
    init(_ tensor: Tensor) {
        self.init(shape: tensor.shape, values: tensor.scalars.map(Double.init))
    }

    /// A tensor of `shape` whose element at each multi-index is `element(index)`.
    init(shape: [Int], _ element: ([Int]) -> Double) {
        let count = shape.reduce(1, *)
        self.init(shape: shape, values: (0..<count).map { element(Reference.index(ofFlat: $0, in: shape)) })
    }

    var rank: Int { shape.count }
    var count: Int { values.count }

    /// The row-major multi-index of flat position `flat`.
    static func index(ofFlat flat: Int, in shape: [Int]) -> [Int] {
        var rest = flat
        var index = [Int](repeating: 0, count: shape.count)
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            index[axis] = rest % shape[axis]
            rest /= shape[axis]
        }
        return index
    }

    subscript(_ index: [Int]) -> Double {
        precondition(index.count == rank && zip(index, shape).allSatisfy { $0 >= 0 && $0 < $1 }, "\(index) outside \(shape)")
        return values[zip(index, shape).reduce(0) { $0 * $1.1 + $1.0 }]
    }

    /// `axis` counted from the end when negative.
    func axis(_ axis: Int) -> Int { axis < 0 ? axis + rank : axis }
}

// MARK: Elementwise, with NumPy broadcasting

extension Reference {
    func map(_ f: (Double) -> Double) -> Reference { Reference(shape: shape, values: values.map(f)) }

    /// `f` applied pairwise under NumPy broadcasting: shapes align at their last axes,
    /// missing leading axes count as 1, and an axis of extent 1 stretches to match.
    static func broadcast(_ a: Reference, _ b: Reference, _ f: (Double, Double) -> Double) -> Reference {
        let rank = max(a.rank, b.rank)
        let pa = [Int](repeating: 1, count: rank - a.rank) + a.shape
        let pb = [Int](repeating: 1, count: rank - b.rank) + b.shape
        let shape = zip(pa, pb).map { x, y in
            precondition(x == y || x == 1 || y == 1, "cannot broadcast \(a.shape) with \(b.shape)")
            return x == 1 ? y : x
        }
        return Reference(shape: shape) { i in f(a.element(broadcastTo: i), b.element(broadcastTo: i)) }
    }

    /// The element that broadcasting reads at index `i` of a larger result.
    private func element(broadcastTo i: [Int]) -> Double {
        self[zip(i.suffix(rank), shape).map { $1 == 1 ? 0 : $0 }]
    }

    static func + (a: Reference, b: Reference) -> Reference { broadcast(a, b, +) }
    static func - (a: Reference, b: Reference) -> Reference { broadcast(a, b, -) }
    static func * (a: Reference, b: Reference) -> Reference { broadcast(a, b, *) }
    static func / (a: Reference, b: Reference) -> Reference { broadcast(a, b, /) }
    static func atan2(_ y: Reference, _ x: Reference) -> Reference { broadcast(y, x, Foundation.atan2) }

    // Constants arrive as the Float32 the taped API takes, so both sides use the same number.
    func exp() -> Reference { map(Foundation.exp) }
    func log() -> Reference { map(Foundation.log) }
    func sqrt() -> Reference { map(Foundation.sqrt) }
    func softplus() -> Reference { map { Foundation.log(1 + Foundation.exp($0)) } }
    func relu() -> Reference { map { Swift.max($0, 0) } }
    func leakyRelu(slope: Float = 0.01) -> Reference { map { $0 > 0 ? $0 : Double(slope) * $0 } }
    func tanh() -> Reference { map(Foundation.tanh) }
    func sigmoid() -> Reference { map { 1 / (1 + Foundation.exp(-$0)) } }
    func sin() -> Reference { map(Foundation.sin) }
    func cos() -> Reference { map(Foundation.cos) }
    func abs() -> Reference { map(Swift.abs) }
    func clip(_ lower: Float, _ upper: Float) -> Reference { map { Swift.min(Swift.max($0, Double(lower)), Double(upper)) } }
    func square() -> Reference { map { $0 * $0 } }
    func pow(_ p: Float) -> Reference { map { Foundation.pow($0, Double(p)) } }
}

// MARK: Reductions along axes

extension Reference {
    func sum() -> Reference { Reference(shape: [], values: [values.reduce(0, +)]) }
    func mean() -> Reference { sum().map { $0 / Double(count) } }

    func sum(axes: [Int], keepDims: Bool = false) -> Reference {
        let reduced = Set(axes.map(axis))
        let kept = shape.enumerated().map { reduced.contains($0.offset) ? 1 : $0.element }
        var total = Reference(shape: kept, values: [Double](repeating: 0, count: kept.reduce(1, *)))
        for flat in 0..<count {
            var i = Reference.index(ofFlat: flat, in: shape)
            for a in reduced { i[a] = 0 }
            total.values[Reference.flat(i, in: kept)] += values[flat]
        }
        return keepDims ? total : total.reshape(shape.enumerated().filter { !reduced.contains($0.offset) }.map(\.element))
    }

    func mean(axes: [Int], keepDims: Bool = false) -> Reference {
        let n = Set(axes.map(axis)).reduce(1) { $0 * shape[$1] }
        return sum(axes: axes, keepDims: keepDims).map { $0 / Double(n) }
    }

    /// `log Σ exp(x)` along `axis`, summed directly: Double has the range for test inputs.
    func logSumExp(axis: Int = -1, keepDims: Bool = false) -> Reference {
        exp().sum(axes: [axis], keepDims: keepDims).log()
    }

    func softmax(axis: Int = -1) -> Reference { exp() / exp().sum(axes: [axis], keepDims: true) }

    private static func flat(_ index: [Int], in shape: [Int]) -> Int {
        zip(index, shape).reduce(0) { $0 * $1.1 + $1.0 }
    }
}

// MARK: Indexing and shapes

extension Reference {
    /// The same values with a new shape; one axis may be −1 (inferred).
    func reshape(_ newShape: [Int]) -> Reference {
        let known = newShape.filter { $0 != -1 }.reduce(1, *)
        return Reference(shape: newShape.map { $0 == -1 ? count / known : $0 }, values: values)
    }

    /// Axes permuted: result axis `k` is input axis `permutation[k]`; by default the last two swap.
    func transpose(_ permutation: [Int]? = nil) -> Reference {
        let perm = permutation ?? (rank < 2 ? Array(0..<rank) : Array(0..<(rank - 2)) + [rank - 1, rank - 2])
        return Reference(shape: perm.map { shape[$0] }) { i in
            var source = [Int](repeating: 0, count: rank)
            for (k, p) in perm.enumerated() { source[p] = i[k] }
            return self[source]
        }
    }

    /// Rows `indices` of axis 0.
    func gather(_ indices: [Int]) -> Reference {
        Reference(shape: [indices.count] + shape.dropFirst()) { i in self[[indices[i[0]]] + Array(i.dropFirst())] }
    }

    func slice(axis: Int, range: Range<Int>) -> Reference {
        let a = self.axis(axis)
        var sliced = shape; sliced[a] = range.count
        return Reference(shape: sliced) { i in
            var source = i; source[a] += range.lowerBound
            return self[source]
        }
    }

    func split(sizes: [Int], axis: Int) -> [Reference] {
        var start = 0
        return sizes.map { size in
            defer { start += size }
            return slice(axis: axis, range: start..<(start + size))
        }
    }

    static func concat(_ parts: [Reference], axis: Int) -> Reference {
        let a = parts[0].axis(axis)
        var joined = parts[0].shape; joined[a] = parts.reduce(0) { $0 + $1.shape[a] }
        return Reference(shape: joined) { i in
            var source = i, part = 0
            while source[a] >= parts[part].shape[a] { source[a] -= parts[part].shape[a]; part += 1 }
            return parts[part][source]
        }
    }
}

// MARK: Products, distances, losses, splines, KDE

extension Reference {
    /// `op(a) · op(b)` for `[m,k]` (or `[batch,m,k]`, untransposed) `a` and `[k,n]` `b`.
    static func matmul(_ a: Reference, _ b: Reference, transposeA: Bool = false, transposeB: Bool = false) -> Reference {
        precondition(b.rank == 2 && (a.rank == 2 || (a.rank == 3 && !transposeA)), "matmul of \(a.shape), \(b.shape)")
        let k = transposeA ? a.shape[0] : a.shape[a.rank - 1]
        let m = transposeA ? a.shape[1] : a.shape[a.rank - 2]
        let n = transposeB ? b.shape[0] : b.shape[1]
        precondition(k == (transposeB ? b.shape[1] : b.shape[0]), "inner sizes of \(a.shape), \(b.shape)")
        return Reference(shape: Array(a.shape.dropLast(2)) + [m, n]) { i in
            let batch = Array(i.dropLast(2)), row = i[i.count - 2], column = i[i.count - 1]
            var s = 0.0
            for p in 0..<k {
                let left = transposeA ? a[[p, row]] : a[batch + [row, p]]
                let right = transposeB ? b[[column, p]] : b[[p, column]]
                s += left * right
            }
            return s
        }
    }

    /// `x · w + b`.
    func linear(_ w: Reference, _ b: Reference?) -> Reference {
        let product = Reference.matmul(self, w)
        return b.map { product + $0 } ?? product
    }

    static func meanSquaredError(_ prediction: Reference, _ target: Reference) -> Reference {
        (prediction - target).square().mean()
    }
}
