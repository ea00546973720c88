import CellIO

/// A table for machines: CSV (what `save t "x.csv"` writes) and Table Schema JSON
/// (`application/vnd.dataresource+json`, as pandas emits it, so a front-end or
/// `pandas.read_json(…, orient="table")` gets the numbers, not their rounding).
/// Both hold the data rows only, at full precision, under `Table.keys`.
enum TableExport {
    static let dataResourceType = "application/vnd.dataresource+json"

    static func csv(_ table: Table) -> String {
        var lines = [table.keys.map(CSVExport.field).joined(separator: ",")]
        for row in table.cells {
            lines.append(row.map { cell in
                switch cell.content {
                case .number(let value): return fullPrecision(value)
                case .text(let text): return CSVExport.field(text)
                case .missing: return ""
                }
            }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The shortest text that reads back as the same Double.
    static func fullPrecision(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// Table Schema types: a column is a number when every data cell is one, an integer when
    /// each is also shown as one (counts; a score shown as 0.0000 stays a number).
    static func type(of column: Int, in table: Table) -> String {
        var integer = true
        for row in table.cells where column < row.count {
            switch row[column].content {
            case .number(let value): integer = integer && value == value.rounded() && row[column].display == fullPrecision(value)
            case .missing: continue
            case .text: return "string"
            }
        }
        return integer ? "integer" : "number"
    }

    static func dataResource(_ table: Table) -> JSONValue {
        let keys = table.keys
        let fields: [JSONValue] = keys.enumerated().map { index, key in
            ["name": .string(key), "type": .string(type(of: index, in: table))]
        }
        let data: [JSONValue] = table.cells.map { row in
            var record: [String: JSONValue] = [:]
            for (key, cell) in zip(keys, row) {
                switch cell.content {
                case .number(let value): record[key] = value.isFinite ? .double(value) : .null
                case .text(let text): record[key] = .string(text)
                case .missing: record[key] = .null
                }
            }
            return .object(record)
        }
        return ["schema": ["fields": .array(fields)], "data": .array(data)]
    }
}
