import Foundation
import PropertyBased
import Testing
@testable import Jupyter

/// Random and mutated frames: the decoder must return a message or a
/// `WireError`, never crash or hang.
@Suite struct DecoderFuzzTests {
    static let byte = Gen<UInt8>.value(in: 0...255)
    static let bytes = byte.array(of: 0...48)

    @Test func randomFramesNeverCrash() async {
        let codec = WireCodec(signer: MessageSigner(key: "key"))
        await propertyCheck(count: 500, input: DecoderFuzzTests.bytes.array(of: 0...9), Gen.int(in: 0...9)) { frames, at in
            var data = frames.map { Data($0) }
            // Often put a delimiter in, so the parser gets past the first check.
            if at < data.count { data[at] = WireCodec.delimiter }
            do { _ = try codec.decode(data) } catch { #expect(error is WireError) }
        }
    }

    @Test func mutatedValidMessagesAreRejectedOrIntact() async throws {
        let vector = try WireVector.load()[0]
        let original = vector.frameData
        let codec = WireCodec(signer: MessageSigner(key: vector.key))
        await propertyCheck(count: 500, input: Gen.int(in: 0...6), Gen.int(in: 0...200), DecoderFuzzTests.byte) { frame, offset, byte in
            var frames = original
            var target = [UInt8](frames[frame])
            if target.isEmpty { target = [byte] } else { target[offset % target.count] = byte }
            frames[frame] = Data(target)
            do {
                let message = try codec.decode(frames)
                // Only a change that leaves the signed frames alone may pass: an identity
                // byte, or a hex digit of the signature changed only in case.
                #expect(Array(frames[3...6]) == Array(original[3...6]))
                #expect(String(decoding: frames[2], as: UTF8.self).lowercased() == String(decoding: original[2], as: UTF8.self))
                #expect(message.type == vector.msg_type)
            } catch {
                #expect(error is WireError)
            }
        }
    }

    @Test func unsignedRandomJSONFramesNeverCrash() async {
        let codec = WireCodec(signer: MessageSigner(key: ""))
        let jsonish = Gen.element(of: ["{", "}", "[", "]", "\"", ":", ",", "1", "-", "e", "null", "true", "msg_type", "msg_id", "\\u12", " "])
            .array(of: 0...24).map { $0.compactMap { $0 }.joined() }
        await propertyCheck(count: 500, input: jsonish, jsonish, jsonish) { header, metadata, content in
            let frames = [WireCodec.delimiter, Data(), Data(header.utf8), Data("{}".utf8), Data(metadata.utf8), Data(content.utf8)]
            do { _ = try codec.decode(frames) } catch { #expect(error is WireError) }
        }
    }
}
