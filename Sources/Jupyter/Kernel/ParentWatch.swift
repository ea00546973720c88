import Foundation

/// Decides whether the process that launched the kernel is gone, so an
/// orphaned kernel does not run (and hold its ports and memory) forever.
///
/// Jupyter launchers name themselves in `JPY_PARENT_PID`. Like ipykernel's
/// `ParentPollerUnix`, the watch is armed only when that is set to a pid
/// above 1 (init never goes away, it is only re-assigned), and the kernel is
/// orphaned when:
/// - its parent process changed since start-up: the parent died and the
///   kernel was re-parented (to init, or to a sub-reaper such as
///   `systemd --user`, which is why a change counts and not only pid 1);
/// - its parent became init (pid 1), ipykernel's test;
/// - the launcher itself is no longer alive (or is a zombie). This covers a
///   wrapper between launcher and kernel (`conda run`, a shell script): the
///   kernel's own parent is then the wrapper, which may outlive the launcher.
///   ipykernel falls back to "parent is init" there; this is stricter.
///
/// Pure: the caller supplies the current parent and a liveness test.
public struct ParentWatch: Equatable, Sendable {
    public let launcher: Int32
    public let originalParent: Int32

    /// Nil — nothing to watch — unless `JPY_PARENT_PID` is an integer above 1.
    public init?(environment: [String: String], currentParent: Int32) {
        guard let text = environment["JPY_PARENT_PID"],
              let pid = Int32(text.trimmingCharacters(in: .whitespaces)), pid > 1 else { return nil }
        launcher = pid
        originalParent = currentParent
    }

    public func isOrphaned(currentParent: Int32, isAlive: (Int32) -> Bool) -> Bool {
        if currentParent != originalParent || currentParent == 1 { return true }
        return !isAlive(launcher)
    }
}
