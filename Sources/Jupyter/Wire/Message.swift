import CellIO
import Foundation

/// One Jupyter message, decoded. The parent header is kept as the exact bytes
/// received so that replies echo it unchanged.
public struct Message: Sendable {
    public var identities: [Data]
    public var header: MessageHeader
    public var parentHeader: Data
    public var metadata: JSONValue
    public var content: JSONValue
    public var buffers: [Data]
    /// The raw header frame, used as the parent header of replies to this message.
    public var rawHeader: Data

    public init(identities: [Data] = [], header: MessageHeader, parentHeader: Data = Data("{}".utf8),
                metadata: JSONValue = [:], content: JSONValue, buffers: [Data] = []) {
        self.identities = identities
        self.header = header
        self.parentHeader = parentHeader
        self.metadata = metadata
        self.content = content
        self.buffers = buffers
        self.rawHeader = header.json.encoded()
    }

    public var type: String { header.messageType }
}
