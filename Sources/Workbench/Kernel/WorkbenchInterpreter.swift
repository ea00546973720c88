import Foundation
import Jupyter

/// The HTI language behind the Jupyter kernel: a `Session` plus the
/// protocol's hooks (completion, inspection, is_complete, rendering).
public final class WorkbenchInterpreter: Interpreter {
    public let session: Session
    public static let version = "0.1.0"

    public init(session: Session = Session()) {
        self.session = session
    }

    public var info: KernelInfo {
        KernelInfo(
            implementation: "hti-workbench", implementationVersion: WorkbenchInterpreter.version,
            languageName: "hti", languageVersion: WorkbenchInterpreter.version, mimeType: "text/x-hti",
            fileExtension: ".hti", pygmentsLexer: "text", codemirrorMode: "shell",
            banner: "HTI Workbench \(WorkbenchInterpreter.version) — Hyperparameter Trajectory Inference.\nType `help` for the commands.",
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
        var traceback = error.rendered(cell: cell)
        // Colour the headline as IPython does; front-ends render ANSI in tracebacks.
        traceback[0] = "\u{1b}[0;31m\(error.kind.rawValue)\u{1b}[0m: \(error.headline)"
        return ExecutionError(name: error.kind.rawValue, value: error.headline, traceback: traceback)
    }

    public func evaluate(expression: String) -> ExecuteOutcome {
        let name = expression.trimmingCharacters(in: .whitespaces)
        if let value = session.variables[name] { return .success(ValueRenderer.bundle(value)) }
        if let literal = try? Parser.parse(line: name), case .value(let l) = literal.body {
            return .success(.text(l.textValue))
        }
        return .failure(ExecutionError(name: "NameError", value: "no variable named `\(name)`", traceback: []))
    }

    public func complete(code: String, cursor: Int) -> Completion {
        CompletionEngine(registry: session.registry, variables: Array(session.variables.keys),
                         workingDirectory: session.workingDirectory).complete(code: code, cursor: cursor)
    }

    public func inspect(code: String, cursor: Int, detailLevel: Int) -> MimeBundle? {
        let scalars = Array(code.unicodeScalars)
        let cursor = min(max(0, cursor), scalars.count)
        var start = cursor, end = cursor
        func isWord(_ s: Unicode.Scalar) -> Bool { Parser.isName(String(s)) || CharacterSet.decimalDigits.contains(s) }
        while start > 0, isWord(scalars[start - 1]) { start -= 1 }
        while end < scalars.count, isWord(scalars[end]) { end += 1 }
        let word = String(String.UnicodeScalarView(scalars[start..<end]))
        if let spec = session.registry.command(named: word) {
            return .text(spec.helpText)
        }
        if let value = session.variables[word] {
            return .text("\(word): \(value.typeName)\n\(value.summary)")
        }
        // An option name: show its help from the line's command.
        let line = String(String.UnicodeScalarView(scalars[..<start])).split(separator: "\n").last.map(String.init) ?? ""
        let commandWord = line.split(separator: " ").first(where: { session.registry.command(named: String($0)) != nil })
        if let commandWord, let spec = session.registry.command(named: String(commandWord)),
           let option = spec.options.first(where: { $0.name == word }) {
            return .text("\(spec.name) \(option.name)=…  \(option.help) — expects \(option.kind.expectation)"
                         + (option.defaultText.map { " (default: \($0))" } ?? ""))
        }
        return nil
    }

    public func isComplete(code: String) -> CodeCompleteness {
        do {
            _ = try Parser.parse(cell: code)
            return .complete
        } catch let error as SyntaxError {
            return error.isIncompleteInput ? .incomplete(indent: "") : .invalid
        } catch {
            return .unknown
        }
    }
}
