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
}

/// Where each character of a logical line came from: one entry per physical line
/// joined into it (not one per character, so a 10 MB cell costs a few bytes here).
/// A piece of `count` characters covers `count + 1` positions: its characters and
/// one past its end, which stands for the joining space before the next piece.
struct SourcePositions: Sendable {
    private struct Piece: Sendable {
        var start: Int
        var line: Int
    }
    private var pieces: [Piece] = []
    /// Positions covered: the characters of the logical line plus one past its end.
    private(set) var count = 0

    /// `count` characters on one line.
    static func along(line: Int, count: Int) -> SourcePositions {
        var positions = SourcePositions()
        positions.append(line: line, count: count)
        return positions
    }

    /// Appends a physical line's `count` characters (after the previous piece's end position).
    mutating func append(line: Int, count characters: Int) {
        pieces.append(Piece(start: count, line: line))
        count += characters + 1
    }

    /// The index of the last piece starting at or before `offset` (binary search: pieces are in order).
    private func piece(containing offset: Int) -> Int {
        var low = 0, high = pieces.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if pieces[middle].start <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The position of character `offset` (clamped to the last position).
    subscript(offset: Int) -> SourcePosition {
        let offset = max(0, min(offset, count - 1))
        let index = piece(containing: offset)
        guard pieces.indices.contains(index) else { return SourcePosition(line: 1, column: 1) }
        return SourcePosition(line: pieces[index].line, column: offset - pieces[index].start + 1)
    }

    var first: SourcePosition { self[0] }
    var last: SourcePosition { self[count - 1] }

    /// How many of the positions `start..<end` lie on `start`'s physical line.
    func countOnSameLine(from start: Int, to end: Int) -> Int {
        guard start < count else { return 0 }
        let index = piece(containing: start)
        let lineEnd = index + 1 < pieces.count ? pieces[index + 1].start : count
        return max(0, min(end, lineEnd) - start)
    }
}
