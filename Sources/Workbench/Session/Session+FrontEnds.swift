import CellIO
import Foundation

/// What any front-end asks of the session besides running cells (completion, whether
/// code is complete, help, a variable's value): the kernel's replies and `hti repl`'s
/// line editor ask the same questions.
extension Session {
    /// The language's version, as the kernel and the terminal report it.
    public static let version = "0.1.0"
    public static let banner = "HTI Workbench \(version) — Hyperparameter Trajectory Inference.\nType `help` for the commands."

    /// Completions at a cursor given in Unicode scalars from the start of `code`.
    public func complete(code: String, cursor: Int) -> Completion {
        CompletionEngine(registry: registry, variables: Array(variables.keys), workingDirectory: workingDirectory)
            .complete(code: code, cursor: cursor)
    }

    /// Whether `code` parses as it is, or waits for more (a trailing `\`).
    public func completeness(of code: String) -> CodeCompleteness {
        do {
            _ = try Parser.parse(cell: code)
            return .complete
        } catch let error as SyntaxError {
            return error.isIncompleteInput ? .incomplete(indent: "") : .invalid
        } catch {
            return .unknown
        }
    }

    /// A variable's value, or a literal's text, for a front-end's `user_expressions`
    /// (which must not run anything); nil when the name means nothing.
    public func value(ofExpression expression: String) -> Value? {
        let name = expression.trimmingCharacters(in: .whitespaces)
        if let value = variables[name] { return value }
        if let literal = try? Parser.parse(line: name), case .value(let l) = literal.body { return .text(l.textValue) }
        return nil
    }

    /// Help for the word at the cursor (Shift-Tab): a command's reference, a variable's
    /// summary, or an option's help from the line's command; nil when nothing is known.
    public func help(code: String, cursor: Int) -> String? {
        let scalars = Array(code.unicodeScalars)
        let cursor = min(max(0, cursor), scalars.count)
        var start = cursor, end = cursor
        func isWord(_ s: Unicode.Scalar) -> Bool { Parser.isName(String(s)) || CharacterSet.decimalDigits.contains(s) }
        while start > 0, isWord(scalars[start - 1]) { start -= 1 }
        while end < scalars.count, isWord(scalars[end]) { end += 1 }
        let word = String(String.UnicodeScalarView(scalars[start..<end]))
        if let spec = registry.command(named: word) { return spec.helpText }
        if let value = variables[word] { return "\(word): \(value.typeName)\n\(value.summary)" }
        // An option name: show its help from the line's command.
        let line = String(String.UnicodeScalarView(scalars[..<start])).split(separator: "\n").last.map(String.init) ?? ""
        let commandWord = line.split(separator: " ").first(where: { registry.command(named: String($0)) != nil })
        if let commandWord, let spec = registry.command(named: String(commandWord)),
           let option = spec.options.first(where: { $0.name == word }) {
            return "\(spec.name) \(option.name)=…  \(option.help) — expects \(option.kind.expectation)"
                + (option.defaultText.map { " (default: \($0))" } ?? "")
        }
        return nil
    }
}
