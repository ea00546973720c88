import CellIO
import Foundation

/// Turns messages into ZeroMQ multipart frames and back:
/// `[identities…, "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers…]`.
public struct WireCodec: Sendable {
    public static let delimiter = Data("<IDS|MSG>".utf8)
    public let signer: MessageSigner
    /// Digests already accepted; nil decodes without replay protection (tests,
    /// tools). Unused when the key is empty: unsigned messages have no digest.
    public let history: SignatureHistory?

    public init(signer: MessageSigner, history: SignatureHistory? = nil) {
        self.signer = signer
        self.history = history
    }

    public func encode(_ message: Message) -> [Data] {
        let parts = [message.rawHeader, message.parentHeader, message.metadata.encoded(), message.content.encoded()]
        var frames = message.identities
        frames.append(WireCodec.delimiter)
        frames.append(Data(signer.signature(parts).utf8))
        frames.append(contentsOf: parts)
        frames.append(contentsOf: message.buffers)
        return frames
    }

    /// Decodes and authenticates frames; every way a peer can get this wrong is a `WireError`.
    public func decode(_ frames: [Data]) throws -> Message {
        guard let split = frames.firstIndex(of: WireCodec.delimiter) else { throw WireError.missingDelimiter }
        let identities = Array(frames[..<split])
        let rest = Array(frames[(split + 1)...])
        guard rest.count >= 5 else { throw WireError.tooFewFrames(rest.count) }
        let signed = Array(rest[1...4])
        guard signer.isValid(signature: rest[0], for: signed) else { throw WireError.badSignature }
        // Recorded only once authenticated: forged messages must not be able to
        // push genuine digests out of the bounded history.
        if signer.isSigning, let history, let digest = Data(hex: rest[0]), !history.insert(digest) {
            throw WireError.duplicateSignature
        }

        func object(_ data: Data, _ name: String) throws -> JSONValue {
            let value: JSONValue
            do { value = try JSONValue.decode(data) } catch { throw WireError.invalidJSON(frame: name) }
            guard case .object = value else { throw WireError.notAnObject(frame: name) }
            return value
        }
        let header = try MessageHeader(json: try object(signed[0], "header"))
        _ = try object(signed[1], "parent_header")
        var message = Message(identities: identities, header: header, parentHeader: signed[1],
                              metadata: try object(signed[2], "metadata"),
                              content: try object(signed[3], "content"),
                              buffers: Array(rest[5...]))
        message.rawHeader = signed[0]
        return message
    }
}
