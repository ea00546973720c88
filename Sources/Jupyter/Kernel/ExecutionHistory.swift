import Foundation

/// This session's inputs (and plain-text results), for `history_request`.
public struct ExecutionHistory: Sendable {
    public struct Entry: Sendable, Equatable {
        public var line: Int
        public var input: String
        public var output: String?
    }

    /// Sessions are numbered as IPython does; this kernel keeps only its own, session 1.
    public static let session = 1

    public private(set) var entries: [Entry] = []

    public init() {}

    public mutating func record(line: Int, input: String, output: String?) {
        entries.append(Entry(line: line, input: input, output: output))
    }

    /// The last `count` entries.
    public func tail(_ count: Int) -> [Entry] {
        Array(entries.suffix(max(0, count)))
    }

    /// Lines `start..<stop` of a session (negative indices count from the end, as IPython does).
    public func range(session: Int, start: Int, stop: Int?) -> [Entry] {
        guard session == ExecutionHistory.session || session == 0 || session == -1 else { return [] }
        let last = (entries.last?.line ?? 0) + 1
        let from = start < 0 ? last + start : start
        let to = stop.map { $0 < 0 ? last + $0 : $0 } ?? last
        return entries.filter { $0.line >= from && $0.line < to }
    }

    /// Entries whose input matches a glob (`*` and `?`), newest last; optionally unique inputs and at most `limit`.
    public func search(pattern: String, unique: Bool, limit: Int?) -> [Entry] {
        var matches = entries.filter { ExecutionHistory.glob(pattern, matches: $0.input) }
        if unique {
            var seen = Set<String>()
            matches = matches.reversed().filter { seen.insert($0.input).inserted }.reversed()
        }
        if let limit, limit > 0 { matches = Array(matches.suffix(limit)) }
        return matches
    }

    static func glob(_ pattern: String, matches text: String) -> Bool {
        let p = Array(pattern), t = Array(text)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count && (p[pi] == "?" || p[pi] == t[ti]) {
                pi += 1; ti += 1
            } else if pi < p.count && p[pi] == "*" {
                star = pi; mark = ti; pi += 1
            } else if star >= 0 {
                pi = star + 1; mark += 1; ti = mark
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
