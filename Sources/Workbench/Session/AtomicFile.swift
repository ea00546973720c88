import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes files whole or not at all: a failed save leaves any existing file as it was.
///
/// The rules, chosen deliberately:
/// - Only regular files are replaced. A device, FIFO, socket or folder at the path is
///   refused (replacing `/dev/…`-like nodes with a file would be destructive).
/// - A symbolic link is followed: the file it points to is replaced and the link stays.
///   A link to nothing is refused.
/// - The replaced file keeps its permission bits, and its owner and group where the
///   kernel's user may set them.
/// - The bytes go to `.NAME.hti-save-PID` beside the target, are flushed to disk, and are
///   renamed over it. A save killed midway leaves that file behind; the next save of the
///   same name removes such files whose process is gone.
enum AtomicFile {
    static func write(_ text: String, to url: URL, command: String, location: SourceLocation) throws {
        try write(Data(text.utf8), to: url, command: command, location: location)
    }

    static func write(_ data: Data, to url: URL, command: String, location: SourceLocation) throws {
        func fail(_ why: String) -> WorkbenchError {
            WorkbenchError(.file, "cannot write \(url.path): \(why)", command: command, at: location)
        }
        let target = try resolvedTarget(url.path, fail: fail)
        let folder = (target as NSString).deletingLastPathComponent
        var folderStatus = stat()
        guard stat(folder.isEmpty ? "." : folder, &folderStatus) == 0, folderStatus.st_mode & S_IFMT == S_IFDIR else {
            throw fail("the folder \(folder) does not exist")
        }
        var existing = stat()
        let exists = stat(target, &existing) == 0
        if exists, existing.st_mode & S_IFMT != S_IFREG {
            throw fail("it is not a regular file (a device, pipe, socket or folder), so it is not replaced")
        }
        let name = (target as NSString).lastPathComponent
        removeStaleTemporaries(of: name, in: folder)
        let temporary = (folder as NSString).appendingPathComponent(".\(name).hti-save-\(getpid())")
        unlink(temporary)  // ours from an earlier failed save in this process, if any
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, exists ? existing.st_mode & 0o7777 : 0o666)
        guard fd >= 0 else { throw fail(systemMessage()) }
        var failure: String?
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count, let base = raw.baseAddress {
                let written = Glibc.write(fd, base + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = systemMessage()
                    return
                }
                offset += written
            }
        }
        if failure == nil, exists {
            // open() applied the umask; restore the exact bits, then the owner where permitted.
            if fchmod(fd, existing.st_mode & 0o7777) != 0 { failure = systemMessage() }
            _ = fchown(fd, existing.st_uid, existing.st_gid)
        }
        if failure == nil, fsync(fd) != 0 { failure = systemMessage() }
        if close(fd) != 0, failure == nil { failure = systemMessage() }
        if failure == nil, rename(temporary, target) != 0 { failure = systemMessage() }
        if let failure {
            unlink(temporary)
            throw fail(failure)
        }
    }

    /// The path to write: the path itself, or for a symbolic link the file it points to.
    private static func resolvedTarget(_ path: String, fail: (String) -> WorkbenchError) throws -> String {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return path }
        guard let resolved = realpath(path, nil) else {
            throw fail("it is a symbolic link to a file that does not exist")
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Removes `.NAME.hti-save-PID` files left by saves whose process no longer runs.
    private static func removeStaleTemporaries(of name: String, in folder: String) {
        let prefix = ".\(name).hti-save-"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder) else { return }
        for entry in entries where entry.hasPrefix(prefix) {
            guard let pid = Int32(entry.dropFirst(prefix.count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                unlink((folder as NSString).appendingPathComponent(entry))
            }
        }
    }

    private static func systemMessage() -> String {
        String(cString: strerror(errno))
    }
}
