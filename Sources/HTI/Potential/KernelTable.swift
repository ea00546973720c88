import Foundation

/// One KDE group's data laid out for kernel sums: coordinate by coordinate
/// (structure of arrays), padded to a multiple of eight with points so far
/// away that their weight is exactly zero, so the inner loops run on SIMD8
/// without remainders.
struct KernelTable: Sendable {
    let count: Int
    let padded: Int
    let dimension: Int
    let conditionWidth: Int
    /// Column k holds coordinate k of every point (outputs first, then conditions).
    let columns: [SIMD8<Float>]

    static let farAway: Float = 1e17

    init(points: [Float], conditions: [Float], count: Int, dimension: Int, conditionWidth: Int) {
        self.count = count
        self.padded = (count + 7) / 8 * 8
        self.dimension = dimension
        self.conditionWidth = conditionWidth
        let blocks = padded / 8, width = dimension + conditionWidth
        var columns = [SIMD8<Float>](repeating: SIMD8(repeating: KernelTable.farAway), count: width * blocks)
        for i in 0..<count {
            for k in 0..<dimension { columns[k * blocks + i / 8][i % 8] = points[i * dimension + k] }
            for k in 0..<conditionWidth { columns[(dimension + k) * blocks + i / 8][i % 8] = conditions[i * conditionWidth + k] }
        }
        self.columns = columns
    }

    /// Per-thread buffers, and the condition part of the last query: the points
    /// of one path (and every L-BFGS iterate of it) share their sample's
    /// condition and arrive one after another, so its kernel exponents and
    /// normaliser are computed once per run of equal conditions, not per point.
    struct Scratch {
        var exponents: [SIMD8<Float>]
        var conditionExponents: [SIMD8<Float>]
        /// The query's output coordinates, each in all eight lanes.
        var splats: [SIMD8<Float>]
        /// The scaled condition `conditionExponents` and `logNormaliser` belong to; empty: none yet.
        var condition: [Float] = []
        var logNormaliser = 0.0
        init(_ table: KernelTable) {
            exponents = [SIMD8<Float>](repeating: .zero, count: table.padded / 8)
            conditionExponents = exponents
            splats = [SIMD8<Float>](repeating: .zero, count: table.dimension)
        }

        /// Whether the cached condition part was computed for this query's condition.
        func holdsCondition(of query: [Float], from start: Int) -> Bool {
            guard condition.count == query.count - start else { return false }
            for k in 0..<condition.count where condition[k] != query[start + k] { return false }
            return true
        }
    }

    struct Sums {
        /// log Σ_i exp(−½|z − z_i|²) over outputs and conditions.
        var logSum: Double
        /// log n, or log Σ_i exp(−½|c − c_i|²) with conditions.
        var logNormaliser: Double
    }

    /// The lane-wise maximum. The standard library's `pointwiseMax` was not inlined here: a call
    /// per block of eight, 15% of a refined ETT draw's time in a perf profile. The exponents are
    /// finite, so this picks the same value in every lane.
    @inline(__always)
    static func laneMaximum(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
        a.replacing(with: b, where: b .> a)
    }

    /// Kernel sums for one scaled query (outputs then conditions). When
    /// `wantsMean` is set, `weightedMean` receives Σ w_i x_i / Σ w_i on the outputs.
    func sums(_ query: [Float], scratch: inout Scratch, wantsMean: Bool, weightedMean: inout [Double]) -> Sums {
        let blocks = padded / 8
        // Exact reuse: the same condition gives the same exponents and normaliser bit for bit.
        let reuse = conditionWidth > 0 && scratch.holdsCondition(of: query, from: dimension)
        let cachedNormaliser = scratch.logNormaliser
        for k in 0..<dimension { scratch.splats[k] = SIMD8(repeating: query[k]) }
        let dimension = self.dimension
        let sums = columns.withUnsafeBufferPointer { columns in
            scratch.exponents.withUnsafeMutableBufferPointer { e in
                scratch.conditionExponents.withUnsafeMutableBufferPointer { ec in
                    scratch.splats.withUnsafeBufferPointer { z in
                        if !reuse {
                            for b in 0..<blocks { ec[b] = .zero }
                            for k in 0..<conditionWidth {
                                let z = SIMD8<Float>(repeating: query[dimension + k]), base = (dimension + k) * blocks
                                for b in 0..<blocks { let t = z - columns[base + b]; ec[b] -= 0.5 * t * t }
                            }
                        }
                        // One pass per block over every output coordinate, keeping the running maximum:
                        // each lane takes the same operations in the same order as a pass per coordinate
                        // would (bit for bit the same exponents), but reads and writes the block once.
                        var top = SIMD8<Float>(repeating: -.infinity)
                        for b in 0..<blocks {
                            var exponent = ec[b]
                            for k in 0..<dimension { let t = z[k] - columns[k * blocks + b]; exponent -= 0.5 * t * t }
                            e[b] = exponent
                            top = KernelTable.laneMaximum(top, exponent)
                        }
                        let maximum = top.max()
                        var total = SIMD8<Float>.zero
                        for b in 0..<blocks {
                            let x = e[b] - maximum
                            // A block whose eight weights all underflow is exactly zero (vectorExp gives 0
                            // below its cutoff): most blocks, when the bandwidth is small against the data's
                            // spread or the conditions are far apart, so their exponentials are not taken.
                            guard any(x .>= vectorExpCutoff) else { e[b] = .zero; continue }
                            let w = vectorExp(x)
                            e[b] = w
                            total += w
                        }
                        let sum = Double(total.sum())
                        if wantsMean {
                            for k in 0..<dimension {
                                var acc = SIMD8<Float>.zero
                                let base = k * blocks
                                // Padding has weight exactly 0, and 0 × 1e17 is 0: it never contributes.
                                for b in 0..<blocks { acc += e[b] * columns[base + b] }
                                weightedMean[k] = Double(acc.sum()) / sum
                            }
                        }
                        var logNormaliser = log(Double(count))
                        if reuse {
                            logNormaliser = cachedNormaliser
                        } else if conditionWidth > 0 {
                            var conditionTop = SIMD8<Float>(repeating: -.infinity)
                            for b in 0..<blocks { conditionTop = KernelTable.laneMaximum(conditionTop, ec[b]) }
                            let conditionMaximum = conditionTop.max()
                            var conditionTotal = SIMD8<Float>.zero
                            for b in 0..<blocks { conditionTotal += vectorExp(ec[b] - conditionMaximum) }
                            logNormaliser = Double(conditionMaximum) + log(Double(conditionTotal.sum()))
                        }
                        return Sums(logSum: Double(maximum) + log(sum), logNormaliser: logNormaliser)
                    }
                }
            }
        }
        if conditionWidth > 0 && !reuse {
            scratch.condition = Array(query[dimension...])
            scratch.logNormaliser = sums.logNormaliser
        }
        return sums
    }
}
