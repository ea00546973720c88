// What a front-end asks of a language while the user types, in no protocol's terms: the
// kernel answers `complete_request` and `is_complete_request` with these, and `hti repl`
// completes and continues lines with them.

/// Completion candidates replacing the code between two cursor positions (Unicode scalars).
public struct Completion: Sendable, Equatable {
    public var matches: [String]
    public var cursorStart: Int
    public var cursorEnd: Int

    public init(matches: [String], cursorStart: Int, cursorEnd: Int) {
        self.matches = matches
        self.cursorStart = cursorStart
        self.cursorEnd = cursorEnd
    }
}

/// Whether typed code can run as it is (console front-ends ask before sending).
public enum CodeCompleteness: Sendable, Equatable {
    case complete
    case incomplete(indent: String)
    case invalid
    case unknown
}
