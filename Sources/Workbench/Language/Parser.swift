/// Parses cells of the command language into statements.
///
/// A cell is lines; `#` starts a comment, a trailing `\` continues a line,
/// blank lines are skipped. A line is `[name =] command args…`, where each arg
/// is a value or `option=value[,value…]`, or a bare value, or `%magic line`.
public enum Parser {
    /// `%time %time cmd` is legal; a thousand of them is an attack on the stack. The
    /// parser and the evaluator recurse once per magic, so the depth is bounded here.
    public static let maximumMagicNesting = 8

    /// One logical line: the joined text and each character's source position (plus one past the end).
    struct LogicalLine {
        var text: String
        var positions: SourcePositions

        var line: Int { positions.first.line }
    }

    public static func parse(cell: String) throws -> [Statement] {
        let (lines, unfinished) = logicalLines(cell)
        // Complete lines are parsed first: an error on one of them cannot be cured by more
        // input, so it is reported rather than treated as an unfinished continuation.
        let statements = try lines.compactMap { try parse(line: $0) }
        if let unfinished { throw SyntaxError(reason: .unfinishedContinuation, location: endLocation(unfinished)) }
        return statements
    }

    /// Parses one logical line; nil for a blank or comment-only line.
    static func parse(line: LogicalLine) throws -> Statement? {
        let tokens = try Lexer(line.text, positions: line.positions).tokens()
        guard !tokens.isEmpty else { return nil }
        var cursor = TokenCursor(tokens: tokens, endLocation: endLocation(line))
        let statement = try statement(&cursor, sourceLine: line.text, allowTarget: true, depth: 0)
        if let extra = cursor.peek {
            throw SyntaxError(reason: .unexpected(extra.text, expected: "the end of the line"), location: extra.location)
        }
        return statement
    }

    /// Convenience for a single line of text.
    public static func parse(line text: String) throws -> Statement? {
        try parse(line: LogicalLine(text: text, positions: .along(line: 1, count: text.count)))
    }

    private static func endLocation(_ line: LogicalLine) -> SourceLocation {
        let end = line.positions.last
        return SourceLocation(line: end.line, column: end.column, length: 1)
    }

    private static func statement(_ cursor: inout TokenCursor, sourceLine: String, allowTarget: Bool, depth: Int) throws -> Statement {
        guard let first = cursor.next() else {
            throw SyntaxError(reason: .unexpectedEnd(expected: "a command"), location: cursor.endLocation)
        }
        switch first.kind {
        case .magic(let name):
            guard depth < maximumMagicNesting else {
                throw SyntaxError(reason: .nestedTooDeep(limit: maximumMagicNesting), location: first.location)
            }
            let inner = try statement(&cursor, sourceLine: sourceLine, allowTarget: true, depth: depth + 1)
            return Statement(target: nil, body: .magic(name: name, location: first.location, statement: inner),
                             sourceLine: sourceLine)
        case .number, .string:
            return try values(startingWith: first, &cursor, sourceLine: sourceLine)
        case .word where cursor.peek?.kind == .comma:
            return try values(startingWith: first, &cursor, sourceLine: sourceLine)
        case .word(let word):
            if allowTarget, cursor.peek?.kind == .equals {
                guard isName(word) else {
                    throw SyntaxError(reason: .unexpected(word, expected: "a variable name (letters, digits, _)"),
                                      location: first.location)
                }
                cursor.advance()
                var inner = try statement(&cursor, sourceLine: sourceLine, allowTarget: false, depth: depth)
                if case .magic = inner.body {
                    throw SyntaxError(reason: .unexpected("%", expected: "a command"), location: first.location)
                }
                inner.target = (word, first.location)
                return inner
            }
            return Statement(target: nil, body: .command(name: word, location: first.location,
                                                         arguments: try arguments(&cursor)),
                             sourceLine: sourceLine)
        case .equals, .comma:
            throw SyntaxError(reason: .unexpected(first.text, expected: "a command or a value"), location: first.location)
        }
    }

    /// A bare value, or a comma-separated list of them (a list value), filling the rest of the line.
    private static func values(startingWith first: Token, _ cursor: inout TokenCursor, sourceLine: String) throws -> Statement {
        var items = [literal(first)]
        while cursor.consume(.comma) {
            guard let next = cursor.next() else {
                throw SyntaxError(reason: .unexpectedEnd(expected: "a value after `,`"), location: cursor.endLocation)
            }
            switch next.kind {
            case .number, .string, .word: items.append(literal(next))
            case .equals, .comma, .magic:
                throw SyntaxError(reason: .unexpected(next.text, expected: "a value"), location: next.location)
            }
        }
        if let extra = cursor.peek {
            throw SyntaxError(reason: .unexpected(extra.text, expected: "the end of the line after a value"),
                              location: extra.location)
        }
        return Statement(target: nil, body: items.count == 1 ? .value(items[0]) : .values(items), sourceLine: sourceLine)
    }

    private static func arguments(_ cursor: inout TokenCursor) throws -> [CommandArgument] {
        var arguments: [CommandArgument] = []
        while let token = cursor.next() {
            switch token.kind {
            case .word(let name) where cursor.peek?.kind == .equals:
                cursor.advance()
                var values: [Literal] = []
                repeat {
                    guard let value = cursor.next() else {
                        throw SyntaxError(reason: values.isEmpty ? .missingValue(option: name)
                                          : .unexpectedEnd(expected: "a value after `,`"), location: cursor.endLocation)
                    }
                    switch value.kind {
                    case .word, .number, .string:
                        values.append(literal(value))
                    case .equals, .comma, .magic:
                        throw SyntaxError(reason: .unexpected(value.text, expected: "a value for `\(name)`"),
                                          location: value.location)
                    }
                } while cursor.consume(.comma)
                arguments.append(.option(name: name, nameLocation: token.location, values: values))
            case .word, .number, .string:
                arguments.append(.positional(literal(token)))
            case .equals, .comma, .magic:
                throw SyntaxError(reason: .unexpected(token.text, expected: "an argument"), location: token.location)
            }
        }
        return arguments
    }

    private static func literal(_ token: Token) -> Literal {
        switch token.kind {
        case .word(let word): return Literal(kind: .word(word), text: token.text, location: token.location)
        case .number(let number): return Literal(kind: .number(number), text: token.text, location: token.location)
        case .string(let string): return Literal(kind: .string(string), text: token.text, location: token.location)
        default: return Literal(kind: .word(token.text), text: token.text, location: token.location)
        }
    }

    static func isName(_ word: String) -> Bool {
        guard let first = word.first, first.isLetter || first == "_" else { return false }
        return word.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    /// Joins `\`-continued physical lines, keeping each character's source column.
    /// The open line is extended in place (linear in the cell's length however many
    /// lines are joined). A continuation still open at the end of the cell is returned apart.
    static func logicalLines(_ cell: String) -> (lines: [LogicalLine], unfinished: LogicalLine?) {
        var result: [LogicalLine] = []
        var pending: LogicalLine?
        let physical = cell.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, raw) in physical.enumerated() {
            var text = String(raw)
            if text.hasSuffix("\r") { text.removeLast() }
            let continues = endsWithContinuation(text)
            if continues {
                text = text.trimmingTrailingSpaces
                text.removeLast()
            }
            var line: LogicalLine
            if var open = pending {
                pending = nil  // `open` now holds the only reference, so appending does not copy
                // The joining space stands where the backslash was.
                open.text += " "
                open.text += text
                open.positions.append(line: index + 1, count: text.count)
                line = open
            } else {
                line = LogicalLine(text: text, positions: .along(line: index + 1, count: text.count))
            }
            if continues {
                pending = line
            } else {
                result.append(line)
            }
        }
        return (result, pending)
    }

    /// A backslash at the end of a line, outside a string and before any comment.
    static func endsWithContinuation(_ line: String) -> Bool {
        var inString = false, escaped = false
        var last: Character?
        for c in line {
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
            } else if c == "\"" {
                inString = true
            } else if c == "#" {
                return false
            }
            if !c.isWhitespace { last = c }
        }
        return !inString && last == "\\"
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var copy = self
        while let last = copy.last, last == " " || last == "\t" { copy.removeLast() }
        return copy
    }
}

/// Reads tokens one at a time.
struct TokenCursor {
    let tokens: [Token]
    let endLocation: SourceLocation
    private var index = 0

    init(tokens: [Token], endLocation: SourceLocation) {
        self.tokens = tokens
        self.endLocation = endLocation
    }

    var peek: Token? { index < tokens.count ? tokens[index] : nil }

    mutating func next() -> Token? {
        defer { index += 1 }
        return peek
    }

    mutating func advance() { index += 1 }

    mutating func consume(_ kind: Token.Kind) -> Bool {
        guard peek?.kind == kind else { return false }
        index += 1
        return true
    }
}
