import Dispatch
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
        var count: Int
        /// The same data laid out for the kernel sums.
        var table: KernelTable
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
        let table = KernelTable(points: scaledPoints, conditions: scaledConditions, count: count, dimension: dimension,
                                conditionWidth: width)
        return Group(points: scaledPoints, conditions: scaledConditions, count: count, table: table)
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

    /// One group: log p̂ by log-sum-exp over samples, query by query, the
    /// queries split over the cores (each row is independent, so the result
    /// does not depend on the split).
    private func evaluate(group: Group, _ queries: [Float], count: Int, conditions: [Float]?,
                          gradient: UnsafeMutablePointer<Float>?) -> [Float] {
        let d = dimension, c = conditionWidth
        let table = group.table
        let h = bandwidth, hc = conditionBandwidth
        // log of the normalised Gaussian kernel's constant on outputs.
        let logNorm = -Double(d) / 2 * log(2 * Double.pi * h * h)
        let logEpsilon = log(DensityPotential.epsilon)
        let weight = self.weight
        var values = [Float](repeating: 0, count: count)
        let workers = count * table.padded >= 1 << 16 ? 2 : 1
        let size = (count + workers - 1) / workers
        values.withUnsafeMutableBufferPointer { valueBuffer in
            let valuesOut = UncheckedPointer(valueBuffer.baseAddress)
            let gradientOut = UncheckedPointer(gradient)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var scratch = KernelTable.Scratch(table)
                var query = [Float](repeating: 0, count: d + c)
                var mean = [Double](repeating: 0, count: d)
                for r in (worker * size)..<min(count, (worker + 1) * size) {
                    for k in 0..<d { query[k] = Float(Double(queries[r * d + k]) / h) }
                    for k in 0..<c { query[d + k] = Float(Double(conditions?[r * c + k] ?? 0) / hc) }
                    let sums = table.sums(query, scratch: &scratch, wantsMean: gradientOut.pointer != nil,
                                           weightedMean: &mean)
                    // log p = log Σ_i K − log n (or − log Σ_i K_c on conditions: Nadaraya–Watson).
                    let logP = sums.logSum - sums.logNormaliser + logNorm
                    // log(p + ε) = logaddexp(log p, log ε)
                    let logPE = max(logP, logEpsilon) + log1p(exp(-abs(logP - logEpsilon)))
                    valuesOut.pointer?[r] = Float(weight * logPE)
                    if let out = gradientOut.pointer {
                        // ∂ log p/∂q = (Σ w_i x_i / Σ w_i − q)/h in scaled coordinates; ∂ log(p+ε)/∂ log p = p/(p+ε).
                        let share = exp(logP - logPE)
                        for k in 0..<d { out[r * d + k] = Float(weight * share * (mean[k] - Double(query[k])) / h) }
                    }
                }
            }
        }
        return values
    }
}

/// A raw pointer the workers of one evaluation write disjoint rows through.
private struct UncheckedPointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>?
    init(_ pointer: UnsafeMutablePointer<Float>?) { self.pointer = pointer }
}
