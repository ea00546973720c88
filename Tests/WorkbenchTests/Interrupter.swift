import CellIO
import Foundation

/// Cancels a token after a delay from a thread of its own, and notes when it did. The shared
/// dispatch pool is not used: under the parallel test run its timers were seen to fire
/// seconds late (a load finished before its "0.2 s" interrupt), so a test that times how
/// fast work stops measures from the moment the interrupt really came.
final class Interrupter: @unchecked Sendable {
    private let lock = NSLock()
    private var fired: Date?

    init(cancelling token: CancellationToken, after delay: TimeInterval) {
        let thread = Thread { [self] in
            Thread.sleep(forTimeInterval: delay)
            token.cancel()
            lock.withLock { fired = Date() }
        }
        thread.start()
    }

    /// Seconds from the interrupt until now; nil when it has not come yet.
    var secondsSinceInterrupt: TimeInterval? {
        lock.withLock { fired.map { Date().timeIntervalSince($0) } }
    }
}
