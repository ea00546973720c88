import Foundation

/// Recognises a `shutdown_request` or `interrupt_request` that was meant for
/// the kernel process this one replaced, so a restart does not end (or
/// interrupt) the new kernel at once.
///
/// How it happens: `KernelManager.restart_kernel(now=False)` sends
/// `interrupt_request` and `shutdown_request` on its control socket even when
/// the old kernel has already exited, then starts the new process on the same
/// ports. The manager's socket (linger 100 ms) still holds the undelivered
/// requests and ZeroMQ hands them to the new process as soon as it binds.
///
/// The rule: such a request is ignored when both
/// 1. it arrives within `window` of this process starting — a queued message
///    is delivered the moment the sockets bind, so a stale one can only
///    arrive then (judged on this process's own clock alone); and
/// 2. its header `date` is before this process started. The sender whose
///    stale requests land here is the launcher, which runs on this host and
///    so shares this clock; it can only write a request for *this* process
///    after spawning it.
///
/// So a client whose clock is behind cannot shut down or interrupt the
/// kernel by message in its first seconds; a launcher then falls back to
/// SIGTERM/SIGKILL after its shutdown wait, so a wrong verdict costs time,
/// never a session. After `window` no date is ever compared. Other request
/// types are not filtered: a stale `execute_request` or `kernel_info_request`
/// does not end the session, and its sender is waiting for the reply.
struct StaleRequestFilter: Sendable {
    /// Generous next to the ~100 ms in which a queued request is delivered,
    /// so a start-up slowed by a loaded machine is still covered.
    static let window: Int64 = 5  // seconds
    /// Requests addressed to a process rather than to the session.
    static let filtered: Set<String> = ["shutdown_request", "interrupt_request"]

    /// The wall-clock start, compared with a request's `date` (the launcher's clock is this one).
    let startedAt: Date
    /// The same moment on the monotonic clock, for the window: a wall-clock step cannot stretch it.
    let started: ContinuousClock.Instant

    init(startedAt: Date = Date(), started: ContinuousClock.Instant = .now) {
        self.startedAt = startedAt
        self.started = started
    }

    func isStale(_ request: Message, receivedAt: ContinuousClock.Instant = .now) -> Bool {
        guard StaleRequestFilter.filtered.contains(request.type),
              receivedAt - started < .seconds(StaleRequestFilter.window),
              let sent = MessageHeader.date(from: request.header.date) else { return false }
        return sent < startedAt
    }
}
