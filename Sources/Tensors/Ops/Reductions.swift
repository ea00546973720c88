import Foundation

/// Normalises possibly negative axes against `rank` and checks them.
func normaliseAxes(_ axes: [Int], rank: Int, op: String) throws -> [Int] {
    let out = axes.map { $0 < 0 ? $0 + rank : $0 }
    for (a, orig) in zip(out, axes) where a < 0 || a >= rank {
        throw TensorError.invalidArgument(op: op, message: "axis \(orig) out of range for rank \(rank)")
    }
    return Array(Set(out)).sorted()
}

/// `(outer, n, inner)` sizes around `axis`, for ops acting along one axis.
func axisSplit(_ shape: [Int], _ axis: Int) -> (Int, Int, Int) {
    (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
}

/// Sum of all scalars (a rank-0 result), accumulated in Double.
public func sum(_ x: Variable) -> Variable {
    let s = x.value.scalars.withUnsafeBufferPointer { Kernels.sum($0) }
    let shape = x.shape
    return Variable.unary(x, Tensor(Float(s))) { g in Tensor(shape: shape, repeating: g.scalars[0]) }
}

/// Mean of all scalars (a rank-0 result).
public func mean(_ x: Variable) -> Variable {
    sum(x) * (1 / Float(max(x.value.count, 1)))
}

/// Sums over `axes` (negative axes count from the end), accumulating in Double.
/// - Parameter keepDims: keep reduced axes with extent 1.
public func sum(_ x: Variable, axes: [Int], keepDims: Bool = false) throws -> Variable {
    guard x.rank <= 3 else { throw TensorError.unsupportedRank(op: "sum", shape: x.shape, expected: "≤ 3") }
    let ax = try normaliseAxes(axes, rank: x.rank, op: "sum")
    var keep = x.shape
    for a in ax { keep[a] = 1 }
    let outShape = keepDims ? keep : x.shape.enumerated().filter { !ax.contains($0.offset) }.map(\.element)
    let reduced = Broadcast.reduce(x.value, to: keep)
    let inShape = x.shape
    return Variable.unary(x, Tensor(unchecked: outShape, reduced.scalars)) { g in
        Broadcast.expand(Tensor(unchecked: keep, g.scalars), to: inShape)
    }
}

/// Mean over `axes`.
public func mean(_ x: Variable, axes: [Int], keepDims: Bool = false) throws -> Variable {
    let ax = try normaliseAxes(axes, rank: x.rank, op: "mean")
    let n = ax.reduce(1) { $0 * x.shape[$1] }
    return try sum(x, axes: ax, keepDims: keepDims) * (1 / Float(max(n, 1)))
}

/// `log Σ exp(x)` along `axis`, stabilised by the maximum and summed in Double (softmax's core).
func logSumExp(_ x: Variable, axis: Int = -1, keepDims: Bool = false) throws -> Variable {
    let a = try normaliseAxes([axis], rank: x.rank, op: "logSumExp")[0]
    let xv = x.value
    let (outer, n, inner) = axisSplit(xv.shape, a)
    var keep = xv.shape; keep[a] = 1
    var outShape = keep
    if !keepDims { outShape.remove(at: a) }
    let lse = Tensor(shape: keep) { out in
        xv.scalars.withUnsafeBufferPointer { xp in
            let src = xp.baseAddress!, dst = out.baseAddress!
            Parallel.forRanges(outer &* inner, work: outer &* inner &* n &* 8) { r in
                for row in r {
                    let o = row / inner, i = row &- o &* inner
                    let base = src + (o &* n &* inner &+ i)
                    var m = -Float.infinity
                    for j in 0..<n { m = Swift.max(m, base[j &* inner]) }
                    if !m.isFinite { dst[row] = m; continue }
                    var s = 0.0
                    for j in 0..<n { s += Double(Foundation.exp(base[j &* inner] - m)) }
                    dst[row] = m + Float(Foundation.log(s))
                }
            }
        }
    }
    return Variable.unary(x, Tensor(unchecked: outShape, lse.scalars)) { g in
        // ∂lse/∂x = softmax(x) = exp(x − lse)
        let ge = Broadcast.expand(Tensor(unchecked: keep, g.scalars), to: xv.shape)
        let le = Broadcast.expand(lse, to: xv.shape)
        return Kernels.zip3(ge, xv, le) { $0 * Foundation.exp($1 - $2) }
    }
}

/// Softmax along `axis`.
public func softmax(_ x: Variable, axis: Int = -1) throws -> Variable {
    let a = try normaliseAxes([axis], rank: x.rank, op: "softmax")[0]
    let lse = try logSumExp(x.detached, axis: a, keepDims: true).value
    let y = Kernels.zip(x.value, Broadcast.expand(lse, to: x.shape)) { Foundation.exp($0 - $1) }
    var keep = x.shape; keep[a] = 1
    return Variable.unary(x, y) { g in
        // dx = y ⊙ (g − Σ g⊙y)
        let gy = Kernels.zip(g, y) { $0 * $1 }
        let s = Broadcast.expand(Broadcast.reduce(gy, to: keep), to: y.shape)
        return Kernels.zip3(gy, y, s) { $0 - $1 * $2 }
    }
}
