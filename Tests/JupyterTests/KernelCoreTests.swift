import CellIO
import Foundation
import Logging
import Testing
@testable import Jupyter

/// A tiny language for exercising the kernel core: `say X` streams X,
/// `value X` returns X, `fail` fails, `show` displays HTML, `progress N` updates a display N times.
final class ScriptedInterpreter: Interpreter {
    var executed: [String] = []

    var info: KernelInfo {
        KernelInfo(implementation: "test", implementationVersion: "1", languageName: "test", languageVersion: "1",
                   mimeType: "text/plain", fileExtension: ".t", banner: "test")
    }

    func execute(_ request: ExecuteRequest, output: OutputChannel) -> ExecuteOutcome {
        executed.append(request.code)
        let words = request.code.split(separator: " ").map(String.init)
        switch words.first {
        case "say": output.stream(.stdout, words.dropFirst().joined(separator: " ")); return .success(nil)
        case "value": return .success(.text(words.dropFirst().joined(separator: " ")))
        case "show": output.display(.rich("text/html", "<b>x</b>", plain: "x")); return .success(nil)
        case "progress":
            let count = Int(words[1]) ?? 0
            output.display(.text("0"), displayID: "p")
            for i in 1...count { output.updateDisplay(.text("\(i)"), displayID: "p") }
            return .success(nil)
        default: return .failure(ExecutionError(name: "Boom", value: "it failed", traceback: ["Boom: it failed"]))
        }
    }

    func complete(code: String, cursor: Int) -> Completion { Completion(matches: ["say"], cursorStart: 0, cursorEnd: cursor) }
    func inspect(code: String, cursor: Int, detailLevel: Int) -> MimeBundle? { code.isEmpty ? nil : .text("help") }
    func isComplete(code: String) -> CodeCompleteness { code.hasSuffix("\\") ? .incomplete(indent: "") : .complete }
}

/// Records every message the core publishes or sends, in one ordered log.
final class MessageLog: @unchecked Sendable {
    struct Event { var channel: String; var message: Message; var recordedAt = Date() }
    private let lock = NSLock()
    private(set) var events: [Event] = []

    func record(_ channel: String, _ message: Message) {
        lock.lock(); events.append(Event(channel: channel, message: message)); lock.unlock()
    }

    /// "iopub:status=busy", "shell:execute_reply", … for compact assertions.
    var summary: [String] {
        events.map { event in
            var text = "\(event.channel):\(event.message.type)"
            if event.message.type == "status" { text += "=" + (event.message.content["execution_state"]?.stringValue ?? "") }
            return text
        }
    }
}

@Suite struct KernelCoreTests {
    let interpreter = ScriptedInterpreter()
    let log = MessageLog()
    let core: KernelCore
    let client = MessageFactory(session: "client")

    init() {
        let log = self.log
        core = KernelCore(interpreter: interpreter, factory: MessageFactory(session: "kernel"),
                          logger: Logger(label: "test"), publisher: { log.record("iopub", $0) })
    }

    func request(_ type: String, _ content: JSONValue) -> Message {
        client.message(type, content: content, parent: nil, identities: [Data("peer".utf8)])
    }

    /// Handles one request; `waiting` stands in for the requests queued on the shell socket.
    func shell(_ type: String, _ content: JSONValue, waiting: () -> [Message] = { [] }) {
        core.handleShell(request(type, content), send: { log.record("shell", $0) },
                         stdin: { _, _, _, _ in "typed" }, waiting: waiting)
    }

    @Test func executeIsOrderedBusyInputOutputResultReplyIdle() {
        shell("execute_request", ["code": "value 42"])
        #expect(log.summary == ["iopub:status=busy", "iopub:execute_input", "iopub:execute_result",
                                "shell:execute_reply", "iopub:status=idle"])
        #expect(log.events[2].message.content["data"]?["text/plain"] == "42")
    }

    @Test func everyMessageIsParentedOnTheRequest() throws {
        let req = request("execute_request", ["code": "say hi"])
        _ = core.handleShell(req, send: { log.record("shell", $0) }, stdin: { _, _, _, _ in "" })
        for event in log.events {
            #expect(event.message.parentHeader == req.rawHeader)
        }
        #expect(log.events.first { $0.message.type == "execute_reply" }?.message.identities == [Data("peer".utf8)])
    }

    @Test func kernelInfoIsWrappedInBusyIdle() {
        shell("kernel_info_request", [:])
        #expect(log.summary == ["iopub:status=busy", "shell:kernel_info_reply", "iopub:status=idle"])
        let content = log.events[1].message.content
        #expect(content["protocol_version"] == "5.4")
        #expect(content["language_info"]?["name"] == "test")
    }

    @Test func executionCountCountsErrorsButNotSilentRuns() {
        shell("execute_request", ["code": "say a"])
        shell("execute_request", ["code": "fail", "stop_on_error": false])
        shell("execute_request", ["code": "say b", "silent": true])
        shell("execute_request", ["code": "say c", "store_history": false])
        shell("execute_request", ["code": "say d"])
        let counts = log.events.filter { $0.message.type == "execute_reply" }
            .map { $0.message.content["execution_count"]?.intValue }
        #expect(counts == [1, 2, 2, 2, 3])
    }

    @Test func silentExecutionPublishesNoOutput() {
        shell("execute_request", ["code": "say secret", "silent": true])
        #expect(log.summary == ["iopub:status=busy", "shell:execute_reply", "iopub:status=idle"])
    }

    @Test func errorPublishesErrorAndReply() {
        shell("execute_request", ["code": "fail"])
        #expect(log.summary == ["iopub:status=busy", "iopub:execute_input", "iopub:error",
                                "shell:execute_reply", "iopub:status=idle"])
        #expect(log.events[3].message.content["status"] == "error")
        #expect(log.events[3].message.content["ename"] == "Boom")
    }

    @Test func failureTakesTheQueueBeforeTheFailureIsVisible() {
        var seenWhenTaken: [String]?
        shell("execute_request", ["code": "fail"], waiting: {
            seenWhenTaken = log.summary
            return []
        })
        // Taken before `error` and the reply: nothing taken can be a reaction to them.
        #expect(seenWhenTaken == ["iopub:status=busy", "iopub:execute_input"])
    }

    @Test func queuedExecutionsAreAbortedAndOtherRequestsServedInOrder() {
        let queued = [request("execute_request", ["code": "say one"]), request("kernel_info_request", [:]),
                      request("execute_request", ["code": "say two", "silent": true])]
        shell("execute_request", ["code": "fail"], waiting: { queued })
        let replies = log.events.filter { $0.channel == "shell" }.map(\.message)
        #expect(replies.map(\.type) == ["execute_reply", "execute_reply", "kernel_info_reply", "execute_reply"])
        #expect(replies.map { $0.content["status"]?.stringValue } == ["error", "aborted", "ok", "aborted"])
        #expect(replies.dropFirst().map(\.parentHeader) == queued.map(\.rawHeader))
        #expect(interpreter.executed == ["fail"])
    }

    @Test func silentFailureDoesNotTakeTheQueue() {
        var taken = false
        shell("execute_request", ["code": "fail", "silent": true], waiting: { taken = true; return [] })
        #expect(!taken)
    }

    @Test func errorWithoutStopOnErrorDoesNotTakeTheQueue() {
        var taken = false
        shell("execute_request", ["code": "fail", "stop_on_error": false], waiting: { taken = true; return [] })
        #expect(!taken)
    }

    @Test func successDoesNotTakeTheQueue() {
        var taken = false
        shell("execute_request", ["code": "say fine"], waiting: { taken = true; return [] })
        #expect(!taken)
    }

    @Test func stopOnErrorRule() {
        #expect(StopOnError.abortsQueue(silent: false, stopOnError: true))
        #expect(!StopOnError.abortsQueue(silent: true, stopOnError: true))
        #expect(!StopOnError.abortsQueue(silent: false, stopOnError: false))
        #expect(StopOnError.aborts(request("execute_request", ["code": "x"])))
        #expect(!StopOnError.aborts(request("complete_request", ["code": "x"])))
    }

    @Test func abortedRequestGetsAbortedReplyInBusyIdle() {
        core.abort(request("execute_request", ["code": "say x"]), send: { log.record("shell", $0) })
        #expect(log.summary == ["iopub:status=busy", "shell:execute_reply", "iopub:status=idle"])
        #expect(log.events[1].message.content["status"] == "aborted")
        #expect(interpreter.executed.isEmpty)
    }

    @Test func progressUpdatesAreThrottledAndTheLastIsDelivered() {
        shell("execute_request", ["code": "progress 500"])
        let updates = log.events.filter { $0.message.type == "update_display_data" }
        #expect(updates.count >= 1 && updates.count <= 3)
        #expect(updates.last?.message.content["data"]?["text/plain"] == "500")
        #expect(updates.last?.message.content["transient"]?["display_id"] == "p")
        // The final update comes before the reply and idle.
        let summary = log.summary
        #expect(summary.lastIndex(of: "iopub:update_display_data")! < summary.firstIndex(of: "shell:execute_reply")!)
    }

    @Test func userExpressionsAreEvaluated() {
        shell("execute_request", ["code": "say x", "user_expressions": ["a": "1"]])
        let reply = log.events.first { $0.message.type == "execute_reply" }?.message.content
        #expect(reply?["user_expressions"]?["a"]?["status"] == "error")
    }

    @Test func completeInspectAndIsComplete() {
        shell("complete_request", ["code": "sa", "cursor_pos": 2])
        shell("inspect_request", ["code": "say", "cursor_pos": 1, "detail_level": 0])
        shell("is_complete_request", ["code": "say \\"])
        let replies = log.events.filter { $0.channel == "shell" }.map(\.message.content)
        #expect(replies[0]["matches"] == ["say"] && replies[0]["cursor_end"] == 2)
        #expect(replies[1]["found"] == true && replies[1]["data"]?["text/plain"] == "help")
        #expect(replies[2]["status"] == "incomplete")
    }

    @Test func historyTailRangeAndSearch() {
        for code in ["say a", "say b", "value c", "say b"] { shell("execute_request", ["code": .string(code)]) }
        func history(_ content: JSONValue) -> [JSONValue] {
            shell("history_request", content)
            return log.events.last { $0.message.type == "history_reply" }?.message.content["history"]?.arrayValue ?? []
        }
        #expect(history(["hist_access_type": "tail", "n": 2]) == [[1, 3, "value c"], [1, 4, "say b"]])
        #expect(history(["hist_access_type": "range", "session": 1, "start": 2, "stop": 3]) == [[1, 2, "say b"]])
        #expect(history(["hist_access_type": "search", "pattern": "say*", "unique": true]).count == 2)
        #expect(history(["hist_access_type": "search", "pattern": "say b"]).count == 2)
        #expect(history(["hist_access_type": "tail", "n": 1, "output": true]) == [[1, 4, ["say b", nil]]])
    }

    @Test func unknownRequestGetsAnErrorReply() {
        shell("frobnicate_request", [:])
        #expect(log.summary == ["iopub:status=busy", "shell:frobnicate_reply", "iopub:status=idle"])
        #expect(log.events[1].message.content["status"] == "error")
    }

    @Test func commOpenForUnknownTargetIsClosed() {
        shell("comm_open", ["comm_id": "c1", "target_name": "nobody", "data": [:]])
        #expect(log.summary == ["iopub:status=busy", "iopub:comm_close", "iopub:status=idle"])
    }

    @Test func registeredCommReceivesMessagesAndIsListed() {
        var received: [JSONValue] = []
        core.comms.register(target: "echo") { comm, _ in
            return { comm, messages in for data in messages { received.append(data); comm.send(data) } }
        }
        shell("comm_open", ["comm_id": "c1", "target_name": "echo", "data": [:]])
        shell("comm_msg", ["comm_id": "c1", "data": ["x": 1]])
        shell("comm_info_request", ["target_name": "echo"])
        #expect(received == [["x": 1]])
        #expect(log.events.contains { $0.message.type == "comm_msg" && $0.message.content["data"] == ["x": 1] })
        let info = log.events.last { $0.message.type == "comm_info_reply" }?.message.content
        #expect(info?["comms"]?["c1"]?["target_name"] == "echo")
        shell("comm_close", ["comm_id": "c1"])
        shell("comm_info_request", [:])
        #expect(log.events.last { $0.message.type == "comm_info_reply" }?.message.content["comms"] == [:])
    }

    @Test func interruptWhileIdleIsHarmless() {
        core.handleControl(request("interrupt_request", [:]), send: { log.record("control", $0) })
        #expect(log.summary == ["iopub:status=busy", "control:interrupt_reply", "iopub:status=idle"])
        shell("execute_request", ["code": "say still here"])
        #expect(log.events.contains { $0.message.type == "stream" })
    }

    @Test func shutdownRepliesBroadcastsAndSignals() {
        var restarted: Bool?
        core.onShutdown = { restarted = $0 }
        core.handleControl(request("shutdown_request", ["restart": true]), send: { log.record("control", $0) })
        #expect(log.summary == ["iopub:status=busy", "control:shutdown_reply", "iopub:shutdown_reply", "iopub:status=idle"])
        #expect(restarted == true)
    }

    @Test func debugRequestIsDeclinedClearly() {
        core.handleControl(request("debug_request", ["seq": 3, "command": "initialize"]), send: { log.record("control", $0) })
        let reply = log.events[1].message.content
        #expect(reply["success"] == false && reply["request_seq"] == 3)
    }
}
