/// Why marginals could not be loaded, naming the file, line, column or value at fault.
public enum MarginalsError: Error, Equatable, CustomStringConvertible {
    case unreadable(source: String, reason: String)
    case empty(source: String)
    case missingColumn(source: String, column: String, available: [String])
    case columnUsedTwice(source: String, column: String)
    case noOutputs(source: String)
    case raggedRow(source: String, line: Int, expected: Int, found: Int)
    case nonNumeric(source: String, line: Int, column: String, columnNumber: Int, value: String)
    case nonFinite(source: String, line: Int, column: String, columnNumber: Int, value: String)
    /// A finite number that Float32, the precision the method runs in, cannot hold.
    case outOfRange(source: String, line: Int, column: String, columnNumber: Int, value: String)
    case tooFewAnchors(source: String, found: [Double])
    case tooFewSamples(source: String, lambda: Double, count: Int, minimum: Int)
    case classMissing(source: String, className: String, lambda: Double)
    case noSuchAnchor(source: String, lambda: Double, available: [Double])
    /// Holding out the first or last anchor: HTI interpolates between anchors, it does not extrapolate.
    case notInterior(source: String, lambdas: [Double])
    /// Validation rows that are not the training rows' windows, in the same order.
    case windowsDoNotMatch(source: String, lambda: Double, reference: String)
    case badArray(source: String, reason: String)
    case tooManyClasses(source: String, column: String, limit: Int)

    public var description: String {
        switch self {
        case .unreadable(let source, let reason): return "cannot read \(source): \(reason)"
        case .empty(let source): return "\(source) has no rows"
        case .missingColumn(let source, let column, let available):
            return "\(source) has no column `\(column)`; its columns are " + available.map { "`\($0)`" }.joined(separator: ", ")
        case .columnUsedTwice(let source, let column):
            return "\(source): column `\(column)` is named twice (as λ, an output or a condition)"
        case .noOutputs(let source): return "\(source): no output columns remain; name them with outputs=…"
        case .raggedRow(let source, let line, let expected, let found):
            return "\(source), line \(line): expected \(expected) cells like the header, found \(found)"
        case .nonNumeric(let source, let line, let column, let number, let value):
            return "\(source), line \(line), column \(number) (`\(column)`): `\(value)` is not a number"
        case .nonFinite(let source, let line, let column, let number, let value):
            return "\(source), line \(line), column \(number) (`\(column)`): `\(value)` is not a finite number"
        case .outOfRange(let source, let line, let column, let number, let value):
            return "\(source), line \(line), column \(number) (`\(column)`): `\(value)` is too large for 32-bit floats "
                + "(at most ±3.4e38); rescale the column"
        case .tooFewAnchors(let source, let found):
            let list = found.map { MarginalsError.format($0) }.joined(separator: ", ")
            return "\(source): need samples at two or more distinct λ values, found \(found.count)" + (found.isEmpty ? "" : " (\(list))")
        case .tooFewSamples(let source, let lambda, let count, let minimum):
            return "\(source): λ = \(MarginalsError.format(lambda)) has \(count) sample(s); at least \(minimum) are needed"
        case .classMissing(let source, let name, let lambda):
            return "\(source): condition class `\(name)` has no samples at λ = \(MarginalsError.format(lambda)); every class needs samples at every anchor"
        case .noSuchAnchor(let source, let lambda, let available):
            return "\(source) has no anchor at λ = \(MarginalsError.format(lambda)); anchors are "
                + available.map { MarginalsError.format($0) }.joined(separator: ", ")
        case .notInterior(let source, let lambdas):
            return "\(source): only anchors strictly between the first and the last can be held out (HTI interpolates); "
                + "its interior anchors are " + (lambdas.count > 2 ? lambdas.dropFirst().dropLast().map { MarginalsError.format($0) }.joined(separator: ", ") : "none")
        case .windowsDoNotMatch(let source, let lambda, let reference):
            return "\(source): the rows at λ = \(MarginalsError.format(lambda)) are not \(reference)'s windows in the same order "
                + "(their count or condition columns differ from the first anchor's)"
        case .badArray(let source, let reason): return "\(source): \(reason)"
        case .tooManyClasses(let source, let column, let limit):
            return "\(source): column `\(column)` has more than \(limit) distinct values, too many for a categorical condition; "
                + "load it as continuous"
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
