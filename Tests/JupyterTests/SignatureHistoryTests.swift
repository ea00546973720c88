import Foundation
import Testing
@testable import Jupyter

@Suite struct SignatureHistoryTests {
    /// A 32-byte digest whose bytes all equal `n` (enough distinct values for these tests).
    func digest(_ n: UInt8) -> Data { Data(repeating: n, count: 32) }

    @Test func aDigestIsAcceptedOnceThenRefused() {
        let history = SignatureHistory()
        #expect(history.insert(digest(1)))
        #expect(!history.insert(digest(1)))
        #expect(history.insert(digest(2)))
        #expect(history.count == 2)
    }

    @Test func theOldestDigestIsForgottenFirstAndTheSizeIsBounded() {
        let history = SignatureHistory(capacity: 3)
        for n in UInt8(1)...4 { #expect(history.insert(digest(n))) }
        #expect(history.count == 3)
        // 1 was pushed out by 4; 2, 3 and 4 are still remembered.
        #expect(!history.insert(digest(2)) && !history.insert(digest(3)) && !history.insert(digest(4)))
        #expect(history.insert(digest(1)))
        #expect(!history.insert(digest(3)))  // 2 went out for 1, 3 is still there
        #expect(history.insert(digest(2)))
    }

    @Test func digestsDifferingInOneByteAreDistinct() {
        let history = SignatureHistory()
        for index in 0..<32 {
            var bytes = digest(0)
            bytes[index] = 1
            #expect(history.insert(bytes))
        }
        #expect(history.insert(digest(0)))
    }

    @Test func theDefaultCapacityIsJupyterClients() {
        #expect(SignatureHistory().capacity == 65_536)
    }

    @Test func concurrentInsertsOfOneDigestAcceptExactlyOne() async {
        let history = SignatureHistory()
        let accepted = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<64 { group.addTask { history.insert(Data(repeating: 7, count: 32)) } }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(accepted == 1)
    }
}

/// Replays through the codec, with messages signed by jupyter_client itself.
@Suite struct ReplayTests {
    @Test func theSameSignedFramesDecodeOnceOnly() throws {
        let vector = try WireVector.load()[0]
        let codec = WireCodec(signer: MessageSigner(key: vector.key), history: SignatureHistory())
        _ = try codec.decode(vector.frameData)
        #expect(throws: WireError.duplicateSignature) { try codec.decode(vector.frameData) }
    }

    @Test func aReplayFromAnotherPeerOrWithUpperCaseHexIsStillAReplay() throws {
        let vector = try WireVector.load()[1]
        let codec = WireCodec(signer: MessageSigner(key: vector.key), history: SignatureHistory())
        _ = try codec.decode(vector.frameData)
        var otherPeer = vector.frameData
        otherPeer[0] = Data("another-identity".utf8)
        #expect(throws: WireError.duplicateSignature) { try codec.decode(otherPeer) }
        var upper = vector.frameData
        upper[2] = Data(String(decoding: upper[2], as: UTF8.self).uppercased().utf8)
        #expect(throws: WireError.duplicateSignature) { try codec.decode(upper) }
    }

    @Test func aForgedMessageDoesNotEnterTheHistory() throws {
        let vector = try WireVector.load()[0]
        let codec = WireCodec(signer: MessageSigner(key: vector.key), history: SignatureHistory(capacity: 1))
        // The genuine signature over tampered content: refused, and not remembered —
        // otherwise it would lock out the genuine message (or, with a small history,
        // push genuine digests out so they could be replayed).
        var forged = vector.frameData
        forged[6] = Data(#"{"code": "del everything"}"#.utf8)
        #expect(throws: WireError.badSignature) { try codec.decode(forged) }
        #expect(codec.history?.count == 0)
        #expect(try codec.decode(vector.frameData).type == vector.msg_type)
    }

    @Test func distinctMessagesAllDecodeAndEachReplayIsRefused() throws {
        let codec = WireCodec(signer: MessageSigner(key: "k"), history: SignatureHistory())
        let messages = (0..<100).map { n in
            codec.encode(Message(header: MessageHeader(messageType: "execute_request", session: "s"),
                                 content: ["code": .string("say \(n)")]))
        }
        for frames in messages { #expect(try codec.decode(frames).type == "execute_request") }
        for frames in messages { #expect(throws: WireError.duplicateSignature) { try codec.decode(frames) } }
    }

    @Test func unsignedMessagesAreNotDeduplicated() throws {
        let codec = WireCodec(signer: MessageSigner(key: ""), history: SignatureHistory())
        let frames = codec.encode(Message(header: MessageHeader(messageType: "kernel_info_request", session: "s"), content: [:]))
        _ = try codec.decode(frames)
        #expect(try codec.decode(frames).type == "kernel_info_request")
        #expect(codec.history?.count == 0)
    }
}
