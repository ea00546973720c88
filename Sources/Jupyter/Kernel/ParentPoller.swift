import Foundation
import Logging

/// Checks a `ParentWatch` once a second on a thread of its own (as
/// ipykernel's `ParentPollerUnix` does) and calls `onOrphaned` once when the
/// launcher is gone. Stops by itself once `isStopping` returns true.
final class ParentPoller: @unchecked Sendable {
    static let interval: TimeInterval = 1.0

    private let watch: ParentWatch
    private let logger: Logger
    private let isStopping: () -> Bool
    private let onOrphaned: () -> Void

    init(watch: ParentWatch, logger: Logger, isStopping: @escaping () -> Bool, onOrphaned: @escaping () -> Void) {
        self.watch = watch
        self.logger = logger
        self.isStopping = isStopping
        self.onOrphaned = onOrphaned
    }

    func start() {
        let thread = Thread { [self] in
            while !isStopping() {
                if watch.isOrphaned(currentParent: getppid(), isAlive: ParentPoller.isAlive) {
                    logger.warning("the process that started the kernel (pid \(watch.launcher)) has gone; shutting down")
                    onOrphaned()
                    return
                }
                Thread.sleep(forTimeInterval: ParentPoller.interval)
            }
        }
        thread.name = "kernel-parent-poller"
        thread.start()
    }

    /// Whether `pid` names a live process. A zombie — exited, not yet reaped by
    /// its own parent — counts as gone; `kill(pid, 0)` alone would say alive.
    static func isAlive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        // /proc/PID/stat: "pid (comm) S ...": the state follows the last ')'.
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        let state = stat[stat.index(after: close)...].drop { $0 == " " }.first
        return state != "Z" && state != "X"
    }
}
