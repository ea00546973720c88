import ArgumentParser
import Foundation
import Jupyter
import Logging
import Workbench
import WorkbenchKernel

/// `hti kernel -f FILE`: what Jupyter front-ends start (see kernel.json).
struct KernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernel", abstract: "Run the Jupyter kernel for a connection file.")

    @Option(name: [.short, .customLong("connection-file")], help: "The connection file written by the front-end.")
    var file: String

    @Option(help: "Log level on stderr: trace, debug, info, warning, error.")
    var logLevel: String = "warning"

    func run() throws {
        var logger = Logger(label: "hti.kernel") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .warning
        let connection: ConnectionInfo
        do { connection = try ConnectionInfo.load(path: file) } catch {
            throw ValidationError("\(error)")
        }
        let kernel = Kernel(connection: connection, interpreter: WorkbenchInterpreter(), logger: logger)
        try kernel.run()
    }
}
