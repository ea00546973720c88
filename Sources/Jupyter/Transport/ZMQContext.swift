import CZMQ
import Foundation

/// A libzmq context. One per kernel; terminated after every socket is closed.
public final class ZMQContext: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    public init() throws {
        guard let handle = zmq_ctx_new() else { throw TransportError.lastError("zmq_ctx_new") }
        self.handle = handle
    }

    /// Ends the context; call once all sockets are closed (linger 0 keeps this from blocking).
    public func terminate() {
        zmq_ctx_term(handle)
    }
}

/// A libzmq call that failed, with the library's own reason.
public enum TransportError: Error, CustomStringConvertible {
    case failed(call: String, reason: String)

    static func lastError(_ call: String) -> TransportError {
        .failed(call: call, reason: String(cString: zmq_strerror(zmq_errno())))
    }

    public var description: String {
        switch self {
        case .failed(let call, let reason): return "\(call) failed: \(reason)"
        }
    }
}
