/// The same scalars with a new shape of equal count. One axis may be −1 (inferred).
/// - Throws: ``TensorError/scalarCountMismatch(shape:count:)``.
public func reshape(_ x: Variable, _ shape: [Int]) throws -> Variable {
    var s = shape
    if let i = s.firstIndex(of: -1) {
        let known = s.enumerated().filter { $0.offset != i }.map(\.element).reduce(1, *)
        guard known > 0, x.value.count % known == 0 else { throw TensorError.scalarCountMismatch(shape: shape, count: x.value.count) }
        s[i] = x.value.count / known
    }
    let y = try x.value.reshaped(s)
    let xs = x.shape
    return Variable.unary(x, y) { g in Tensor(unchecked: xs, g.scalars) }
}

/// Permutes axes (rank ≤ 3). With no permutation, swaps the last two axes.
/// Prefer `matmul`'s transpose flags when the transpose only feeds a product.
/// - Throws: ``TensorError/invalidArgument(op:message:)`` for an invalid permutation.
public func transpose(_ x: Variable, _ permutation: [Int]? = nil) throws -> Variable {
    let r = x.rank
    guard r <= 3 else { throw TensorError.unsupportedRank(op: "transpose", shape: x.shape, expected: "≤ 3") }
    let perm = permutation ?? (r < 2 ? Array(0..<r) : Array(0..<(r - 2)) + [r - 1, r - 2])
    guard perm.sorted() == Array(0..<r) else {
        throw TensorError.invalidArgument(op: "transpose", message: "\(perm) is not a permutation of the axes of \(x.shape)")
    }
    var inverse = perm
    for (i, p) in perm.enumerated() { inverse[p] = i }
    let y = permuteKernel(x.value, perm)
    return Variable.unary(x, y) { g in permuteKernel(g, inverse) }
}

/// Materialises `x` with its axes permuted by `perm`.
func permuteKernel(_ x: Tensor, _ perm: [Int]) -> Tensor {
    let r = x.rank
    if perm == Array(0..<r) { return x }
    // Pad to rank 3 at the front; map permutation accordingly.
    let pad = 3 - r
    let shape3 = [Int](repeating: 1, count: pad) + x.shape
    let perm3 = Array(0..<pad) + perm.map { $0 + pad }
    let inStrides = [shape3[1] * shape3[2], shape3[2], 1]
    let o = perm3.map { shape3[$0] }
    let s = perm3.map { inStrides[$0] }
    return Tensor(shape: perm.map { x.shape[$0] }) { out in
        x.scalars.withUnsafeBufferPointer { xp in
            let src = xp.baseAddress!
            var n = 0
            for i in 0..<o[0] { for j in 0..<o[1] {
                let base = i &* s[0] &+ j &* s[1]
                for k in 0..<o[2] { out[n] = src[base &+ k &* s[2]]; n &+= 1 }
            } }
        }
    }
}
