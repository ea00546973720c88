import CellIO
import Foundation

/// Runs a `.hti` script headless in a fresh session; stops at the first error
/// and reports it as `FILE:LINE:COLUMN: …` with the offending line.
public struct ScriptRunner {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Runs the script; returns the error report on failure, nil on success.
    public func run(session: Session, output: OutputChannel, cancellation: CancellationToken) -> String? {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            return "\(path): cannot read the script: \(error.localizedDescription)"
        }
        do {
            if let value = try session.run(cell: text, output: output, cancellation: cancellation) {
                output.display(ValueRenderer.bundle(value))
            }
            return nil
        } catch let error as WorkbenchError {
            return ScriptRunner.report(error, file: path, source: text)
        } catch {
            return "\(path): \(error)"
        }
    }

    static func report(_ error: WorkbenchError, file: String, source: String) -> String {
        let place = error.location.map { "\(file):\($0.line):\($0.column)" } ?? file
        var lines = error.rendered(cell: source)
        lines[0] = "\(place): \(lines[0])"
        return lines.joined(separator: "\n")
    }
}
