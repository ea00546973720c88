import CellIO
import Foundation
import Jupyter
import Workbench

/// The HTI language behind the Jupyter kernel: a `Session` plus the
/// protocol's hooks (completion, inspection, is_complete, rendering).
public final class WorkbenchInterpreter: Interpreter {
    public let session: Session

    public init(session: Session = Session()) {
        self.session = session
    }

    public var info: KernelInfo {
        KernelInfo(
            implementation: "hti-workbench", implementationVersion: Session.version,
            languageName: "hti", languageVersion: Session.version, mimeType: "text/x-hti",
            fileExtension: ".hti", pygmentsLexer: "text", codemirrorMode: "shell",
            banner: Session.banner,
            helpLinks: [(text: "HTI Workbench commands", url: "https://github.com/harrya32/hyperparameter-trajectory-inference")])
    }

    /// The kernel's comms: the session makes its live widgets on them.
    public func registerComms(_ registry: CommRegistry) {
        session.widgets = WidgetManager(comms: registry)
    }

    public func execute(_ request: ExecuteRequest, output: OutputChannel) -> ExecuteOutcome {
        do {
            let value = try session.run(cell: request.code, output: output, cancellation: request.cancellation)
            return .success(value.map(ValueRenderer.bundle))
        } catch let error as WorkbenchError {
            return .failure(WorkbenchInterpreter.executionError(error, cell: request.code))
        } catch {
            return .failure(ExecutionError(name: "InternalError", value: "\(error)", traceback: ["\(error)"]))
        }
    }

    static func executionError(_ error: WorkbenchError, cell: String) -> ExecutionError {
        ExecutionError(name: error.kind.rawValue, value: error.headline, traceback: error.traceback(cell: cell))
    }

    public func evaluate(expression: String) -> ExecuteOutcome {
        guard let value = session.value(ofExpression: expression) else {
            let name = expression.trimmingCharacters(in: .whitespaces)
            return .failure(ExecutionError(name: "NameError", value: "no variable named `\(name)`", traceback: []))
        }
        return .success(ValueRenderer.bundle(value))
    }

    public func complete(code: String, cursor: Int) -> Completion {
        session.complete(code: code, cursor: cursor)
    }

    public func inspect(code: String, cursor: Int, detailLevel: Int) -> MimeBundle? {
        session.help(code: code, cursor: cursor).map(MimeBundle.text)
    }

    public func isComplete(code: String) -> CodeCompleteness {
        session.completeness(of: code)
    }
}
