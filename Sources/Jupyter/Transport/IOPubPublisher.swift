import Foundation
import Logging

/// Owns the IOPub PUB socket on a thread of its own. Any thread may publish;
/// messages leave in the order they were handed in, and publishing never
/// blocks the caller on the network.
public final class IOPubPublisher: @unchecked Sendable {
    private let socket: ZMQSocket
    private let codec: WireCodec
    private let condition = NSCondition()
    private var queue: [Message] = []
    private var stopping = false
    private var finished = false
    private var thread: Thread?
    private let logger: Logger

    public init(socket: ZMQSocket, codec: WireCodec, logger: Logger) {
        self.socket = socket
        self.codec = codec
        self.logger = logger
    }

    public func start() {
        let thread = Thread { [self] in run() }
        thread.name = "hti-iopub"
        self.thread = thread
        thread.start()
    }

    public func publish(_ message: Message) {
        condition.lock()
        if !stopping { queue.append(message) }
        condition.signal()
        condition.unlock()
    }

    /// Sends what is queued, then closes the socket; returns when done.
    public func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        let deadline = Date().addingTimeInterval(0.5)
        while !finished && thread != nil {
            if !condition.wait(until: deadline) { break }
        }
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while queue.isEmpty && !stopping { condition.wait() }
            let batch = queue
            queue.removeAll(keepingCapacity: true)
            let done = stopping
            condition.unlock()
            for message in batch {
                // The topic frame lets subscribers filter; ipykernel uses the same form.
                var message = message
                message.identities = [Data("kernel.\(message.header.session).\(message.type)".utf8)]
                do { try socket.send(codec.encode(message)) } catch {
                    logger.error("iopub send failed: \(error)")
                }
            }
            if done {
                socket.close()
                condition.lock()
                finished = true
                condition.broadcast()
                condition.unlock()
                return
            }
        }
    }
}
