import Crypto
import Foundation

/// HMAC-SHA256 signing of the four JSON frames, as the connection file's key
/// demands. An empty key means messages are neither signed nor checked.
/// `@unchecked`: SymmetricKey is immutable once made, but not marked Sendable.
public struct MessageSigner: @unchecked Sendable {
    private let key: SymmetricKey?

    public init(key: String) {
        self.key = key.isEmpty ? nil : SymmetricKey(data: Data(key.utf8))
    }

    public var isSigning: Bool { key != nil }

    /// Lower-case hex digest over the frames in order, or "" when unsigned.
    public func signature(_ frames: [Data]) -> String {
        guard let key else { return "" }
        var mac = HMAC<SHA256>(key: key)
        for frame in frames { mac.update(data: frame) }
        return Data(mac.finalize()).hexString
    }

    /// Constant-time check of a received hex signature.
    public func isValid(signature: Data, for frames: [Data]) -> Bool {
        guard let key else { return true }
        guard let expected = Data(hex: signature) else { return false }
        var data = Data()
        for frame in frames { data.append(frame) }
        return HMAC<SHA256>.isValidAuthenticationCode(expected, authenticating: data, using: key)
    }
}

extension Data {
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(count * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes hex text (either case); nil when the text is not hex of even length.
    init?(hex: Data) {
        guard hex.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity(hex.count / 2)
        var iterator = hex.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            guard let h = nibble(high), let l = nibble(low) else { return nil }
            bytes.append(h << 4 | l)
        }
        self.init(bytes)
    }
}
