import CSV
import Foundation

/// Which columns of a table mean what. Defaults: λ in `lambda`, no
/// condition, outputs = every other column.
public struct ColumnSelection: Sendable, Equatable {
    public var lambda: String
    /// nil: every column that is neither λ nor a condition.
    public var outputs: [String]?
    public var conditions: [String]
    /// Whether the (single) condition column holds class labels rather than numbers to condition on.
    public var categorical: Bool

    public init(lambda: String = "lambda", outputs: [String]? = nil, conditions: [String] = [], categorical: Bool = false) {
        self.lambda = lambda
        self.outputs = outputs
        self.conditions = conditions
        self.categorical = categorical
    }
}

/// Reads marginals from CSV: a header row, then one row per sample.
public enum CSVMarginalsLoader {
    /// - Parameter minimumAnchors: 2 for marginals; 1 for start points, which may all share one λ.
    public static func load(path: String, columns: ColumnSelection, minimumAnchors: Int = 2) throws -> Marginals {
        let name = (path as NSString).lastPathComponent
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw MarginalsError.unreadable(source: path, reason: FileManager.default.fileExists(atPath: path)
                                            ? "not UTF-8 text" : "no such file")
        }
        return try parse(text: text, source: name, columns: columns, minimumAnchors: minimumAnchors)
    }

    /// Parses CSV text. Line numbers in errors count the header as line 1 (one line per row).
    public static func parse(text: String, source: String, columns: ColumnSelection, minimumAnchors: Int = 2) throws -> Marginals {
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true) } catch {
            throw MarginalsError.empty(source: source)
        }
        guard let header = reader.headerRow, header.contains(where: { !$0.isEmpty }) else {
            throw MarginalsError.empty(source: source)
        }
        func index(of column: String) throws -> Int {
            guard let i = header.firstIndex(of: column) else {
                throw MarginalsError.missingColumn(source: source, column: column, available: header)
            }
            return i
        }
        let lambdaIndex = try index(of: columns.lambda)
        let conditionIndices = try columns.conditions.map(index(of:))
        let outputNames = columns.outputs ?? header.filter { $0 != columns.lambda && !columns.conditions.contains($0) }
        guard !outputNames.isEmpty else { throw MarginalsError.noOutputs(source: source) }
        let outputIndices = try outputNames.map(index(of:))
        var used = Set<String>()
        for column in [columns.lambda] + outputNames + columns.conditions where !used.insert(column).inserted {
            throw MarginalsError.columnUsedTwice(source: source, column: column)
        }
        let categorical = columns.categorical && columns.conditions.count == 1
        let schema: ConditionSchema = columns.conditions.isEmpty ? .none
            : categorical ? .categorical(name: columns.conditions[0], classes: []) : .continuous(names: columns.conditions)
        var builder = MarginalsBuilder(source: source, lambdaName: columns.lambda, outputNames: outputNames, condition: schema)
        builder.minimumAnchors = minimumAnchors

        var line = 1
        while let row = reader.next() {
            line += 1
            if row.count == 1 && row[0].isEmpty { continue }  // blank line
            guard row.count == header.count else {
                throw MarginalsError.raggedRow(source: source, line: line, expected: header.count, found: row.count)
            }
            func number(_ column: Int) throws -> Double {
                let cell = row[column]
                guard let value = Double(cell) else {
                    throw MarginalsError.nonNumeric(source: source, line: line, column: header[column],
                                                    columnNumber: column + 1, value: cell)
                }
                guard value.isFinite else {
                    throw MarginalsError.nonFinite(source: source, line: line, column: header[column],
                                                   columnNumber: column + 1, value: cell)
                }
                return value
            }
            let lambda = try number(lambdaIndex)
            let outputs = try outputIndices.map { Float(try number($0)) }
            if categorical {
                let cell = row[conditionIndices[0]]
                // A class label may be any text, but "1.0" and "1" are the same class.
                let label = Double(cell).map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int64($0)) : cell } ?? cell
                builder.add(lambda: lambda, outputs: outputs, className: label, vector: [])
            } else {
                builder.add(lambda: lambda, outputs: outputs, className: nil,
                            vector: try conditionIndices.map { Float(try number($0)) })
            }
        }
        if let error = reader.error {
            throw MarginalsError.unreadable(source: source, reason: "malformed CSV near line \(line + 1) (\(error))")
        }
        return try builder.build()
    }
}
