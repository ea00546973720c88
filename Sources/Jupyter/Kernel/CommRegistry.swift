import Foundation

/// Comm targets the language offers, and the comms front-ends have opened.
/// A `comm_open` for an unknown target is answered with `comm_close`.
public final class CommRegistry: @unchecked Sendable {
    /// Called with each message a front-end sends to one comm.
    public typealias MessageHandler = (_ comm: Comm, _ data: JSONValue) -> Void
    /// Called when a front-end opens a comm on a target; returns its message handler.
    public typealias OpenHandler = (_ comm: Comm, _ data: JSONValue) -> MessageHandler

    private var targets: [String: OpenHandler] = [:]
    private var open: [String: (comm: Comm, handler: MessageHandler)] = [:]
    private let lock = NSLock()

    public init() {}

    public func register(target: String, onOpen: @escaping OpenHandler) {
        lock.lock()
        targets[target] = onOpen
        lock.unlock()
    }

    func opened(_ comm: Comm, data: JSONValue) -> Bool {
        lock.lock()
        let target = targets[comm.targetName]
        lock.unlock()
        guard let target else { return false }
        let handler = target(comm, data)
        lock.lock()
        open[comm.id] = (comm, handler)
        lock.unlock()
        return true
    }

    func received(commID: String, data: JSONValue) -> Bool {
        lock.lock()
        let entry = open[commID]
        lock.unlock()
        guard let entry else { return false }
        entry.handler(entry.comm, data)
        return true
    }

    func closed(commID: String) {
        lock.lock()
        open[commID] = nil
        lock.unlock()
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
