import CBLAS

/// OpenBLAS's own worker threads, set aside while this process spreads its work
/// over the cores itself (``Shares``).
///
/// After a product split over its threads, OpenBLAS keeps its workers spinning for
/// the next one. Between a fit's short products those spinning workers only take
/// a core away from the shares, so a fit runs with OpenBLAS on the calling thread:
/// a 150-step semicircles fit took 0.83 of the time with one OpenBLAS thread as
/// with two, its c-transforms (and then its amortiser) running in shares
/// (benchmarks/quality.md).
public enum BLASThreads {
    /// Runs `body` with OpenBLAS on the calling thread only, then restores its thread count.
    public static func one<T>(_ body: () throws -> T) rethrows -> T {
        let before = openblas_get_num_threads()
        openblas_set_num_threads(1)
        defer { openblas_set_num_threads(before) }
        return try body()
    }
}
