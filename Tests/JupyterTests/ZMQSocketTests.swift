import Foundation
import Testing
@testable import Jupyter

@Suite struct ZMQSocketTests {
    @Test func bigFramesSentFromTheirOwnPagesArriveIntact() throws {
        let context = try ZMQContext()
        let server = try ZMQSocket(context: context, kind: .router)
        let client = try ZMQSocket(context: context, kind: .dealer)
        defer {
            client.close()
            server.close()
            context.terminate()
        }
        try server.bind("inproc://big-frames")
        try client.connect("inproc://big-frames")
        let big = Data((0..<(3 * ZMQSocket.mappedFrameSize + 17)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        for round in 0..<5 {
            let frames = [Data("head \(round)".utf8), big, Data(), Data("tail".utf8)]
            try client.send(frames)
            let received = try #require(server.receive(timeout: 5000))
            // The router puts the peer's identity first; the reply goes back by it.
            #expect(Array(received.dropFirst()) == frames)
            try server.send([received[0], big, Data("\(round)".utf8)])
            #expect(client.receive(timeout: 5000) == [big, Data("\(round)".utf8)])
        }
    }
}
