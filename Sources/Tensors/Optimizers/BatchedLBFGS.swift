/// The outcome of a ``BatchedLBFGS`` minimisation.
public struct BatchedLBFGSResult: Sendable {
    /// Final points, `[batch, dimension]`.
    public var x: Tensor
    /// Final objective per problem.
    public var values: [Double]
    /// Whether each problem met the gradient tolerance (or stopped where Float32 allows no further decrease).
    public var converged: [Bool]
    /// Iterations taken (by the slowest problem).
    public var iterations: Int
    /// Batched objective evaluations made.
    public var evaluations: Int
}

/// L-BFGS run on many independent small problems at once (e.g. one c-transform
/// per sample): problem `b` owns row `b` of a `[batch, dimension]` tensor, its own
/// curvature memory and its own Armijo backtracking step, while every objective
/// evaluation is one batched call. Converged problems are frozen, and each
/// evaluation covers only the problems still searching — one slow line search
/// must not make the whole batch pay for its backtracks.
public struct BatchedLBFGS: Sendable {
    /// Curvature pairs kept per problem.
    public var memory: Int
    /// Iteration limit.
    public var maxIterations: Int
    /// Per-problem stop when every gradient component is at most this in magnitude.
    public var gradientTolerance: Double
    /// Armijo sufficient-decrease constant.
    public var c1: Double
    /// Step shrink factor per backtrack.
    public var shrink: Double
    /// Backtracks per iteration before a problem's memory is reset.
    public var maxBacktracks: Int
    /// Length of a problem's first step (along the steepest descent), before any
    /// curvature is known: the problem's natural length scale saves backtracks.
    public var firstStepLength: Double

    /// Creates the optimiser.
    public init(memory: Int = 10, maxIterations: Int = 200, gradientTolerance: Double = 1e-5,
                c1: Double = 1e-4, shrink: Double = 0.5, maxBacktracks: Int = 20, firstStepLength: Double = 1) {
        self.memory = memory; self.maxIterations = maxIterations; self.gradientTolerance = gradientTolerance
        self.c1 = c1; self.shrink = shrink; self.maxBacktracks = maxBacktracks; self.firstStepLength = firstStepLength
    }

    /// Minimises per-problem objectives. `objective(x)` takes `[batch, dimension]`
    /// points and returns per-problem values `[batch]` and gradients `[batch, dimension]`.
    /// - Throws: ``TensorError`` if the objective's outputs have the wrong shapes, or its own errors.
    public func minimize(_ x0: Tensor, objective: (Tensor) throws -> (values: Tensor, gradients: Tensor)) throws -> BatchedLBFGSResult {
        guard x0.rank == 2 else { throw TensorError.unsupportedRank(op: "BatchedLBFGS", shape: x0.shape, expected: "2") }
        let n = x0.shape[1]
        var full = x0.scalars
        // The whole batch is evaluated; only the asked-for rows are handed back.
        return try minimize(x0) { points, rows in
            for (r, b) in rows.enumerated() { for k in 0..<n { full[b * n + k] = points.scalars[r * n + k] } }
            let (v, g) = try objective(Tensor(unchecked: x0.shape, full))
            guard v.count == x0.shape[0] else { throw TensorError.shapeMismatch(op: "BatchedLBFGS(values)", lhs: [x0.shape[0]], rhs: v.shape) }
            guard g.shape == x0.shape else { throw TensorError.shapeMismatch(op: "BatchedLBFGS(gradients)", lhs: x0.shape, rhs: g.shape) }
            let values = rows.map { v.scalars[$0] }
            var gradients = [Float](repeating: 0, count: rows.count * n)
            for (r, b) in rows.enumerated() { for k in 0..<n { gradients[r * n + k] = g.scalars[b * n + k] } }
            return (Tensor(unchecked: [rows.count], values), Tensor(unchecked: [rows.count, n], gradients))
        }
    }

    /// Minimises per-problem objectives evaluated on subsets: `objective(points, rows)`
    /// gets `[rows.count, dimension]` points for the problems `rows` (ascending) and
    /// returns their values `[rows.count]` and gradients `[rows.count, dimension]`.
    public func minimize(_ x0: Tensor, objective: (Tensor, [Int]) throws -> (values: Tensor, gradients: Tensor)) throws -> BatchedLBFGSResult {
        guard x0.rank == 2 else { throw TensorError.unsupportedRank(op: "BatchedLBFGS", shape: x0.shape, expected: "2") }
        let (B, n) = (x0.shape[0], x0.shape[1])
        let mem = max(memory, 1)
        var evaluations = 0
        // Values and gradients land in full-batch arrays; rows not asked for are left as they were.
        func eval(_ x: [Double], rows: [Int], values: inout [Double], gradients: inout [Double]) throws {
            guard !rows.isEmpty else { return }
            var points = [Float](repeating: 0, count: rows.count * n)
            for (r, b) in rows.enumerated() { for k in 0..<n { points[r * n + k] = Float(x[b * n + k]) } }
            let (v, g) = try objective(Tensor(unchecked: [rows.count, n], points), rows)
            evaluations += 1
            guard v.count == rows.count else { throw TensorError.shapeMismatch(op: "BatchedLBFGS(values)", lhs: [rows.count], rhs: v.shape) }
            guard g.shape == [rows.count, n] else { throw TensorError.shapeMismatch(op: "BatchedLBFGS(gradients)", lhs: [rows.count, n], rhs: g.shape) }
            for (r, b) in rows.enumerated() {
                values[b] = Double(v.scalars[r])
                for k in 0..<n { gradients[b * n + k] = Double(g.scalars[r * n + k]) }
            }
        }
        var x = x0.scalars.map(Double.init)
        var f = [Double](repeating: 0, count: B), g = [Double](repeating: 0, count: B * n)
        try eval(x, rows: Array(0..<B), values: &f, gradients: &g)
        var S = [Double](repeating: 0, count: B * mem * n), Y = S
        var rho = [Double](repeating: 0, count: B * mem)
        var head = [Int](repeating: 0, count: B), stored = [Int](repeating: 0, count: B)
        var done = [Bool](repeating: false, count: B)
        var atPrecision = [Bool](repeating: false, count: B)
        func gradOK(_ b: Int) -> Bool { (0..<n).allSatisfy { abs(g[b * n + $0]) <= gradientTolerance } }
        for b in 0..<B where gradOK(b) { done[b] = true }

        var d = [Double](repeating: 0, count: B * n)
        var slope = [Double](repeating: 0, count: B), step = slope
        var iteration = 0
        while iteration < maxIterations && done.contains(false) {
            iteration += 1
            // Directions by two-loop recursion, per problem.
            for b in 0..<B where !done[b] {
                var q = Array(g[(b * n)..<(b * n + n)])
                var alphas = [Double](repeating: 0, count: mem)
                let cnt = stored[b]
                for j in 0..<cnt {  // newest to oldest
                    let slot = (head[b] - 1 - j + mem) % mem, o = (b * mem + slot) * n
                    var a = 0.0
                    for k in 0..<n { a += S[o + k] * q[k] }
                    a *= rho[b * mem + slot]; alphas[slot] = a
                    for k in 0..<n { q[k] -= a * Y[o + k] }
                }
                if cnt > 0 {
                    let slot = (head[b] - 1 + mem) % mem, o = (b * mem + slot) * n
                    var yy = 0.0
                    for k in 0..<n { yy += Y[o + k] * Y[o + k] }
                    let gamma = 1 / (rho[b * mem + slot] * yy)
                    for k in 0..<n { q[k] *= gamma }
                }
                for j in stride(from: cnt - 1, through: 0, by: -1) {  // oldest to newest
                    let slot = (head[b] - 1 - j + mem) % mem, o = (b * mem + slot) * n
                    var beta = 0.0
                    for k in 0..<n { beta += Y[o + k] * q[k] }
                    beta *= rho[b * mem + slot]
                    for k in 0..<n { q[k] += S[o + k] * (alphas[slot] - beta) }
                }
                var sl = 0.0
                for k in 0..<n { d[b * n + k] = -q[k]; sl += -q[k] * g[b * n + k] }
                if !(sl < 0) || cnt == 0 {
                    stored[b] = 0
                    var gg = 0.0
                    for k in 0..<n { gg += g[b * n + k] * g[b * n + k] }
                    let scale = min(1, firstStepLength / max(gg.squareRoot(), 1e-12))
                    for k in 0..<n { d[b * n + k] = -g[b * n + k] * scale }
                    sl = -gg * scale
                }
                slope[b] = sl; step[b] = 1
            }
            // Batched Armijo backtracking.
            var pending = (0..<B).map { !done[$0] }
            var accepted = [Bool](repeating: false, count: B)
            var xt = x
            var ft = f, gt = g
            for _ in 0...maxBacktracks where pending.contains(true) {
                for b in 0..<B where pending[b] { for k in 0..<n { xt[b * n + k] = x[b * n + k] + step[b] * d[b * n + k] } }
                try eval(xt, rows: (0..<B).filter { pending[$0] }, values: &ft, gradients: &gt)
                for b in 0..<B where pending[b] {
                    if ft[b].isFinite && ft[b] <= f[b] + c1 * step[b] * slope[b] {
                        pending[b] = false; accepted[b] = true
                        // Curvature pair s = xt − x, y = gt − g.
                        let slot = head[b], o = (b * mem + slot) * n
                        var sy = 0.0, yy = 0.0
                        for k in 0..<n {
                            let s = xt[b * n + k] - x[b * n + k], y = gt[b * n + k] - g[b * n + k]
                            S[o + k] = s; Y[o + k] = y; sy += s * y; yy += y * y
                        }
                        if sy > 1e-12 * yy && sy > 0 {
                            rho[b * mem + slot] = 1 / sy
                            head[b] = (slot + 1) % mem; stored[b] = min(stored[b] + 1, mem)
                        }
                        for k in 0..<n { x[b * n + k] = xt[b * n + k]; g[b * n + k] = gt[b * n + k] }
                        f[b] = ft[b]
                        if gradOK(b) { done[b] = true }
                    } else if abs(step[b] * slope[b]) < 1e-6 * (1 + abs(f[b])) {
                        // The decrease still on offer is below Float32 resolution of f:
                        // as converged as this precision allows.
                        pending[b] = false; done[b] = true; atPrecision[b] = true
                    } else {
                        step[b] *= shrink
                        for k in 0..<n { xt[b * n + k] = x[b * n + k] }
                    }
                }
            }
            for b in 0..<B where pending[b] {  // no decrease found
                if stored[b] == 0 { done[b] = true } else { stored[b] = 0 }
            }
        }
        // A problem that stopped because no decrease is left at Float32 resolution counts as converged.
        let converged = (0..<B).map { gradOK($0) || atPrecision[$0] }
        return BatchedLBFGSResult(x: Tensor(unchecked: [B, n], x.map(Float.init)), values: f, converged: converged,
                                  iterations: iteration, evaluations: evaluations)
    }

    /// Minimises per-problem losses built with autodiff: `loss(x)` maps a
    /// `[batch, dimension]` variable to `[batch]` per-problem losses; gradients
    /// come from one backward pass of their sum (problems are independent).
    public func minimize(_ x0: Tensor, loss: (Variable) throws -> Variable) throws -> BatchedLBFGSResult {
        try minimize(x0) { x in
            let tape = Tape()
            let v = tape.variable(x)
            let l = try loss(v)
            let g = try tape.gradients(of: l, wrt: [v], seed: Tensor(shape: l.shape, repeating: 1))[0]
            return (l.value, g)
        }
    }
}
