import Foundation

/// Distances between two samples of a distribution, as the paper reports them.
/// Every function takes `isCancelled` and throws `CancellationError` when it
/// returns true (checked once per row of the pairwise loops), so an interrupt
/// is answered within a fraction of a second on any input.
public enum DistributionDistances {
    /// Up to this many points per side, W2² is computed by exact assignment; beyond, by Sinkhorn.
    public static let exactAssignmentLimit = 3000
    /// Sets larger than this are scored on this many evenly spaced points of theirs
    /// (`thinned`): every score is pairwise, so time and memory stay bounded
    /// (3,000² distances) whatever the data's size.
    public static let pointLimit = 3000

    /// At most `pointLimit` evenly spaced rows of `points` (all of them when fewer).
    public static func thinned(_ points: PointSet) -> PointSet {
        guard points.count > pointLimit else { return points }
        let step = Double(points.count) / Double(pointLimit)
        return points.rows((0..<pointLimit).map { Int(Double($0) * step) })
    }

    private static func check(_ isCancelled: () -> Bool) throws {
        if isCancelled() { throw CancellationError() }
    }

    /// Squared 2-Wasserstein distance between the empirical measures. Exact
    /// (optimal assignment) when both sides have the same count up to
    /// `exactAssignmentLimit`; entropic (Sinkhorn, small ε) otherwise.
    public static func squaredW2(_ a: PointSet, _ b: PointSet, isCancelled: () -> Bool = { false }) throws -> (value: Double, exact: Bool) {
        if a.count == 0 || b.count == 0 { return (.nan, true) }
        let (a, b) = (thinned(a), thinned(b))
        if a.count == b.count && a.count <= exactAssignmentLimit {
            let match = try Assignment.solve(n: a.count, checkpoint: { () throws(CancellationError) in
                if isCancelled() { throw CancellationError() }
            }) { i, j in a.squaredDistance(i, b, j) }
            var total = 0.0
            for (i, j) in match.enumerated() { total += a.squaredDistance(i, b, j) }
            return (total / Double(a.count), true)
        }
        return (try sinkhorn(a, b, isCancelled: isCancelled), false)
    }

    /// Entropic OT cost ⟨P, C⟩ in the log domain. ε is annealed from the mean cost down to
    /// 0.1% of it, warm-starting each stage, so the blur stays small without slow convergence.
    static func sinkhorn(_ a: PointSet, _ b: PointSet, iterationsPerStage: Int = 40, isCancelled: () -> Bool = { false }) throws -> Double {
        let n = a.count, m = b.count
        var cost = [Double](repeating: 0, count: n * m)
        var mean = 0.0
        for i in 0..<n { for j in 0..<m { let c = a.squaredDistance(i, b, j); cost[i * m + j] = c; mean += c } }
        mean /= Double(n * m)
        let target = max(1e-12, 0.001 * mean)
        var epsilon = max(target, mean)
        var f = [Double](repeating: 0, count: n), g = [Double](repeating: 0, count: m)
        let logA = -log(Double(n)), logB = -log(Double(m))
        func softmin(_ values: (Int) -> Double, _ count: Int) -> Double {
            var top = -Double.infinity
            for k in 0..<count { top = max(top, values(k)) }
            var sum = 0.0
            for k in 0..<count { sum += exp(values(k) - top) }
            return top + log(sum)
        }
        while true {
            for _ in 0..<iterationsPerStage {
                try check(isCancelled)
                for i in 0..<n { f[i] = -epsilon * softmin({ j in (g[j] - cost[i * m + j]) / epsilon + logB }, m) }
                for j in 0..<m { g[j] = -epsilon * softmin({ i in (f[i] - cost[i * m + j]) / epsilon + logA }, n) }
            }
            if epsilon <= target { break }
            epsilon = max(target, epsilon / 2)
        }
        var total = 0.0
        for i in 0..<n {
            for j in 0..<m {
                total += exp((f[i] + g[j] - cost[i * m + j]) / epsilon + logA + logB) * cost[i * m + j]
            }
        }
        return total
    }

    /// Energy distance 2E‖X−Y‖ − E‖X−X′‖ − E‖Y−Y′‖ (zero iff the distributions match).
    public static func energy(_ a: PointSet, _ b: PointSet, isCancelled: () -> Bool = { false }) throws -> Double {
        func meanDistance(_ x: PointSet, _ y: PointSet) throws -> Double {
            var total = 0.0
            for i in 0..<x.count {
                try check(isCancelled)
                for j in 0..<y.count { total += x.squaredDistance(i, y, j).squareRoot() }
            }
            return total / Double(x.count * y.count)
        }
        let (a, b) = (thinned(a), thinned(b))
        return try 2 * meanDistance(a, b) - meanDistance(a, a) - meanDistance(b, b)
    }

    /// Maximum mean discrepancy with a Gaussian kernel (biased estimate, so never negative).
    /// Bandwidth σ defaults to the median pairwise distance of the pooled points.
    public static func mmd(_ a: PointSet, _ b: PointSet, bandwidth: Double? = nil, isCancelled: () -> Bool = { false }) throws -> Double {
        let (a, b) = (thinned(a), thinned(b))
        let sigma = bandwidth ?? medianDistance(a, b)
        let scale = -1 / (2 * max(sigma * sigma, 1e-12))
        func meanKernel(_ x: PointSet, _ y: PointSet) throws -> Double {
            var total = 0.0
            for i in 0..<x.count {
                try check(isCancelled)
                for j in 0..<y.count { total += exp(x.squaredDistance(i, y, j) * scale) }
            }
            return total / Double(x.count * y.count)
        }
        return try max(0, meanKernel(a, a) + meanKernel(b, b) - 2 * meanKernel(a, b)).squareRoot()
    }

    /// Median of pairwise distances over (at most 500 of) the pooled points.
    static func medianDistance(_ a: PointSet, _ b: PointSet) -> Double {
        let pooled = PointSet(values: a.values + b.values, dimension: a.dimension)
        let step = max(1, pooled.count / 500)
        let picked = pooled.rows(Array(stride(from: 0, to: pooled.count, by: step)))
        var distances: [Double] = []
        for i in 0..<picked.count { for j in (i + 1)..<max(i + 1, picked.count) { distances.append(picked.squaredDistance(i, picked, j).squareRoot()) } }
        guard !distances.isEmpty else { return 1 }
        distances.sort()
        return max(distances[distances.count / 2], 1e-6)
    }
}
