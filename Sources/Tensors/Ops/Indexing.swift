/// Row lookup `table[indices]` along axis 0: an embedding lookup. `table` is
/// `[n, …]`; the result is `[indices.count, …]`. The gradient scatters-adds
/// rows back in index order (deterministic).
/// - Throws: ``TensorError/invalidArgument(op:message:)`` for an out-of-range index.
public func gather(_ table: Variable, _ indices: [Int]) throws -> Variable {
    let tv = table.value
    guard tv.rank >= 1 else { throw TensorError.unsupportedRank(op: "gather", shape: tv.shape, expected: "≥ 1") }
    let n = tv.shape[0], row = tv.count / max(n, 1)
    for i in indices where i < 0 || i >= n {
        throw TensorError.invalidArgument(op: "gather", message: "index \(i) outside 0..<\(n) for table \(tv.shape)")
    }
    let outShape = [indices.count] + tv.shape.dropFirst()
    let y = Tensor(shape: outShape) { out in
        tv.scalars.withUnsafeBufferPointer { tp in
            for (r, i) in indices.enumerated() { (out.baseAddress! + r &* row).update(from: tp.baseAddress! + i &* row, count: row) }
        }
    }
    return Variable.unary(table, y) { g in
        var acc = Tensor.zeros(tv.shape)
        acc.scalars.withUnsafeMutableBufferPointer { ap in
            g.scalars.withUnsafeBufferPointer { gp in
                for (r, i) in indices.enumerated() {
                    let dst = ap.baseAddress! + i &* row, src = gp.baseAddress! + r &* row
                    for k in 0..<row { dst[k] += src[k] }
                }
            }
        }
        return acc
    }
}

/// Concatenates variables along `axis`; all other axes must agree.
/// - Throws: ``TensorError/shapeMismatch(op:lhs:rhs:)`` naming the first disagreeing pair.
public func concat(_ xs: [Variable], axis: Int) throws -> Variable {
    guard let first = xs.first else { throw TensorError.invalidArgument(op: "concat", message: "no operands") }
    let a = try normaliseAxes([axis], rank: first.rank, op: "concat")[0]
    for x in xs.dropFirst() {
        var s1 = first.shape, s2 = x.shape
        guard s1.count == s2.count else { throw TensorError.shapeMismatch(op: "concat", lhs: first.shape, rhs: x.shape) }
        s1[a] = 0; s2[a] = 0
        guard s1 == s2 else { throw TensorError.shapeMismatch(op: "concat", lhs: first.shape, rhs: x.shape) }
    }
    let sizes = xs.map { $0.shape[a] }
    var outShape = first.shape; outShape[a] = sizes.reduce(0, +)
    let (outer, total, inner) = axisSplit(outShape, a)
    let y = Tensor(shape: outShape) { out in
        var offset = 0
        for x in xs {
            let w = x.shape[a] &* inner
            x.value.scalars.withUnsafeBufferPointer { xp in
                for o in 0..<outer {
                    (out.baseAddress! + (o &* total &* inner &+ offset)).update(from: xp.baseAddress! + o &* w, count: w)
                }
            }
            offset &+= w
        }
    }
    return try Variable.nary(xs, y, op: "concat") { g, need in
        var start = 0
        return sizes.enumerated().map { (i, s) in
            defer { start += s }
            return need[i] ? sliceKernel(g, axis: a, start: start, length: s) : nil
        }
    }
}

/// Splits along `axis` into pieces of the given sizes (which must sum to the extent).
public func split(_ x: Variable, sizes: [Int], axis: Int) throws -> [Variable] {
    let a = try normaliseAxes([axis], rank: x.rank, op: "split")[0]
    guard sizes.reduce(0, +) == x.shape[a], sizes.allSatisfy({ $0 >= 0 }) else {
        throw TensorError.invalidArgument(op: "split", message: "sizes \(sizes) do not add up to axis \(a) of \(x.shape)")
    }
    var start = 0
    return try sizes.map { s in
        defer { start += s }
        return try slice(x, axis: a, range: start..<(start + s))
    }
}

/// The sub-tensor with indices `range` along `axis`.
/// - Throws: ``TensorError/invalidArgument(op:message:)`` if the range exceeds the axis.
public func slice(_ x: Variable, axis: Int, range: Range<Int>) throws -> Variable {
    let a = try normaliseAxes([axis], rank: x.rank, op: "slice")[0]
    guard range.lowerBound >= 0, range.upperBound <= x.shape[a] else {
        throw TensorError.invalidArgument(op: "slice", message: "range \(range) outside axis \(a) of shape \(x.shape)")
    }
    let xs = x.shape
    let y = sliceKernel(x.value, axis: a, start: range.lowerBound, length: range.count)
    return Variable.unary(x, y) { g in
        let (outer, n, inner) = axisSplit(xs, a)
        var full = Tensor.zeros(xs)
        let w = range.count &* inner
        full.scalars.withUnsafeMutableBufferPointer { fp in
            g.scalars.withUnsafeBufferPointer { gp in
                for o in 0..<outer {
                    (fp.baseAddress! + (o &* n &* inner &+ range.lowerBound &* inner)).update(from: gp.baseAddress! + o &* w, count: w)
                }
            }
        }
        return full
    }
}

/// Copies `length` entries starting at `start` along `axis`.
func sliceKernel(_ x: Tensor, axis: Int, start: Int, length: Int) -> Tensor {
    let (outer, n, inner) = axisSplit(x.shape, axis)
    var shape = x.shape; shape[axis] = length
    let w = length &* inner
    return Tensor(shape: shape) { out in
        x.scalars.withUnsafeBufferPointer { xp in
            for o in 0..<outer {
                (out.baseAddress! + o &* w).update(from: xp.baseAddress! + (o &* n &* inner &+ start &* inner), count: w)
            }
        }
    }
}
