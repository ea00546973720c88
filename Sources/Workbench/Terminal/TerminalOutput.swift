import CellIO
import Foundation

/// Output for `hti repl` and `hti run`: streams go to stdout/stderr, rich
/// displays show their plain-text form (and are handed to `onDisplay`, so a
/// script runner can save SVGs). Progress redraws one line in place at a
/// terminal, cut to its width; into a pipe or log it prints a plain line now and then.
public final class TerminalOutput: @unchecked Sendable {
    private let updates: UpdateLine
    public let channel: OutputChannel

    public init(allowInput: Bool = true, onDisplay: @escaping (MimeBundle) -> Void = { _ in }) {
        let updates = UpdateLine()
        self.updates = updates
        channel = OutputChannel(
            emit: { event in
                switch event {
                case .stream(let stream, let text):
                    updates.end()
                    let handle = stream == .stderr ? FileHandle.standardError : FileHandle.standardOutput
                    handle.write(Data(text.utf8))
                case .update(let bundle, _):
                    guard let text = bundle.plainText else { return }
                    updates.show(text)
                case .display(let bundle, _), .result(let bundle, _):
                    updates.end()
                    if let text = bundle.plainText { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }
                    onDisplay(bundle)
                case .clear:
                    break
                }
            },
            readInput: allowInput ? { prompt, _ in
                FileHandle.standardOutput.write(Data(prompt.utf8))
                guard let line = readLine() else { throw StdinError.endOfInput }
                return line
            } : nil)
    }

    /// Ends an in-place line still open (a fit interrupted mid-bar), so what follows starts on its own line.
    public func finish() {
        channel.close()
        updates.end()
    }
}

/// The terminal's one in-place line for display updates (progress bars).
final class UpdateLine: @unchecked Sendable {
    private let lock = NSLock()
    private let isTerminal = isatty(STDOUT_FILENO) != 0
    private var open = false
    private var lastPrinted = Date.distantPast

    func show(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        if isTerminal {
            // A line longer than the terminal wraps, and `\r` then redraws only its last row.
            FileHandle.standardOutput.write(Data(("\r\u{1B}[K" + UpdateLine.cut(text, to: UpdateLine.columns())).utf8))
            open = true
        } else if Date().timeIntervalSince(lastPrinted) >= 5 {
            FileHandle.standardOutput.write(Data((text + "\n").utf8))
            lastPrinted = Date()
        }
    }

    /// Moves past the in-place line before other output.
    func end() {
        lock.lock(); defer { lock.unlock() }
        if open { FileHandle.standardOutput.write(Data("\n".utf8)); open = false }
    }

    /// The terminal's width in columns (80 when it cannot be asked).
    static func columns() -> Int {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// `text` in at most `width - 1` characters (the last column left free so the cursor never wraps).
    static func cut(_ text: String, to width: Int) -> String {
        let room = max(1, width - 1)
        guard text.count > room else { return text }
        return String(text.prefix(max(0, room - 1))) + "…"
    }
}
