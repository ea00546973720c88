/// A line that cannot be parsed, with where and why.
public struct SyntaxError: Error, Equatable, Sendable {
    public enum Reason: Equatable, Sendable {
        case unterminatedString
        case unexpectedCharacter(Character)
        case unexpected(String, expected: String)
        case missingValue(option: String)
        /// The input ended where more was needed (a continuation or an open quote).
        case unexpectedEnd(expected: String)
    }

    public var reason: Reason
    public var location: SourceLocation

    /// True when more input could make the line valid (`is_complete` answers "incomplete").
    public var isIncompleteInput: Bool {
        switch reason {
        case .unterminatedString, .unexpectedEnd: return true
        default: return false
        }
    }

    public var message: String {
        switch reason {
        case .unterminatedString: return "this string has no closing quote"
        case .unexpectedCharacter(let c): return "unexpected character `\(c)`"
        case .unexpected(let found, let expected): return "expected \(expected), found `\(found)`"
        case .missingValue(let option): return "option `\(option)=` needs a value after the `=`"
        case .unexpectedEnd(let expected): return "the line ends where \(expected) was expected"
        }
    }
}
