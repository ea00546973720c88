/// What a front-end renders: one representation per MIME type, richest first
/// by the front-end's choice. `text/plain` should always be present.
public struct MimeBundle: Equatable, Sendable {
    public var data: [String: JSONValue]
    public var metadata: [String: JSONValue]

    public init(data: [String: JSONValue] = [:], metadata: [String: JSONValue] = [:]) {
        self.data = data
        self.metadata = metadata
    }

    public static func text(_ text: String) -> MimeBundle {
        MimeBundle(data: ["text/plain": .string(text)])
    }

    /// A rich representation with its plain-text fallback.
    public static func rich(_ mimeType: String, _ value: String, plain: String) -> MimeBundle {
        MimeBundle(data: [mimeType: .string(value), "text/plain": .string(plain)])
    }

    public var plainText: String? { data["text/plain"]?.stringValue }
}
