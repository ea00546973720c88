import Foundation

/// The scale on which a hyperparameter moves evenly: sampling at λ between anchors λ_k and
/// λ_{k+1} reads each path at the fraction (φ(λ) − φ(λ_k)) / (φ(λ_{k+1}) − φ(λ_k)) of its way,
/// with φ this scale. The paths themselves do not depend on it (the fit sees only the anchors'
/// order), so the scale is the model's one assumption about *pace*: two anchors say where an
/// output starts and ends, never how fast it moves in between.
///
/// `linear` is the paper's choice (and the default). The others are the usual scales of their
/// kind of hyperparameter: `log` for rates and weights spanning decades, `logit` and `probit`
/// for probabilities and quantile levels — a location-scale forecaster's τ-quantile is
/// μ + σ·F⁻¹(τ), a straight line in F⁻¹(τ) (logit for a logistic F, probit for a Gaussian),
/// not in τ (benchmarks/quality.md, "ETT: the quantile scale").
public enum LambdaScale: String, Sendable, Equatable, Codable, CaseIterable {
    case linear
    case log
    case logit
    case probit

    /// The names `fit … scale=` accepts, for help and errors.
    public static var names: [String] { allCases.map(\.rawValue) }

    /// Where λ lies on this scale; nil where the scale is not defined there (see `domain`).
    public func position(of lambda: Double) -> Double? {
        guard lambda.isFinite else { return nil }
        switch self {
        case .linear:
            return lambda
        case .log:
            return lambda > 0 ? Foundation.log(lambda) : nil
        case .logit:
            return lambda > 0 && lambda < 1 ? Foundation.log(lambda) - Foundation.log1p(-lambda) : nil
        case .probit:
            return lambda > 0 && lambda < 1 ? StandardNormal.quantile(lambda) : nil
        }
    }

    /// The λ this scale is defined for, in words (for errors).
    public var domain: String {
        switch self {
        case .linear: return "any λ"
        case .log: return "λ > 0"
        case .logit, .probit: return "0 < λ < 1"
        }
    }

    /// How far λ lies from `from` to `to` on this scale: 0 at `from`, 1 at `to`. Every λ
    /// a model samples lies between two anchors, which `requireDefined` has checked, so
    /// the positions exist; a λ outside the domain reads as the nearer end.
    public func fraction(of lambda: Double, from: Double, to: Double) -> Double {
        guard let a = position(of: from), let b = position(of: to), b > a else {
            return to > from ? (lambda - from) / (to - from) : 0
        }
        guard let x = position(of: lambda) else { return lambda <= from ? 0 : 1 }
        return min(1, max(0, (x - a) / (b - a)))
    }

    /// Throws `FitError.invalidSetting` when an anchor lies outside this scale's domain
    /// (a log scale with λ = 0, a probit scale with λ = 1).
    public func requireDefined(at lambdas: [Double]) throws {
        if let bad = lambdas.first(where: { position(of: $0) == nil }) {
            throw FitError.invalidSetting("scale=\(rawValue) needs \(domain), but the data has an anchor at λ = "
                                          + "\(MarginalsError.format(bad)); use scale=linear or another scale")
        }
    }
}

/// The standard normal distribution's quantile function Φ⁻¹, which neither Foundation nor
/// swift-numerics provides (both have erf and erfc only). Written here from the textbook
/// method: Acklam's rational approximation (relative error below 1.2e-9), then one Halley
/// step on Φ(x) − p with Foundation's erfc, which brings it to double precision.
enum StandardNormal {
    static func quantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "Φ⁻¹ is defined on (0, 1)")
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                 -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        let x: Double
        if p < low || p > 1 - low {
            // The tails: a rational function of √(−2 log q), q the nearer tail's mass.
            let q = (-2 * Foundation.log(min(p, 1 - p))).squareRoot()
            let tail = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
            x = p < low ? tail : -tail
        } else {
            let q = p - 0.5, r = q * q
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        }
        // Halley's step: e = Φ(x) − p, u = e / φ(x). Far in the tails (p below ~1e-300) φ(x)
        // underflows and the step is not finite; the approximation alone is kept there.
        let e = 0.5 * erfc(-x / 2.0.squareRoot()) - p
        let u = e * (2 * Double.pi).squareRoot() * Foundation.exp(x * x / 2)
        let refined = x - u / (1 + x * u / 2)
        return refined.isFinite ? refined : x
    }
}
