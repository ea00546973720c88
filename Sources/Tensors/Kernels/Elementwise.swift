/// Elementwise and reduction kernels over contiguous Float32 storage.
///
/// Loops run on unsafe buffers with wrapping index arithmetic so the compiler can
/// vectorise them; large loops are split over cores with fixed chunks.
enum Kernels {
    /// `y[i] = f(x[i])`.
    @inline(__always)
    static func map(_ x: Tensor, _ f: (Float) -> Float) -> Tensor {
        let n = x.count
        return Tensor(shape: x.shape) { out in
            x.scalars.withUnsafeBufferPointer { xp in
                let o = out.baseAddress!, xs = xp.baseAddress!
                Parallel.forRanges(n, work: n) { r in
                    for i in r { o[i] = f(xs[i]) }
                }
            }
        }
    }

    /// `z[i] = f(x[i], y[i])` for equally shaped tensors.
    @inline(__always)
    static func zip(_ x: Tensor, _ y: Tensor, _ f: (Float, Float) -> Float) -> Tensor {
        let n = x.count
        return Tensor(shape: x.shape) { out in
            x.scalars.withUnsafeBufferPointer { xp in
                y.scalars.withUnsafeBufferPointer { yp in
                    let o = out.baseAddress!, xs = xp.baseAddress!, ys = yp.baseAddress!
                    Parallel.forRanges(n, work: n) { r in
                        for i in r { o[i] = f(xs[i], ys[i]) }
                    }
                }
            }
        }
    }

    /// `w[i] = f(x[i], y[i], z[i])` for equally shaped tensors.
    @inline(__always)
    static func zip3(_ x: Tensor, _ y: Tensor, _ z: Tensor, _ f: (Float, Float, Float) -> Float) -> Tensor {
        let n = x.count
        return Tensor(shape: x.shape) { out in
            x.scalars.withUnsafeBufferPointer { xp in
                y.scalars.withUnsafeBufferPointer { yp in
                    z.scalars.withUnsafeBufferPointer { zp in
                        let o = out.baseAddress!, xs = xp.baseAddress!, ys = yp.baseAddress!, zs = zp.baseAddress!
                        Parallel.forRanges(n, work: n) { r in
                            for i in r { o[i] = f(xs[i], ys[i], zs[i]) }
                        }
                    }
                }
            }
        }
    }

    /// `acc += x`, in place (shapes must match).
    static func addInPlace(_ acc: inout Tensor, _ x: Tensor) {
        let n = acc.count
        acc.scalars.withUnsafeMutableBufferPointer { ap in
            x.scalars.withUnsafeBufferPointer { xp in
                let a = ap.baseAddress!, xs = xp.baseAddress!
                Parallel.forRanges(n, work: n) { r in
                    for i in r { a[i] += xs[i] }
                }
            }
        }
    }

    /// Scalars per partial sum in ``sum(_:)``: fixed, so the summation order never
    /// depends on the number of cores.
    static let sumBlock = 1 << 14

    /// Sum of all scalars, accumulated in Double in a fixed order.
    static func sum(_ x: UnsafeBufferPointer<Float>) -> Double {
        let n = x.count
        let blocks = (n + sumBlock - 1) / sumBlock
        if blocks <= 1 { return sumSerial(x.baseAddress!, n) }
        var partial = [Double](repeating: 0, count: blocks)
        partial.withUnsafeMutableBufferPointer { pp in
            let p = pp.baseAddress!, base = x.baseAddress!
            Parallel.forRanges(blocks, work: n) { r in
                for b in r {
                    let lo = b &* sumBlock
                    p[b] = sumSerial(base + lo, Swift.min(sumBlock, n &- lo))
                }
            }
        }
        return partial.reduce(0, +)
    }

    /// Sum of `f(x[i])` in Double with four interleaved accumulators.
    @inline(__always)
    static func sumSerial(_ x: UnsafePointer<Float>, _ n: Int) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var i = 0
        while i &+ 4 <= n {
            s0 += Double(x[i]); s1 += Double(x[i &+ 1]); s2 += Double(x[i &+ 2]); s3 += Double(x[i &+ 3])
            i &+= 4
        }
        while i < n { s0 += Double(x[i]); i &+= 1 }
        return (s0 + s1) + (s2 + s3)
    }

    /// Sum of squares in Double, fixed order.
    static func sumOfSquares(_ x: [Float]) -> Double {
        x.withUnsafeBufferPointer { xp in
            var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
            let p = xp.baseAddress!, n = xp.count
            var i = 0
            while i &+ 4 <= n {
                let a = Double(p[i]), b = Double(p[i &+ 1]), c = Double(p[i &+ 2]), d = Double(p[i &+ 3])
                s0 += a * a; s1 += b * b; s2 += c * c; s3 += d * d
                i &+= 4
            }
            while i < n { let a = Double(p[i]); s0 += a * a; i &+= 1 }
            return (s0 + s1) + (s2 + s3)
        }
    }
}
