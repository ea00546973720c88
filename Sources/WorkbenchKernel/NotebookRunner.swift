import CellIO
import Foundation
import Jupyter
import Workbench

/// Executes a notebook's code cells in one session, in order, recording
/// outputs as nbformat output objects — what `jupyter execute` would store,
/// without a kernel process. Parameters are injected after the cell tagged
/// `parameters`, as papermill does; a cell tagged `raises-exception` may fail
/// without stopping the run.
public struct NotebookRunner {
    /// What happened: the executed notebook, SVG figures it displayed, and the first error if any.
    public struct Result {
        public var notebook: Notebook
        public var figures: [String]
        /// (1-based code-cell number, message) of the first failing cell.
        public var failure: (cell: Int, message: String)?
    }

    public var parameters: [NotebookParameter]

    public init(parameters: [NotebookParameter] = []) {
        self.parameters = parameters
    }

    public func run(_ input: Notebook, session: Session, cancellation: CancellationToken) -> Result {
        var notebook = input
        var cells = notebook.cells
        if !parameters.isEmpty {
            let source = "# Parameters\n" + parameters.map(\.statement).joined(separator: "\n")
            let injected: [String: JSONValue] = [
                "cell_type": "code", "id": .string("injected-parameters"), "execution_count": .null, "outputs": [],
                "metadata": ["tags": ["injected-parameters"]], "source": .string(source),
            ]
            let at = (cells.firstIndex { Notebook.tags(of: $0).contains("parameters") }).map { $0 + 1 } ?? 0
            cells.insert(injected, at: at)
        }
        let interpreter = WorkbenchInterpreter(session: session)
        // No front-end is listening, but widgets are still made (their comm messages go nowhere),
        // so `explore` runs as in a kernel and the saved notebook carries the widgets' state.
        let widgets = session.widgets as? WidgetManager ?? WidgetManager(comms: CommRegistry())
        session.widgets = widgets
        var figures: [String] = []
        var failure: (cell: Int, message: String)?
        var count = 0
        var codeCell = 0
        for index in cells.indices where cells[index]["cell_type"]?.stringValue == "code" {
            codeCell += 1
            guard failure == nil else {
                cells[index]["outputs"] = []
                cells[index]["execution_count"] = .null
                continue
            }
            count += 1
            let recorder = OutputRecorder()
            let output = OutputChannel(emit: { recorder.record($0) }, readInput: nil)
            let outcome = interpreter.execute(
                ExecuteRequest(code: Notebook.source(of: cells[index]), allowStdin: false, executionCount: count,
                               cancellation: cancellation), output: output)
            output.close()
            switch outcome {
            case .success(let bundle?):
                recorder.record(.result(bundle, executionCount: count))
            case .success(nil): break
            case .failure(let error):
                recorder.record(error)
                // A cell tagged `raises-exception` shows an error on purpose (as nbclient allows).
                if !Notebook.tags(of: cells[index]).contains("raises-exception") {
                    failure = (codeCell, error.value)
                }
            }
            cells[index]["outputs"] = .array(recorder.outputs.map { .object($0) })
            cells[index]["execution_count"] = .int(count)
            figures += recorder.outputs.compactMap { $0["data"]?["image/svg+xml"]?.stringValue }
        }
        notebook.cells = cells
        if !widgets.liveIDs.isEmpty {
            var metadata = notebook.json["metadata"]?.objectValue ?? [:]
            metadata["widgets"] = widgets.notebookMetadata()
            notebook.json["metadata"] = .object(metadata)
        }
        return Result(notebook: notebook, figures: figures, failure: failure)
    }
}

/// Turns a cell's output events into nbformat outputs: consecutive stream text
/// of one name merges, display updates replace their display in place, and
/// `clear(wait)` clears when the next output arrives.
final class OutputRecorder {
    private(set) var outputs: [[String: JSONValue]] = []
    private var displayIndex: [String: [Int]] = [:]
    private var clearPending = false

    func record(_ event: OutputEvent) {
        switch event {
        case .clear(let wait):
            if wait { clearPending = true } else { clear() }
            return
        case .update(let bundle, let id):
            for i in displayIndex[id] ?? [] {
                outputs[i]["data"] = .object(bundle.data)
                outputs[i]["metadata"] = .object(bundle.metadata)
            }
            return
        default:
            break
        }
        if clearPending { clear() }
        switch event {
        case .stream(let stream, let text):
            let name = stream.rawValue
            if let last = outputs.last, last["output_type"]?.stringValue == "stream", last["name"]?.stringValue == name {
                outputs[outputs.count - 1]["text"] = .string((last["text"]?.stringValue ?? "") + text)
            } else {
                outputs.append(["output_type": "stream", "name": .string(name), "text": .string(text)])
            }
        case .display(let bundle, let id):
            if let id { displayIndex[id, default: []].append(outputs.count) }
            outputs.append(["output_type": "display_data", "data": .object(bundle.data), "metadata": .object(bundle.metadata)])
        case .result(let bundle, let count):
            outputs.append(["output_type": "execute_result", "data": .object(bundle.data),
                            "metadata": .object(bundle.metadata), "execution_count": .int(count)])
        case .clear, .update:
            break
        }
    }

    /// A failed cell's error, as nbformat stores it.
    func record(_ error: ExecutionError) {
        if clearPending { clear() }
        outputs.append(["output_type": "error", "ename": .string(error.name), "evalue": .string(error.value),
                        "traceback": .array(error.traceback.map { .string($0) })])
    }

    private func clear() {
        outputs.removeAll()
        displayIndex.removeAll()
        clearPending = false
    }
}
