/// One piece of output from a running cell, in the front-end's terms but not in any
/// protocol's: the kernel turns these into IOPub messages, a terminal prints them and a
/// notebook runner records them as nbformat outputs.
public enum OutputEvent: Equatable, Sendable {
    /// Text on standard output or standard error.
    case stream(Stream, String)
    /// A rich value shown as it is made; a `displayID` lets it be updated in place later.
    case display(MimeBundle, displayID: String?)
    /// Replaces the display shown with `displayID`.
    case update(MimeBundle, displayID: String)
    /// Clears the cell's output, at once or (`wait`) when the next output arrives.
    case clear(wait: Bool)
    /// The cell's value, shown with its execution count (`Out[n]`).
    case result(MimeBundle, executionCount: Int)

    /// Which of a cell's two text streams.
    public enum Stream: String, Sendable {
        case stdout, stderr
    }
}
