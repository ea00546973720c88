import Foundation

/// Reads a file the user named, as untrusted input: only a regular file (a FIFO
/// or a device would block or never end), and only up to a size limit checked
/// before reading, so a wrong path cannot hang or exhaust the session.
enum UntrustedFile {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// 2 GiB: larger than any data set or model this tool fits on one machine.
    static let defaultLimit = 2 << 30

    /// The file's size, when it is a regular file (a final symbolic link is followed).
    @discardableResult
    static func requireRegular(_ path: String) throws -> Int {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw Problem(description: errno == ENOENT ? "no such file" : "cannot be read (\(String(cString: strerror(errno))))")
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw Problem(description: (status.st_mode & S_IFMT == S_IFDIR ? "a folder" : "not a regular file") + ", so it cannot be loaded")
        }
        return Int(status.st_size)
    }

    static func read(_ path: String, limit: Int = defaultLimit) throws -> Data {
        let size = try requireRegular(path)
        guard size <= limit else {
            throw Problem(description: "\(size) bytes is over the limit of \(limit) bytes")
        }
        do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw Problem(description: "cannot be read (\(error.localizedDescription))")
        }
    }
}
