import Foundation

/// One cell of a table: what a person reads, and the value a machine gets.
public struct TableCell: Sendable, Equatable {
    public enum Content: Sendable, Equatable {
        case number(Double)
        case text(String)
        /// No value (shown as "—").
        case missing
    }

    /// As shown: rounded, perhaps with a mark (≈).
    public var display: String
    /// At full precision, for CSV, Table Schema and `pick`.
    public var content: Content

    public static func number(_ value: Double, shown display: String) -> TableCell {
        value.isNaN ? TableCell(display: "—", content: .missing) : TableCell(display: display, content: .number(value))
    }

    public static func text(_ text: String) -> TableCell { TableCell(display: text, content: .text(text)) }
}

/// A small table, shown as HTML (and Table Schema JSON) in notebooks and aligned text in terminals,
/// saved as CSV for machines: data rows at full precision with plain column names that carry the
/// unit; summary rows (a mean) are shown but never exported as data.
public struct Table: Sendable, Equatable {
    public var title: String?
    /// Column headings as shown.
    public var columns: [String]
    /// The unit of each column's numbers (nil: none), put in machine column names, not in cells.
    public var units: [String?]
    public var cells: [[TableCell]]
    /// Rows that summarise the data (a mean): shown after it, left out of CSV and Table Schema.
    public var summary: [[TableCell]]
    /// Columns whose cells are numbers, right-aligned.
    public var numericColumns: Set<Int>

    public init(title: String? = nil, columns: [String], units: [String?]? = nil, cells: [[TableCell]],
                summary: [[TableCell]] = [], numericColumns: Set<Int> = []) {
        self.title = title
        self.columns = columns
        self.units = units ?? columns.map { _ in nil }
        self.cells = cells
        self.summary = summary
        self.numericColumns = numericColumns
    }

    /// A table of text cells (summaries that are read, not computed with).
    public init(title: String? = nil, columns: [String], rows: [[String]], numericColumns: Set<Int> = []) {
        self.init(title: title, columns: columns, cells: rows.map { $0.map(TableCell.text) }, numericColumns: numericColumns)
    }

    /// The data rows as shown.
    public var rows: [[String]] { cells.map { $0.map(\.display) } }

    /// Machine column names: lower case, words joined by `_`, the unit last (`fit time` in s → `fit_time_s`, `W2²` → `w2`).
    public var keys: [String] {
        var seen: [String: Int] = [:]
        return columns.enumerated().map { index, name in
            var key = Table.plain(name)
            if let unit = units[index] { key += "_" + Table.plain(unit) }
            if key.isEmpty { key = "column\(index + 1)" }
            seen[key, default: 0] += 1
            return seen[key] == 1 ? key : "\(key)_\(seen[key] ?? 0)"
        }
    }

    static func plain(_ text: String) -> String {
        var out = ""
        var gap = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if gap, !out.isEmpty { out += "_" }
                out.unicodeScalars.append(scalar)
                gap = false
            } else if scalar == "²" || scalar == "−" || scalar == "θ" {
                // W2², K_θ−Û: symbols that carry no word of their own.
                if scalar == "θ" { out += "theta" }
            } else {
                gap = true
            }
        }
        return out
    }

    public var plainText: String {
        let shown = rows + summary.map { $0.map(\.display) }
        var widths = columns.map(\.count)
        for row in shown { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: max(0, (i < widths.count ? widths[i] : 0) - cell.count))
                return numericColumns.contains(i) ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingTrailingSpaces
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        var lines: [String] = []
        if let title { lines.append(title) }
        lines.append(line(columns))
        lines.append(rule)
        // Summary rows follow the data as before; only machine exports tell them apart.
        lines += rows.map(line)
        lines += summary.map { line($0.map(\.display)) }
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
        out += "</tbody>"
        if !summary.isEmpty {
            out += "<tfoot>"
            for row in summary { out += "<tr>" + row.map(\.display).enumerated().map { cell("td", $1, $0) }.joined() + "</tr>" }
            out += "</tfoot>"
        }
        return out + "</table>"
    }
}
