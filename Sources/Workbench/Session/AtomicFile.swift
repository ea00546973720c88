import Foundation

/// Writes files whole or not at all: a failed save leaves any existing file as it was.
enum AtomicFile {
    static func write(_ text: String, to url: URL, command: String, location: SourceLocation) throws {
        try write(Data(text.utf8), to: url, command: command, location: location)
    }

    static func write(_ data: Data, to url: URL, command: String, location: SourceLocation) throws {
        var isDirectory: ObjCBool = false
        let folder = url.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw WorkbenchError(.file, "cannot write \(url.path): the folder \(folder.path) does not exist",
                                 command: command, at: location)
        }
        do { try data.write(to: url, options: .atomic) } catch {
            throw WorkbenchError(.file, "cannot write \(url.path): \(error.localizedDescription)", command: command, at: location)
        }
    }
}
