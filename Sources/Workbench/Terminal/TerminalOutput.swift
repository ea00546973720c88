import Foundation
import Jupyter

/// Output for `hti repl` and `hti run`: streams go to stdout/stderr, rich
/// displays show their plain-text form (and are handed to `onDisplay`, so a
/// script runner can save SVGs).
public enum TerminalOutput {
    public static func channel(allowInput: Bool = true,
                               onDisplay: @escaping (MimeBundle) -> Void = { _ in }) -> OutputChannel {
        OutputChannel(
            emit: { type, content in
                switch type {
                case "stream":
                    let text = content["text"]?.stringValue ?? ""
                    let handle = content["name"]?.stringValue == "stderr" ? FileHandle.standardError : FileHandle.standardOutput
                    handle.write(Data(text.utf8))
                case "display_data", "update_display_data", "execute_result":
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
