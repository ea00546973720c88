/// Natural cubic-spline interpolation as fixed linear maps from knot values to
/// values (and derivatives) at fixed evaluation points.
///
/// For knots at fixed positions `t₀ < … < t_{K−1}` and fixed points `s₁ … s_P`,
/// the interpolant's value and slope at each `s_p` are linear in the knot values,
/// so evaluation is a matrix product with a precomputed `[P, K]` basis — cheap,
/// exactly differentiable, and BLAS-backed.
public struct CubicSplineBasis: Sendable {
    /// Knot positions.
    public let knots: [Double]
    /// Evaluation points.
    public let points: [Double]
    /// `[P, K]`: values at the points = `values · knotValues`.
    public let values: Tensor
    /// `[P, K]`: first derivatives at the points = `derivatives · knotValues`.
    public let derivatives: Tensor

    /// Builds the basis of the natural cubic spline (zero second derivative at the ends).
    /// - Throws: ``TensorError/invalidArgument(op:message:)`` unless there are ≥ 2
    ///   strictly increasing knots.
    public init(knots: [Double], points: [Double]) throws {
        let k = knots.count
        guard k >= 2, zip(knots, knots.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw TensorError.invalidArgument(op: "CubicSplineBasis", message: "need ≥ 2 strictly increasing knots, got \(knots)")
        }
        self.knots = knots
        self.points = points
        var vals = [Float](repeating: 0, count: points.count * k)
        var ders = [Float](repeating: 0, count: points.count * k)
        for unit in 0..<k {
            var y = [Double](repeating: 0, count: k); y[unit] = 1
            let m2 = CubicSplineBasis.secondDerivatives(knots, y)
            for (p, s) in points.enumerated() {
                let (v, dv) = CubicSplineBasis.evaluate(knots, y, m2, at: s)
                vals[p * k + unit] = Float(v)
                ders[p * k + unit] = Float(dv)
            }
        }
        self.values = Tensor(unchecked: [points.count, k], vals)
        self.derivatives = Tensor(unchecked: [points.count, k], ders)
    }

    /// Convenience: `knotCount` uniform knots and `pointCount` uniform points on [0, 1].
    public init(uniformKnots knotCount: Int, points pointCount: Int) throws {
        let t = (0..<knotCount).map { Double($0) / Double(max(knotCount - 1, 1)) }
        let s = (0..<pointCount).map { Double($0) / Double(max(pointCount - 1, 1)) }
        try self.init(knots: t, points: s)
    }

    /// Second derivatives at the knots (Thomas algorithm on the natural-spline system).
    static func secondDerivatives(_ t: [Double], _ y: [Double]) -> [Double] {
        let n = t.count
        var m = [Double](repeating: 0, count: n)
        if n < 3 { return m }
        var a = [Double](repeating: 0, count: n), b = a, c = a, r = a
        for i in 1..<(n - 1) {
            let h0 = t[i] - t[i - 1], h1 = t[i + 1] - t[i]
            a[i] = h0 / 6; b[i] = (h0 + h1) / 3; c[i] = h1 / 6
            r[i] = (y[i + 1] - y[i]) / h1 - (y[i] - y[i - 1]) / h0
        }
        for i in 2..<(n - 1) {
            let w = a[i] / b[i - 1]
            b[i] -= w * c[i - 1]; r[i] -= w * r[i - 1]
        }
        for i in stride(from: n - 2, through: 1, by: -1) {
            m[i] = (r[i] - (i + 1 < n - 1 ? c[i] * m[i + 1] : 0)) / b[i]
        }
        return m
    }

    /// Value and slope of the spline at `s` (linear extrapolation of the end cubic outside).
    static func evaluate(_ t: [Double], _ y: [Double], _ m: [Double], at s: Double) -> (Double, Double) {
        var i = 0
        while i < t.count - 2 && s > t[i + 1] { i += 1 }
        let h = t[i + 1] - t[i], a = (t[i + 1] - s) / h, b = (s - t[i]) / h
        let v = a * y[i] + b * y[i + 1] + ((a * a * a - a) * m[i] + (b * b * b - b) * m[i + 1]) * h * h / 6
        let dv = (y[i + 1] - y[i]) / h + (-(3 * a * a - 1) * m[i] + (3 * b * b - 1) * m[i + 1]) * h / 6
        return (v, dv)
    }
}

/// Applies a `[P, K]` spline basis (``CubicSplineBasis/values`` or
/// ``CubicSplineBasis/derivatives``) to knot values `[N, K]` → `[N, P]`, or
/// `[N, K, D]` → `[N, P, D]` (D-dimensional curves).
/// - Throws: ``TensorError/shapeMismatch(op:lhs:rhs:)`` if the knot counts differ.
public func evaluateSpline(_ knotValues: Variable, basis: Tensor) throws -> Variable {
    let s = knotValues.shape
    guard basis.rank == 2, s.count == 2 || s.count == 3, s[1] == basis.shape[1] else {
        throw TensorError.shapeMismatch(op: "evaluateSpline", lhs: s, rhs: basis.shape)
    }
    if s.count == 2 { return try matmul(knotValues, Variable(basis), transposeB: true) }
    let (n, k, d, p) = (s[0], s[1], s[2], basis.shape[0])
    let flat = try reshape(transpose(knotValues, [0, 2, 1]), [n * d, k])
    let out = try reshape(matmul(flat, Variable(basis), transposeB: true), [n, d, p])
    return try transpose(out, [0, 2, 1])
}
