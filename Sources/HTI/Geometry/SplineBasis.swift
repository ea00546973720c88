/// Paths from x to y as the straight line plus a natural cubic spline
/// perturbation that vanishes at both ends:
///
///   q(s) = (1 − s)·x + s·y + Σ_k φ_k(s)·w_k,   s ∈ [0, 1]
///
/// where the w_k ∈ R^D are free knot offsets at s_k = k/(K+1) and φ_k is the
/// natural cubic spline through e_k (zero at the ends). Since q is linear in
/// the knots, a path at fixed points is a product with a fixed basis matrix —
/// no per-path solve, and trivially differentiable.
public struct SplineBasis: Sendable, Equatable {
    public let knots: Int
    /// The evaluation points s_j, 0 = s_0 < … < s_{P−1} = 1.
    public let times: [Double]
    /// points × knots, row-major: φ_k(s_j).
    public let matrix: [Float]

    public init(knots: Int, points: Int) {
        precondition(knots >= 1 && points >= 2, "SplineBasis needs at least one knot and two points")
        self.knots = knots
        times = (0..<points).map { Double($0) / Double(points - 1) }
        var matrix = [Float](repeating: 0, count: points * knots)
        for k in 0..<knots {
            let column = SplineBasis.naturalSpline(knotCount: knots, unit: k)
            for (j, s) in times.enumerated() { matrix[j * knots + k] = Float(column(s)) }
        }
        self.matrix = matrix
    }

    /// φ_k(s) for each knot at one arbitrary s (for sampling between evaluation points).
    public func row(at s: Double) -> [Float] {
        (0..<knots).map { Float(SplineBasis.naturalSpline(knotCount: knots, unit: $0)(min(1, max(0, s)))) }
    }

    /// The natural cubic spline through (0,0), (s_k, δ_{k,unit}), (1,0) at knots s_k = k/(K+1).
    static func naturalSpline(knotCount: Int, unit: Int) -> (Double) -> Double {
        let n = knotCount + 2
        let step = 1 / Double(n - 1)
        var values = [Double](repeating: 0, count: n)
        values[unit + 1] = 1
        // Second derivatives M_i with M_0 = M_{n−1} = 0; uniform spacing gives
        // M_{i−1} + 4 M_i + M_{i+1} = 6 (v_{i+1} − 2 v_i + v_{i−1}) / h².
        var diagonal = [Double](repeating: 4, count: n)
        var rhs = [Double](repeating: 0, count: n)
        for i in 1..<(n - 1) { rhs[i] = 6 * (values[i + 1] - 2 * values[i] + values[i - 1]) / (step * step) }
        var second = [Double](repeating: 0, count: n)
        if n > 2 {
            // Thomas algorithm on the interior rows (sub- and super-diagonals are 1).
            for i in 2..<(n - 1) {
                let factor = 1 / diagonal[i - 1]
                diagonal[i] -= factor
                rhs[i] -= factor * rhs[i - 1]
            }
            second[n - 2] = rhs[n - 2] / diagonal[n - 2]
            if n > 3 {
                for i in stride(from: n - 3, through: 1, by: -1) { second[i] = (rhs[i] - second[i + 1]) / diagonal[i] }
            }
        }
        return { s in
            let i = min(n - 2, max(0, Int(s / step)))
            let a = Double(i + 1) * step - s, b = s - Double(i) * step
            return (second[i] * a * a * a + second[i + 1] * b * b * b) / (6 * step)
                + (values[i] / step - second[i] * step / 6) * a + (values[i + 1] / step - second[i + 1] * step / 6) * b
        }
    }
}
