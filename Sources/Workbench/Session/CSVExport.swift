import HTI

/// CSV text for marginals (columns: λ, outputs, conditions — the loaded file's names) and tables.
enum CSVExport {
    static func marginals(_ m: Marginals) -> String {
        var lines = [([m.lambdaName] + m.outputNames + m.condition.names).map(field).joined(separator: ",")]
        for anchor in m.anchors {
            for i in 0..<anchor.count {
                var cells = [number(anchor.lambda)]
                for d in 0..<m.dimension { cells.append(number(Double(anchor.outputs[i * m.dimension + d]))) }
                switch (anchor.conditions, m.condition) {
                case (.classes(let labels), .categorical(_, let names)): cells.append(field(names[Int(labels[i])]))
                case (.vectors(let values, let width), _):
                    for c in 0..<width { cells.append(number(Double(values[i * width + c]))) }
                default: break
                }
                lines.append(cells.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Shortest text that reads back as the same Float32.
    static func number(_ value: Double) -> String {
        let float = Float(value)
        if float == float.rounded(), abs(float) < 1e7 { return String(Int(float)) }
        return "\(float)"
    }

    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
