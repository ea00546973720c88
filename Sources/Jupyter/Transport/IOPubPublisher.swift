import Foundation
import Logging

/// Owns the IOPub PUB socket on a thread of its own. Any thread may publish;
/// messages leave in the order they were handed in, and publishing never
/// blocks the caller on the network.
///
/// Messages are encoded by the publishing thread, not by this one: glibc
/// serves each thread from its own arena and never hands the free top of a
/// thread's arena back (not even `malloc_trim` does), so a big message
/// encoded here — a 10 MB cell echoed as `execute_input` — would pin its
/// size in RSS for good. Encoded by the shell thread, it lives in the main
/// heap, which `HeapRelease` can trim.
public final class IOPubPublisher: @unchecked Sendable {
    private let socket: ZMQSocket
    private let codec: WireCodec
    private let condition = NSCondition()
    private var queue: [[Data]] = []
    private var stopping = false
    private var finished = false
    private var thread: Thread?
    private let logger: Logger

    private let threadName: String

    public init(socket: ZMQSocket, codec: WireCodec, logger: Logger, threadName: String = "kernel-iopub") {
        self.socket = socket
        self.codec = codec
        self.logger = logger
        self.threadName = threadName
    }

    public func start() {
        let thread = Thread { [self] in run() }
        thread.name = threadName
        self.thread = thread
        thread.start()
    }

    public func publish(_ message: Message) {
        // The topic frame lets subscribers filter; ipykernel uses the same form.
        var message = message
        message.identities = [Data("kernel.\(message.header.session).\(message.type)".utf8)]
        let frames = codec.encode(message)
        condition.lock()
        if !stopping { queue.append(frames) }
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
            let done = stopping
            let sent = sendQueued()
            // The batch is freed by now; what a big one left in the heap goes back.
            if sent >= HeapRelease.threshold { HeapRelease.trim() }
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

    /// Sends and releases everything queued (called locked, returns unlocked); returns the bytes sent.
    private func sendQueued() -> Int {
        let batch = queue
        queue.removeAll(keepingCapacity: true)
        condition.unlock()
        var bytes = 0
        for frames in batch {
            bytes += frames.reduce(0) { $0 + $1.count }
            do { try socket.send(frames) } catch {
                logger.error("iopub send failed: \(error)")
            }
        }
        return bytes
    }
}
