import Foundation

/// The true conditional density of the semicircle data (METHOD.md): arc c
/// has centre (−1,0), (−1,0), (1,0), (1,0) and mean angle πt, −πt, π−πt, −π+πt
/// at time t; angle ~ von Mises(mean, κ = 5), radius ~ lognormal(0, 0.05).
public enum SemicircleTruth {
    public static let concentration = 5.0
    public static let radiusSpread = 0.05

    public static func centre(arc: Int) -> (Double, Double) { arc < 2 ? (-1, 0) : (1, 0) }

    public static func meanAngle(arc: Int, t: Double) -> Double {
        switch arc {
        case 0: return Double.pi * t
        case 1: return -Double.pi * t
        case 2: return Double.pi - Double.pi * t
        default: return -Double.pi + Double.pi * t
        }
    }

    /// log p(y | arc, t) in Cartesian coordinates (the 1/r Jacobian included).
    public static func logDensity(x: Double, y: Double, arc: Int, t: Double) -> Double {
        let (cx, cy) = centre(arc: arc)
        let dx = x - cx, dy = y - cy
        let r = max((dx * dx + dy * dy).squareRoot(), 1e-12)
        let angle = atan2(dy, dx)
        let vonMises = concentration * cos(angle - meanAngle(arc: arc, t: t)) - log(2 * Double.pi * besselI0(concentration))
        let s = radiusSpread
        let logR = log(r)
        let logNormal = -logR - log(s * (2 * Double.pi).squareRoot()) - logR * logR / (2 * s * s)
        return vonMises + logNormal - logR
    }

    /// Mean negative log-likelihood of samples of one arc at time t.
    public static func negativeLogLikelihood(_ points: PointSet, arc: Int, t: Double) -> Double {
        precondition(points.dimension == 2)
        var total = 0.0
        for i in 0..<points.count {
            total -= logDensity(x: Double(points.values[2 * i]), y: Double(points.values[2 * i + 1]), arc: arc, t: t)
        }
        return total / Double(max(1, points.count))
    }

    /// Mean |‖y − centre‖ − 1|: how far samples fall from their arc's circle.
    public static func circleDeviation(_ points: PointSet, arc: Int) -> Double {
        let (cx, cy) = centre(arc: arc)
        var total = 0.0
        for i in 0..<points.count {
            let dx = Double(points.values[2 * i]) - cx, dy = Double(points.values[2 * i + 1]) - cy
            total += abs((dx * dx + dy * dy).squareRoot() - 1)
        }
        return total / Double(max(1, points.count))
    }

    /// Modified Bessel function I0 by its power series (converges fast for moderate κ).
    static func besselI0(_ x: Double) -> Double {
        var sum = 1.0, term = 1.0
        let quarter = x * x / 4
        for k in 1..<60 {
            term *= quarter / Double(k * k)
            sum += term
            if term < sum * 1e-17 { break }
        }
        return sum
    }

    /// Draws samples from the true density (for tests and baselines), deterministic in `seed`.
    public static func sample(count: Int, arc: Int, t: Double, seed: UInt64) -> PointSet {
        var rng = SplitMix(seed: seed)
        var values: [Float] = []
        let (cx, cy) = centre(arc: arc)
        let mean = meanAngle(arc: arc, t: t)
        for _ in 0..<count {
            let angle = mean + rng.vonMises(kappa: concentration)
            let radius = exp(radiusSpread * rng.normal())
            values += [Float(cx + radius * cos(angle)), Float(cy + radius * sin(angle))]
        }
        return PointSet(values: values, dimension: 2)
    }
}

/// A small deterministic generator for test data and baselines (SplitMix64).
struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in (0, 1).
    mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / Double(1 << 53) }

    mutating func normal() -> Double {
        (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
    }

    /// Best–Fisher rejection sampler for the von Mises distribution around 0.
    mutating func vonMises(kappa: Double) -> Double {
        let tau = 1 + (1 + 4 * kappa * kappa).squareRoot()
        let rho = (tau - (2 * tau).squareRoot()) / (2 * kappa)
        let r = (1 + rho * rho) / (2 * rho)
        while true {
            let z = cos(Double.pi * uniform())
            let f = (1 + r * z) / (r + z)
            let c = kappa * (r - f)
            let u2 = uniform()
            if c * (2 - c) - u2 > 0 || log(c / u2) + 1 - c >= 0 {
                return (uniform() > 0.5 ? 1 : -1) * acos(f)
            }
        }
    }
}
