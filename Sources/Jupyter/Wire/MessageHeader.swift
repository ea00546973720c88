import CellIO
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

    public init(messageType: String, session: String, username: String = "kernel",
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

    /// The instant a header's `date` names (ISO 8601, as clients write it), or nil if unreadable.
    public static func date(from text: String) -> Date? {
        // 2026-11-24T20:59:01.123456Z, or with +00:00; fractional seconds optional.
        let scalars = Array(text.utf8)
        guard scalars.count >= 19 else { return nil }
        func number(_ range: Range<Int>) -> Int? { Int(String(decoding: scalars[range], as: UTF8.self)) }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19) else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900); parts.tm_mon = Int32(month - 1); parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour); parts.tm_min = Int32(minute); parts.tm_sec = Int32(second)
        var seconds = Double(timegm(&parts))
        var index = 19
        if index < scalars.count, scalars[index] == UInt8(ascii: ".") {
            var scale = 0.1
            index += 1
            while index < scalars.count, let digit = Int(String(UnicodeScalar(scalars[index]))), scalars[index] != UInt8(ascii: "+") {
                seconds += Double(digit) * scale
                scale /= 10
                index += 1
            }
        }
        if index + 5 < scalars.count + 0, scalars[index] == UInt8(ascii: "+") || scalars[index] == UInt8(ascii: "-"),
           let h = number((index + 1)..<(index + 3)), let m = number((index + 4)..<(index + 6)) {
            let offset = Double(h * 3600 + m * 60)
            seconds -= scalars[index] == UInt8(ascii: "+") ? offset : -offset
        }
        return Date(timeIntervalSince1970: seconds)
    }
}
