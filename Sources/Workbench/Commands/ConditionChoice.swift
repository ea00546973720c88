import Foundation
import HTI
import Plots

/// Which continuous condition a metric or potential figure shows (a row of the data, given
/// values, or by default the row nearest the mean condition), with words for its title and note.
/// Categorical data needs none: it gets a panel per class.
struct ConditionChoice {
    /// One condition vector; nil for data without continuous conditions.
    let values: [Float]?
    /// The chosen row's outputs (other outputs are held there on the plotted grid); nil: mid-range.
    let outputs: [Float]?
    let title: String
    let note: String?

    init(_ m: Marginals, _ call: Invocation) throws {
        guard case .continuous(let names) = m.condition else {
            if call.has("row") || call.has("condition") {
                throw call.error("row= and condition= pick a continuous condition; `\(m.source)` has "
                                 + (PlotData.classNames(m) != nil ? "condition classes, one panel each" : "no conditions"),
                                 at: call.options["row"]?.first ?? call.options["condition"]?.first)
            }
            values = nil; outputs = nil; title = ""; note = nil
            return
        }
        let rows = ConditionChoice.rows(m)
        let width = names.count
        if let given = call.numbers("condition") {
            guard given.count == width else {
                throw call.error("condition= needs \(width) values, one for each of " + names.joined(separator: ", ") + "; got \(given.count)",
                                 at: call.options["condition"]?.first, kind: .value)
            }
            values = given.map(Float.init); outputs = nil
            title = " at the given condition"
            note = "Condition: " + ConditionChoice.describe(names, values ?? []) + "."
            return
        }
        let row: Int
        let why: String
        if let asked = call.integer("row") {
            guard asked <= rows.count else {
                throw call.error("row= is at most \(rows.count), the rows of `\(m.source)`", at: call.options["row"]?.first, kind: .value)
            }
            row = asked - 1; why = ""
        } else {
            row = ConditionChoice.nearestMean(rows, width: width); why = ", the row nearest the mean condition (pick another with row= or condition=)"
        }
        let (anchor, i) = rows[row]
        guard case .vectors(let all, _) = anchor.conditions else {
            values = nil; outputs = nil; title = ""; note = nil
            return
        }
        values = Array(all[(i * width)..<((i + 1) * width)])
        outputs = Array(anchor.outputs[(i * m.dimension)..<((i + 1) * m.dimension)])
        title = " at the condition of row \(row + 1)"
        note = "Condition of row \(row + 1) (\(PlotData.symbol(m)) = \(Value.format(anchor.lambda)))\(why): " + ConditionChoice.describe(names, values ?? [])
            + ". Points: the 10% of samples with the nearest conditions; other outputs held at that row's values."
    }

    /// Every sample as (anchor, index), by λ and then in file order.
    static func rows(_ m: Marginals) -> [(Anchor, Int)] {
        m.anchors.flatMap { anchor in (0..<anchor.count).map { (anchor, $0) } }
    }

    static func describe(_ names: [String], _ values: [Float]) -> String {
        let pairs = zip(names, values).map { "\($0) = \(Value.format(Double($1)))" }
        return pairs.count > 6 ? pairs.prefix(3).joined(separator: ", ") + ", …, " + pairs.suffix(2).joined(separator: ", ")
                               : pairs.joined(separator: ", ")
    }

    /// Per-column mean and spread of the conditions, for distances in comparable units.
    static func moments(_ rows: [(Anchor, Int)], width: Int) -> (mean: [Double], spread: [Double]) {
        var mean = [Double](repeating: 0, count: width), square = [Double](repeating: 0, count: width)
        for (anchor, i) in rows {
            guard case .vectors(let v, _) = anchor.conditions else { continue }
            for c in 0..<width { mean[c] += Double(v[i * width + c]); square[c] += Double(v[i * width + c]) * Double(v[i * width + c]) }
        }
        let n = Double(max(rows.count, 1))
        let spread = (0..<width).map { c in max(1e-12, sqrt(max(0, square[c] / n - (mean[c] / n) * (mean[c] / n)))) }
        return (mean.map { $0 / n }, spread)
    }

    static func distance(_ rows: [(Anchor, Int)], to target: [Double], spread: [Double], width: Int) -> [Double] {
        rows.map { anchor, i in
            guard case .vectors(let v, _) = anchor.conditions else { return .infinity }
            return (0..<width).reduce(0.0) { sum, c in
                let z = (Double(v[i * width + c]) - target[c]) / spread[c]
                return sum + z * z
            }
        }
    }

    static func nearestMean(_ rows: [(Anchor, Int)], width: Int) -> Int {
        let (mean, spread) = moments(rows, width: width)
        let d = distance(rows, to: mean, spread: spread, width: width)
        return d.indices.min { d[$0] < d[$1] } ?? 0
    }

    /// The plotted points of the samples whose conditions are nearest this one (a tenth of them, at least 30).
    func nearbySamples(_ m: Marginals, axes: PlotAxes) -> SampleSet? {
        guard let values, case .continuous(let names) = m.condition else { return nil }
        let rows = ConditionChoice.rows(m), width = names.count
        let (_, spread) = ConditionChoice.moments(rows, width: width)
        let d = ConditionChoice.distance(rows, to: values.map(Double.init), spread: spread, width: width)
        let keep = min(rows.count, max(30, rows.count / 10))
        let chosen = d.indices.sorted { d[$0] < d[$1] || (d[$0] == d[$1] && $0 < $1) }.prefix(keep).sorted()
        let dim = m.dimension
        // One panel, untitled: the figure's title names the condition and its note what the dots are.
        return SampleSet(title: "",
                         x: chosen.map { Double(rows[$0].0.outputs[rows[$0].1 * dim + axes.x]) },
                         y: chosen.map { Double(rows[$0].0.outputs[rows[$0].1 * dim + axes.y]) },
                         lambda: chosen.map { rows[$0].0.lambda })
    }
}
