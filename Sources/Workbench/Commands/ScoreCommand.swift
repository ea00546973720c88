import CellIO
import Foundation
import HTI

/// `score`: how close samples are to reference samples, per λ and condition.
enum ScoreCommand {
    static var all: [CommandSpec] { [score] }

    static let score = CommandSpec(
        name: "score",
        summary: "Compare samples with reference samples at the same λ: W2² (exact assignment), energy distance and MMD, per λ and condition; where the reference holds one sample for each sample, with the same continuous conditions in order (forecasts from a forecaster's own windows), also the MSE sample by sample.",
        positionals: [
            PositionalSpec("samples", .variable, "samples (from `sample`) or marginals"),
            PositionalSpec("against", .word(["against"]), "the word `against`"),
            PositionalSpec("reference", .anything, "a variable, or a CSV file in quotes read with the samples' column names"),
        ],
        options: [
            OptionSpec("truth", .choice(SampleScores.Truth.allCases.map(\.rawValue)),
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
        let truth = call.text("truth").flatMap(SampleScores.Truth.init(rawValue:))
        let scores: SampleScores
        do {
            scores = try SampleScores(samples: samples, reference: reference, truth: truth,
                                      isCancelled: { context.cancellation.isCancelled })
        } catch let error as ScoreError {
            throw call.error(error.description, at: referenceLiteral)
        }
        return .table(ScoreTable.table(scores, samples: samples, reference: reference))
    }
}

/// The score table: `SampleScores` formatted, one row per λ (and class), with their mean.
enum ScoreTable {
    static func table(_ scores: SampleScores, samples: Marginals, reference: Marginals) -> Table {
        let classes = samples.condition.classCount > 0
        var columns = [samples.lambdaName]
        if classes { columns.append(samples.condition.names[0]) }
        columns += ["n", "reference n", "W2²", "energy", "MMD"]
        if scores.paired { columns.append("MSE, sample by sample") }
        if scores.truth != nil { columns += ["NLL", "CD"] }
        let rows = scores.rows.map { score -> [TableCell] in
            var row = [TableCell.number(score.lambda, shown: Value.format(score.lambda))]
            if let name = score.className { row.append(.text(name)) }
            var cells = score.values.map(cell)
            // Sinkhorn (unequal counts or large sets) approximates W2²: say so in the cell.
            if !score.w2IsExact, case .number = cells[0].content { cells[0].display = "≈" + cells[0].display }
            return row + [.number(Double(score.count), shown: String(score.count)),
                          .number(Double(score.referenceCount), shown: String(score.referenceCount))] + cells
        }
        var summary: [[TableCell]] = []
        if scores.rows.count > 1 {
            var mean = [TableCell.text("mean")]
            if classes { mean.append(.text("")) }
            mean += [.text(""), .text("")] + scores.means.map(cell)
            summary.append(mean)
        }
        let numeric = Set(0..<columns.count).subtracting(classes ? [1] : [])
        // Say when scores were computed on a subset: the n columns show the full counts.
        let limit = DistributionDistances.pointLimit
        let note = scores.thinned ? " (sets over \(limit) points scored on \(limit) evenly spaced ones)" : ""
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
