#if canImport(Glibc)
import Glibc
#endif

/// Hands freed heap memory back to the operating system after a request that
/// made the heap grow, so one big cell does not leave the kernel's RSS high
/// for the rest of the session.
///
/// Why it is needed: a big message passes through several buffers of its own
/// size (the frame, the decoded code, the echo on IOPub, the interpreter's
/// own work); once they are freed, glibc keeps the pages unless the free
/// space at the top of the heap exceeds its trim threshold, which a host
/// executable may have raised process-wide (to keep large numeric buffers
/// resident, say). `malloc_trim(0)` returns every whole free page whatever
/// the threshold, at the cost of a walk over the heap, so it is called only
/// after requests (and IOPub batches) of at least `threshold` bytes.
///
/// It cannot return the free top of a thread's own arena (glibc trims only the
/// main heap's top); hence big IOPub messages are encoded on the publishing
/// thread and big frames sent from private mappings (see `IOPubPublisher`,
/// `ZMQSocket.send`). What remains is libzmq's I/O thread arena, which holds
/// the largest frame received so far and reuses it: bounded, not growing.
enum HeapRelease {
    /// Requests smaller than this leave too little behind to be worth a heap walk.
    static let threshold = 1 << 20

    /// Returns free heap pages to the system; a no-op where glibc is absent.
    static func trim() {
        #if canImport(Glibc)
        // Looked up at run time: `malloc_trim` is glibc's, not in Swift's Glibc module map.
        typealias MallocTrim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(nil, "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }
}
