/// What one option of a command accepts.
public enum OptionKind: Sendable, Equatable {
    case number
    case integer(ClosedRange<Int>)
    case text
    /// One of a fixed set of words.
    case choice([String])
    /// A comma-separated list of numbers (`lambda=0.25,0.75`).
    case numbers
    /// A comma-separated list of words (`outputs=x,y`), or of choices when given.
    case words([String]?)
    case path

    /// Words worth offering in completion for this option's value.
    var suggestions: [String] {
        switch self {
        case .choice(let words): return words
        case .words(let words?): return words
        default: return []
        }
    }

    var expectation: String {
        switch self {
        case .number: return "a number"
        case .integer(let range): return "a whole number from \(range.lowerBound) to \(range.upperBound)"
        case .text: return "text"
        case .choice(let words): return "one of " + words.map { "`\($0)`" }.joined(separator: ", ")
        case .numbers: return "numbers separated by commas"
        case .words(let words?): return "a comma-separated list of " + words.map { "`\($0)`" }.joined(separator: ", ")
        case .words(nil): return "names separated by commas"
        case .path: return "a file path in quotes"
        }
    }
}

/// One `name=value` option, described once for help, completion and checking.
public struct OptionSpec: Sendable {
    public var name: String
    public var kind: OptionKind
    public var help: String
    public var defaultText: String?

    public init(_ name: String, _ kind: OptionKind, _ help: String, default defaultText: String? = nil) {
        self.name = name
        self.kind = kind
        self.help = help
        self.defaultText = defaultText
    }
}

/// One positional argument.
public struct PositionalSpec: Sendable {
    public enum Kind: Sendable, Equatable {
        /// The name of a variable in the session.
        case variable
        case path
        case word([String])
        case number
        case anything
    }

    public var name: String
    public var kind: Kind
    public var help: String
    public var isRequired: Bool
    /// Takes every remaining positional value.
    public var isRepeated: Bool

    public init(_ name: String, _ kind: Kind, _ help: String, required: Bool = true, repeated: Bool = false) {
        self.name = name
        self.kind = kind
        self.help = help
        isRequired = required
        isRepeated = repeated
    }
}

/// A command of the language: its description (the single source for help,
/// completion, inspection and the README reference) and what it does.
public struct CommandSpec: Sendable {
    public typealias Action = @Sendable (inout CommandContext, Invocation) throws -> Value?

    public var name: String
    public var summary: String
    public var positionals: [PositionalSpec]
    public var options: [OptionSpec]
    public var examples: [String]
    /// Whether the result may be named (`x = command …`).
    public var producesValue: Bool
    public var action: Action

    public init(name: String, summary: String, positionals: [PositionalSpec] = [], options: [OptionSpec] = [],
                examples: [String] = [], producesValue: Bool = false, action: @escaping Action) {
        self.name = name
        self.summary = summary
        self.positionals = positionals
        self.options = options
        self.examples = examples
        self.producesValue = producesValue
        self.action = action
    }

    /// `name <arg> [arg] [option=…]…`
    public var usage: String {
        var parts = [name]
        for positional in positionals {
            var text = positional.name + (positional.isRepeated ? "…" : "")
            text = positional.isRequired ? "<\(text)>" : "[\(text)]"
            parts.append(text)
        }
        for option in options { parts.append("[\(option.name)=…]") }
        return parts.joined(separator: " ")
    }

    /// Plain-text help: usage, summary, arguments, options with defaults, examples.
    public var helpText: String {
        var lines = [usage, "", summary]
        if !positionals.isEmpty {
            lines.append("")
            lines.append("Arguments:")
            for p in positionals { lines.append("  \(p.name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(p.help)") }
        }
        if !options.isEmpty {
            lines.append("")
            lines.append("Options:")
            for o in options {
                let defaultNote = o.defaultText.map { " (default: \($0))" } ?? ""
                lines.append("  \((o.name + "=").padding(toLength: 14, withPad: " ", startingAt: 0)) \(o.help)\(defaultNote)")
            }
        }
        if !examples.isEmpty {
            lines.append("")
            lines.append("Examples:")
            for e in examples { lines.append("  " + e) }
        }
        return lines.joined(separator: "\n")
    }
}
