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
        let interrupts = InterruptOnSignal(token)
        defer { interrupts.cancel() }
        var buffer = ""
        while true {
            if interactive {
                FileHandle.standardOutput.write(Data((buffer.isEmpty ? "hti> " : "...> ").utf8))
            }
            guard let line = readLine() else { break }
            buffer += buffer.isEmpty ? line : "\n" + line
            if case .incomplete = interpreter.isComplete(code: buffer) { continue }
            token = CancellationToken()
            let outcome = interpreter.execute(ExecuteRequest(code: buffer, cancellation: token),
                                              output: TerminalOutput.channel())
            buffer = ""
            switch outcome {
            case .success(let bundle?): print(bundle.plainText ?? "")
            case .success(nil): break
            case .failure(let error):
                FileHandle.standardError.write(Data((error.traceback.joined(separator: "\n") + "\n").utf8))
            }
        }
    }
}
