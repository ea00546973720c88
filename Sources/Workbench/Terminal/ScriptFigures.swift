import CellIO
import Foundation

/// The figures a headless script shows, kept as files beside it (`NAME_files/figure-N.svg`,
/// as notebooks keep theirs), each announced on stdout with where it went.
public final class ScriptFigures: @unchecked Sendable {
    public let folder: URL
    public private(set) var count = 0

    public init(script: String) {
        let path = URL(fileURLWithPath: script).deletingPathExtension()
        folder = path.deletingLastPathComponent().appendingPathComponent(path.lastPathComponent + "_files")
    }

    /// Saves the bundle's SVG, if it has one.
    public func save(_ bundle: MimeBundle) {
        guard let svg = bundle.data["image/svg+xml"]?.stringValue else { return }
        count += 1
        let file = folder.appendingPathComponent("figure-\(count).svg")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(svg.utf8).write(to: file, options: .atomic)
            FileHandle.standardOutput.write(Data("(figure \(count) saved to \(file.path))\n".utf8))
        } catch {
            FileHandle.standardError.write(Data("cannot save figure \(count) to \(file.path): \(error.localizedDescription)\n".utf8))
        }
    }
}
