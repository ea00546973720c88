#if canImport(Glibc)
@_silgen_name("mallopt") private func c_mallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif

/// Process-level tuning that a host executable opts into (nothing here runs implicitly).
public enum TensorRuntime {
    /// Keeps large tensor buffers in glibc's heap instead of fresh `mmap`s that are
    /// returned to the kernel on every free.
    ///
    /// Each training step allocates and frees the same multi-megabyte activations;
    /// with glibc's defaults those pages are unmapped/trimmed and faulted in again
    /// every step, which costs about a third of a small MLP's step. Raising the
    /// mmap and trim thresholds (to 256 MiB / 512 MiB) removes that cost. It
    /// changes process-wide malloc settings, so `hti` calls it once at start-up
    /// (as does ``CoreBenchmark/run(repetitions:warmup:)``). Returns whether it applied.
    @discardableResult
    public static func configureAllocator() -> Bool {
        #if canImport(Glibc)
        let mmapThreshold: Int32 = -3, trimThreshold: Int32 = -1  // M_MMAP_THRESHOLD, M_TRIM_THRESHOLD
        return c_mallopt(mmapThreshold, 256 << 20) == 1 && c_mallopt(trimThreshold, 512 << 20) == 1
        #else
        return false
        #endif
    }
}
