import CZMQ
import Foundation

/// One ZeroMQ socket. libzmq sockets are not thread-safe, so each one is owned
/// by exactly one thread of the kernel (created on the main thread, then
/// handed over once); that ownership is why this is `@unchecked Sendable`.
public final class ZMQSocket: @unchecked Sendable {
    public enum Kind {
        case router, pub, rep, dealer, sub, req

        var zmqType: Int32 {
            switch self {
            case .router: return ZMQ_ROUTER
            case .pub: return ZMQ_PUB
            case .rep: return ZMQ_REP
            case .dealer: return ZMQ_DEALER
            case .sub: return ZMQ_SUB
            case .req: return ZMQ_REQ
            }
        }
    }

    private var handle: UnsafeMutableRawPointer?

    public init(context: ZMQContext, kind: Kind) throws {
        guard let handle = zmq_socket(context.handle, kind.zmqType) else {
            throw TransportError.lastError("zmq_socket")
        }
        self.handle = handle
        // Linger 0: closing never waits for undelivered messages, so shutdown is prompt.
        try setOption(ZMQ_LINGER, 0)
    }

    deinit { close() }

    public func setOption(_ option: Int32, _ value: Int32) throws {
        var value = value
        guard let handle, zmq_setsockopt(handle, option, &value, MemoryLayout<Int32>.size) == 0 else {
            throw TransportError.lastError("zmq_setsockopt")
        }
    }

    public func subscribe(_ prefix: String = "") throws {
        let bytes = Array(prefix.utf8)
        guard let handle, zmq_setsockopt(handle, ZMQ_SUBSCRIBE, bytes, bytes.count) == 0 else {
            throw TransportError.lastError("zmq_setsockopt(SUBSCRIBE)")
        }
    }

    public func bind(_ endpoint: String) throws {
        guard let handle, zmq_bind(handle, endpoint) == 0 else {
            throw TransportError.failed(call: "bind \(endpoint)", reason: String(cString: zmq_strerror(zmq_errno())))
        }
    }

    public func connect(_ endpoint: String) throws {
        guard let handle, zmq_connect(handle, endpoint) == 0 else {
            throw TransportError.failed(call: "connect \(endpoint)", reason: String(cString: zmq_strerror(zmq_errno())))
        }
    }

    /// The endpoint actually bound (useful after binding port 0).
    public var lastEndpoint: String {
        guard let handle else { return "" }
        var buffer = [CChar](repeating: 0, count: 256)
        var size = buffer.count
        zmq_getsockopt(handle, ZMQ_LAST_ENDPOINT, &buffer, &size)
        return String(cString: buffer)
    }

    /// Sends all frames as one multipart message. Interrupted calls are retried.
    public func send(_ frames: [Data]) throws {
        guard let handle else { throw TransportError.failed(call: "zmq_send", reason: "socket closed") }
        for (index, frame) in frames.enumerated() {
            let flags = index < frames.count - 1 ? ZMQ_SNDMORE : 0
            while true {
                let sent = frame.withUnsafeBytes { zmq_send(handle, $0.baseAddress, frame.count, flags) }
                if sent >= 0 { break }
                if zmq_errno() == EINTR { continue }
                throw TransportError.lastError("zmq_send")
            }
        }
    }

    /// Waits up to `timeout` milliseconds (-1: forever) for a message to read.
    public func poll(timeout: Int) -> Bool {
        guard let handle else { return false }
        var item = zmq_pollitem_t(socket: handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0)
        return zmq_poll(&item, 1, timeout) > 0 && (item.revents & Int16(ZMQ_POLLIN)) != 0
    }

    /// Receives one whole multipart message, or nil when none arrives within `timeout` ms.
    public func receive(timeout: Int = -1) -> [Data]? {
        guard let handle, poll(timeout: timeout) else { return nil }
        var frames = [Data]()
        while true {
            var part = zmq_msg_t()
            zmq_msg_init(&part)
            defer { zmq_msg_close(&part) }
            let size = zmq_msg_recv(&part, handle, ZMQ_DONTWAIT)
            if size < 0 {
                if zmq_errno() == EINTR { continue }
                return frames.isEmpty ? nil : frames
            }
            if let data = zmq_msg_data(&part) {
                frames.append(Data(bytes: data, count: Int(size)))
            } else {
                frames.append(Data())
            }
            if zmq_msg_more(&part) == 0 { return frames }
        }
    }

    public func close() {
        if let handle {
            var zero: Int32 = 0
            zmq_setsockopt(handle, ZMQ_LINGER, &zero, MemoryLayout<Int32>.size)
            zmq_close(handle)
        }
        handle = nil
    }
}
