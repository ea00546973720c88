import Foundation

/// JSON values for model-file headers (settings and summaries), kept as a
/// value type so headers compare and round-trip exactly.
public enum HeaderValue: Sendable, Equatable, Codable {
    case number(Double)
    case text(String)
    case flag(Bool)
    case list([HeaderValue])
    case object([String: HeaderValue])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) { self = .flag(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .text(value) }
        else if let value = try? container.decode([HeaderValue].self) { self = .list(value) }
        else { self = .object(try container.decode([String: HeaderValue].self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let v): try container.encode(v.isFinite ? v : 0)
        case .text(let v): try container.encode(v)
        case .flag(let v): try container.encode(v)
        case .list(let v): try container.encode(v)
        case .object(let v): try container.encode(v)
        }
    }

    func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)) ?? Data("{}".utf8)
    }

    static func parse(_ data: Data) throws -> HeaderValue {
        try JSONDecoder().decode(HeaderValue.self, from: data)
    }
}
