import CellIO
import Foundation

/// Builds the kernel's outgoing messages: one session id for the kernel's
/// lifetime, each reply parented on the request it answers.
public struct MessageFactory: Sendable {
    public let session: String
    /// The header's `username`: the kernel's implementation name, given by whoever runs it.
    public let username: String

    public init(session: String = UUID().uuidString.lowercased(), username: String = "kernel") {
        self.session = session
        self.username = username
    }

    public func message(_ type: String, content: JSONValue, parent: Message?, metadata: JSONValue = [:],
                        identities: [Data] = []) -> Message {
        var message = Message(identities: identities, header: MessageHeader(messageType: type, session: session, username: username),
                              metadata: metadata, content: content)
        if let parent { message.parentHeader = parent.rawHeader }
        return message
    }

    /// The reply to `request` on the socket it came from: same routing identities.
    public func reply(to request: Message, content: JSONValue, metadata: JSONValue = [:]) -> Message {
        let type = request.type.hasSuffix("_request")
            ? String(request.type.dropLast("_request".count)) + "_reply" : request.type + "_reply"
        return message(type, content: content, parent: request, metadata: metadata, identities: request.identities)
    }
}
