import Dispatch
import Foundation
import Jupyter

/// Ctrl-C in a terminal cancels the running command instead of killing the process.
final class InterruptOnSignal {
    private let source: DispatchSourceSignal

    init(_ token: @escaping @autoclosure () -> CancellationToken) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { token().cancel() }
        source.resume()
    }

    func cancel() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
