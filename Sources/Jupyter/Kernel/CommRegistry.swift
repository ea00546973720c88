import CellIO
import Foundation

/// Comm targets the language offers, and the comms open between it and front-ends —
/// opened by a front-end on a registered target, or by the language itself (`open`).
/// A `comm_open` for an unknown target is answered with `comm_close`.
///
/// Messages are delivered in batches: the kernel hands a comm every message to it
/// that is already queued back to back, oldest first, so a handler that only needs the
/// latest (a slider dragged faster than it can redraw) does the work once.
public final class CommRegistry: @unchecked Sendable {
    /// Called with the messages a front-end sent to one comm back to back, oldest first.
    public typealias MessageHandler = (_ comm: Comm, _ messages: [JSONValue]) -> Void
    /// Called when a front-end opens a comm on a target; returns its message handler.
    public typealias OpenHandler = (_ comm: Comm, _ data: JSONValue) -> MessageHandler
    /// Sends a comm message (`comm_open`, `comm_msg`, `comm_close`) with its content and metadata.
    public typealias Publisher = (_ type: String, _ content: JSONValue, _ metadata: JSONValue) -> Void

    private var targets: [String: OpenHandler] = [:]
    private var open: [String: (comm: Comm, handler: MessageHandler, onClose: (() -> Void)?)] = [:]
    private let lock = NSLock()
    private var publisher: Publisher

    /// A registry whose kernel-side messages go to `publisher` (the kernel sets its IOPub;
    /// a headless runner may record them instead).
    public init(publisher: @escaping Publisher = { _, _, _ in }) {
        self.publisher = publisher
    }

    func setPublisher(_ publisher: @escaping Publisher) {
        lock.lock()
        self.publisher = publisher
        lock.unlock()
    }

    private func publish(_ type: String, _ content: JSONValue, _ metadata: JSONValue = [:]) {
        lock.lock()
        let publisher = self.publisher
        lock.unlock()
        publisher(type, content, metadata)
    }

    public func register(target: String, onOpen: @escaping OpenHandler) {
        lock.lock()
        targets[target] = onOpen
        lock.unlock()
    }

    /// Opens a comm from the kernel's side: sends `comm_open` and routes the front-end's
    /// messages on it to `onMessage`; `onClose` runs when the front-end closes it.
    public func open(target: String, data: JSONValue, metadata: JSONValue = [:],
                     onMessage: @escaping MessageHandler, onClose: (() -> Void)? = nil) -> Comm {
        let comm = Comm(id: UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased(), targetName: target) {
            [weak self] type, content in self?.publish(type, content)
        }
        lock.lock()
        open[comm.id] = (comm, onMessage, onClose)
        lock.unlock()
        publish("comm_open", ["comm_id": .string(comm.id), "target_name": .string(target), "data": data], metadata)
        return comm
    }

    /// Closes a comm from the kernel's side.
    public func close(_ comm: Comm) {
        lock.lock()
        let entry = open.removeValue(forKey: comm.id)
        lock.unlock()
        if entry != nil { comm.close() }
    }

    func opened(_ comm: Comm, data: JSONValue) -> Bool {
        lock.lock()
        let target = targets[comm.targetName]
        lock.unlock()
        guard let target else { return false }
        let handler = target(comm, data)
        lock.lock()
        open[comm.id] = (comm, handler, nil)
        lock.unlock()
        return true
    }

    /// Whether a comm of this id is open (so its messages can be batched).
    func isOpen(_ commID: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return open[commID] != nil
    }

    func received(commID: String, messages: [JSONValue]) -> Bool {
        lock.lock()
        let entry = open[commID]
        lock.unlock()
        guard let entry else { return false }
        entry.handler(entry.comm, messages)
        return true
    }

    func closed(commID: String) {
        lock.lock()
        let entry = open.removeValue(forKey: commID)
        lock.unlock()
        entry?.onClose?()
    }

    /// Open comms, optionally only those on one target: id → target name.
    func openComms(target: String?) -> [String: String] {
        lock.lock()
        defer { lock.unlock() }
        var result: [String: String] = [:]
        for (id, entry) in open where target == nil || entry.comm.targetName == target {
            result[id] = entry.comm.targetName
        }
        return result
    }
}

/// One open comm: the language sends on it through IOPub.
public final class Comm: @unchecked Sendable {
    public let id: String
    public let targetName: String
    private let publish: (String, JSONValue) -> Void

    init(id: String, targetName: String, publish: @escaping (String, JSONValue) -> Void) {
        self.id = id
        self.targetName = targetName
        self.publish = publish
    }

    public func send(_ data: JSONValue) {
        publish("comm_msg", ["comm_id": .string(id), "data": data])
    }

    public func close(_ data: JSONValue = [:]) {
        publish("comm_close", ["comm_id": .string(id), "data": data])
    }
}
