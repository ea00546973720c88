import Foundation
import Jupyter

/// Output for `hti repl` and `hti run`: streams go to stdout/stderr, rich
/// displays show their plain-text form (and are handed to `onDisplay`, so a
/// script runner can save SVGs).
public enum TerminalOutput {
    public static func channel(allowInput: Bool = true,
                               onDisplay: @escaping (MimeBundle) -> Void = { _ in }) -> OutputChannel {
        let updates = UpdateLine()
        return OutputChannel(
            emit: { type, content in
                switch type {
                case "stream":
                    updates.end()
                    let text = content["text"]?.stringValue ?? ""
                    let handle = content["name"]?.stringValue == "stderr" ? FileHandle.standardError : FileHandle.standardOutput
                    handle.write(Data(text.utf8))
                case "update_display_data":
                    // Progress: redrawn in place on a terminal, a line every few seconds into a pipe or log.
                    guard let text = MimeBundle(data: content["data"]?.objectValue ?? [:]).plainText else { return }
                    updates.show(text)
                case "display_data", "execute_result":
                    updates.end()
                    let data = content["data"]?.objectValue ?? [:]
                    let bundle = MimeBundle(data: data)
                    onDisplay(bundle)
                    if let text = bundle.plainText { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }
                default:
                    break
                }
            },
            readInput: allowInput ? { prompt, _ in
                FileHandle.standardOutput.write(Data(prompt.utf8))
                guard let line = readLine() else { throw StdinError.interrupted }
                return line
            } : nil)
    }
}

/// The terminal's one in-place line for display updates (progress bars).
private final class UpdateLine: @unchecked Sendable {
    private let lock = NSLock()
    private let isTerminal = isatty(STDOUT_FILENO) != 0
    private var open = false
    private var lastPrinted = Date.distantPast

    func show(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        if isTerminal {
            FileHandle.standardOutput.write(Data(("\r\u{1B}[K" + text).utf8))
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
}
