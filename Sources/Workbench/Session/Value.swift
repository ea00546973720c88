import HTI
import Plots

/// What a variable holds. Values are immutable; commands make new ones.
public enum Value: Sendable {
    case number(Double)
    case text(String)
    case list([Value])
    /// Loaded marginals, or samples drawn at some λ (same shape: groups by λ).
    case marginals(Marginals)
    case table(Table)
    /// A fitted HTI model.
    case model(HTIModel)
    /// A plot: an SVG figure.
    case figure(Figure)
    /// A sweep of fits: a table with the fitted models beside it (`take` gets one).
    case sweep(SweepResult)

    /// A short type name for `who` and error messages.
    public var typeName: String {
        switch self {
        case .number: return "number"
        case .text: return "text"
        case .list: return "list"
        case .marginals: return "marginals"
        case .table: return "table"
        case .model: return "model"
        case .figure: return "plot"
        case .sweep: return "sweep"
        }
    }

    /// One line describing the value, for `who` and inspection.
    public var summary: String {
        switch self {
        case .number(let number): return Value.format(number)
        case .text(let text): return Literal.quote(text.count > 60 ? String(text.prefix(57)) + "…" : text)
        case .list(let values): return values.map(\.summary).joined(separator: ", ")
        case .marginals(let m):
            let conditions = m.condition.names.isEmpty ? "" : ", condition " + m.condition.names.joined(separator: ",")
            return "\(m.sampleCount) samples of \(m.outputNames.joined(separator: ",")) at \(m.lambdaName) = "
                + m.lambdas.map(Value.format).joined(separator: ", ") + conditions
                + " (" + [m.source, m.preset.label].compactMap { $0 }.joined(separator: ", ") + ")"
        case .table(let table): return "\(table.rows.count)-row table" + (table.title.map { ": \($0)" } ?? "")
        case .model(let model): return ModelSummary.summary(model)
        case .figure(let figure): return figure.description
        case .sweep(let sweep): return sweep.summary
        }
    }

    /// As `print` writes it: text as it is (no quotes), numbers and lists plainly, others as their summary.
    public var printed: String {
        switch self {
        case .text(let text): return text
        case .number(let number): return Value.format(number)
        case .list(let values): return values.map(\.printed).joined(separator: ", ")
        default: return summary
        }
    }

    /// Numbers print without a trailing `.0` when whole, with up to 6 significant digits otherwise.
    public static func format(_ number: Double) -> String {
        if number.isNaN { return "nan" }
        if number.isInfinite { return number < 0 ? "-inf" : "inf" }
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        var text = String(format: "%.6g", number)
        if text.contains("e") { return text }
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
