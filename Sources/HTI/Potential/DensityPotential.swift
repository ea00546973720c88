import CBLAS
import Foundation

/// The fixed potential U(q | c) = α · log(p̂(q | c) + ε): a Gaussian kernel
/// density of all anchor samples pooled — per class for a categorical
/// condition, Nadaraya–Watson weighted by a Gaussian kernel on c for a
/// continuous one. Paths prefer regions where the network puts outputs.
///
/// Evaluation is chunked over queries and runs its distance products through
/// BLAS, so memory stays at (chunk × samples) however many path points are asked for.
public struct DensityPotential: Sendable {
    /// Added inside the logarithm so empty regions give a finite (very low) potential.
    public static let epsilon = 1e-8
    /// Queries per chunk: bounds the temporary (chunk × samples) matrix.
    static let chunk = 256

    public let weight: Double
    public let bandwidth: Double
    public let conditionBandwidth: Double
    let dimension: Int
    let conditionWidth: Int
    /// Data per group: one group per class, or a single group.
    let groups: [Group]

    struct Group: Sendable {
        var points: [Float]        // count × D, scaled by 1/bandwidth
        var conditions: [Float]    // count × C, scaled by 1/conditionBandwidth (continuous only)
        var norms: [Float]         // |x_i|² of the scaled points (+ |c_i|² when continuous)
        var count: Int
    }

    /// - Parameters:
    ///   - weight: α; 0 disables the potential.
    ///   - bandwidth: KDE bandwidth on outputs; nil picks Scott's rule.
    ///   - conditionBandwidth: kernel bandwidth on continuous conditions.
    public init(marginals: Marginals, weight: Double, bandwidth: Double?, conditionBandwidth: Double = 1) {
        let dimension = marginals.dimension
        let h = bandwidth ?? DensityPotential.scottBandwidth(marginals)
        self.weight = weight
        self.bandwidth = h
        self.conditionBandwidth = conditionBandwidth
        self.dimension = dimension
        var width = 0
        var groups: [Group]
        switch marginals.condition {
        case .categorical(_, let classes):
            var pointsPerClass = [[Float]](repeating: [], count: classes.count)
            for anchor in marginals.anchors {
                guard case .classes(let labels) = anchor.conditions else { continue }
                for (i, label) in labels.enumerated() {
                    pointsPerClass[Int(label)] += anchor.outputs[(i * dimension)..<((i + 1) * dimension)]
                }
            }
            groups = pointsPerClass.map { DensityPotential.group(points: $0, conditions: [], dimension: dimension, width: 0, h: h, hc: 1) }
        case .continuous(let names):
            width = names.count
            var points: [Float] = [], conditions: [Float] = []
            for anchor in marginals.anchors {
                points += anchor.outputs
                if case .vectors(let values, _) = anchor.conditions { conditions += values }
            }
            groups = [DensityPotential.group(points: points, conditions: conditions, dimension: dimension, width: width,
                                             h: h, hc: conditionBandwidth)]
        case .none:
            groups = [DensityPotential.group(points: marginals.anchors.flatMap(\.outputs), conditions: [],
                                             dimension: dimension, width: 0, h: h, hc: 1)]
        }
        self.conditionWidth = width
        self.groups = groups
    }

    private static func group(points: [Float], conditions: [Float], dimension: Int, width: Int, h: Double, hc: Double) -> Group {
        let count = points.count / max(1, dimension)
        let scaledPoints = points.map { Float(Double($0) / h) }
        let scaledConditions = conditions.map { Float(Double($0) / hc) }
        var norms = [Float](repeating: 0, count: count)
        for i in 0..<count {
            var n: Float = 0
            for d in 0..<dimension { n += scaledPoints[i * dimension + d] * scaledPoints[i * dimension + d] }
            for c in 0..<width { n += scaledConditions[i * width + c] * scaledConditions[i * width + c] }
            norms[i] = n
        }
        return Group(points: scaledPoints, conditions: scaledConditions, norms: norms, count: count)
    }

    /// Scott's rule, n^(−1/(D+4)) times the mean standard deviation of the outputs.
    public static func scottBandwidth(_ marginals: Marginals) -> Double {
        let d = marginals.dimension
        let n = marginals.sampleCount
        var spread = 0.0
        for k in 0..<d {
            var sum = 0.0, squares = 0.0
            for anchor in marginals.anchors {
                for i in 0..<anchor.count {
                    let v = Double(anchor.outputs[i * d + k])
                    sum += v
                    squares += v * v
                }
            }
            let mean = sum / Double(n)
            spread += max(0, squares / Double(n) - mean * mean).squareRoot()
        }
        return max(1e-3, spread / Double(d)) * pow(Double(n), -1 / Double(d + 4))
    }

    /// U at `count` query points (row-major count × D) and, when `gradient` is
    /// given, ∂U/∂q written into it (count × D).
    /// - Parameters:
    ///   - classes: each query's class (categorical data).
    ///   - conditions: each query's condition vector, count × C (continuous data).
    public func evaluate(_ queries: [Float], count: Int, classes: [Int32]? = nil, conditions: [Float]? = nil,
                         gradient: UnsafeMutablePointer<Float>? = nil) -> [Float] {
        var values = [Float](repeating: 0, count: count)
        guard weight != 0 else {
            gradient?.update(repeating: 0, count: count * dimension)
            return values
        }
        if groups.count > 1, let classes {
            // Evaluate each class's queries against that class's data.
            for (g, group) in groups.enumerated() {
                let members = (0..<count).filter { Int(classes[$0]) == g }
                guard !members.isEmpty else { continue }
                var subset = [Float](repeating: 0, count: members.count * dimension)
                for (k, i) in members.enumerated() {
                    for d in 0..<dimension { subset[k * dimension + d] = queries[i * dimension + d] }
                }
                var subGradient = [Float](repeating: 0, count: gradient == nil ? 0 : members.count * dimension)
                let sub = subGradient.withUnsafeMutableBufferPointer { buffer in
                    evaluate(group: group, subset, count: members.count, conditions: nil,
                             gradient: gradient == nil ? nil : buffer.baseAddress)
                }
                for (k, i) in members.enumerated() {
                    values[i] = sub[k]
                    if let gradient { for d in 0..<dimension { gradient[i * dimension + d] = subGradient[k * dimension + d] } }
                }
            }
            return values
        }
        return evaluate(group: groups[0], queries, count: count, conditions: conditionWidth > 0 ? conditions : nil,
                        gradient: gradient)
    }

    /// One group: log p̂ by log-sum-exp over samples, chunk by chunk.
    private func evaluate(group: Group, _ queries: [Float], count: Int, conditions: [Float]?,
                          gradient: UnsafeMutablePointer<Float>?) -> [Float] {
        let d = dimension, c = conditions == nil ? 0 : conditionWidth, n = group.count
        let h = bandwidth
        // log of the normalised Gaussian kernel's constant on outputs.
        let logNorm = -Double(d) / 2 * log(2 * Double.pi * h * h)
        var values = [Float](repeating: 0, count: count)
        let width = d + c
        // Data matrix [x/h, c/hc] (n × width), built once per call.
        var data = [Float](repeating: 0, count: n * width)
        for i in 0..<n {
            for k in 0..<d { data[i * width + k] = group.points[i * d + k] }
            for k in 0..<c { data[i * width + d + k] = group.conditions[i * c + k] }
        }
        let logEpsilon = log(DensityPotential.epsilon)
        var products = [Float](repeating: 0, count: DensityPotential.chunk * n)
        var scaled = [Float](repeating: 0, count: DensityPotential.chunk * width)
        var start = 0
        while start < count {
            let rows = min(DensityPotential.chunk, count - start)
            for r in 0..<rows {
                for k in 0..<d { scaled[r * width + k] = Float(Double(queries[(start + r) * d + k]) / h) }
                for k in 0..<c { scaled[r * width + d + k] = Float(Double(conditions![(start + r) * c + k]) / conditionBandwidth) }
            }
            // products[r, i] = q_r · x_i over the scaled, concatenated coordinates.
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(n), Int32(width),
                        1, scaled, Int32(width), data, Int32(width), 0, &products, Int32(n))
            for r in 0..<rows {
                var queryNorm: Float = 0, conditionNorm: Float = 0
                for k in 0..<d { queryNorm += scaled[r * width + k] * scaled[r * width + k] }
                for k in 0..<c { conditionNorm += scaled[r * width + d + k] * scaled[r * width + d + k] }
                // exponent_i = −½|z − z_i|²; with conditions, a second log-sum-exp over the
                // condition part alone normalises the Nadaraya–Watson weights.
                var top = -Float.infinity
                for i in 0..<n {
                    let e = -0.5 * (queryNorm + conditionNorm + group.norms[i] - 2 * products[r * n + i])
                    products[r * n + i] = e
                    top = max(top, e)
                }
                var sum = 0.0
                for i in 0..<n { let w = exp(Double(products[r * n + i] - top)); products[r * n + i] = Float(w); sum += w }
                var logP = Double(top) + log(sum) + logNorm
                if c > 0 {
                    var conditionTop = -Double.infinity
                    var exponents = [Double](repeating: 0, count: n)
                    for i in 0..<n {
                        var dist = 0.0
                        for k in 0..<c {
                            let diff = Double(scaled[r * width + d + k] - group.conditions[i * c + k])
                            dist += diff * diff
                        }
                        exponents[i] = -0.5 * dist
                        conditionTop = max(conditionTop, exponents[i])
                    }
                    var conditionSum = 0.0
                    for i in 0..<n { conditionSum += exp(exponents[i] - conditionTop) }
                    logP -= conditionTop + log(conditionSum)
                } else {
                    logP -= log(Double(n))
                }
                // log(p + ε) = logaddexp(log p, log ε)
                let logPE = max(logP, logEpsilon) + log1p(exp(-abs(logP - logEpsilon)))
                values[start + r] = Float(weight * logPE)
                if let gradient {
                    // ∂ log p/∂q = (Σ_i w_i x_i / Σ w_i − q/h)/h on the output coordinates (scaled space);
                    // ∂ log(p+ε)/∂ log p = p/(p+ε).
                    let share = exp(logP - logPE)
                    var mean = [Double](repeating: 0, count: d)
                    for i in 0..<n {
                        let w = Double(products[r * n + i])
                        if w == 0 { continue }
                        for k in 0..<d { mean[k] += w * Double(group.points[i * d + k]) }
                    }
                    for k in 0..<d {
                        let g = (mean[k] / sum - Double(scaled[r * width + k])) / h
                        gradient[(start + r) * d + k] = Float(weight * share * g)
                    }
                }
            }
            start += rows
        }
        return values
    }
}
