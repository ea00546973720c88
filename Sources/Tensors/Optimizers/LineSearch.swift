/// Step-length rules for ``LBFGS``.
public enum LineSearch: Sendable, Equatable {
    /// Strong Wolfe conditions (sufficient decrease `c1`, curvature `c2`), with
    /// bracketing and cubic-interpolation zoom (Nocedal & Wright, Alg. 3.5–3.6).
    case strongWolfe(c1: Double = 1e-4, c2: Double = 0.9)
    /// Armijo backtracking: shrink the step by `shrink` until sufficient decrease.
    case backtracking(c1: Double = 1e-4, shrink: Double = 0.5)
}

/// One evaluated trial point of a line search.
struct LineSearchPoint {
    var alpha: Double
    var value: Double
    var gradient: [Double]
    var slope: Double
}

enum LineSearchKernel {
    /// Minimiser of the cubic through `(a, fa, da)`, `(b, fb, db)`, safeguarded
    /// to the inner 80% of the interval (bisection when the cubic is degenerate).
    static func cubic(_ a: Double, _ fa: Double, _ da: Double, _ b: Double, _ fb: Double, _ db: Double) -> Double {
        let lo = min(a, b), hi = max(a, b), w = hi - lo
        let d1 = da + db - 3 * (fa - fb) / (a - b)
        let disc = d1 * d1 - da * db
        var x = (a + b) / 2
        if disc >= 0 {
            let d2 = (b > a ? 1.0 : -1.0) * disc.squareRoot()
            let t = b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2)
            if t.isFinite { x = t }
        }
        return min(max(x, lo + 0.1 * w), hi - 0.1 * w)
    }

    /// Strong-Wolfe search along a descent direction; `evaluate(α)` returns the trial point.
    static func strongWolfe(f0: Double, slope0: Double, initial: Double, c1: Double, c2: Double, maxSteps: Int,
                            evaluate: (Double) throws -> LineSearchPoint) rethrows -> LineSearchPoint? {
        var prev = LineSearchPoint(alpha: 0, value: f0, gradient: [], slope: slope0)
        var alpha = initial
        var best: LineSearchPoint?
        for i in 0..<maxSteps {
            let cur = try evaluate(alpha)
            if cur.value.isFinite, cur.value <= f0 + c1 * cur.alpha * slope0, best.map({ cur.value < $0.value }) ?? true { best = cur }
            if !cur.value.isFinite || cur.value > f0 + c1 * alpha * slope0 || (i > 0 && cur.value >= prev.value) {
                return try zoom(lo: prev, hi: cur, f0: f0, slope0: slope0, c1: c1, c2: c2, maxSteps: maxSteps, evaluate: evaluate) ?? best
            }
            if abs(cur.slope) <= -c2 * slope0 { return cur }
            if cur.slope >= 0 {
                return try zoom(lo: cur, hi: prev, f0: f0, slope0: slope0, c1: c1, c2: c2, maxSteps: maxSteps, evaluate: evaluate) ?? best
            }
            prev = cur
            alpha *= 2
        }
        return best
    }

    private static func zoom(lo l: LineSearchPoint, hi h: LineSearchPoint, f0: Double, slope0: Double, c1: Double, c2: Double,
                             maxSteps: Int, evaluate: (Double) throws -> LineSearchPoint) rethrows -> LineSearchPoint? {
        var lo = l, hi = h
        for _ in 0..<maxSteps {
            let alpha = hi.value.isFinite
                ? cubic(lo.alpha, lo.value, lo.slope, hi.alpha, hi.value, hi.slope)
                : (lo.alpha + hi.alpha) / 2
            let cur = try evaluate(alpha)
            if !cur.value.isFinite || cur.value > f0 + c1 * alpha * slope0 || cur.value >= lo.value {
                hi = cur
            } else {
                if abs(cur.slope) <= -c2 * slope0 { return cur }
                if cur.slope * (hi.alpha - lo.alpha) >= 0 { hi = lo }
                lo = cur
            }
            if abs(hi.alpha - lo.alpha) < 1e-16 * max(1, abs(lo.alpha)) { break }
        }
        return lo.alpha > 0 ? lo : nil
    }
}
