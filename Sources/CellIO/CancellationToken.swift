import Synchronization

/// Set by an interrupt (message or SIGINT); polled by long-running work, which
/// then stops cleanly. One token per execution, so an interrupt that arrives
/// while idle touches nothing.
public final class CancellationToken: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public var isCancelled: Bool { flag.load(ordering: .acquiring) }

    public func cancel() { flag.store(true, ordering: .releasing) }

    /// Throws Swift's `CancellationError` once cancelled — the one way the project says
    /// "interrupted", from the engine (HTI) through the session; call it at safe points of long work.
    public func check() throws {
        if isCancelled { throw CancellationError() }
    }
}
