import ArgumentParser
import Foundation

/// `hti bench SUITE`: speed measurements printed as one JSON object per line.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Run a benchmark suite (core).")

    @Argument(help: "The suite: core.") var suite: String

    func run() throws {
        switch suite {
        default:
            throw ValidationError("unknown benchmark suite `\(suite)`; available: core")
        }
    }
}
