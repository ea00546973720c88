/// One literal argument value: a bare word, a number or a quoted string.
public struct Literal: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case word(String)
        case number(Double)
        case string(String)
    }

    public var kind: Kind
    /// As written, so that printing a statement reproduces its numbers exactly.
    public var text: String
    public var location: SourceLocation

    /// The literal's value as text (a word, a string's contents, or a number as written).
    public var textValue: String {
        switch kind {
        case .word(let word): return word
        case .string(let string): return string
        case .number: return text
        }
    }

    /// Canonical source form.
    public var source: String {
        switch kind {
        case .word(let word): return word
        case .number: return text
        case .string(let string): return Literal.quote(string)
        }
    }

    static func quote(_ string: String) -> String {
        var out = "\""
        for c in string {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.append(c)
            }
        }
        return out + "\""
    }
}

/// A positional value or a `name=value[,value…]` option.
public enum CommandArgument: Equatable, Sendable {
    case positional(Literal)
    case option(name: String, nameLocation: SourceLocation, values: [Literal])

    public var source: String {
        switch self {
        case .positional(let literal): return literal.source
        case .option(let name, _, let values): return name + "=" + values.map(\.source).joined(separator: ",")
        }
    }
}

/// One parsed line: `[target =] command arguments…`, a bare value, or `%magic line`.
public struct Statement: Equatable, Sendable {
    public enum Body: Equatable, Sendable {
        case command(name: String, location: SourceLocation, arguments: [CommandArgument])
        /// A bare literal such as `42` or `"text"`: its value is the result.
        case value(Literal)
        /// `0.25, 0.75` or `"a", "b"`: a list value (as papermill injects list parameters).
        case values([Literal])
        /// `%time fit d`: a magic wrapping another statement.
        indirect case magic(name: String, location: SourceLocation, statement: Statement)
    }

    public var target: (name: String, location: SourceLocation)?
    public var body: Body
    /// The source text of the line, for carets under errors.
    public var sourceLine: String

    public static func == (lhs: Statement, rhs: Statement) -> Bool {
        lhs.target?.name == rhs.target?.name && lhs.target?.location == rhs.target?.location && lhs.body == rhs.body
    }

    /// Where the statement's command, value or magic starts: errors that arise while
    /// it runs point here when they have no more precise place (`hti run` reports it).
    public var location: SourceLocation {
        switch body {
        case .command(_, let location, _), .magic(_, let location, _): return location
        case .value(let literal): return literal.location
        case .values(let literals): return literals.first?.location ?? SourceLocation(line: 1, column: 1, length: 1)
        }
    }

    /// Canonical source: parsing it gives back an equal statement (locations aside).
    public var source: String {
        let prefix = target.map { "\($0.name) = " } ?? ""
        switch body {
        case .command(let name, _, let arguments):
            return prefix + ([name] + arguments.map(\.source)).joined(separator: " ")
        case .value(let literal):
            return prefix + literal.source
        case .values(let literals):
            return prefix + literals.map(\.source).joined(separator: ", ")
        case .magic(let name, _, let statement):
            return "%\(name) " + statement.source
        }
    }
}
