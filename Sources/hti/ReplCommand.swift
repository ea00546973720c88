import ArgumentParser
import CellIO
import Foundation
import Workbench

/// `hti repl`: the same session as the kernel, in a terminal.
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "repl", abstract: "An interactive HTI session in the terminal.")

    func run() throws {
        // The session itself, without the kernel: nothing here speaks Jupyter.
        let session = Session()
        let interactive = isatty(STDIN_FILENO) != 0
        if interactive { print(Session.banner) }
        var token = CancellationToken()
        let interrupts = InterruptSignal { token.cancel() }  // the current cell's token
        defer { interrupts.cancel() }
        var buffer = ""
        var failed = false
        /// Runs what has been typed; a syntax or runtime error is reported and the session goes on.
        func execute(_ code: String) {
            token = CancellationToken()
            let terminal = TerminalOutput()
            let outcome = Result { try session.run(cell: code, output: terminal.channel, cancellation: token) }
            terminal.finish()  // a progress line left open (an interrupted fit) ends before what follows
            switch outcome {
            case .success(let value):
                if let value { print(ValueRenderer.bundle(value).plainText ?? "") }
            case .failure(let error):
                failed = true
                let lines = (error as? WorkbenchError)?.traceback(cell: code) ?? ["\(error)"]
                FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            }
        }
        // At a terminal, lines are edited with history and completion; piped input is read as it comes.
        let editor = interactive ? LineEditor { code, cursor in session.complete(code: code, cursor: cursor) } : nil
        while true {
            let prompt = buffer.isEmpty ? "hti> " : "...> "
            let read: String? = if let editor { editor.readLine(prompt: prompt) } else { Swift.readLine() }
            guard let line = read else {
                // Input ended inside a continued line: run it, so its error is reported, not dropped.
                if !buffer.isEmpty { execute(buffer) }
                break
            }
            buffer += buffer.isEmpty ? line : "\n" + line
            // Only a trailing `\` waits for more; anything else runs now (an error is shown at once).
            if case .incomplete = session.completeness(of: buffer) { continue }
            execute(buffer)
            buffer = ""
        }
        // Piped input is a script: its exit status says whether every line ran.
        if failed && !interactive { throw ExitCode(1) }
    }
}
