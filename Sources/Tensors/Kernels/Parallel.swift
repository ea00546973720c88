import Foundation

/// Row-parallel loops with fixed chunking so results never depend on scheduling.
enum Parallel {
    /// Number of worker chunks used for large loops (one per core).
    static let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// Below this much work (≈ scalars touched, weighted by the cost per scalar) a
    /// loop runs on the calling thread. Memory-bound passes gain nothing from a
    /// second thread: after every sgemm OpenBLAS's worker spins on the other core,
    /// and handing half a pass to that core made the amortiser training step 12%
    /// slower and short semicircle fits 1.5–2× slower (benchmarks/core.md). So only
    /// passes over more than ~4 M scalars, or loops that do real arithmetic per
    /// scalar (exp in log-sum-exp, distances), are split.
    static let threshold = 1 << 22

    /// Runs `body` over `0..<count` split into contiguous chunks. `work` is the total
    /// scalar work; small loops are not parallelised. Each chunk is a fixed range, so
    /// any per-chunk accumulation is deterministic.
    @inline(__always)
    static func forRanges(_ count: Int, work: Int, _ body: (Range<Int>) -> Void) {
        let chunks = work >= threshold ? min(workers, count) : 1
        if chunks <= 1 { body(0..<count); return }
        let size = (count + chunks - 1) / chunks
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let lo = c &* size, hi = Swift.min(count, lo &+ size)
            if lo < hi { body(lo..<hi) }
        }
    }
}
