import Foundation
import Testing
@testable import Jupyter

@Suite struct StaleRequestFilterTests {
    let start = Date(timeIntervalSince1970: 1_795_000_000)
    let clock = ContinuousClock.now
    var filter: StaleRequestFilter { StaleRequestFilter(startedAt: start, started: clock) }

    /// The monotonic instant `seconds` after the start.
    func after(_ seconds: Double) -> ContinuousClock.Instant { clock + .milliseconds(Int64(seconds * 1000)) }

    func request(_ type: String, sentAt: Date) -> Message {
        Message(header: MessageHeader(messageType: type, session: "manager", date: sentAt), content: [:])
    }

    @Test func aShutdownDatedBeforeStartArrivingAtStartIsStale() {
        let queued = request("shutdown_request", sentAt: start - 0.05)
        #expect(filter.isStale(queued, receivedAt: after(0.02)))
        #expect(filter.isStale(request("interrupt_request", sentAt: start - 0.05), receivedAt: after(0.02)))
    }

    @Test func aShutdownWrittenAfterStartIsHonoured() {
        #expect(!filter.isStale(request("shutdown_request", sentAt: start + 0.001), receivedAt: after(0.02)))
    }

    @Test func afterTheWindowNoDateIsCompared() {
        // A client whose clock is an hour behind can still shut the kernel down once it is settled.
        let slowClock = request("shutdown_request", sentAt: start - 3600)
        #expect(filter.isStale(slowClock, receivedAt: after(1)))
        #expect(!filter.isStale(slowClock, receivedAt: after(Double(StaleRequestFilter.window) + 0.1)))
    }

    @Test func otherRequestsAreNeverFiltered() {
        for type in ["execute_request", "kernel_info_request", "complete_request", "comm_msg"] {
            #expect(!filter.isStale(request(type, sentAt: start - 10), receivedAt: after(0.01)))
        }
    }

    @Test func anUnreadableDateIsTakenAsCurrent() {
        var undated = request("shutdown_request", sentAt: start - 10)
        undated.header.date = "soon"
        #expect(!filter.isStale(undated, receivedAt: after(0.01)))
    }
}
