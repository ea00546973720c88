/// A line that cannot be parsed, with where and why.
public struct SyntaxError: Error, Equatable, Sendable {
    public enum Reason: Equatable, Sendable {
        case unterminatedString
        case unexpectedCharacter(Character)
        case unexpected(String, expected: String)
        case missingValue(option: String)
        /// The line ended where more was needed (a bare `%time`, a trailing comma).
        case unexpectedEnd(expected: String)
        /// The cell ended after a `\`: the only input that more lines can complete.
        case unfinishedContinuation
        /// Magics nested deeper than `Parser.maximumMagicNesting`.
        case nestedTooDeep(limit: Int)
    }

    public var reason: Reason
    public var location: SourceLocation

    /// True when more input could make the cell valid (`is_complete` answers "incomplete"):
    /// only a trailing `\`. Strings do not span lines, so an open quote is an error on its
    /// line, as is a line that stops mid-statement — a front-end must report them, not wait.
    public var isIncompleteInput: Bool {
        reason == .unfinishedContinuation
    }

    public var message: String {
        switch reason {
        case .unterminatedString: return "this string has no closing quote (strings end on the line they start)"
        case .unexpectedCharacter(let c): return "unexpected character `\(c)`"
        case .unexpected(let found, let expected): return "expected \(expected), found `\(found)`"
        case .missingValue(let option): return "option `\(option)=` needs a value after the `=`"
        case .unexpectedEnd(let expected): return "the line ends where \(expected) was expected"
        case .unfinishedContinuation: return "the cell ends after `\\`, where a continued line was expected"
        case .nestedTooDeep(let limit): return "magics nest at most \(limit) deep"
        }
    }
}
