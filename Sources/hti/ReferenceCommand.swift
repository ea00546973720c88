import ArgumentParser
import Foundation
import Workbench

/// `hti reference [--update README.md]`: prints the command reference, or rewrites it inside the README.
struct ReferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference", abstract: "Print the command reference as Markdown (or update it in a README).")

    @Option(help: "Rewrite the reference between the markers in this file.") var update: String?

    func run() throws {
        guard let update else {
            print(CommandReference.markdown())
            return
        }
        let text: String
        do { text = try String(contentsOfFile: update, encoding: .utf8) } catch {
            throw ValidationError("cannot read \(update): \(error.localizedDescription)")
        }
        guard let updated = CommandReference.updating(readme: text) else {
            throw ValidationError("\(update) has no command-reference markers")
        }
        try updated.write(toFile: update, atomically: true, encoding: .utf8)
        print("Updated the command reference in \(update)")
    }
}
