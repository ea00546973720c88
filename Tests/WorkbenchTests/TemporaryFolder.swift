import Foundation

/// A fresh folder under the system's temporary directory, removed with everything in it when the
/// last reference goes: a suite (a struct, made anew for each test) holds one, so no test leaves
/// its files behind, whether it passes or fails.
final class TemporaryFolder: Sendable {
    let url: URL

    init(_ prefix: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
