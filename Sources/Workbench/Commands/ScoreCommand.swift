import CellIO
import Foundation
import HTI

/// `score`: how close samples are to reference samples, per λ and condition.
enum ScoreCommand {
    static var all: [CommandSpec] { [score] }

    static let score = CommandSpec(
        name: "score",
        summary: "Compare samples with reference samples at the same λ: W2² (exact assignment), energy distance and MMD, per λ and condition.",
        positionals: [
            PositionalSpec("samples", .variable, "samples (from `sample`) or marginals"),
            PositionalSpec("against", .word(["against"]), "the word `against`"),
            PositionalSpec("reference", .anything, "a variable, or a CSV file in quotes read with the samples' column names"),
        ],
        options: [
            OptionSpec("truth", .choice(["semicircles"]),
                       "also score against a known true density: NLL and CD (semicircles: the arcs of METHOD.md)"),
        ],
        examples: [#"score s against "heldout.csv""#, "score s against d truth=semicircles"],
        producesValue: true
    ) { context, call in
        guard case .marginals(let samples) = try call.variable(at: 0, in: context.variables) else {
            throw call.error("`\(call.positionals[0].textValue)` holds no samples", at: call.positionals[0])
        }
        let referenceLiteral = call.positionals[2]
        let reference: Marginals
        if case .string(let path) = referenceLiteral.kind {
            let columns = ColumnSelection(lambda: samples.lambdaName, outputs: samples.outputNames,
                                          conditions: samples.condition.names,
                                          categorical: { if case .categorical = samples.condition { return true }; return false }())
            do {
                reference = try CSVMarginalsLoader.load(path: context.resolve(path: path).path, columns: columns,
                                                        isCancelled: { context.cancellation.isCancelled })
            } catch let error as MarginalsError {
                throw WorkbenchError(.file, error.description, command: "score", at: referenceLiteral.location)
            }
        } else {
            guard case .marginals(let m) = try call.variable(at: 2, in: context.variables) else {
                throw call.error("`\(referenceLiteral.textValue)` holds no samples", at: referenceLiteral)
            }
            reference = m
        }
        let truth = call.text("truth")
        let rows = try ScoreTable.rows(samples: samples, reference: reference, truth: truth, cancellation: context.cancellation) {
            throw call.error($0, at: referenceLiteral)
        }
        return .table(rows)
    }
}

/// Builds the score table; matching λ values and condition classes between samples and reference.
enum ScoreTable {
    static func rows(samples: Marginals, reference: Marginals, truth: String?, cancellation: CancellationToken,
                     fail: (String) throws -> Never) throws -> Table {
        guard samples.outputNames == reference.outputNames else {
            try fail("the reference has outputs \(reference.outputNames.joined(separator: ",")), the samples \(samples.outputNames.joined(separator: ","))")
        }
        let classes: [String]? = { if case .categorical(_, let names) = samples.condition { return names }; return nil }()
        var columns = [samples.lambdaName]
        if classes != nil { columns.append(samples.condition.names[0]) }
        columns += ["n", "reference n", "W2²", "energy", "MMD"]
        if truth != nil { columns += ["NLL", "CD"] }
        var rows: [[TableCell]] = []
        var sums = [Double](repeating: 0, count: truth != nil ? 5 : 3)
        var count = 0
        var thinned = false
        for anchor in samples.anchors {
            let match = reference.anchors.first(where: { abs($0.lambda - anchor.lambda) < 1e-9 })
            // With a known truth, λ the reference lacks are still scored (against the truth alone).
            guard match != nil || truth != nil else {
                try fail("the reference has no samples at \(samples.lambdaName) = \(Value.format(anchor.lambda)) (it has "
                         + reference.lambdas.map(Value.format).joined(separator: ", ") + ")")
            }
            let groups: [(String?, Int?)] = classes.map { names in names.enumerated().map { ($1, $0) } } ?? [(nil, nil)]
            for (name, index) in groups {
                try cancellation.check()
                let mine = anchor.points(ofClass: index, dimension: samples.dimension)
                let theirs = match?.points(ofClass: reference.classIndex(of: name), dimension: samples.dimension)
                    ?? PointSet(values: [], dimension: samples.dimension)
                guard mine.count > 0, theirs.count > 0 || match == nil else { continue }
                var row = [TableCell.number(anchor.lambda, shown: Value.format(anchor.lambda))]
                if let name { row.append(.text(name)) }
                let stop = { cancellation.isCancelled }
                let w2 = match == nil ? (value: Double.nan, exact: true) : try DistributionDistances.squaredW2(mine, theirs, isCancelled: stop)
                var metrics = match == nil ? [Double.nan, .nan, .nan]
                    : [w2.value, try DistributionDistances.energy(mine, theirs, isCancelled: stop),
                       try DistributionDistances.mmd(mine, theirs, isCancelled: stop)]
                thinned = thinned || max(mine.count, theirs.count) > DistributionDistances.pointLimit
                if truth == "semicircles" {
                    let arc = Int(name ?? "0") ?? 0
                    // The semicircle data's λ runs from 0 to 1, so λ is the truth's time t.
                    let t = anchor.lambda
                    metrics += [SemicircleTruth.negativeLogLikelihood(mine, arc: arc, t: t), SemicircleTruth.circleDeviation(mine, arc: arc)]
                }
                for (k, metric) in metrics.enumerated() { sums[k] += metric }
                count += 1
                var cells = metrics.map(cell)
                // Sinkhorn (unequal counts or large sets) approximates W2²: say so in the cell.
                if !w2.exact, case .number = cells[0].content { cells[0].display = "≈" + cells[0].display }
                row += [.number(Double(mine.count), shown: String(mine.count)), .number(Double(theirs.count), shown: String(theirs.count))] + cells
                rows.append(row)
            }
        }
        var summary: [[TableCell]] = []
        if count > 1 {
            var mean = [TableCell.text("mean")]
            if classes != nil { mean.append(.text("")) }
            mean += [.text(""), .text("")] + sums.map { cell($0 / Double(count)) }
            summary.append(mean)
        }
        let numeric = Set(0..<columns.count).subtracting(classes != nil ? [1] : [])
        // Say when scores were computed on a subset: the n columns show the full counts.
        let note = thinned ? " (sets over \(DistributionDistances.pointLimit) points scored on \(DistributionDistances.pointLimit) evenly spaced ones)" : ""
        return Table(title: "Scores of \(samples.source) against \(reference.source)\(note)", columns: columns, cells: rows,
                     summary: summary, numericColumns: numeric)
    }

    /// A score: rounded for reading, exact for machines; NaN (no reference) is missing.
    static func cell(_ value: Double) -> TableCell { .number(value, shown: format(value)) }

    static func format(_ value: Double) -> String {
        if value.isNaN { return "—" }
        return String(format: abs(value) >= 100 ? "%.1f" : "%.4f", value)
    }
}

extension Marginals {
    /// The index of a class name in this data's categorical condition (names are matched, not positions).
    func classIndex(of name: String?) -> Int? {
        guard let name, case .categorical(_, let names) = condition else { return nil }
        return names.firstIndex(of: name) ?? -1
    }
}
