/// NumPy-style broadcasting for ranks ≤ 3, plus its adjoint (summing a gradient
/// back down to an operand's shape).
enum Broadcast {
    /// The broadcast shape of `a` and `b`.
    /// - Throws: ``TensorError/shapeMismatch(op:lhs:rhs:)`` if an axis disagrees.
    static func shape(_ a: [Int], _ b: [Int], op: String) throws -> [Int] {
        let r = max(a.count, b.count)
        guard r <= 3 else { throw TensorError.unsupportedRank(op: op, shape: a.count > b.count ? a : b, expected: "≤ 3") }
        let pa = [Int](repeating: 1, count: r - a.count) + a
        let pb = [Int](repeating: 1, count: r - b.count) + b
        var out = [Int]()
        for (x, y) in Swift.zip(pa, pb) {
            if x == y || y == 1 { out.append(x) } else if x == 1 { out.append(y) }
            else { throw TensorError.shapeMismatch(op: op, lhs: a, rhs: b) }
        }
        return out
    }

    /// `shape` left-padded to rank 3.
    @inline(__always)
    static func pad3(_ s: [Int]) -> (Int, Int, Int) {
        switch s.count {
        case 0: return (1, 1, 1)
        case 1: return (1, 1, s[0])
        case 2: return (1, s[0], s[1])
        default: return (s[s.count - 3], s[s.count - 2], s[s.count - 1])
        }
    }

    /// Rank-3 strides of `s` read at output shape `o` (0 on broadcast axes).
    @inline(__always)
    static func strides(_ s: [Int], for o: (Int, Int, Int)) -> (Int, Int, Int) {
        let (a, b, c) = pad3(s)
        return (a == o.0 ? b &* c : 0, b == o.1 ? c : 0, c == o.2 ? 1 : 0)
    }

    /// `z = f(a, b)` with broadcasting.
    @inline(__always)
    static func binary(_ a: Tensor, _ b: Tensor, op: String, _ f: (Float, Float) -> Float) throws -> Tensor {
        if a.shape == b.shape { return Kernels.zip(a, b, f) }
        let outShape = try shape(a.shape, b.shape, op: op)
        if b.count == 1 {
            let s = b.scalars[0]
            return Kernels.map(a.shape == outShape ? a : expand(a, to: outShape)) { f($0, s) }
        }
        if a.count == 1 {
            let s = a.scalars[0]
            return Kernels.map(b.shape == outShape ? b : expand(b, to: outShape)) { f(s, $0) }
        }
        let o = pad3(outShape)
        let sa = strides(a.shape, for: o), sb = strides(b.shape, for: o)
        return Tensor(shape: outShape) { out in
            a.scalars.withUnsafeBufferPointer { ap in
                b.scalars.withUnsafeBufferPointer { bp in
                    let op = out.baseAddress!, x = ap.baseAddress!, y = bp.baseAddress!
                    let rows = o.0 &* o.1
                    Parallel.forRanges(rows, work: rows &* o.2 &* 2) { r in
                        for row in r {
                            let i = row / o.1, j = row &- i &* o.1
                            let xa = x + (i &* sa.0 &+ j &* sa.1), yb = y + (i &* sb.0 &+ j &* sb.1)
                            let dst = op + row &* o.2
                            if sa.2 == 1 && sb.2 == 1 {
                                for k in 0..<o.2 { dst[k] = f(xa[k], yb[k]) }
                            } else if sa.2 == 1 {
                                let v = yb[0]
                                for k in 0..<o.2 { dst[k] = f(xa[k], v) }
                            } else if sb.2 == 1 {
                                let v = xa[0]
                                for k in 0..<o.2 { dst[k] = f(v, yb[k]) }
                            } else {
                                let v = f(xa[0], yb[0])
                                for k in 0..<o.2 { dst[k] = v }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Materialises `x` broadcast to `shape`.
    static func expand(_ x: Tensor, to shape: [Int]) -> Tensor {
        if x.shape == shape { return x }
        let o = pad3(shape), s = strides(x.shape, for: o)
        return Tensor(shape: shape) { out in
            x.scalars.withUnsafeBufferPointer { xp in
                let src = xp.baseAddress!
                var n = 0
                for i in 0..<o.0 { for j in 0..<o.1 { for k in 0..<o.2 {
                    out[n] = src[i &* s.0 &+ j &* s.1 &+ k &* s.2]; n &+= 1
                } } }
            }
        }
    }

    /// Sums `g` (of a broadcast output shape) down to `shape`: the adjoint of broadcasting.
    static func reduce(_ g: Tensor, to shape: [Int]) -> Tensor {
        if g.shape == shape { return g }
        let o = pad3(g.shape), s = strides(shape, for: o)
        var acc = [Double](repeating: 0, count: shape.reduce(1, *))
        g.scalars.withUnsafeBufferPointer { gp in
            acc.withUnsafeMutableBufferPointer { ap in
                let src = gp.baseAddress!, dst = ap.baseAddress!
                var n = 0
                for i in 0..<o.0 { for j in 0..<o.1 {
                    let base = i &* s.0 &+ j &* s.1
                    if s.2 == 1 {
                        for k in 0..<o.2 { dst[base &+ k] += Double(src[n &+ k]) }
                    } else {
                        var t = 0.0
                        for k in 0..<o.2 { t += Double(src[n &+ k]) }
                        dst[base] += t
                    }
                    n &+= o.2
                } }
            }
        }
        return Tensor(unchecked: shape, acc.map { Float($0) })
    }
}
