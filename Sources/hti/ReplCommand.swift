import ArgumentParser
import Foundation
import Jupyter
import Workbench

/// `hti repl`: the same session as the kernel, in a terminal.
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "repl", abstract: "An interactive HTI session in the terminal.")

    func run() throws {
        let interpreter = WorkbenchInterpreter()
        let interactive = isatty(STDIN_FILENO) != 0
        if interactive { print(interpreter.info.banner) }
        var token = CancellationToken()
        let interrupts = InterruptSignal { token.cancel() }  // the current cell's token
        defer { interrupts.cancel() }
        var buffer = ""
        var failed = false
        /// Runs what has been typed; a syntax or runtime error is reported and the session goes on.
        func execute(_ code: String) {
            token = CancellationToken()
            let terminal = TerminalOutput()
            let outcome = interpreter.execute(ExecuteRequest(code: code, cancellation: token), output: terminal.channel)
            terminal.finish()  // a progress line left open (an interrupted fit) ends before what follows
            switch outcome {
            case .success(let bundle?): print(bundle.plainText ?? "")
            case .success(nil): break
            case .failure(let error):
                failed = true
                FileHandle.standardError.write(Data((error.traceback.joined(separator: "\n") + "\n").utf8))
            }
        }
        // At a terminal, lines are edited with history and completion; piped input is read as it comes.
        let editor = interactive ? LineEditor { code, cursor in interpreter.complete(code: code, cursor: cursor) } : nil
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
            if case .incomplete = interpreter.isComplete(code: buffer) { continue }
            execute(buffer)
            buffer = ""
        }
        // Piped input is a script: its exit status says whether every line ran.
        if failed && !interactive { throw ExitCode(1) }
    }
}
