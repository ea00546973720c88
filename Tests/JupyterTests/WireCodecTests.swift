import CellIO
import Foundation
import Testing
@testable import Jupyter

/// Messages signed by jupyter_client itself (see Fixtures/make_wire_vectors.py).
struct WireVector: Decodable {
    var key: String
    var msg_type: String
    var msg_id: String
    var frames: [String]
    var signature: String

    var frameData: [Data] { frames.compactMap { Data(base64Encoded: $0) } }

    static func load() throws -> [WireVector] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/wire_vectors.json")
        return try JSONDecoder().decode([WireVector].self, from: Data(contentsOf: url))
    }
}

@Suite struct WireCodecTests {
    @Test func signaturesMatchJupyterClient() throws {
        let vectors = try WireVector.load()
        #expect(vectors.count == 4)
        for vector in vectors {
            let frames = vector.frameData
            let signer = MessageSigner(key: vector.key)
            #expect(signer.signature(Array(frames[3...6])) == vector.signature)
        }
    }

    @Test func jupyterClientMessagesDecode() throws {
        for vector in try WireVector.load() {
            let codec = WireCodec(signer: MessageSigner(key: vector.key))
            let message = try codec.decode(vector.frameData)
            #expect(message.type == vector.msg_type)
            #expect(message.header.messageID == vector.msg_id)
            #expect(message.header.username == "tester")
            #expect(message.identities == [Data("client-identity".utf8)])
        }
    }

    @Test func badSignatureIsRejected() throws {
        let vector = try WireVector.load()[0]
        var frames = vector.frameData
        frames[2] = Data(String(repeating: "0", count: 64).utf8)
        let codec = WireCodec(signer: MessageSigner(key: vector.key))
        #expect(throws: WireError.badSignature) { try codec.decode(frames) }
    }

    @Test func tamperedContentIsRejected() throws {
        let vector = try WireVector.load()[0]
        var frames = vector.frameData
        frames[6] = Data(#"{"code": "del everything"}"#.utf8)
        let codec = WireCodec(signer: MessageSigner(key: vector.key))
        #expect(throws: WireError.badSignature) { try codec.decode(frames) }
    }

    @Test func wrongKeyIsRejected() throws {
        let vector = try WireVector.load()[0]
        let codec = WireCodec(signer: MessageSigner(key: "another key"))
        #expect(throws: WireError.badSignature) { try codec.decode(vector.frameData) }
    }

    @Test func emptyKeyMeansUnsignedAndUnchecked() throws {
        let codec = WireCodec(signer: MessageSigner(key: ""))
        let message = Message(header: MessageHeader(messageType: "kernel_info_request", session: "s"), content: [:])
        let frames = codec.encode(message)
        #expect(frames[1].isEmpty)
        #expect(try codec.decode(frames).type == "kernel_info_request")
    }

    @Test func roundTripKeepsEverything() throws {
        let codec = WireCodec(signer: MessageSigner(key: "k"))
        var message = Message(identities: [Data([0, 1, 2]), Data("peer".utf8)],
                              header: MessageHeader(messageType: "comm_msg", session: "abc"),
                              metadata: ["m": 1], content: ["data": ["x": [1, 2.5, "three", nil, true]]],
                              buffers: [Data([9, 8, 7])])
        message.parentHeader = Data(#"{"msg_id":"p"}"#.utf8)
        let decoded = try codec.decode(codec.encode(message))
        #expect(decoded.identities == message.identities)
        #expect(decoded.header == message.header)
        #expect(decoded.parentHeader == message.parentHeader)
        #expect(decoded.metadata == message.metadata)
        #expect(decoded.content == message.content)
        #expect(decoded.buffers == message.buffers)
    }

    @Test func nonFiniteNumbersBecomeNull() throws {
        let value: JSONValue = ["nan": .double(.nan), "inf": .double(.infinity), "ok": 1.5]
        let text = String(decoding: value.encoded(), as: UTF8.self)
        #expect(text == #"{"inf":null,"nan":null,"ok":1.5}"#)
        #expect(try JSONSerialization.jsonObject(with: value.encoded()) is [String: Any])
    }

    @Test func missingDelimiterIsRejected() {
        let codec = WireCodec(signer: MessageSigner(key: ""))
        #expect(throws: WireError.missingDelimiter) { try codec.decode([Data("a".utf8), Data("{}".utf8)]) }
    }

    @Test func truncatedMessageIsRejected() {
        let codec = WireCodec(signer: MessageSigner(key: ""))
        #expect(throws: WireError.tooFewFrames(3)) {
            try codec.decode([WireCodec.delimiter, Data(), Data("{}".utf8), Data("{}".utf8)])
        }
    }

    @Test func invalidJSONIsRejected() {
        let codec = WireCodec(signer: MessageSigner(key: ""))
        let frames = [WireCodec.delimiter, Data(), Data("{not json".utf8), Data("{}".utf8), Data("{}".utf8), Data("{}".utf8)]
        #expect(throws: WireError.invalidJSON(frame: "header")) { try codec.decode(frames) }
    }

    @Test func headerWithoutTypeIsRejected() {
        let codec = WireCodec(signer: MessageSigner(key: ""))
        let frames = [WireCodec.delimiter, Data(), Data(#"{"msg_id":"x"}"#.utf8), Data("{}".utf8), Data("{}".utf8), Data("{}".utf8)]
        #expect(throws: WireError.malformedHeader("the header has no `msg_type` string")) { try codec.decode(frames) }
    }

    @Test func contentMustBeAnObject() {
        let codec = WireCodec(signer: MessageSigner(key: ""))
        let header = MessageHeader(messageType: "x", session: "s").json.encoded()
        let frames = [WireCodec.delimiter, Data(), header, Data("{}".utf8), Data("{}".utf8), Data("[1]".utf8)]
        #expect(throws: WireError.notAnObject(frame: "content")) { try codec.decode(frames) }
    }

    @Test func headerDateIsISO8601WithZone() {
        let header = MessageHeader(messageType: "status", session: "s", date: Date(timeIntervalSince1970: 1_700_000_000.25))
        #expect(header.date == "2023-11-14T22:13:20.250000Z")
        #expect(header.version == "5.4")
    }
}
