/// One `hti run -p name=value` (or `-r`) parameter, typed as papermill types its
/// command-line values so that `hti run -p` and `papermill -p` inject the same
/// statements: `True`/`False` are booleans (the words `true`/`false`), `None` is
/// `none`, a value that reads as a finite number is that number, anything else
/// is text in quotes with its quotes and backslashes escaped. `-r` values are
/// always text.
public struct NotebookParameter: Sendable, Equatable {
    public var name: String
    /// The value as the language reads it (a number, a quoted string, or a word).
    public var source: String

    public init(name: String, source: String) {
        self.name = name
        self.source = source
    }

    /// Parses `name=value`; `raw` keeps the value as text whatever it looks like.
    public static func parse(_ text: String, raw: Bool = false) throws -> NotebookParameter {
        guard let equals = text.firstIndex(of: "="), Parser.isName(String(text[..<equals])) else {
            throw NotebookError.badParameter(text)
        }
        let value = String(text[text.index(after: equals)...])
        return NotebookParameter(name: String(text[..<equals]), source: raw ? Literal.quote(value) : typed(value))
    }

    static func typed(_ value: String) -> String {
        switch value {
        case "True": return "true"
        case "False": return "false"
        case "None": return "none"
        default: break
        }
        // As Python's int() and float() read it (surrounding spaces allowed), but finite only:
        // the language has no inf or nan, so those stay text.
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty, let number = Double(trimmed.replacingOccurrences(of: "_", with: "")), number.isFinite,
           trimmed.allSatisfy({ $0.isNumber || "+-.eE_".contains($0) }) {
            return Lexer.number(trimmed) != nil ? trimmed : Value.format(number)
        }
        return Literal.quote(value)
    }

    /// The injected statement.
    public var statement: String { "\(name) = \(source)" }
}
