/// A dense, contiguous, row-major Float32 array of rank 0 to 3 (higher ranks are
/// accepted by the value type but most operations check for rank ≤ 3).
///
/// `Tensor` is a value type: the scalars live in a Swift array, so copies are
/// cheap and copy-on-write. It is the unit of storage for parameters, gradients
/// and the values carried by ``Variable``.
public struct Tensor: Equatable, Sendable, Codable, CustomStringConvertible {
    /// The extent of each axis, outermost first.
    public private(set) var shape: [Int]
    /// The scalars in row-major order; `scalars.count == shape.product`.
    public internal(set) var scalars: [Float]

    /// Creates a tensor from a shape and its row-major scalars.
    /// - Throws: ``TensorError/scalarCountMismatch(shape:count:)`` if the counts disagree.
    public init(shape: [Int], scalars: [Float]) throws {
        guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == scalars.count else {
            throw TensorError.scalarCountMismatch(shape: shape, count: scalars.count)
        }
        self.shape = shape
        self.scalars = scalars
    }

    /// For code that knows by construction that `scalars.count` is the product of `shape`
    /// (kernels, and arrays built to a shape): the one way to skip the check; never for sizes a file or user gave.
    @inline(__always)
    public init(unchecked shape: [Int], _ scalars: [Float]) {
        self.shape = shape
        self.scalars = scalars
    }

    /// Creates a tensor of `shape` with every scalar equal to `value`.
    public init(shape: [Int], repeating value: Float = 0) {
        self.shape = shape
        self.scalars = [Float](repeating: value, count: shape.reduce(1, *))
    }

    /// Creates a rank-0 tensor holding one scalar.
    public init(_ scalar: Float) {
        self.shape = []
        self.scalars = [scalar]
    }

    /// Creates a rank-1 tensor from a vector.
    public init(_ vector: [Float]) {
        self.shape = [vector.count]
        self.scalars = vector
    }

    /// Creates a rank-2 tensor from rows of equal length.
    /// - Throws: ``TensorError/invalidArgument(op:message:)`` for ragged rows.
    public init(_ rows: [[Float]]) throws {
        let cols = rows.first?.count ?? 0
        guard rows.allSatisfy({ $0.count == cols }) else {
            throw TensorError.invalidArgument(op: "Tensor(rows)", message: "rows have different lengths")
        }
        self.shape = [rows.count, cols]
        self.scalars = rows.flatMap { $0 }
    }

    /// Creates a tensor whose uninitialised storage is filled by `body`, which must
    /// write every one of the `shape.product` scalars. Avoids a zero-fill pass.
    @inline(__always)
    init(shape: [Int], fill body: (UnsafeMutableBufferPointer<Float>) -> Void) {
        let n = shape.reduce(1, *)
        self.shape = shape
        self.scalars = [Float](unsafeUninitializedCapacity: n) { buf, count in
            body(buf)
            count = n
        }
    }

    /// A tensor of zeros.
    public static func zeros(_ shape: [Int]) -> Tensor { Tensor(shape: shape, repeating: 0) }
    /// A tensor of ones.
    public static func ones(_ shape: [Int]) -> Tensor { Tensor(shape: shape, repeating: 1) }

    /// Number of axes.
    public var rank: Int { shape.count }
    /// Total number of scalars.
    public var count: Int { scalars.count }
    /// The single scalar of a one-element tensor (any rank).
    public var scalar: Float? { scalars.count == 1 ? scalars[0] : nil }

    /// Reads or writes the scalar at a multi-index (row-major).
    public subscript(_ index: Int...) -> Float {
        get { scalars[flatIndex(index)] }
        set { scalars[flatIndex(index)] = newValue }
    }

    private func flatIndex(_ index: [Int]) -> Int {
        precondition(index.count == shape.count, "index \(index) does not match shape \(shape)")
        var flat = 0
        for (i, n) in zip(index, shape) {
            precondition(i >= 0 && i < n, "index \(index) out of bounds for shape \(shape)")
            flat = flat * n + i
        }
        return flat
    }

    /// The same scalars viewed with a new shape of equal element count.
    /// - Throws: ``TensorError/scalarCountMismatch(shape:count:)``.
    public func reshaped(_ newShape: [Int]) throws -> Tensor {
        try Tensor(shape: newShape, scalars: scalars)
    }

    /// Rows of a rank-2 tensor as nested arrays (for display and tests).
    public var rows: [[Float]] {
        guard rank == 2 else { return [scalars] }
        let c = shape[1]
        return (0..<shape[0]).map { Array(scalars[$0 * c ..< ($0 + 1) * c]) }
    }

    public var description: String {
        if count <= 16 { return "Tensor(shape: \(shape), \(scalars))" }
        return "Tensor(shape: \(shape), [\(scalars.prefix(8).map { "\($0)" }.joined(separator: ", ")), …])"
    }
}
