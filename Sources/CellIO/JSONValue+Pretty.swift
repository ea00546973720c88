import Foundation

extension JSONValue {
    /// Indented JSON with sorted keys in the layout Jupyter uses for notebooks
    /// (`"key": value`, one-space indent, `{}` and `[]` when empty), so files
    /// written here diff cleanly against files written by Jupyter.
    public func prettyEncoded(indent: Int = 1) -> Data {
        var out = ""
        write(into: &out, level: 0, indent: indent)
        return Data((out + "\n").utf8)
    }

    private func write(into out: inout String, level: Int, indent: Int) {
        let pad = String(repeating: " ", count: (level + 1) * indent)
        let closing = String(repeating: " ", count: level * indent)
        switch self {
        case .array(let elements) where !elements.isEmpty:
            out += "[\n"
            for (i, element) in elements.enumerated() {
                out += pad
                element.write(into: &out, level: level + 1, indent: indent)
                out += i < elements.count - 1 ? ",\n" : "\n"
            }
            out += closing + "]"
        case .object(let members) where !members.isEmpty:
            out += "{\n"
            let keys = members.keys.sorted()
            for (i, key) in keys.enumerated() {
                out += pad + String(decoding: JSONValue.string(key).encoded(), as: UTF8.self) + ": "
                members[key]!.write(into: &out, level: level + 1, indent: indent)
                out += i < keys.count - 1 ? ",\n" : "\n"
            }
            out += closing + "}"
        default:
            out += String(decoding: encoded(), as: UTF8.self)
        }
    }
}
