/// ipykernel's `stop_on_error` rule, decided by queue position and never by
/// clocks: after a failed, non-silent execution whose request asked for
/// `stop_on_error` (the default), every `execute_request` already waiting on
/// the shell socket is answered `aborted`; other requests waiting there are
/// served as usual, and a request the client sends after it saw the failure
/// runs.
///
/// "Already waiting" is taken before the failure is published (no `error` on
/// IOPub, no reply yet), so by causality nothing taken can be a reaction to
/// it, whatever the client's clock says. The kernel also waits `grace` for
/// requests still in transit (a "Run all" whose later cells have not reached
/// the socket when an early cell fails fast): this delays only the reply of a
/// failed cell, and still cannot catch a reaction, which needs the reply first.
/// ipykernel (`stop_on_error_timeout`) waits after sending the reply instead,
/// where a quick client's next cell could be aborted.
enum StopOnError {
    /// How long a failed cell's reply waits for requests still in transit.
    static let grace: Duration = .milliseconds(50)

    /// Silent executions never abort the queue (ipykernel's rule: only a failure the user sees does).
    static func abortsQueue(silent: Bool, stopOnError: Bool) -> Bool {
        stopOnError && !silent
    }

    /// Which waiting requests are aborted: executions only.
    static func aborts(_ request: Message) -> Bool {
        request.type == "execute_request"
    }
}
