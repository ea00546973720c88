/// The inference fast path of one FiLM-conditioned hidden layer,
///
///   y = act(γ(c) ⊙ (x·W + b) + β(c)),  γ(c) = 1 + c·W_γ + b_γ,  β(c) = c·W_β + b_β,
///
/// in one matrix product and one pass over the output, where the taped path
/// (``Dense``, ``FiLM``, the activation) makes five more passes over `[n, width]`
/// arrays. Sampling pushes 10,000 rows through these layers, and those passes,
/// not the products, were most of its time.
///
/// Rows of `c` usually repeat (one row per class, or a single row when there are
/// no conditions), so γ and β are computed once per distinct row when there are
/// few of them; otherwise with one product each, as usual.
enum ModulatedLinear {
    /// At most this many distinct condition rows are looked up; beyond, γ and β are computed per row.
    static let distinctRowLimit = 64

    struct Weights {
        var kernel: Tensor, bias: Tensor
        var gammaKernel: Tensor, gammaBias: Tensor
        var betaKernel: Tensor, betaBias: Tensor
    }

    /// `act` must be one the pass knows (identity, ReLU, leaky ReLU); the caller checks ``supports(_:)``.
    static func apply(_ x: Tensor, condition c: Tensor, _ w: Weights, activation: Activation) throws -> Tensor {
        let n = x.shape[0], k = x.shape[1], width = w.kernel.shape[1], f = c.shape[1]
        guard w.kernel.shape[0] == k, c.shape[0] == n, w.gammaKernel.shape == [f, width], w.betaKernel.shape == [f, width],
              w.bias.shape == [width], w.gammaBias.shape == [width], w.betaBias.shape == [width] else {
            throw TensorError.shapeMismatch(op: "modulatedLinear", lhs: x.shape, rhs: w.kernel.shape)
        }
        let (distinct, rowOf) = distinctRows(c, count: n, width: f)
        let table = distinct ?? c
        var gamma = try linear(Variable(table), Variable(w.gammaKernel), Variable(w.gammaBias)).value
        let beta = try linear(Variable(table), Variable(w.betaKernel), Variable(w.betaBias)).value
        gamma.scalars.withUnsafeMutableBufferPointer { g in for i in 0..<g.count { g[i] += 1 } }
        var y = try linear(Variable(x), Variable(w.kernel), Variable(w.bias)).value
        let slope: Float
        switch activation {
        case .relu: slope = 0
        case .leakyRelu(let s): slope = s
        default: slope = 1
        }
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
        return y
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
