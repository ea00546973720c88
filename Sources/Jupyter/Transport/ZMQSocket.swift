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

    /// Frames at least this big are sent from pages of their own (see `sendMapped`).
    static let mappedFrameSize = 1 << 20

    /// Sends all frames as one multipart message. Interrupted calls are retried.
    public func send(_ frames: [Data]) throws {
        guard let handle else { throw TransportError.failed(call: "zmq_send", reason: "socket closed") }
        for (index, frame) in frames.enumerated() {
            let flags = index < frames.count - 1 ? ZMQ_SNDMORE : 0
            if frame.count >= ZMQSocket.mappedFrameSize {
                try sendMapped(frame, flags: flags, handle: handle)
                continue
            }
            while true {
                let sent = frame.withUnsafeBytes { zmq_send(handle, $0.baseAddress, frame.count, flags) }
                if sent >= 0 { break }
                if zmq_errno() == EINTR { continue }
                throw TransportError.lastError("zmq_send")
            }
        }
    }

    /// Sends one big frame from a private mapping that libzmq unmaps once the
    /// frame has left. `zmq_send` would copy it into a heap block of the
    /// sending thread's arena, freed later by libzmq's I/O thread, and glibc
    /// keeps such freed arena memory resident; an unmapped copy goes straight
    /// back to the system. Costs the same one copy as `zmq_send`.
    private func sendMapped(_ frame: Data, flags: Int32, handle: UnsafeMutableRawPointer) throws {
        let size = frame.count
        guard let pages = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              pages != UnsafeMutableRawPointer(bitPattern: -1) else {
            throw TransportError.failed(call: "mmap \(size) bytes", reason: String(cString: strerror(errno)))
        }
        frame.copyBytes(to: pages.assumingMemoryBound(to: UInt8.self), count: size)
        // libzmq calls this once it no longer needs the bytes; the size rides in `hint`.
        let unmap: @convention(c) (UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) -> Void = { data, hint in
            munmap(data, Int(bitPattern: hint))
        }
        var message = zmq_msg_t()
        guard zmq_msg_init_data(&message, pages, size, unmap, UnsafeMutableRawPointer(bitPattern: size)) == 0 else {
            munmap(pages, size)
            throw TransportError.lastError("zmq_msg_init_data")
        }
        while true {
            if zmq_msg_send(&message, handle, flags) >= 0 { return }  // libzmq owns the message now
            if zmq_errno() == EINTR { continue }
            let error = TransportError.lastError("zmq_msg_send")
            zmq_msg_close(&message)  // unmaps
            throw error
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
