import Foundation

/// Where a running cell sends its output. Safe to call from any thread while
/// the cell runs; once the cell has finished the channel is closed and further
/// output is dropped, so nothing is ever published after that cell's `idle`.
public final class OutputChannel: @unchecked Sendable {
    /// How often one display may be updated: Jupyter's IOPub rate limit is far above this.
    public static let minimumUpdateInterval: TimeInterval = 0.1

    private let emit: (OutputEvent) -> Void
    private let readInput: ((String, Bool) throws -> String)?
    private let suppressed: Bool
    private let lock = NSLock()
    private var closed = false
    private var lastUpdate: [String: Date] = [:]
    private var pendingUpdates: [String: MimeBundle] = [:]
    private var pendingOrder: [String] = []

    /// - Parameters:
    ///   - silent: drop all output (an `execute_request` with `silent: true`).
    ///   - emit: delivers one event (the kernel publishes it on IOPub, parented on the request).
    ///   - readInput: asks the front-end for a line on stdin, or nil when stdin is not allowed.
    public init(silent: Bool = false, emit: @escaping (OutputEvent) -> Void,
                readInput: ((String, Bool) throws -> String)? = nil) {
        self.suppressed = silent
        self.emit = emit
        self.readInput = readInput
    }

    public func stream(_ stream: OutputEvent.Stream, _ text: String) {
        send(.stream(stream, text))
    }

    /// Shows a bundle; give a `displayID` to update it later in place.
    public func display(_ bundle: MimeBundle, displayID: String? = nil) {
        send(.display(bundle, displayID: displayID))
    }

    /// Replaces a shown display. Updates closer together than
    /// `minimumUpdateInterval` are coalesced; the last one is always delivered.
    public func updateDisplay(_ bundle: MimeBundle, displayID: String) {
        lock.lock()
        let now = Date()
        if let last = lastUpdate[displayID], now.timeIntervalSince(last) < OutputChannel.minimumUpdateInterval {
            if pendingUpdates[displayID] == nil { pendingOrder.append(displayID) }
            pendingUpdates[displayID] = bundle
            lock.unlock()
            return
        }
        lastUpdate[displayID] = now
        pendingUpdates[displayID] = nil
        pendingOrder.removeAll { $0 == displayID }
        lock.unlock()
        send(.update(bundle, displayID: displayID))
    }

    public func clearOutput(wait: Bool = false) {
        send(.clear(wait: wait))
    }

    /// Whether the front-end can be asked for input (`allow_stdin`).
    public var canReadInput: Bool { readInput != nil }

    /// Asks the front-end for one line (`input_request` on stdin).
    public func input(prompt: String, password: Bool = false) throws -> String {
        guard let readInput else { throw StdinError.notAllowed }
        return try readInput(prompt, password)
    }

    /// Delivers coalesced updates, then drops any later output. Called by the kernel
    /// before it reports the cell's result.
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { return }
        for id in pendingOrder {
            if let bundle = pendingUpdates[id], !suppressed {
                emit(.update(bundle, displayID: id))
            }
        }
        pendingUpdates.removeAll()
        pendingOrder.removeAll()
        closed = true
    }

    private func send(_ event: OutputEvent) {
        guard !suppressed else { return }
        // Emitting under the lock orders it strictly before `close()` returns.
        lock.lock()
        defer { lock.unlock() }
        if !closed { emit(event) }
    }
}

/// Why a line could not be read from the front-end.
/// (An interrupt while waiting is a `CancellationError`.)
public enum StdinError: Error, CustomStringConvertible {
    case notAllowed
    /// The terminal's input ended (end of file) before a line was read.
    case endOfInput

    public var description: String {
        switch self {
        case .notAllowed: return "this front-end does not accept input requests (allow_stdin is false)"
        case .endOfInput: return "the input ended before a line was read"
        }
    }
}
