import CellIO
import Foundation
import HTI
import Testing
@testable import Workbench

final class Captured: @unchecked Sendable {
    var stdout = ""
    var stderr = ""
    var events: [OutputEvent] = []

    /// How many updates of a display, and how many displays, the cells sent.
    var updates: Int { events.filter { if case .update = $0 { return true } else { return false } }.count }
    var displays: Int { events.filter { if case .display = $0 { return true } else { return false } }.count }
}

func makeChannel(_ captured: Captured, input: String? = nil) -> OutputChannel {
    OutputChannel(emit: { event in
        captured.events.append(event)
        if case .stream(let stream, let text) = event {
            if stream == .stderr { captured.stderr += text } else { captured.stdout += text }
        }
    }, readInput: input.map { value in { _, _ in value } })
}

/// A suite that drives one session: `run` a cell with its output captured, or get the
/// `WorkbenchError` a cell fails with (nil when it succeeds).
protocol SessionSuite {
    var session: Session { get }
    var captured: Captured { get }
}

extension SessionSuite {
    func run(_ cell: String, cancellation: CancellationToken = CancellationToken()) throws -> Value? {
        try session.run(cell: cell, output: makeChannel(captured), cancellation: cancellation)
    }

    func error(_ cell: String, cancellation: CancellationToken = CancellationToken()) -> WorkbenchError? {
        do { _ = try run(cell, cancellation: cancellation); return nil } catch let e as WorkbenchError { return e } catch { return nil }
    }

    /// What the model summary shows in its row `name` (nil when it has no such row).
    func summaryRow(_ name: String, of model: HTIModel) -> String? {
        ModelSummary.table(model).rows.first { $0.first == name }?.last
    }

    /// The session's variable `name`, when it holds marginals.
    func marginals(_ name: String) -> Marginals? {
        if case .marginals(let m)? = session.variables[name] { return m }
        return nil
    }

    /// The session's variable `name`, when it holds a model.
    func model(_ name: String) -> HTIModel? {
        if case .model(let m)? = session.variables[name] { return m }
        return nil
    }
}

@Suite struct SessionTests {
    let session = Session()
    let captured = Captured()

    func run(_ cell: String, input: String? = nil) throws -> Value? {
        try session.run(cell: cell, output: makeChannel(captured, input: input), cancellation: CancellationToken())
    }

    func error(_ cell: String) -> WorkbenchError? {
        do { _ = try run(cell); return nil } catch let e as WorkbenchError { return e } catch { return nil }
    }

    @Test func assignAndShowAVariable() throws {
        #expect(try run("x = 42") == nil)
        guard case .number(42)? = try run("x") else { Issue.record("x is not 42"); return }
    }

    @Test func printWritesToTheChosenStream() throws {
        _ = try run(#"print "hello, world""# + "\n" + #"print "oops" to=stderr"#)
        #expect(captured.stdout == "hello, world\n")
        #expect(captured.stderr == "oops\n")
    }

    @Test func unknownOptionSuggestsTheClosest() {
        let e = error("print x tp=stderr")
        #expect(e?.message == "unknown option `tp` for print — did you mean `to`?")
        #expect(e?.location?.column == 9)
    }

    @Test func badOptionValueSaysWhatWasExpected() {
        #expect(error("print x to=nowhere")?.message == "option `to` expects one of `stdout`, `stderr`, not `nowhere`")
    }

    @Test func unknownCommandSuggestsTheClosest() {
        #expect(error("hepl")?.message == "unknown command or variable `hepl` — did you mean `help`?")
    }

    @Test func failedStatementLeavesVariablesUnchanged() throws {
        _ = try run("a = 1\nb = 2")
        let e = error("del a\ndel nothing")
        #expect(e?.kind == .name)
        #expect(session.variables["b"] != nil)
        // The first statement of the failing cell ran; the failing one changed nothing.
        #expect(session.variables["a"] == nil)
        #expect(error("del b zz") != nil)
        #expect(session.variables["b"] != nil, "a failed del must not delete the names before the bad one")
    }

    @Test func errorRendersACaretUnderTheOffendingText() {
        let e = error("print x to=nowhere")
        let lines = e?.rendered(cell: "print x to=nowhere") ?? []
        #expect(lines.count == 3)
        #expect(lines[1] == "  1 | print x to=nowhere")
        #expect(lines[2] == String(repeating: " ", count: 6 + 11) + "^^^^^^^")
    }

    @Test func commandsWithoutValuesCannotBeNamed() {
        #expect(error("x = who")?.message == "`who` makes no value, so its result cannot be named")
    }

    @Test func inputReadsFromTheFrontEnd() throws {
        _ = try run(#"name = input "Who?""#, input: "Ada")
        guard case .text("Ada")? = session.variables["name"] else { Issue.record("no input"); return }
    }

    @Test func sleepStopsWhenInterrupted() throws {
        let token = CancellationToken()
        let interrupter = Interrupter(cancelling: token, after: 0.1)
        do {
            _ = try session.run(cell: "x = 1\nsleep 30", output: makeChannel(captured), cancellation: token)
            Issue.record("sleep was not interrupted")
        } catch let e as WorkbenchError {
            #expect(e.kind == .interrupted)
        }
        #expect((interrupter.secondsSinceInterrupt ?? .infinity) < 0.9, "stopped within a second of the interrupt")
    }

    @Test func timeMagicReportsWallTime() throws {
        _ = try run("%time sleep 0.01")
        #expect(captured.stdout.hasPrefix("Wall time: "))
    }

    @Test func helpListsEveryCommandAndDescribesOne() throws {
        _ = try run("help")
        for name in session.registry.names { #expect(captured.stdout.contains("  \(name)")) }
        captured.stdout = ""
        _ = try run("help print")
        #expect(captured.stdout.hasPrefix("print [value…] [to=…]"))
    }
}
