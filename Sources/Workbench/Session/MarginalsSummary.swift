import HTI

/// The `show d` table: samples per λ and condition, and each output's range.
enum MarginalsSummary {
    static func table(_ m: Marginals) -> Table {
        var columns = [m.lambdaName]
        var classes: [String]? = nil
        if case .categorical(let name, let names) = m.condition {
            columns.append(name)
            classes = names
        }
        columns.append("samples")
        columns += m.outputNames.map { "\($0) range" }
        var rows: [[TableCell]] = []
        for anchor in m.anchors {
            let groups: [(String?, [Int])]
            if let classes, case .classes(let labels) = anchor.conditions {
                groups = classes.enumerated().map { index, name in
                    (name, labels.indices.filter { labels[$0] == Int32(index) })
                }
            } else {
                groups = [(nil, Array(0..<anchor.count))]
            }
            for (name, indices) in groups {
                var row = [TableCell.number(anchor.lambda, shown: Value.format(anchor.lambda))]
                if let name { row.append(.text(name)) }
                row.append(.number(Double(indices.count), shown: String(indices.count)))
                for d in 0..<m.dimension {
                    let values = indices.map { anchor.outputs[$0 * m.dimension + d] }
                    let low = values.min() ?? 0, high = values.max() ?? 0
                    row.append(.text("\(Value.format(Double(low))) … \(Value.format(Double(high)))"))
                }
                rows.append(row)
            }
        }
        var title = "\(m.source): \(m.sampleCount) samples, \(m.anchors.count) anchors"
        if case .continuous(let names) = m.condition { title += ", conditioned on \(names.count) continuous columns" }
        if let preset = m.preset.label { title += ", " + preset }
        let numeric = Set([0] + (classes == nil ? [1] : [2]))
        return Table(title: title, columns: columns, cells: rows, numericColumns: numeric)
    }
}

extension DataPreset {
    /// How summaries name the preset ("preset moons"); nil for none, which they leave unsaid.
    var label: String? { self == .none ? nil : "preset \(rawValue)" }
}
