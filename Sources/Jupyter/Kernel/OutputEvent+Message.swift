import CellIO

/// The one place a cell's output events become IOPub messages (type and content, as the
/// messaging spec names them); the session and the terminal never see these strings.
extension OutputEvent {
    var messageType: String {
        switch self {
        case .stream: return "stream"
        case .display: return "display_data"
        case .update: return "update_display_data"
        case .clear: return "clear_output"
        case .result: return "execute_result"
        }
    }

    var content: JSONValue {
        switch self {
        case .stream(let stream, let text):
            return ["name": .string(stream.rawValue), "text": .string(text)]
        case .display(let bundle, let displayID):
            return OutputEvent.displayContent(bundle, displayID: displayID)
        case .update(let bundle, let displayID):
            return OutputEvent.displayContent(bundle, displayID: displayID)
        case .clear(let wait):
            return ["wait": .bool(wait)]
        case .result(let bundle, let count):
            return ["execution_count": .int(count), "data": .object(bundle.data), "metadata": .object(bundle.metadata)]
        }
    }

    private static func displayContent(_ bundle: MimeBundle, displayID: String?) -> JSONValue {
        var content: [String: JSONValue] = ["data": .object(bundle.data), "metadata": .object(bundle.metadata)]
        content["transient"] = displayID.map { ["display_id": .string($0)] } ?? [:]
        return .object(content)
    }
}
