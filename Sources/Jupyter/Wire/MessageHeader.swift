import Foundation

/// The header every Jupyter message carries (protocol 5.4).
public struct MessageHeader: Equatable, Sendable {
    public static let protocolVersion = "5.4"

    public var messageID: String
    public var session: String
    public var username: String
    public var date: String
    public var messageType: String
    public var version: String

    public init(messageType: String, session: String, username: String = "hti",
                messageID: String = UUID().uuidString.lowercased(), date: Date = Date()) {
        self.messageID = messageID
        self.session = session
        self.username = username
        self.date = MessageHeader.timestamp(date)
        self.messageType = messageType
        self.version = MessageHeader.protocolVersion
    }

    /// Reads a header object; `msg_id` and `msg_type` are required, the rest default.
    public init(json: JSONValue) throws {
        guard case .object = json else { throw WireError.malformedHeader("the header is not a JSON object") }
        guard let type = json["msg_type"]?.stringValue, !type.isEmpty else {
            throw WireError.malformedHeader("the header has no `msg_type` string")
        }
        guard let id = json["msg_id"]?.stringValue else {
            throw WireError.malformedHeader("the header has no `msg_id` string")
        }
        messageID = id
        messageType = type
        session = json["session"]?.stringValue ?? ""
        username = json["username"]?.stringValue ?? ""
        date = json["date"]?.stringValue ?? ""
        version = json["version"]?.stringValue ?? ""
    }

    public var json: JSONValue {
        .object([
            "msg_id": .string(messageID), "session": .string(session), "username": .string(username),
            "date": .string(date), "msg_type": .string(messageType), "version": .string(version),
        ])
    }

    /// ISO 8601 in UTC with microseconds and an explicit zone, as ipykernel writes it.
    static func timestamp(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        let whole = floor(seconds)
        let micros = Int(((seconds - whole) * 1_000_000).rounded(.down))
        var time = time_t(whole)
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ",
                      Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                      Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), micros)
    }
}
