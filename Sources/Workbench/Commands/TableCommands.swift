/// Reading one number out of a table, so a notebook can print or compare it.
enum TableCommands {
    static var all: [CommandSpec] { [pick] }

    static let pick = CommandSpec(
        name: "pick",
        summary: "Take one cell of a table as a value: the row whose leading cells match row= (or the summary row `mean`), in the named column.",
        positionals: [PositionalSpec("table", .variable, "a table (from score, compare, sweep or show)")],
        options: [
            OptionSpec("column", .text, "the column: its heading or its CSV name (`W2²` or `w2`, `fit time` or `fit_time_s`)"),
            OptionSpec("row", .words(nil), "the row: values of its first cells in order (`0.25,1` is λ = 0.25, class 1), or `mean` for the summary row",
                       default: "the only row, or the summary row"),
        ],
        examples: ["t = score s against d truth=semicircles", "w = pick t row=mean column=W2²", "print w",
                   "nll = pick t row=0.25,1 column=nll"],
        producesValue: true
    ) { context, call in
        let table: Table
        switch try call.variable(at: 0, in: context.variables) {
        case .table(let held): table = held
        case .sweep(let sweep): table = sweep.table
        default: throw call.error("`\(call.positionals[0].textValue)` holds no table", at: call.positionals[0])
        }
        guard let columnName = call.text("column") else {
            throw call.error("pick needs column=…; the columns are " + table.columns.map { "`\($0)`" }.joined(separator: ", "))
        }
        let keys = table.keys
        guard let column = table.columns.firstIndex(of: columnName) ?? keys.firstIndex(of: columnName)
                ?? keys.firstIndex(of: Table.plain(columnName)) else {
            throw call.error("no column `\(columnName)`; the columns are " + table.columns.map { "`\($0)`" }.joined(separator: ", "),
                             at: call.options["column"]?.first, kind: .value)
        }
        let wanted = call.words("row")
        let row = try TableCommands.row(in: table, matching: wanted) {
            call.error($0, at: call.options["row"]?.first, kind: .value)
        }
        guard column < row.count else { throw call.error("that row has no cell in column `\(columnName)`", kind: .value) }
        switch row[column].content {
        case .number(let value): return .number(value)
        case .text(let text): return .text(text)
        case .missing: throw call.error("that cell is empty (—)", at: call.options["column"]?.first, kind: .value)
        }
    }

    /// The one row `wanted` names; `fail` makes the error for none or several.
    static func row(in table: Table, matching wanted: [String]?, fail: (String) -> WorkbenchError) throws -> [TableCell] {
        guard let wanted else {
            if table.cells.count == 1 { return table.cells[0] }
            if table.summary.count == 1 { return table.summary[0] }
            throw fail("the table has \(table.cells.count) rows; say which with row=…")
        }
        if wanted == ["mean"], let summary = table.summary.first { return summary }
        let found = table.cells.filter { matches($0, wanted) }
        guard found.count == 1 else {
            throw fail(found.isEmpty ? "no row starts with " + wanted.joined(separator: ", ")
                       : "\(found.count) rows start with " + wanted.joined(separator: ", ") + "; give more of their first cells")
        }
        return found[0]
    }

    /// Whether the row's first cells read as `wanted` (numbers compared as numbers, so `0.25` matches `.25`).
    static func matches(_ row: [TableCell], _ wanted: [String]) -> Bool {
        guard wanted.count <= row.count else { return false }
        return zip(row, wanted).allSatisfy { cell, text in
            switch cell.content {
            case .number(let value): return Double(text).map { abs($0 - value) <= 1e-12 * max(1, abs(value)) } ?? false
            case .text(let value): return value == text
            case .missing: return false
            }
        }
    }
}
