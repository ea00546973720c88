import CellIO
import Foundation
import Testing

@Suite struct OutputChannelTests {
    final class Sink: @unchecked Sendable {
        var events: [OutputEvent] = []
    }

    @Test func nothingIsPublishedAfterClose() {
        let sink = Sink()
        let channel = OutputChannel(emit: { sink.events.append($0) })
        channel.stream(.stdout, "a")
        channel.close()
        channel.stream(.stdout, "b")
        channel.display(.text("c"))
        #expect(sink.events == [.stream(.stdout, "a")])
    }

    @Test func updatesAreCoalescedToTenPerSecond() {
        let sink = Sink()
        let channel = OutputChannel(emit: { sink.events.append($0) })
        let start = Date()
        var sent = 0
        while Date().timeIntervalSince(start) < 0.35 {
            sent += 1
            channel.updateDisplay(.text("\(sent)"), displayID: "bar")
        }
        channel.close()
        let updates = sink.events.compactMap { event -> MimeBundle? in
            if case .update(let bundle, displayID: "bar") = event { return bundle }
            return nil
        }
        #expect(sent > 100)
        #expect(updates.count >= 3 && updates.count <= 6)
        #expect(updates.last?.plainText == "\(sent)")
    }

    @Test func inputWithoutStdinFailsClearly() {
        let channel = OutputChannel(emit: { _ in })
        #expect(throws: StdinError.self) { try channel.input(prompt: "?") }
    }
}
