import Foundation

/// Independent problems solved on every core at once, each core taking one
/// contiguous share and running it as a whole batched computation of its own
/// (a share of the c-transforms, of the paths to refine, of a loss's rows).
///
/// Why not leave the cores to OpenBLAS: a fit's products are 128–2,600 rows
/// long, too short for OpenBLAS to split usefully. A perf profile of a fit had
/// its second thread spinning in `sched_yield` while everything else (the
/// activations, the potential, the optimisers) ran on one core, and one BLAS
/// thread was as fast as two (benchmarks/quality.md). While shares run, each
/// share's products run on its own thread (``BLASThreads/one(_:)``), so the
/// shares do not queue for OpenBLAS's thread pool.
///
/// Shares depend only on the item count and the core count, never on timing,
/// so a computation split this way is deterministic on a given machine.
public enum Shares {
    /// How many shares `items` independent items make: one per core, each at least
    /// `minimumShare` items (fewer items run as one share on the calling thread).
    public static func count(for items: Int, minimumShare: Int) -> Int {
        max(1, min(Parallel.workers, items / max(1, minimumShare)))
    }

    /// Share `share` of `shares` over `0..<items`: contiguous, sizes differing by at most one.
    public static func range(_ share: Int, of shares: Int, in items: Int) -> Range<Int> {
        let lower = items * share / max(1, shares), upper = items * (share + 1) / max(1, shares)
        return lower..<upper
    }

    /// Runs `body(share)` for every share at once and returns the results in share
    /// order; the first share's error, if any, is rethrown after all have finished.
    public static func run<T>(_ shares: Int, _ body: (Int) throws -> T) throws -> [T] {
        if shares <= 1 { return [try body(0)] }
        var results = [Result<T, Error>](repeating: .failure(CancellationError()), count: shares)
        BLASThreads.one {
            results.withUnsafeMutableBufferPointer { slots in
                // Each share writes only its own slot.
                let out = SlotPointer(base: slots.baseAddress)
                DispatchQueue.concurrentPerform(iterations: shares) { share in
                    out.base?[share] = Result { try body(share) }
                }
            }
        }
        return try results.map { try $0.get() }
    }
}

private struct SlotPointer<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Result<T, Error>>?
}
