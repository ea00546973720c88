/// The outcome of an ``LBFGS`` minimisation.
public struct LBFGSResult: Sendable {
    /// The final point.
    public var x: [Double]
    /// Objective at `x`.
    public var value: Double
    /// Largest absolute gradient component at `x`.
    public var gradientNorm: Double
    /// Iterations taken.
    public var iterations: Int
    /// Objective evaluations made.
    public var evaluations: Int
    /// Whether the gradient tolerance was met.
    public var converged: Bool
}

/// Limited-memory BFGS for one smooth problem: two-loop recursion over the last
/// `memory` curvature pairs, with a strong-Wolfe or backtracking line search.
/// Vector arithmetic is in Double; the objective may compute in Float32.
public struct LBFGS: Sendable {
    /// Curvature pairs kept.
    public var memory: Int
    /// Iteration limit.
    public var maxIterations: Int
    /// Stop when every gradient component is at most this in magnitude.
    public var gradientTolerance: Double
    /// Step-length rule.
    public var lineSearch: LineSearch
    /// Trial steps per line search.
    public var maxLineSearchSteps: Int

    /// Creates the optimiser.
    public init(memory: Int = 10, maxIterations: Int = 500, gradientTolerance: Double = 1e-6,
                lineSearch: LineSearch = .strongWolfe(), maxLineSearchSteps: Int = 30) {
        self.memory = memory; self.maxIterations = maxIterations; self.gradientTolerance = gradientTolerance
        self.lineSearch = lineSearch; self.maxLineSearchSteps = maxLineSearchSteps
    }

    /// Minimises `objective`, which returns the value and gradient at a point.
    public func minimize(_ x0: [Double], objective: ([Double]) throws -> (value: Double, gradient: [Double])) throws -> LBFGSResult {
        let n = x0.count
        var x = x0
        var (f, g) = try objective(x)
        var evaluations = 1
        var s: [[Double]] = [], y: [[Double]] = [], rho: [Double] = []
        var iteration = 0
        func infNorm(_ v: [Double]) -> Double { v.reduce(0) { max($0, abs($1)) } }
        func dot(_ a: [Double], _ b: [Double]) -> Double { var t = 0.0; for i in 0..<a.count { t += a[i] * b[i] }; return t }

        while iteration < maxIterations && infNorm(g) > gradientTolerance {
            // Two-loop recursion: d = −H·g.
            var q = g
            var alphas = [Double](repeating: 0, count: s.count)
            for i in stride(from: s.count - 1, through: 0, by: -1) {
                alphas[i] = rho[i] * dot(s[i], q)
                for k in 0..<n { q[k] -= alphas[i] * y[i][k] }
            }
            let gamma = s.isEmpty ? 1 : dot(s.last!, y.last!) / dot(y.last!, y.last!)
            for k in 0..<n { q[k] *= gamma }
            for i in 0..<s.count {
                let beta = rho[i] * dot(y[i], q)
                for k in 0..<n { q[k] += s[i][k] * (alphas[i] - beta) }
            }
            var d = q.map { -$0 }
            var slope = dot(d, g)
            if !(slope < 0) { s = []; y = []; rho = []; d = g.map { -$0 }; slope = dot(d, g) }
            let initial = s.isEmpty ? min(1, 1 / max(dot(g, g).squareRoot(), 1e-12)) : 1
            let xk = x
            func evaluate(_ alpha: Double) throws -> LineSearchPoint {
                var xt = xk
                for k in 0..<n { xt[k] += alpha * d[k] }
                let (ft, gt) = try objective(xt)
                evaluations += 1
                return LineSearchPoint(alpha: alpha, value: ft, gradient: gt, slope: dot(gt, d))
            }
            let point: LineSearchPoint?
            switch lineSearch {
            case let .strongWolfe(c1, c2):
                point = try LineSearchKernel.strongWolfe(f0: f, slope0: slope, initial: initial, c1: c1, c2: c2,
                                                         maxSteps: maxLineSearchSteps, evaluate: evaluate)
            case let .backtracking(c1, shrink):
                var alpha = initial, found: LineSearchPoint?
                for _ in 0..<maxLineSearchSteps {
                    let p = try evaluate(alpha)
                    if p.value.isFinite && p.value <= f + c1 * alpha * slope { found = p; break }
                    alpha *= shrink
                }
                point = found
            }
            guard let p = point, p.value <= f else {
                if s.isEmpty { break }  // steepest descent failed too: stalled
                s = []; y = []; rho = []; iteration += 1
                continue
            }
            let sk = d.map { $0 * p.alpha }
            let yk = zip(p.gradient, g).map { $0 - $1 }
            let sy = dot(sk, yk)
            for k in 0..<n { x[k] += sk[k] }
            f = p.value; g = p.gradient
            if sy > 1e-12 * dot(yk, yk) && sy > 0 {
                s.append(sk); y.append(yk); rho.append(1 / sy)
                if s.count > memory { s.removeFirst(); y.removeFirst(); rho.removeFirst() }
            }
            iteration += 1
        }
        let gn = infNorm(g)
        return LBFGSResult(x: x, value: f, gradientNorm: gn, iterations: iteration, evaluations: evaluations,
                           converged: gn <= gradientTolerance)
    }

    /// Minimises a differentiable scalar function of a tensor: `loss(x)` is built
    /// on a fresh tape at each evaluation and its gradient taken with respect to `x`.
    public func minimize(_ x0: Tensor, loss: (Variable) throws -> Variable) throws -> (x: Tensor, result: LBFGSResult) {
        let shape = x0.shape
        let result = try minimize(x0.scalars.map(Double.init)) { xs in
            let tape = Tape()
            let v = tape.variable(Tensor(unchecked: shape, xs.map(Float.init)))
            let l = try loss(v)
            let g = try tape.gradients(of: l, wrt: [v])[0]
            return (Double(l.value.scalars[0]), g.scalars.map(Double.init))
        }
        return (Tensor(unchecked: shape, result.x.map(Float.init)), result)
    }
}
