import CellIO
import Foundation

/// What a running command can see and change. `variables` is the session's
/// variables as a copy: the session adopts it only if the command succeeds,
/// so a failed or interrupted command leaves the session as it was.
public struct CommandContext {
    public var variables: [String: Value]
    public let output: OutputChannel
    public let cancellation: CancellationToken
    public let registry: CommandRegistry
    /// Relative paths are resolved against this directory.
    public let workingDirectory: URL
    /// Where live widgets can be made (a kernel, or a headless notebook run that records
    /// their state); nil in a terminal, where views are static.
    public let widgets: LiveViews?
    /// Widgets this command made, by the variable they show: closed when it is deleted.
    public var createdWidgets: [String: [String]] = [:]

    /// A path as the user wrote it, resolved against the working directory.
    public func resolve(path: String) -> URL {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return URL(fileURLWithPath: expanded) }
        return workingDirectory.appendingPathComponent(expanded)
    }
}
