import CellIO
import Foundation
import Logging

/// Routes requests to the interpreter and keeps the protocol's ordering
/// promises: `busy` before anything else for a request, `execute_input`
/// before output, the reply before `idle`, nothing for it after `idle`.
/// Shell requests are handled on the shell thread only; control requests on
/// the control thread, which never touches the interpreter.
final class KernelCore: @unchecked Sendable {
    let factory: MessageFactory
    let interpreter: Interpreter
    let comms = CommRegistry()
    let interrupts = InterruptController()
    private let publisher: (Message) -> Void
    private let logger: Logger
    private var executionCount = 0
    /// The shell request being handled (the parent of comm messages the language sends); shell thread only.
    private var currentParent: Message?
    private(set) var history = ExecutionHistory()
    /// Called when a shutdown is requested; the argument is `restart`.
    var onShutdown: (Bool) -> Void = { _ in }

    /// The interpreter's info, captured at start-up: `kernel_info` is answered on the control
    /// thread too, where the interpreter's hooks must not be called.
    let info: KernelInfo

    init(interpreter: Interpreter, info: KernelInfo? = nil, factory: MessageFactory, logger: Logger,
         publisher: @escaping (Message) -> Void) {
        self.interpreter = interpreter
        self.info = info ?? interpreter.info
        self.factory = factory
        self.logger = logger
        self.publisher = publisher
        comms.setPublisher { [weak self] type, content, metadata in
            guard let self else { return }
            // Comm messages the language sends belong to the request being handled.
            self.publisher(self.factory.message(type, content: content, parent: self.currentParent, metadata: metadata))
        }
        interpreter.registerComms(comms)
    }

    // MARK: IOPub helpers

    func publish(_ type: String, _ content: JSONValue, parent: Message?) {
        publisher(factory.message(type, content: content, parent: parent))
    }

    func publish(_ event: OutputEvent, parent: Message?) {
        publish(event.messageType, event.content, parent: parent)
    }

    func publishStatus(_ state: String, parent: Message?) {
        publish("status", ["execution_state": .string(state)], parent: parent)
    }

    /// Wraps one request in busy … idle; `body` sends the reply (if any) through `send`.
    private func serve(_ request: Message, _ body: () -> Void) {
        publishStatus("busy", parent: request)
        let outer = currentParent
        currentParent = request
        body()
        currentParent = outer
        publishStatus("idle", parent: request)
    }

    // MARK: Shell

    /// Handles one shell request. `send` writes to the shell socket; `stdin` reads a line for `input()`;
    /// `waiting` takes the requests already queued on the shell socket (see `StopOnError`).
    /// `pending` takes them without waiting (to batch messages to one comm).
    func handleShell(_ request: Message, send: @escaping (Message) -> Void,
                     stdin: @escaping (Message, CancellationToken, String, Bool) throws -> String,
                     waiting: () -> [Message] = { [] }, pending: () -> [Message] = { [] }) {
        let content = request.content
        switch request.type {
        case "execute_request":
            var queued: [Message] = []
            serve(request) { queued = execute(request, send: send, stdin: stdin, waiting: waiting) }
            // In arrival order: the executions are aborted, anything else is served as usual.
            for next in queued {
                if StopOnError.aborts(next) {
                    abort(next, send: send)
                } else {
                    handleShell(next, send: send, stdin: stdin, waiting: waiting, pending: pending)
                }
            }
        case "kernel_info_request":
            serve(request) { send(factory.reply(to: request, content: kernelInfoContent())) }
        case "complete_request":
            serve(request) {
                let code = content["code"]?.stringValue ?? ""
                let cursor = content["cursor_pos"]?.intValue ?? code.unicodeScalars.count
                let completion = interpreter.complete(code: code, cursor: cursor)
                send(factory.reply(to: request, content: [
                    "status": "ok", "matches": .array(completion.matches.map { .string($0) }),
                    "cursor_start": .int(completion.cursorStart), "cursor_end": .int(completion.cursorEnd),
                    "metadata": [:],
                ]))
            }
        case "inspect_request":
            serve(request) {
                let code = content["code"]?.stringValue ?? ""
                let cursor = content["cursor_pos"]?.intValue ?? code.unicodeScalars.count
                let bundle = interpreter.inspect(code: code, cursor: cursor,
                                                 detailLevel: content["detail_level"]?.intValue ?? 0)
                send(factory.reply(to: request, content: [
                    "status": "ok", "found": .bool(bundle != nil),
                    "data": .object(bundle?.data ?? [:]), "metadata": .object(bundle?.metadata ?? [:]),
                ]))
            }
        case "is_complete_request":
            serve(request) {
                let verdict = interpreter.isComplete(code: content["code"]?.stringValue ?? "")
                let reply: JSONValue
                switch verdict {
                case .complete: reply = ["status": "complete"]
                case .incomplete(let indent): reply = ["status": "incomplete", "indent": .string(indent)]
                case .invalid: reply = ["status": "invalid"]
                case .unknown: reply = ["status": "unknown"]
                }
                send(factory.reply(to: request, content: reply))
            }
        case "history_request":
            serve(request) { send(factory.reply(to: request, content: historyContent(content))) }
        case "comm_info_request":
            serve(request) {
                let comms = self.comms.openComms(target: content["target_name"]?.stringValue)
                send(factory.reply(to: request, content: [
                    "status": "ok",
                    "comms": .object(comms.mapValues { ["target_name": .string($0)] }),
                ]))
            }
        case "comm_open":
            serve(request) { commOpen(request) }
        case "comm_msg":
            // The messages to this comm already queued right behind this one are handed over with it
            // (a dragged slider's updates: the handler may draw only the latest); the rest follow in order.
            let id = content["comm_id"]?.stringValue ?? ""
            var batch = [request], rest: [Message] = []
            if comms.isOpen(id) {
                for next in pending() {
                    if rest.isEmpty, next.type == "comm_msg", next.content["comm_id"]?.stringValue == id {
                        batch.append(next)
                    } else {
                        rest.append(next)
                    }
                }
            }
            serve(request) {
                if !comms.received(commID: id, messages: batch.map { $0.content["data"] ?? [:] }) {
                    logger.warning("comm_msg for unknown comm \(id) dropped")
                }
            }
            for handled in batch.dropFirst() { serve(handled) {} }
            for next in rest { handleShell(next, send: send, stdin: stdin, waiting: waiting, pending: pending) }
        case "comm_close":
            serve(request) { comms.closed(commID: content["comm_id"]?.stringValue ?? "") }
        case "shutdown_request":
            // Older front-ends send this on shell; treat it as on control.
            handleControl(request, send: send)
        default:
            unknown(request, channel: "shell", send: send)
        }
    }

    /// Answers an `execute_request` queued behind a failed one.
    func abort(_ request: Message, send: (Message) -> Void) {
        serve(request) {
            send(factory.reply(to: request, content: ["status": "aborted", "execution_count": .int(executionCount)],
                               metadata: ["status": "aborted"]))
        }
    }

    /// Runs one cell and sends its reply. Returns the requests taken from the
    /// queue when the failure of this cell aborts the queue; they have not been
    /// answered yet.
    private func execute(_ request: Message, send: (Message) -> Void,
                         stdin: @escaping (Message, CancellationToken, String, Bool) throws -> String,
                         waiting: () -> [Message]) -> [Message] {
        let content = request.content
        guard let code = content["code"]?.stringValue else {
            send(factory.reply(to: request, content: [
                "status": "error", "execution_count": .int(executionCount), "ename": "BadRequest",
                "evalue": "execute_request has no `code` string", "traceback": [],
            ]))
            return []
        }
        let silent = content["silent"]?.boolValue ?? false
        let storeHistory = silent ? false : (content["store_history"]?.boolValue ?? true)
        let allowStdin = content["allow_stdin"]?.boolValue ?? true
        let stopOnError = content["stop_on_error"]?.boolValue ?? true
        if storeHistory { executionCount += 1 }
        let count = executionCount
        if !silent {
            publish("execute_input", ["code": .string(code), "execution_count": .int(count)], parent: request)
        }

        let token = interrupts.begin()
        let output = OutputChannel(
            silent: silent,
            emit: { [weak self] event in self?.publish(event, parent: request) },
            readInput: allowStdin ? { prompt, password in try stdin(request, token, prompt, password) } : nil)
        let started = Date()
        let outcome = interpreter.execute(
            ExecuteRequest(code: code, silent: silent, storeHistory: storeHistory, allowStdin: allowStdin,
                           executionCount: count, cancellation: token),
            output: output)
        interrupts.end()
        output.close()

        var reply: [String: JSONValue] = ["execution_count": .int(count)]
        var resultText: String?
        var queued: [Message] = []
        switch outcome {
        case .success(let bundle):
            reply["status"] = "ok"
            reply["payload"] = []
            reply["user_expressions"] = userExpressions(content["user_expressions"])
            if let bundle, !silent {
                resultText = bundle.plainText
                publish(.result(bundle, executionCount: count), parent: request)
            }
        case .failure(let error):
            // Taken before the failure is visible on any channel, so that none
            // of these can be a request sent in reaction to it.
            if StopOnError.abortsQueue(silent: silent, stopOnError: stopOnError) { queued = waiting() }
            let fields: [String: JSONValue] = [
                "ename": .string(error.name), "evalue": .string(error.value),
                "traceback": .array(error.traceback.map { .string($0) }),
            ]
            if !silent { publish("error", .object(fields), parent: request) }
            reply.merge(fields) { _, new in new }
            reply["status"] = "error"
        }
        if storeHistory { history.record(line: count, input: code, output: resultText) }
        let metadata: JSONValue = [
            "started": .string(MessageHeader.timestamp(started)), "dependencies_met": true,
            "engine": .string(factory.session), "status": reply["status"] ?? "ok",
        ]
        send(factory.reply(to: request, content: .object(reply), metadata: metadata))
        return queued
    }

    private func userExpressions(_ expressions: JSONValue?) -> JSONValue {
        guard let expressions = expressions?.objectValue else { return [:] }
        var results: [String: JSONValue] = [:]
        for (name, expression) in expressions {
            switch interpreter.evaluate(expression: expression.stringValue ?? "") {
            case .success(let bundle):
                results[name] = ["status": "ok", "data": .object(bundle?.data ?? [:]),
                                 "metadata": .object(bundle?.metadata ?? [:])]
            case .failure(let error):
                results[name] = ["status": "error", "ename": .string(error.name), "evalue": .string(error.value),
                                 "traceback": .array(error.traceback.map { .string($0) })]
            }
        }
        return .object(results)
    }

    private func commOpen(_ request: Message) {
        let content = request.content
        let id = content["comm_id"]?.stringValue ?? ""
        let target = content["target_name"]?.stringValue ?? ""
        let comm = Comm(id: id, targetName: target) { [weak self] type, content in
            self?.publish(type, content, parent: request)
        }
        if !comms.opened(comm, data: content["data"] ?? [:]) {
            logger.info("comm_open for unknown target `\(target)`: closing it")
            publish("comm_close", ["comm_id": .string(id), "data": [:]], parent: request)
        }
    }

    private func historyContent(_ content: JSONValue) -> JSONValue {
        let withOutput = content["output"]?.boolValue ?? false
        let entries: [ExecutionHistory.Entry]
        switch content["hist_access_type"]?.stringValue ?? "tail" {
        case "range":
            entries = history.range(session: content["session"]?.intValue ?? 0,
                                    start: content["start"]?.intValue ?? 1, stop: content["stop"]?.intValue)
        case "search":
            entries = history.search(pattern: content["pattern"]?.stringValue ?? "*",
                                     unique: content["unique"]?.boolValue ?? false, limit: content["n"]?.intValue)
        default:
            entries = history.tail(content["n"]?.intValue ?? 10)
        }
        let rows: [JSONValue] = entries.map { entry in
            let input: JSONValue = withOutput
                ? [.string(entry.input), entry.output.map { .string($0) } ?? .null] : .string(entry.input)
            return [.int(ExecutionHistory.session), .int(entry.line), input]
        }
        return ["status": "ok", "history": .array(rows)]
    }

    // MARK: Control

    /// Handles one control request on the control thread (never touches the interpreter's state).
    func handleControl(_ request: Message, send: (Message) -> Void) {
        switch request.type {
        case "kernel_info_request":
            serve(request) { send(factory.reply(to: request, content: kernelInfoContent())) }
        case "interrupt_request":
            serve(request) {
                interrupts.interrupt()
                send(factory.reply(to: request, content: ["status": "ok"]))
            }
        case "shutdown_request":
            let restart = request.content["restart"]?.boolValue ?? false
            serve(request) {
                let content: JSONValue = ["status": "ok", "restart": .bool(restart)]
                send(factory.reply(to: request, content: content))
                // Protocol 5.4: the reply is also broadcast, so every client learns of it.
                publish("shutdown_reply", content, parent: request)
            }
            interrupts.interrupt()
            onShutdown(restart)
        case "debug_request":
            serve(request) {
                send(factory.reply(to: request, content: [
                    "type": "response", "request_seq": request.content["seq"] ?? 0, "success": false,
                    "command": request.content["command"] ?? "", "status": "error",
                    "message": .string("the \(info.implementation) kernel has no debugger (kernel_info reports debugger: false)"),
                ]))
            }
        default:
            unknown(request, channel: "control", send: send)
        }
    }

    private func unknown(_ request: Message, channel: String, send: (Message) -> Void) {
        logger.warning("unknown \(channel) message type `\(request.type)` ignored")
        guard request.type.hasSuffix("_request") else { return }
        serve(request) {
            send(factory.reply(to: request, content: [
                "status": "error", "ename": "UnknownMessageType",
                "evalue": .string("the \(info.implementation) kernel does not handle `\(request.type)` on the \(channel) channel"),
                "traceback": [],
            ]))
        }
    }

    func kernelInfoContent() -> JSONValue {
        return [
            "status": "ok",
            "protocol_version": .string(MessageHeader.protocolVersion),
            "implementation": .string(info.implementation),
            "implementation_version": .string(info.implementationVersion),
            "language_info": [
                "name": .string(info.languageName), "version": .string(info.languageVersion),
                "mimetype": .string(info.mimeType), "file_extension": .string(info.fileExtension),
                "pygments_lexer": .string(info.pygmentsLexer), "codemirror_mode": .string(info.codemirrorMode),
                "nbconvert_exporter": "script",
            ],
            "banner": .string(info.banner),
            "help_links": .array(info.helpLinks.map { ["text": .string($0.text), "url": .string($0.url)] }),
            "debugger": false,
        ]
    }
}
