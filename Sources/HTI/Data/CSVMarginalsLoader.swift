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

/// Reads marginals from CSV: a header row, then one row per sample. Files are
/// streamed (memory grows with the samples kept, not the text), each row is
/// appended in place (loading is linear in rows), and `isCancelled` is asked
/// every few thousand rows, so an interrupt stops a long load within a second.
public enum CSVMarginalsLoader {
    /// Rows between two cancellation checks (a few milliseconds of parsing).
    static let rowsPerCancellationCheck = 4_096

    /// - Parameter minimumAnchors: 2 for marginals; 1 for start points, which may all share one λ.
    public static func load(path: String, columns: ColumnSelection, minimumAnchors: Int = 2,
                            isCancelled: () -> Bool = { false }) throws -> Marginals {
        let name = (path as NSString).lastPathComponent
        do { try UntrustedFile.requireRegular(path) } catch {
            throw MarginalsError.unreadable(source: path, reason: "\(error)")
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw MarginalsError.unreadable(source: path, reason: String(cString: strerror(errno)))
        }
        let reader = CSVRowReader(descriptor: descriptor)
        defer { reader.close() }
        return try read(reader, source: name, columns: columns, minimumAnchors: minimumAnchors, isCancelled: isCancelled)
    }

    /// Parses CSV text. Line numbers in errors are the rows' lines in the text (the header is line 1).
    public static func parse(text: String, source: String, columns: ColumnSelection, minimumAnchors: Int = 2) throws -> Marginals {
        try read(CSVRowReader(text: text), source: source, columns: columns, minimumAnchors: minimumAnchors, isCancelled: { false })
    }

    private static func read(_ reader: CSVRowReader, source: String, columns: ColumnSelection, minimumAnchors: Int,
                             isCancelled: () -> Bool) throws -> Marginals {
        var reader = reader
        func nextRow() throws -> [String]? {
            do { return try reader.next() } catch let problem as CSVRowReader.Problem {
                switch problem {
                case .unterminatedQuote(let line):
                    throw MarginalsError.unreadable(source: source, reason: "line \(line): a quoted field is never closed")
                case .notUTF8(let line):
                    throw MarginalsError.unreadable(source: source, reason: "line \(line): not UTF-8 text")
                case .unreadable(let why):
                    throw MarginalsError.unreadable(source: source, reason: why)
                }
            }
        }
        guard var header = try nextRow(), header.contains(where: { !$0.isEmpty }) else {
            throw MarginalsError.empty(source: source)
        }
        if header[0].hasPrefix("\u{FEFF}") { header[0].removeFirst() }  // a byte-order mark some editors write
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

        var rowsRead = 0
        while let row = try nextRow() {
            let line = reader.rowLine
            rowsRead += 1
            if rowsRead % rowsPerCancellationCheck == 0, isCancelled() { throw CancellationError() }
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
            /// Outputs and conditions run in Float32: a value it cannot hold is bad input, not `inf`.
            func float(_ column: Int) throws -> Float {
                let value = try number(column)
                guard Float(value).isFinite else {
                    throw MarginalsError.outOfRange(source: source, line: line, column: header[column],
                                                    columnNumber: column + 1, value: row[column])
                }
                return Float(value)
            }
            let lambda = try number(lambdaIndex)
            let outputs = try outputIndices.map(float)
            if categorical {
                let cell = row[conditionIndices[0]]
                // A class label may be any text, but "1.0" and "1" are the same class.
                let label = Double(cell).map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int64($0)) : cell } ?? cell
                try builder.add(lambda: lambda, outputs: outputs, className: label, vector: [])
            } else {
                try builder.add(lambda: lambda, outputs: outputs, className: nil, vector: try conditionIndices.map(float))
            }
        }
        return try builder.build()
    }
}
