/// Splits one logical line (continuations already joined) into tokens.
/// `#` starts a comment outside strings; strings use double quotes with
/// `\"`, `\\`, `\n` and `\t` escapes.
public struct Lexer {
    private let characters: [Character]
    private let positions: SourcePositions

    /// - Parameters:
    ///   - positions: the source line and column of each character (plus one past the end),
    ///     when the logical line was joined from several physical ones.
    init(_ text: String, positions: SourcePositions) {
        characters = Array(text)
        self.positions = positions
    }

    /// Lexes one line of text (line 1).
    public init(_ text: String) {
        self.init(text, positions: .along(line: 1, count: text.count))
    }

    private func location(_ start: Int, _ end: Int) -> SourceLocation {
        let position = positions[start]
        // A token that spans a continuation is measured on its first line only.
        let sameLine = positions.countOnSameLine(from: start, to: end)
        return SourceLocation(line: position.line, column: position.column, length: max(1, sameLine))
    }

    public func tokens() throws -> [Token] {
        var tokens: [Token] = []
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if c == " " || c == "\t" || c == "\r" { i += 1; continue }
            if c == "#" { break }
            let start = i
            switch c {
            case "=":
                i += 1
                tokens.append(Token(kind: .equals, text: "=", location: location(start, i)))
            case ",":
                i += 1
                tokens.append(Token(kind: .comma, text: ",", location: location(start, i)))
            case "\"":
                var value = ""
                i += 1
                var closed = false
                while i < characters.count {
                    let d = characters[i]
                    if d == "\"" { closed = true; i += 1; break }
                    if d == "\\", i + 1 < characters.count {
                        let e = characters[i + 1]
                        switch e {
                        case "n": value.append("\n")
                        case "t": value.append("\t")
                        default: value.append(e)
                        }
                        i += 2
                        continue
                    }
                    value.append(d)
                    i += 1
                }
                guard closed else {
                    throw SyntaxError(reason: .unterminatedString, location: location(start, characters.count))
                }
                tokens.append(Token(kind: .string(value), text: String(characters[start..<i]), location: location(start, i)))
            case "%":
                i += 1
                while i < characters.count, Lexer.isWordCharacter(characters[i]) { i += 1 }
                let name = String(characters[(start + 1)..<i])
                guard !name.isEmpty else {
                    throw SyntaxError(reason: .unexpectedCharacter("%"), location: location(start, start + 1))
                }
                tokens.append(Token(kind: .magic(name), text: "%" + name, location: location(start, i)))
            default:
                guard Lexer.isWordCharacter(c) || c == "-" || c == "+" else {
                    throw SyntaxError(reason: .unexpectedCharacter(c), location: location(start, start + 1))
                }
                i += 1
                while i < characters.count, Lexer.isWordCharacter(characters[i]) || Lexer.continuesNumber(characters, i) {
                    i += 1
                }
                let text = String(characters[start..<i])
                if let number = Lexer.number(text) {
                    tokens.append(Token(kind: .number(number), text: text, location: location(start, i)))
                } else if c == "-" || c == "+" {
                    throw SyntaxError(reason: .unexpectedCharacter(c), location: location(start, start + 1))
                } else {
                    tokens.append(Token(kind: .word(text), text: text, location: location(start, i)))
                }
            }
        }
        return tokens
    }

    static func isWordCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_" || c == "." || c == "/" || c == "-" || c == ":" || c == "~"
    }

    /// A sign directly after an exponent (`1e-3`) continues a number.
    private static func continuesNumber(_ characters: [Character], _ i: Int) -> Bool {
        (characters[i] == "+" || characters[i] == "-") && i > 0 && (characters[i - 1] == "e" || characters[i - 1] == "E")
    }

    static func number(_ text: String) -> Double? {
        guard let first = text.first, first.isNumber || first == "-" || first == "+" || first == "." else { return nil }
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }
}
