import ArgumentParser
import Foundation
import Jupyter
import Workbench

/// `hti run FILE.hti`: headless replay of a script.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run an .hti script headless; exit non-zero at the first error.")

    @Argument(help: "The script to run.") var file: String

    func run() throws {
        guard file.hasSuffix(".hti") else {
            throw ValidationError("\(file): expected an .hti script")
        }
        let token = CancellationToken()
        let interrupts = InterruptOnSignal(token)
        defer { interrupts.cancel() }
        let session = Session()
        if let report = ScriptRunner(path: file).run(session: session, output: TerminalOutput.channel(),
                                                     cancellation: token) {
            FileHandle.standardError.write(Data((report + "\n").utf8))
            throw ExitCode(1)
        }
    }
}
