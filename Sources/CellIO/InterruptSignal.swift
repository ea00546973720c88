import Dispatch
import Foundation

/// SIGINT turned into a call instead of the process's death: the kernel's
/// `interrupt_mode: signal` and Ctrl-C in `hti repl`/`hti run` both interrupt the
/// running command and nothing else. One handler for the process; `cancel` restores the default.
public final class InterruptSignal {
    private let source: DispatchSourceSignal

    public init(_ onInterrupt: @escaping () -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler(handler: onInterrupt)
        source.resume()
    }

    public func cancel() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
