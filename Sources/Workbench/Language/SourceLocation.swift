/// A place in a cell: 1-based line and column (in characters), and a length,
/// so errors can put a caret under the offending text.
public struct SourceLocation: Equatable, Sendable {
    public var line: Int
    public var column: Int
    public var length: Int

    public init(line: Int, column: Int, length: Int) {
        self.line = line
        self.column = column
        self.length = max(1, length)
    }
}

/// The line and column of one character of a cell.
public struct SourcePosition: Equatable, Sendable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// Positions of `count` characters on one line, plus one past the end.
    static func along(line: Int, count: Int) -> [SourcePosition] {
        (0...count).map { SourcePosition(line: line, column: $0 + 1) }
    }
}
