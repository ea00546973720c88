/// A command that could not run, written for the person who typed it: which
/// command, which argument, what was expected, and where (for a caret).
public struct WorkbenchError: Error, Equatable, Sendable {
    public var message: String
    public var command: String?
    public var location: SourceLocation?
    /// The error's kind, shown as the Jupyter `ename`.
    public var kind: Kind

    public enum Kind: String, Sendable {
        case syntax = "SyntaxError"
        case usage = "UsageError"
        case name = "NameError"
        case value = "ValueError"
        case file = "FileError"
        case interrupted = "Interrupted"
        case failed = "CommandError"
    }

    public init(_ kind: Kind, _ message: String, command: String? = nil, at location: SourceLocation? = nil) {
        self.kind = kind
        self.message = message
        self.command = command
        self.location = location
    }

    init(_ error: SyntaxError) {
        self.init(.syntax, error.message, at: error.location)
    }

    /// The message prefixed with the command's name, as shown to the user.
    public var headline: String {
        if let command { return "\(command): \(message)" }
        return message
    }

    /// The error with the offending line and a caret under the offending text.
    public func rendered(cell: String) -> [String] {
        var lines = ["\(kind.rawValue): \(headline)"]
        guard let location else { return lines }
        let source = cell.split(separator: "\n", omittingEmptySubsequences: false)
        guard location.line >= 1, location.line <= source.count else { return lines }
        let text = String(source[location.line - 1])
        let gutter = "  \(location.line) | "
        lines.append(gutter + text)
        let pad = String(repeating: " ", count: gutter.count + max(0, location.column - 1))
        lines.append(pad + String(repeating: "^", count: max(1, min(location.length, max(1, text.count - location.column + 1)))))
        return lines
    }

    /// `rendered(cell:)` with the headline coloured as IPython colours it (front-ends and
    /// terminals both render ANSI in tracebacks).
    public func traceback(cell: String) -> [String] {
        var lines = rendered(cell: cell)
        lines[0] = "\u{1b}[0;31m\(kind.rawValue)\u{1b}[0m: \(headline)"
        return lines
    }
}
