import Foundation

/// Rows of `x` minus the column means of `y` (both `[·, d]`): distances are
/// translation-invariant, and centring reduces cancellation in `|x|²+|y|²−2x·y`.
private func centred(_ x: Tensor, _ y: Tensor) -> (Tensor, Tensor) {
    let d = y.shape[1], m = y.shape[0]
    var c = [Float](repeating: 0, count: d)
    for j in 0..<d {
        var s = 0.0
        for i in 0..<m { s += Double(y.scalars[i * d + j]) }
        c[j] = m > 0 ? Float(s / Double(m)) : 0
    }
    let ct = Tensor(c)
    return (try! Broadcast.binary(x, ct, op: "") { $0 - $1 }, try! Broadcast.binary(y, ct, op: "") { $0 - $1 })
}

/// Squared row norms of a `[n, d]` tensor.
private func rowNorms(_ x: Tensor) -> [Float] {
    let d = x.shape[1]
    return (0..<x.shape[0]).map { i in
        var s: Float = 0
        for k in 0..<d { let v = x.scalars[i * d + k]; s += v * v }
        return s
    }
}

private func checkPair(_ x: [Int], _ y: [Int], op: String) throws {
    guard x.count == 2, y.count == 2, x[1] == y[1] else {
        throw TensorError.shapeMismatch(op: op, lhs: x, rhs: y)
    }
}

/// Pairwise squared Euclidean distances `D[i,j] = |xᵢ − yⱼ|²` for `x: [n,d]`,
/// `y: [m,d]`, via one `sgemm` (`|x|² + |y|² − 2·x·yᵀ`, clamped at 0).
/// Materialises `[n,m]`; for KDE over many points use ``gaussianKDELogDensity(_:data:bandwidth:chunkSize:)``.
public func pairwiseSquaredDistances(_ x: Variable, _ y: Variable) throws -> Variable {
    try checkPair(x.shape, y.shape, op: "pairwiseSquaredDistances")
    let (xc, yc) = centred(x.value, y.value)
    let n = xc.shape[0], m = yc.shape[0], d = xc.shape[1]
    let xn = rowNorms(xc), yn = rowNorms(yc)
    var dist = BLAS.matmul(xc, yc, transB: true, m: n, n: m, k: d)
    dist.scalars.withUnsafeMutableBufferPointer { dp in
        for i in 0..<n { for j in 0..<m {
            dp[i &* m &+ j] = Swift.max(0, xn[i] + yn[j] - 2 * dp[i &* m &+ j])
        } }
    }
    return try Variable.nary([x, y], dist, op: "pairwiseSquaredDistances") { g, need in
        // dX = 2(rowsum(G)·xc − G·yc), dY = 2(colsum(G)·yc − Gᵀ·xc)
        var out: [Tensor?] = [nil, nil]
        if need[0] {
            let gy = BLAS.matmul(g, yc, m: n, n: d, k: m)
            let rs = Broadcast.reduce(g, to: [n, 1])
            out[0] = Tensor(shape: [n, d]) { o in
                for i in 0..<n { for k in 0..<d { o[i * d + k] = 2 * (rs.scalars[i] * xc.scalars[i * d + k] - gy.scalars[i * d + k]) } }
            }
        }
        if need[1] {
            let gx = BLAS.matmul(g, xc, transA: true, m: m, n: d, k: n)
            let cs = Broadcast.reduce(g, to: [1, m])
            out[1] = Tensor(shape: [m, d]) { o in
                for j in 0..<m { for k in 0..<d { o[j * d + k] = 2 * (cs.scalars[j] * yc.scalars[j * d + k] - gx.scalars[j * d + k]) } }
            }
        }
        return out
    }
}

/// Gaussian kernel density estimate, as a log-density at each query point:
/// `log p(xᵢ) = logΣⱼ exp(−|xᵢ−yⱼ|²/2h²) − log m − (d/2)·log(2πh²)`.
///
/// Memory-bounded: queries are processed `chunkSize` rows at a time, so only a
/// `[chunkSize, m]` block of distances ever exists, in the forward and in the
/// backward pass (which recomputes the block). Differentiable with respect to
/// the queries (the data are constants). Log-sum-exp is accumulated in Double.
/// - Parameters:
///   - queries: `[n, d]` query points.
///   - data: `[m, d]` sample points.
///   - bandwidth: the kernel standard deviation `h`.
/// - Returns: `[n]` log-densities.
public func gaussianKDELogDensity(_ queries: Variable, data: Tensor, bandwidth: Float,
                                  chunkSize: Int = 256) throws -> Variable {
    try checkPair(queries.shape, data.shape, op: "gaussianKDELogDensity")
    guard bandwidth > 0, chunkSize > 0 else {
        throw TensorError.invalidArgument(op: "gaussianKDELogDensity", message: "bandwidth and chunkSize must be positive")
    }
    let (xc, yc) = centred(queries.value, data)
    let n = xc.shape[0], m = yc.shape[0], d = xc.shape[1]
    let yn = rowNorms(yc), xn = rowNorms(xc)
    let scale = -1 / (2 * bandwidth * bandwidth)
    let constant = Float(-Foundation.log(Double(m)) - Double(d) / 2 * Foundation.log(2 * Double.pi * Double(bandwidth * bandwidth)))

    /// Fills `block` ([rows, m]) with the logits −D/2h² for query rows `lo..<lo+rows`.
    func logits(_ lo: Int, _ rows: Int, _ block: UnsafeMutablePointer<Float>) {
        xc.scalars.withUnsafeBufferPointer { xp in
            yc.scalars.withUnsafeBufferPointer { yp in
                BLAS.gemm(transA: false, transB: true, m: rows, n: m, k: d, a: xp.baseAddress! + lo &* d,
                          b: yp.baseAddress!, beta: 0, c: block)
            }
        }
        Parallel.forRanges(rows, work: rows &* m &* 4) { r in
            for i in r {
                let row = block + i &* m, xi = xn[lo &+ i]
                for j in 0..<m { row[j] = scale * Swift.max(0, xi + yn[j] - 2 * row[j]) }
            }
        }
    }

    var block = [Float](repeating: 0, count: min(chunkSize, max(n, 1)) * m)
    var lse = [Float](repeating: 0, count: n)
    block.withUnsafeMutableBufferPointer { bp in
        for lo in stride(from: 0, to: n, by: chunkSize) {
            let rows = min(chunkSize, n - lo)
            logits(lo, rows, bp.baseAddress!)
            let b = bp.baseAddress!
            for i in 0..<rows {
                let row = b + i &* m
                var mx = -Float.infinity
                for j in 0..<m { mx = Swift.max(mx, row[j]) }
                var s = 0.0
                for j in 0..<m { s += Double(Foundation.exp(row[j] - mx)) }
                lse[lo + i] = mx + Float(Foundation.log(s))
            }
        }
    }
    let value = Tensor(unchecked: [n], lse.map { $0 + constant })
    return Variable.unary(queries, value) { g in
        // ∂/∂xᵢ = −gᵢ/h² · (xᵢ − Σⱼ wᵢⱼ yⱼ), with wᵢⱼ = exp(logitᵢⱼ − lseᵢ)
        var block = [Float](repeating: 0, count: min(chunkSize, max(n, 1)) * m)
        var wy = [Float](repeating: 0, count: min(chunkSize, max(n, 1)) * d)
        let inv = 1 / (bandwidth * bandwidth)
        return Tensor(shape: [n, d]) { out in
            block.withUnsafeMutableBufferPointer { bp in
                wy.withUnsafeMutableBufferPointer { wp in
                    for lo in stride(from: 0, to: n, by: chunkSize) {
                        let rows = min(chunkSize, n - lo)
                        let b = bp.baseAddress!
                        logits(lo, rows, b)
                        for i in 0..<rows {
                            let row = b + i &* m, l = lse[lo + i]
                            for j in 0..<m { row[j] = Foundation.exp(row[j] - l) }
                        }
                        yc.scalars.withUnsafeBufferPointer { yp in
                            BLAS.gemm(transA: false, transB: false, m: rows, n: d, k: m, a: b, b: yp.baseAddress!,
                                      beta: 0, c: wp.baseAddress!)
                        }
                        for i in 0..<rows { for k in 0..<d {
                            let q = lo + i
                            out[q * d + k] = -g.scalars[q] * inv * (xc.scalars[q * d + k] - wp[i * d + k])
                        } }
                    }
                }
            }
        }
    }
}
