import Foundation

/// Echoes heartbeat pings on a thread of its own, so the front-end sees a live
/// kernel even while a long command holds the shell thread.
final class Heartbeat: @unchecked Sendable {
    private let socket: ZMQSocket
    private let isStopping: () -> Bool
    private let done = DispatchSemaphore(value: 0)

    private let threadName: String

    init(socket: ZMQSocket, isStopping: @escaping () -> Bool, threadName: String) {
        self.socket = socket
        self.isStopping = isStopping
        self.threadName = threadName
    }

    func start() {
        let thread = Thread { [self] in
            while !isStopping() {
                if let ping = socket.receive(timeout: 100) { try? socket.send(ping) }
            }
            socket.close()
            done.signal()
        }
        thread.name = threadName
        thread.start()
    }

    /// Waits (briefly) for the thread to close its socket.
    func join(timeout: TimeInterval) {
        _ = done.wait(timeout: .now() + timeout)
    }
}
