import Foundation
import Testing
@testable import Jupyter

@Suite struct OutputChannelTests {
    final class Sink: @unchecked Sendable {
        var messages: [(String, JSONValue)] = []
    }

    @Test func nothingIsPublishedAfterClose() {
        let sink = Sink()
        let channel = OutputChannel(emit: { sink.messages.append(($0, $1)) })
        channel.stream(.stdout, "a")
        channel.close()
        channel.stream(.stdout, "b")
        channel.display(.text("c"))
        #expect(sink.messages.count == 1)
    }

    @Test func updatesAreCoalescedToTenPerSecond() {
        let sink = Sink()
        let channel = OutputChannel(emit: { sink.messages.append(($0, $1)) })
        let start = Date()
        var sent = 0
        while Date().timeIntervalSince(start) < 0.35 {
            sent += 1
            channel.updateDisplay(.text("\(sent)"), displayID: "bar")
        }
        channel.close()
        let updates = sink.messages.filter { $0.0 == "update_display_data" }
        #expect(sent > 100)
        #expect(updates.count >= 3 && updates.count <= 6)
        #expect(updates.last?.1["data"]?["text/plain"] == .string("\(sent)"))
    }

    @Test func inputWithoutStdinFailsClearly() {
        let channel = OutputChannel(emit: { _, _ in })
        #expect(throws: StdinError.self) { try channel.input(prompt: "?") }
    }
}
