import CellIO
import Foundation

/// An nbformat 4 notebook, kept as JSON so that fields this program does not
/// know (metadata, attachments) survive a run unchanged.
public struct Notebook: Sendable {
    public var json: [String: JSONValue]

    public init(json: [String: JSONValue]) {
        self.json = json
    }

    public static func load(path: String) throws -> Notebook {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw NotebookError.unreadable(path: path)
        }
        guard let value = try? JSONValue.decode(data), let object = value.objectValue else {
            throw NotebookError.invalid(path: path, reason: "not a JSON notebook")
        }
        guard object["nbformat"]?.intValue == 4 else {
            throw NotebookError.invalid(path: path, reason: "only nbformat 4 notebooks are supported")
        }
        guard object["cells"]?.arrayValue != nil else { throw NotebookError.invalid(path: path, reason: "it has no cells") }
        return Notebook(json: object)
    }

    public var cells: [[String: JSONValue]] {
        get { (json["cells"]?.arrayValue ?? []).compactMap(\.objectValue) }
        set { json["cells"] = .array(newValue.map { .object($0) }) }
    }

    /// Cell source as one string (nbformat allows a string or a list of lines).
    public static func source(of cell: [String: JSONValue]) -> String {
        if let text = cell["source"]?.stringValue { return text }
        return (cell["source"]?.arrayValue ?? []).compactMap(\.stringValue).joined()
    }

    public static func tags(of cell: [String: JSONValue]) -> [String] {
        (cell["metadata"]?["tags"]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    /// The notebook as Jupyter writes it (one-space indent, sorted keys).
    public func encoded() -> Data {
        JSONValue.object(json).prettyEncoded()
    }
}

/// A notebook that cannot be read or run.
public enum NotebookError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String)
    case invalid(path: String, reason: String)
    case badParameter(String)

    public var description: String {
        switch self {
        case .unreadable(let path): return "cannot read notebook \(path)"
        case .invalid(let path, let reason): return "\(path) is not a usable notebook: \(reason)"
        case .badParameter(let text): return "parameter `\(text)` must be name=value with a plain name"
        }
    }
}
