/// One FiLM-conditioned hidden layer,
///
///   y = act(γ(c) ⊙ (x·W + b) + β(c)),  γ(c) = 1 + c·W_γ + b_γ,  β(c) = c·W_β + b_β,
///
/// in one matrix product and one pass over the output, on the tape and off it, where
/// the layered ops (``Dense``, ``FiLM``, the activation) make five more passes over
/// `[n, width]` arrays forward and about twice that backward. Sampling pushes 10,000 rows
/// through these layers and training the metric evaluates them on every path point; those
/// passes, not the products, were most of the time.
///
/// Rows of `c` usually repeat (one row per class, or a single row when there are
/// no conditions), so γ and β are computed once per distinct row when there are
/// few of them (and `c` needs no gradient); otherwise with one product each, as usual.
/// The backward pass needs no such lookup: the gradients of W_γ and W_β are `cᵀ·(…)`
/// products over all rows, which cost `n·f·width` for `f` condition features.
enum ModulatedLinear {
    /// At most this many distinct condition rows are looked up; beyond, γ and β are computed per row.
    static let distinctRowLimit = 64

    /// The layer's parameters, as tape variables (constants off the tape).
    struct Weights {
        var kernel: Variable, bias: Variable
        var gammaKernel: Variable, gammaBias: Variable
        var betaKernel: Variable, betaBias: Variable
    }

    /// `act` must be one the pass knows (identity, ReLU, leaky ReLU); the caller checks ``supports(_:)``.
    static func apply(_ x: Variable, condition c: Variable, _ w: Weights, activation: Activation) throws -> Variable {
        let xv = x.value, cv = c.value
        let wv = w.kernel.value, gk = w.gammaKernel.value, bk = w.betaKernel.value
        guard xv.rank == 2, cv.rank == 2, wv.rank == 2 else {
            throw TensorError.unsupportedRank(op: "modulatedLinear", shape: xv.rank == 2 ? cv.shape : xv.shape, expected: "2")
        }
        let n = xv.shape[0], k = xv.shape[1], width = wv.shape[1], f = cv.shape[1]
        guard wv.shape[0] == k, cv.shape[0] == n, gk.shape == [f, width], bk.shape == [f, width],
              w.bias.shape == [width], w.gammaBias.shape == [width], w.betaBias.shape == [width] else {
            throw TensorError.shapeMismatch(op: "modulatedLinear", lhs: xv.shape, rhs: wv.shape)
        }
        // A condition that needs its own gradient is kept row by row (the lookup would sum rows).
        let (distinct, rowOf) = c.isTracked ? (nil, []) : distinctRows(cv, count: n, width: f)
        let table = distinct ?? cv
        var gamma = try linear(Variable(table), Variable(gk), Variable(w.gammaBias.value)).value
        let beta = try linear(Variable(table), Variable(bk), Variable(w.betaBias.value)).value
        gamma.scalars.withUnsafeMutableBufferPointer { g in for i in 0..<g.count { g[i] += 1 } }
        let slope = ModulatedLinear.slope(activation)
        func modulate(_ y: inout Tensor) {
            y.scalars.withUnsafeMutableBufferPointer { yp in
                gamma.scalars.withUnsafeBufferPointer { gp in
                    beta.scalars.withUnsafeBufferPointer { bp in
                        let out = yp.baseAddress!, g = gp.baseAddress!, b = bp.baseAddress!
                        Parallel.forRanges(n, work: n &* width) { range in
                            for i in range {
                                let row = out + i &* width
                                let source = (rowOf.isEmpty ? i : Int(rowOf[i])) &* width
                                let gi = g + source, bi = b + source
                                for j in 0..<width {
                                    let v = gi[j] * row[j] + bi[j]
                                    row[j] = v > 0 ? v : slope * v
                                }
                            }
                        }
                    }
                }
            }
        }
        var y = try linear(Variable(xv), Variable(wv), Variable(w.bias.value)).value
        let inputs = [x, c, w.kernel, w.bias, w.gammaKernel, w.gammaBias, w.betaKernel, w.betaBias]
        guard inputs.contains(where: \.isTracked) else {
            modulate(&y)  // in place: nothing keeps the product
            return Variable(y)
        }
        let z = y  // the product before modulation, kept for the backward pass (`y` copies on write)
        modulate(&y)
        return try Variable.nary(inputs, y, op: "modulatedLinear") { gy, need in
            // One pass: gu = ∂L/∂(γ⊙z+β), p = gu ⊙ z (for γ), gz = gu ⊙ γ (for x, W, b).
            // Every element is written by the pass below, so the buffers start uninitialised.
            func buffer() -> [Float] { [Float](unsafeUninitializedCapacity: n &* width) { _, count in count = n &* width } }
            var gu = buffer(), p = buffer(), gz = buffer()
            gy.scalars.withUnsafeBufferPointer { gyp in
                z.scalars.withUnsafeBufferPointer { zp in
                    gamma.scalars.withUnsafeBufferPointer { gp in
                        beta.scalars.withUnsafeBufferPointer { bp in
                            gu.withUnsafeMutableBufferPointer { gup in
                                p.withUnsafeMutableBufferPointer { pp in
                                    gz.withUnsafeMutableBufferPointer { gzp in
                                        let dy = gyp.baseAddress!, zz = zp.baseAddress!, g = gp.baseAddress!, b = bp.baseAddress!
                                        let u = gup.baseAddress!, pz = pp.baseAddress!, dz = gzp.baseAddress!
                                        Parallel.forRanges(n, work: n &* width) { range in
                                            for i in range {
                                                let at = i &* width
                                                let source = (rowOf.isEmpty ? i : Int(rowOf[i])) &* width
                                                for j in 0..<width {
                                                    let zij = zz[at &+ j], gj = g[source &+ j]
                                                    let pre = gj * zij + b[source &+ j]
                                                    let d = dy[at &+ j] * (pre > 0 ? 1 : slope)
                                                    u[at &+ j] = d
                                                    pz[at &+ j] = d * zij
                                                    dz[at &+ j] = d * gj
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            let guT = Tensor(unchecked: [n, width], gu), pT = Tensor(unchecked: [n, width], p), gzT = Tensor(unchecked: [n, width], gz)
            var out = [Tensor?](repeating: nil, count: 8)
            if need[0] { out[0] = BLAS.matmul(gzT, wv, transB: true, m: n, n: k, k: width) }
            if need[1] {
                var dc = BLAS.matmul(pT, gk, transB: true, m: n, n: f, k: width)
                let fromBeta = BLAS.matmul(guT, bk, transB: true, m: n, n: f, k: width)
                dc.scalars.withUnsafeMutableBufferPointer { d in
                    fromBeta.scalars.withUnsafeBufferPointer { e in for i in 0..<d.count { d[i] += e[i] } }
                }
                out[1] = dc
            }
            if need[2] { out[2] = BLAS.matmul(xv, gzT, transA: true, m: k, n: width, k: n) }
            if need[3] { out[3] = BLAS.columnSums(gzT, rows: n, cols: width) }
            if need[4] { out[4] = BLAS.matmul(cv, pT, transA: true, m: f, n: width, k: n) }
            if need[5] { out[5] = BLAS.columnSums(pT, rows: n, cols: width) }
            if need[6] { out[6] = BLAS.matmul(cv, guT, transA: true, m: f, n: width, k: n) }
            if need[7] { out[7] = BLAS.columnSums(guT, rows: n, cols: width) }
            return out
        }
    }

    /// The slope below zero: 0 for ReLU, 1 for the identity.
    private static func slope(_ activation: Activation) -> Float {
        switch activation {
        case .relu: return 0
        case .leakyRelu(let s): return s
        default: return 1
        }
    }

    /// Whether ``apply(_:condition:_:activation:)`` can fuse `activation`.
    static func supports(_ activation: Activation) -> Bool {
        switch activation {
        case .identity, .relu, .leakyRelu: return true
        default: return false
        }
    }

    /// The distinct rows of `c` [count, width] and each row's index among them,
    /// or nil and [] when there are more than ``distinctRowLimit``.
    static func distinctRows(_ c: Tensor, count: Int, width: Int) -> (Tensor?, [Int32]) {
        var distinct: [Float] = []
        var rowOf = [Int32](repeating: 0, count: count)
        var distinctCount = 0
        let found: Bool = c.scalars.withUnsafeBufferPointer { cp in
            func same(_ i: Int, asDistinct d: Int) -> Bool {
                for j in 0..<width where cp[i &* width &+ j].bitPattern != distinct[d &* width &+ j].bitPattern { return false }
                return true
            }
            var last = -1
            for i in 0..<count {
                // Consecutive rows usually repeat (samples are grouped by class): check the last match first.
                if last >= 0 && same(i, asDistinct: last) { rowOf[i] = Int32(last); continue }
                var match = -1
                for d in 0..<distinctCount where same(i, asDistinct: d) { match = d; break }
                if match < 0 {
                    guard distinctCount < distinctRowLimit else { return false }
                    distinct.append(contentsOf: cp[(i &* width)..<(i &* width &+ width)])
                    match = distinctCount
                    distinctCount += 1
                }
                rowOf[i] = Int32(match)
                last = match
            }
            return true
        }
        return found ? (Tensor(unchecked: [distinctCount, width], distinct), rowOf) : (nil, [])
    }
}
