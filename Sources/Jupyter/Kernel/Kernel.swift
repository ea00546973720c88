import CellIO
import Foundation
import Logging
import Synchronization

/// The kernel server: binds the five sockets of a connection file and serves
/// them until shutdown. Threads: the caller's (shell and stdin), control,
/// heartbeat and IOPub, each owning its own sockets; and, when the launcher
/// set `JPY_PARENT_PID`, a `ParentPoller` that owns none.
public final class Kernel: @unchecked Sendable {
    /// How long shell and control wait on their sockets before checking for shutdown.
    static let pollInterval = 50
    /// After shutdown is requested the process exits by this deadline even if a command ignores its interrupt.
    static let shutdownDeadline: TimeInterval = 0.8

    private let connection: ConnectionInfo
    private let interpreter: Interpreter
    private let logger: Logger
    private let environment: [String: String]
    private let stopping = Atomic<Bool>(false)
    /// Taken as early as the kernel exists: requests dated before it were written for an earlier process.
    private let stale: StaleRequestFilter

    /// `environment` is read for `JPY_PARENT_PID` (see `ParentWatch`).
    public init(connection: ConnectionInfo, interpreter: Interpreter, logger: Logger,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.connection = connection
        self.interpreter = interpreter
        self.logger = logger
        self.environment = environment
        self.stale = StaleRequestFilter()
    }

    /// Serves until a `shutdown_request` (or the launcher's death); returns normally so the caller can exit 0.
    public func run() throws {
        if let warning = connection.unsignedWarning {
            // Straight to stderr, whatever the log level: this must not be missed.
            FileHandle.standardError.write(Data((warning + "\n").utf8))
        }
        let context = try ZMQContext()
        let shell = try ZMQSocket(context: context, kind: .router)
        let control = try ZMQSocket(context: context, kind: .router)
        let stdin = try ZMQSocket(context: context, kind: .router)
        let iopub = try ZMQSocket(context: context, kind: .pub)
        let heartbeatSocket = try ZMQSocket(context: context, kind: .rep)
        try shell.bind(connection.endpoint(port: connection.shellPort))
        try control.bind(connection.endpoint(port: connection.controlPort))
        try stdin.bind(connection.endpoint(port: connection.stdinPort))
        try iopub.bind(connection.endpoint(port: connection.iopubPort))
        try heartbeatSocket.bind(connection.endpoint(port: connection.heartbeatPort))

        let signer = MessageSigner(key: connection.key)
        let codec = WireCodec(signer: signer, history: signer.isSigning ? SignatureHistory() : nil)
        // The product's name comes from the interpreter, read once here on the starting thread
        // (its hooks run on the shell thread; the control thread must not call them).
        let info = interpreter.info
        let publisher = IOPubPublisher(socket: iopub, codec: codec, logger: logger, threadName: "\(info.implementation)-iopub")
        publisher.start()
        let core = KernelCore(interpreter: interpreter, info: info, factory: MessageFactory(username: info.implementation),
                              logger: logger, publisher: publisher.publish)
        core.onShutdown = { [self] _ in beginShutdown() }
        core.publishStatus("starting", parent: nil)

        let heartbeat = Heartbeat(socket: heartbeatSocket, isStopping: isStopping, threadName: "\(info.implementation)-heartbeat")
        heartbeat.start()
        let controlDone = startControlThread(control, codec: codec, core: core)
        let signals = InterruptSignal { core.interrupts.interrupt() }
        if let watch = ParentWatch(environment: environment, currentParent: getppid()) {
            ParentPoller(watch: watch, logger: logger, isStopping: isStopping) { [self] in
                core.interrupts.interrupt()
                beginShutdown()
            }.start()
        }

        serveShell(shell, stdin: stdin, codec: codec, core: core)

        signals.cancel()
        _ = controlDone.wait(timeout: .now() + 0.3)
        heartbeat.join(timeout: 0.3)
        shell.close()
        stdin.close()
        publisher.stop()
        context.terminate()
    }

    private func isStopping() -> Bool { stopping.load(ordering: .acquiring) }

    private func beginShutdown() {
        stopping.store(true, ordering: .releasing)
        // A command that never polls its token must not keep the kernel alive.
        let deadline = Kernel.shutdownDeadline
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: deadline)
            exit(0)
        }
    }

    private func decode(_ frames: [Data], codec: WireCodec, channel: String) -> Message? {
        let request: Message
        do { request = try codec.decode(frames) } catch {
            logger.warning("\(channel): dropped a message: \(error)")
            return nil
        }
        if stale.isStale(request) {
            logger.warning("\(channel): ignored a `\(request.type)` dated \(request.header.date), before this kernel started: it was meant for the process this one replaced")
            return nil
        }
        return request
    }

    private func serveShell(_ shell: ZMQSocket, stdin: ZMQSocket, codec: WireCodec, core: KernelCore) {
        let send: (Message) -> Void = { [logger] message in
            do { try shell.send(codec.encode(message)) } catch { logger.error("shell send failed: \(error)") }
        }
        let readLine = { [self] (request: Message, token: CancellationToken, prompt: String, password: Bool) throws -> String in
            try requestInput(stdin: stdin, codec: codec, core: core, request: request, token: token,
                             prompt: prompt, password: password)
        }
        let waiting = { [self] in takeWaiting(shell, codec: codec, grace: StopOnError.grace) }
        let pending = { [self] in takeWaiting(shell, codec: codec, grace: .zero) }
        while !isStopping() {
            let received = serveNext(shell, codec: codec, core: core, send: send, stdin: readLine, waiting: waiting, pending: pending)
            // Here the request and its frames are already freed.
            if received >= HeapRelease.threshold { HeapRelease.trim() }
        }
    }

    /// Serves one request if one comes within the poll interval; returns the bytes received.
    private func serveNext(_ shell: ZMQSocket, codec: WireCodec, core: KernelCore, send: @escaping (Message) -> Void,
                           stdin: @escaping (Message, CancellationToken, String, Bool) throws -> String,
                           waiting: () -> [Message], pending: () -> [Message]) -> Int {
        guard let frames = shell.receive(timeout: Kernel.pollInterval) else { return 0 }
        let size = frames.reduce(0) { $0 + $1.count }
        if let request = decode(frames, codec: codec, channel: "shell") {
            core.handleShell(request, send: send, stdin: stdin, waiting: waiting, pending: pending)
        }
        return size
    }

    /// The requests waiting on the shell socket, and those arriving within
    /// `StopOnError.grace` (see there); the wait is measured on this
    /// process's clock and no request's date is read.
    private func takeWaiting(_ shell: ZMQSocket, codec: WireCodec, grace: Duration) -> [Message] {
        var waiting: [Message] = []
        let clock = ContinuousClock()
        let deadline = clock.now + grace
        while true {
            let left = max(0, Int(((deadline - clock.now) / .milliseconds(1)).rounded(.up)))
            // With no grace, only what is already queued (a zero timeout does not wait).
            guard let frames = shell.receive(timeout: left) else { break }
            if let request = decode(frames, codec: codec, channel: "shell") { waiting.append(request) }
        }
        return waiting
    }

    private func requestInput(stdin: ZMQSocket, codec: WireCodec, core: KernelCore, request: Message,
                              token: CancellationToken, prompt: String, password: Bool) throws -> String {
        // Drop stale replies from an earlier, interrupted request.
        while stdin.receive(timeout: 0) != nil {}
        let ask = core.factory.message("input_request", content: ["prompt": .string(prompt), "password": .bool(password)],
                                       parent: request, identities: request.identities)
        try stdin.send(codec.encode(ask))
        while true {
            if token.isCancelled || isStopping() { throw CancellationError() }
            guard let frames = stdin.receive(timeout: Kernel.pollInterval),
                  let reply = decode(frames, codec: codec, channel: "stdin") else { continue }
            if reply.type == "input_reply" { return reply.content["value"]?.stringValue ?? "" }
            logger.warning("stdin: unexpected `\(reply.type)` ignored")
        }
    }

    private func startControlThread(_ control: ZMQSocket, codec: WireCodec, core: KernelCore) -> DispatchSemaphore {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread { [self] in
            let send: (Message) -> Void = { [logger] message in
                do { try control.send(codec.encode(message)) } catch { logger.error("control send failed: \(error)") }
            }
            while !isStopping() {
                guard let frames = control.receive(timeout: Kernel.pollInterval),
                      let request = decode(frames, codec: codec, channel: "control") else { continue }
                core.handleControl(request, send: send)
            }
            control.close()
            done.signal()
        }
        thread.name = "\(core.info.implementation)-control"
        thread.start()
        return done
    }
}
