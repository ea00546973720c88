import CellIO
import Foundation
import Testing
@testable import Workbench
@testable import WorkbenchKernel

@Suite struct NotebookRunnerTests {
    func notebook(_ sources: [(String, [String])]) -> Notebook {
        let cells: [JSONValue] = sources.enumerated().map { index, cell in
            ["cell_type": "code", "id": .string("c\(index)"), "execution_count": .null, "outputs": [],
             "metadata": ["tags": .array(cell.1.map { .string($0) })], "source": .string(cell.0)]
        }
        return Notebook(json: ["cells": .array(cells), "metadata": [:], "nbformat": 4, "nbformat_minor": 5])
    }

    func run(_ nb: Notebook, parameters: [(String, String)] = []) -> NotebookRunner.Result {
        NotebookRunner(parameters: parameters.map { NotebookParameter(name: $0.0, source: $0.1) })
            .run(nb, session: Session(), cancellation: CancellationToken())
    }

    @Test func parametersAreInjectedAfterTheTaggedCell() {
        let result = run(notebook([("steps = 10", ["parameters"]), ("steps", [])]), parameters: [("steps", "3")])
        let cells = result.notebook.cells
        #expect(cells.count == 3)
        #expect(cells[1]["id"] == "injected-parameters")
        #expect(cells[2]["outputs"]?.arrayValue?.first?["data"]?["text/plain"] == "3")
        #expect(result.failure == nil)
    }

    @Test func streamsMergeAndResultsAreCounted() {
        let result = run(notebook([("print 1\nprint 2\n7", [])]))
        let outputs = result.notebook.cells[0]["outputs"]?.arrayValue ?? []
        #expect(outputs.count == 2)
        #expect(outputs[0]["text"] == "1\n2\n")
        #expect(outputs[1]["output_type"] == "execute_result" && outputs[1]["execution_count"] == 1)
    }

    @Test func theFirstErrorStopsTheRunAndIsReported() {
        let result = run(notebook([("print 1", []), ("nonsense_command", []), ("print 2", [])]))
        #expect(result.failure?.cell == 2)
        #expect(result.failure?.message.contains("nonsense_command") == true)
        let cells = result.notebook.cells
        #expect(cells[1]["outputs"]?.arrayValue?.first?["output_type"] == "error")
        #expect(cells[2]["execution_count"] == .null)
    }

    @Test func updatesReplaceTheirDisplayAndClearWaitsForTheNextOutput() {
        let recorder = OutputRecorder()
        recorder.record(.display(.text("0%"), displayID: "p"))
        recorder.record(.update(.text("100%"), displayID: "p"))
        #expect(recorder.outputs.count == 1 && recorder.outputs[0]["data"]?["text/plain"] == "100%")
        recorder.record(.clear(wait: true))
        #expect(recorder.outputs.count == 1)
        recorder.record(.stream(.stdout, "after"))
        #expect(recorder.outputs.count == 1 && recorder.outputs[0]["text"] == "after")
    }

    @Test func parameterSyntaxIsChecked() throws {
        #expect(throws: NotebookError.badParameter("1x=2")) { try NotebookParameter.parse("1x=2") }
        #expect(try NotebookParameter.parse("steps=200").source == "200")
    }

    @Test func parametersAreTypedAsPapermillTypesThem() throws {
        let cases: [(String, String)] = [
            ("n=3", "3"), ("x=0.25", "0.25"), ("x=1e-3", "1e-3"), ("flag=True", "true"), ("flag=False", "false"),
            ("v=None", "none"), ("greeting=hello", #""hello""#), (#"q=say "hi" \ ok"#, #""say \"hi\" \\ ok""#),
            ("x=inf", #""inf""#), ("x=", #""""#), ("x=1,2", #""1,2""#),
        ]
        for (text, source) in cases { #expect(try NotebookParameter.parse(text).source == source, "\(text)") }
        #expect(try NotebookParameter.parse("n=3", raw: true).source == #""3""#)
    }

    @Test func injectedTextParametersReachCommandsAsText() throws {
        let parameter = try NotebookParameter.parse("greeting=hello papermill")
        let result = run(notebook([("greeting = \"x\"", ["parameters"]), ("print greeting", [])]),
                         parameters: [(parameter.name, parameter.source)])
        #expect(result.failure == nil)
        #expect(result.notebook.cells.contains { cell in
            cell["outputs"]?.arrayValue?.contains { $0["text"]?.stringValue == "hello papermill\n" } == true
        })
    }

    @Test func notebookJSONLooksLikeJupyters() {
        let text = String(decoding: JSONValue.object(["b": [], "a": ["x": 1], "c": [:]]).prettyEncoded(), as: UTF8.self)
        #expect(text == "{\n \"a\": {\n  \"x\": 1\n },\n \"b\": [],\n \"c\": {}\n}\n")
    }
}

@Suite struct NotebookRunnerErrorTagTests {
    @Test func aCellTaggedRaisesExceptionMayFail() {
        let cells: [JSONValue] = [
            ["cell_type": "code", "id": "a", "execution_count": .null, "outputs": [], "metadata": ["tags": ["raises-exception"]],
             "source": "nonsense_command"],
            ["cell_type": "code", "id": "b", "execution_count": .null, "outputs": [], "metadata": [:], "source": "print 1"],
        ]
        let result = NotebookRunner().run(Notebook(json: ["cells": .array(cells), "nbformat": 4]), session: Session(),
                                          cancellation: CancellationToken())
        #expect(result.failure == nil)
        #expect(result.notebook.cells[1]["outputs"]?.arrayValue?.first?["text"] == "1\n")
    }
}
