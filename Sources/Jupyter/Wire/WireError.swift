/// Why an incoming multipart message was not accepted. Each case reads as a
/// log line for the kernel's stderr; the kernel drops the message and goes on.
public enum WireError: Error, Equatable, CustomStringConvertible {
    case missingDelimiter
    case tooFewFrames(Int)
    case badSignature
    case duplicateSignature
    case invalidJSON(frame: String)
    case malformedHeader(String)
    case notAnObject(frame: String)

    public var description: String {
        switch self {
        case .missingDelimiter: return "message has no <IDS|MSG> delimiter frame"
        case .tooFewFrames(let count):
            return "message has \(count) frame(s) after the delimiter; expected at least 5 (signature, header, parent_header, metadata, content)"
        case .badSignature: return "message signature does not match (wrong key, or tampered)"
        case .duplicateSignature:
            return "message signature was already seen: a replayed copy of an earlier message"
        case .invalidJSON(let frame): return "the \(frame) frame is not valid UTF-8 JSON"
        case .malformedHeader(let why): return "malformed header: \(why)"
        case .notAnObject(let frame): return "the \(frame) frame is not a JSON object"
        }
    }
}
