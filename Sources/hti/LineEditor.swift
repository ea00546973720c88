import CEditLine
import CellIO
import Foundation

/// The terminal line editor of `hti repl`: libedit (BSD editline) gives cursor
/// movement, history search and tab completion; history persists across sessions in
/// the user's state folder (`$XDG_STATE_HOME/hti/history`, else `~/.local/state/hti/history`).
///
/// libedit calls completion back through a C function pointer, which cannot carry a
/// context, so the one editor of the process is reachable through `LineEditor.current`;
/// the REPL is the only caller, on one thread.
final class LineEditor {
    /// How many lines of history are kept on disk.
    static let historyLimit = 1_000
    nonisolated(unsafe) private static var current: LineEditor?

    private let complete: (String, Int) -> Completion
    let historyPath: String?

    init(complete: @escaping (String, Int) -> Completion) {
        self.complete = complete
        historyPath = LineEditor.historyFile()
        // Break words where the completion engine starts its candidates: after spaces,
        // `=` (option values), `,` (list items) and a quote (paths).
        rl_completer_word_break_characters = strdup(" \t\n=,\"")
        rl_attempted_completion_function = { text, start, end in LineEditor.current?.matches(text, start, end) }
        if let historyPath {
            stifle_history(Int32(LineEditor.historyLimit))
            _ = read_history(historyPath)
        }
        LineEditor.current = self
    }

    deinit {
        if LineEditor.current === self { LineEditor.current = nil }
    }

    /// One line (without its newline), or nil at end of input.
    func readLine(prompt: String) -> String? {
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        let line = String(cString: raw)
        if !line.trimmingCharacters(in: .whitespaces).isEmpty {
            add_history(line)
            if let historyPath {
                _ = write_history(historyPath)
                _ = history_truncate_file(historyPath, Int32(LineEditor.historyLimit))
            }
        }
        return line
    }

    /// Completion for the word from `start` to `end` of the line, as readline wants it: a
    /// NULL-terminated malloc'd array whose first entry replaces the word, then the choices.
    private func matches(_ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        rl_attempted_completion_over = 1  // no file-name completion when ours finds nothing
        guard let buffer = rl_line_buffer else { return nil }
        let line = String(cString: buffer)
        let utf8 = Array(line.utf8)
        let endOffset = min(Int(end), utf8.count), startOffset = min(Int(start), endOffset)
        // The completion engine counts Unicode scalars; readline counts bytes.
        let head = String(decoding: utf8[..<endOffset], as: UTF8.self)
        let cursor = head.unicodeScalars.count
        let result = complete(line, cursor)
        guard !result.matches.isEmpty else { return nil }
        // The engine may start its candidates before readline's word (never after it, given
        // the break characters above): keep the part of the line between the two.
        let wordStart = String(decoding: utf8[..<startOffset], as: UTF8.self).unicodeScalars.count
        let lead = String(String.UnicodeScalarView(Array(head.unicodeScalars)[min(result.cursorStart, wordStart)..<wordStart]))
        let candidates = result.matches.map { match -> String in
            match.hasPrefix(lead) ? String(match.dropFirst(lead.count)) : match
        }
        let common = candidates.dropFirst().reduce(candidates[0]) { prefix, next in
            String(zip(prefix, next).prefix { $0 == $1 }.map(\.0))
        }
        // A single match is completed with its separating space ourselves (a path keeps going after its `/`):
        // libedit does not apply `rl_completion_append_character` reliably.
        let single = candidates.count == 1 ? candidates[0] + (candidates[0].hasSuffix("/") ? "" : " ") : nil
        rl_completion_append_character = 0
        let entries = single.map { [$0] } ?? ([common] + candidates)
        let array = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: entries.count + 1)
        for (i, entry) in entries.enumerated() { array[i] = strdup(entry) }
        array[entries.count] = nil
        _ = text
        return array
    }

    /// `$XDG_STATE_HOME/hti/history` (or `~/.local/state/hti/history`), its folder created; nil if that fails.
    static func historyFile() -> String? {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/state")
        let folder = (base as NSString).appendingPathComponent("hti")
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch { return nil }
        return (folder as NSString).appendingPathComponent("history")
    }
}
