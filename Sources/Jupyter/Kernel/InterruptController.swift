import CellIO
import Foundation

/// Hands each execution a fresh cancellation token and cancels only the
/// running one, so an interrupt while idle is a harmless no-op.
public final class InterruptController: @unchecked Sendable {
    private let lock = NSLock()
    private var current: CancellationToken?

    public init() {}

    func begin() -> CancellationToken {
        let token = CancellationToken()
        lock.lock()
        current = token
        lock.unlock()
        return token
    }

    func end() {
        lock.lock()
        current = nil
        lock.unlock()
    }

    /// Cancels the running execution, if any; returns whether there was one.
    @discardableResult
    public func interrupt() -> Bool {
        lock.lock()
        let token = current
        lock.unlock()
        token?.cancel()
        return token != nil
    }
}
