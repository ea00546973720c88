/// Matrix product `a · b` through OpenBLAS `sgemm`.
///
/// `a` may be `[m,k]` or `[b,m,k]` (leading axes are folded into rows); `b` is
/// `[k,n]`. The transpose flags use BLAS's own transposition (no copies), for
/// rank-2 operands. Backward products also use transpose flags.
/// - Throws: ``TensorError/shapeMismatch(op:lhs:rhs:)`` when inner sizes differ.
public func matmul(_ a: Variable, _ b: Variable, transposeA: Bool = false, transposeB: Bool = false) throws -> Variable {
    let av = a.value, bv = b.value
    guard bv.rank == 2, av.rank == 2 || (av.rank == 3 && !transposeA) else {
        throw TensorError.unsupportedRank(op: "matmul", shape: bv.rank == 2 ? av.shape : bv.shape,
                                          expected: "2 (or 3 for an untransposed left operand)")
    }
    let k = transposeA ? av.shape[0] : av.shape[av.rank - 1]
    let m = transposeA ? av.shape[1] : av.shape.dropLast().reduce(1, *)
    let kb = transposeB ? bv.shape[1] : bv.shape[0]
    let n = transposeB ? bv.shape[0] : bv.shape[1]
    guard k == kb else { throw TensorError.shapeMismatch(op: "matmul", lhs: av.shape, rhs: bv.shape) }
    let outShape = av.rank == 3 ? [av.shape[0], av.shape[1], n] : [m, n]
    let c = BLAS.matmul(av, bv, transA: transposeA, transB: transposeB, m: m, n: n, k: k)
    return try Variable.nary([a, b], Tensor(unchecked: outShape, c.scalars), op: "matmul") { g, need in
        var ga: Tensor? = nil, gb: Tensor? = nil
        if need[0] {  // dA = g·opB ᵀ (or its transpose when A was transposed)
            ga = transposeA
                ? BLAS.matmul(bv, g, transA: transposeB, transB: true, m: k, n: m, k: n)
                : BLAS.matmul(g, bv, transA: false, transB: !transposeB, m: m, n: k, k: n)
            ga = Tensor(unchecked: av.shape, ga!.scalars)
        }
        if need[1] {  // dB = opAᵀ·g (or its transpose when B was transposed)
            gb = transposeB
                ? BLAS.matmul(g, av, transA: true, transB: transposeA, m: n, n: k, k: m)
                : BLAS.matmul(av, g, transA: !transposeA, transB: false, m: k, n: n, k: m)
        }
        return [ga, gb]
    }
}

/// Affine map `x · w + b` in one op: the bias is broadcast into the output
/// buffer and `sgemm` accumulates onto it; the bias gradient is a column sum via
/// `sgemv`. `x` is `[m,k]` (or `[b,m,k]`), `w` is `[k,n]`, `b` is `[n]`.
/// - Throws: ``TensorError/shapeMismatch(op:lhs:rhs:)``.
public func linear(_ x: Variable, _ w: Variable, _ b: Variable?) throws -> Variable {
    let xv = x.value, wv = w.value
    guard wv.rank == 2, xv.rank == 2 || xv.rank == 3 else {
        throw TensorError.unsupportedRank(op: "linear", shape: wv.rank == 2 ? xv.shape : wv.shape, expected: "2")
    }
    let k = xv.shape[xv.rank - 1], n = wv.shape[1], m = xv.shape.dropLast().reduce(1, *)  // not count / k: k may be 0 (no condition features)
    guard wv.shape[0] == k else { throw TensorError.shapeMismatch(op: "linear", lhs: xv.shape, rhs: wv.shape) }
    if let b, b.shape != [n] { throw TensorError.shapeMismatch(op: "linear(bias)", lhs: [m, n], rhs: b.shape) }
    var outShape = xv.shape; outShape[outShape.count - 1] = n
    let bias = b?.value
    let y = Tensor(shape: outShape) { out in
        let o = out.baseAddress!
        if let bias {
            bias.scalars.withUnsafeBufferPointer { bp in
                for r in 0..<m { (o + r &* n).update(from: bp.baseAddress!, count: n) }
            }
        }
        xv.scalars.withUnsafeBufferPointer { xp in
            wv.scalars.withUnsafeBufferPointer { wp in
                BLAS.gemm(transA: false, transB: false, m: m, n: n, k: k, a: xp.baseAddress!, b: wp.baseAddress!,
                          beta: bias == nil ? 0 : 1, c: o)
            }
        }
    }
    let inputs = b.map { [x, w, $0] } ?? [x, w]
    return try Variable.nary(inputs, y, op: "linear") { g, need in
        var out: [Tensor?] = [nil, nil, nil]
        if need[0] { out[0] = Tensor(unchecked: xv.shape, BLAS.matmul(g, wv, transB: true, m: m, n: k, k: n).scalars) }
        if need[1] { out[1] = BLAS.matmul(xv, g, transA: true, m: k, n: n, k: m) }
        if need.count > 2 && need[2] { out[2] = BLAS.columnSums(g, rows: m, cols: n) }
        return Array(out.prefix(need.count))
    }
}
