/// A small table of text cells, shown as HTML in notebooks and aligned text in terminals.
public struct Table: Sendable, Equatable {
    public var title: String?
    public var columns: [String]
    public var rows: [[String]]
    /// Columns whose cells are numbers, right-aligned.
    public var numericColumns: Set<Int>

    public init(title: String? = nil, columns: [String], rows: [[String]], numericColumns: Set<Int> = []) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.numericColumns = numericColumns
    }

    public var plainText: String {
        var widths = columns.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
                return numericColumns.contains(i) ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingTrailingSpaces
        }
        var lines: [String] = []
        if let title { lines.append(title) }
        lines.append(line(columns))
        lines.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
        lines += rows.map(line)
        return lines.joined(separator: "\n")
    }

    /// Text safe inside HTML.
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    public var html: String {
        let escape = Table.escape
        func cell(_ tag: String, _ text: String, _ i: Int) -> String {
            let align = numericColumns.contains(i) ? " style=\"text-align:right\"" : " style=\"text-align:left\""
            return "<\(tag)\(align)>\(escape(text))</\(tag)>"
        }
        var out = "<table class=\"hti-table\">"
        if let title { out += "<caption style=\"text-align:left;font-weight:bold\">\(escape(title))</caption>" }
        out += "<thead><tr>" + columns.enumerated().map { cell("th", $1, $0) }.joined() + "</tr></thead><tbody>"
        for row in rows { out += "<tr>" + row.enumerated().map { cell("td", $1, $0) }.joined() + "</tr>" }
        return out + "</tbody></table>"
    }
}
