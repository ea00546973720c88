import Foundation
import HTI
import Plots

/// Loading, showing and saving marginals and samples.
enum DataCommands {
    static var all: [CommandSpec] { [load, show, save] }

    static let load = CommandSpec(
        name: "load",
        summary: "Load marginals from a CSV (one row per sample) or a NumPy .npy/.npz array [anchors, samples, columns], or a fitted model from a .htimodel file.",
        positionals: [
            PositionalSpec("file", .path, "the CSV, .npy or .npz file, in quotes"),
            PositionalSpec("kind", .word(["categorical", "continuous"]),
                           "how to read the condition columns (default: categorical for one column, continuous for several)",
                           required: false),
        ],
        options: [
            OptionSpec("lambda", .text, "the column holding λ", default: "lambda"),
            OptionSpec("outputs", .words(nil), "the output columns (for arrays: how many leading columns are outputs)",
                       default: "every other column"),
            OptionSpec("condition", .words(nil), "the condition column(s)", default: "none"),
            OptionSpec("lambdas", .numbers, "for .npy/.npz: the λ of each anchor, in order"),
            OptionSpec("keep", .numbers, "keep only the anchors at these λ (hold the others out)", default: "all"),
            OptionSpec("preset", .choice(DataPreset.names),
                       "which of the paper's data sets this is: its columns (when none are named), its fit settings and its held-out evaluation in compare; never guessed from the file name",
                       default: "none"),
        ],
        examples: [#"d = load "data/semicircles.csv" preset=semicircles"#,
                   #"d = load "data/semicircles.csv" lambda=lambda outputs=x,y condition=arc categorical"#,
                   #"e = load "data/ett_quantiles.csv" outputs=y1,y2,y3 condition=h0,h1,h2,h3,h4,h5,h6,h7,h8,h9,h10,h11"#],
        producesValue: true
    ) { context, call in
        let fileLiteral = call.positionals[0]
        let path = context.resolve(path: fileLiteral.textValue).path
        let preset = call.text("preset").flatMap(DataPreset.init(rawValue:)) ?? .none
        // A preset's columns stand in for the ones not named; named ones win.
        let presetColumns = preset.columns
        let conditions = call.words("condition") ?? presetColumns?.conditions ?? []
        let kind = call.positionals.count > 1 ? call.positionals[1].textValue : nil
        let categorical = kind.map { $0 == "categorical" }
            ?? (call.has("condition") ? conditions.count == 1 : presetColumns?.categorical ?? (conditions.count == 1))
        if categorical && conditions.count > 1 {
            throw call.error("a categorical condition is one column; \(conditions.count) were given",
                             at: call.positionals.count > 1 ? call.positionals[1] : fileLiteral)
        }
        if path.hasSuffix(".htimodel") {
            if call.has("preset") {
                throw call.error("a model file keeps the preset it was fitted with; preset= is for data files",
                                 at: call.options["preset"]?.first)
            }
            do { return .model(try HTIModel.load(from: URL(fileURLWithPath: path))) } catch let error as ModelFileError {
                throw WorkbenchError(.file, error.description, command: "load", at: fileLiteral.location)
            }
        }
        do {
            if path.hasSuffix(".npy") || path.hasSuffix(".npz") {
                var outputCount: Int?
                if let outputs = call.words("outputs") {
                    guard outputs.count == 1, let n = Int(outputs[0]), n > 0 else {
                        throw WorkbenchError(.usage, "for arrays, outputs= is the number of leading output columns",
                                             command: "load", at: call.location(ofOption: "outputs"))
                    }
                    outputCount = n
                }
                var loaded = try ArrayMarginalsLoader.load(
                    path: path, layout: .init(lambdas: call.numbers("lambdas"), outputCount: outputCount,
                                              categorical: !conditions.isEmpty && categorical))
                loaded.preset = preset
                return .marginals(loaded)
            }
            let columns = ColumnSelection(lambda: call.text("lambda") ?? presetColumns?.lambda ?? "lambda",
                                          outputs: call.words("outputs") ?? presetColumns?.outputs,
                                          conditions: conditions, categorical: categorical)
            var loaded = try CSVMarginalsLoader.load(path: path, columns: columns,
                                                     isCancelled: { context.cancellation.isCancelled })
            loaded.preset = preset
            let report = LoadReport.messages(for: loaded, outputsGiven: call.has("outputs") || presetColumns != nil,
                                             conditionGiven: call.has("condition") || presetColumns != nil)
            if let note = report.note { context.output.stream(.stdout, note + "\n") }
            for warning in report.warnings { context.output.stream(.stderr, warning + "\n") }
            if let keep = call.numbers("keep") {
                do { return .marginals(try loaded.keeping(lambdas: keep)) } catch let error as MarginalsError {
                    throw WorkbenchError(.value, error.description, command: "load", at: call.options["keep"]?.first?.location)
                }
            }
            return .marginals(loaded)
        } catch let error as MarginalsError {
            throw WorkbenchError(.file, error.description, command: "load", at: location(of: error, in: call) ?? fileLiteral.location)
        }
    }

    /// Points a column error at the option value that named the column, when the user named it.
    static func location(of error: MarginalsError, in call: Invocation) -> SourceLocation? {
        guard case .missingColumn(_, let column, _) = error else { return nil }
        for option in ["outputs", "condition", "lambda"] {
            if let literal = call.options[option]?.first(where: { $0.textValue == column }) { return literal.location }
        }
        return nil
    }

    static let show = CommandSpec(
        name: "show", summary: "Show a value in full: for marginals, samples per λ and condition with each output's range.",
        positionals: [PositionalSpec("value", .variable, "a variable")],
        examples: ["show d"], producesValue: true
    ) { context, call in
        let value = try call.variable(at: 0, in: context.variables)
        switch value {
        case .marginals(let m): return .table(MarginalsSummary.table(m))
        default: return value
        }
    }

    static let save = CommandSpec(
        name: "save",
        summary: "Save a value to a file: marginals or samples as CSV (with the loaded file's column names), a table as CSV, a model as .htimodel, a plot as .svg (or .png / .pdf, rendered by rsvg-convert).",
        positionals: [PositionalSpec("value", .variable, "the variable to save"),
                      PositionalSpec("file", .path, "where to write, in quotes")],
        examples: [#"save s "out.csv""#, #"save m "semicircles.htimodel""#, #"save p "trajectories.svg""#]
    ) { context, call in
        let value = try call.variable(at: 0, in: context.variables)
        let fileLiteral = call.positionals[1]
        let url = context.resolve(path: fileLiteral.textValue)
        let text: String
        if case .model(let model) = value {
            guard url.pathExtension.lowercased() == "htimodel" else { throw call.error("models are saved as .htimodel", at: fileLiteral) }
            try AtomicFile.write(model.modelFile().encoded(), to: url, command: "save", location: fileLiteral.location)
            context.output.stream(.stdout, "Saved \(call.positionals[0].textValue) to \(fileLiteral.textValue)\n")
            return nil
        }
        switch value {
        case .figure(let figure):
            switch url.pathExtension.lowercased() {
            case "svg": text = figure.svg
            case "png", "pdf":
                // Rendered by rsvg-convert (librsvg); an animated figure is saved as its first frame.
                let bytes: Data
                do { bytes = try FigureExport.data(figure: figure, format: url.pathExtension) } catch let error as FigureExport.Failure {
                    throw WorkbenchError(.file, error.description, command: "save", at: fileLiteral.location)
                }
                try AtomicFile.write(bytes, to: url, command: "save", location: fileLiteral.location)
                context.output.stream(.stdout, "Saved \(call.positionals[0].textValue) to \(fileLiteral.textValue)\n")
                return nil
            default: throw call.error("plots are saved as .svg, .png or .pdf", at: fileLiteral)
            }
        case .marginals(let m):
            guard url.pathExtension.lowercased() == "csv" else {
                throw call.error("marginals and samples are saved as .csv", at: fileLiteral)
            }
            text = CSVExport.marginals(m)
        case .table(let table):
            guard url.pathExtension.lowercased() == "csv" else { throw call.error("tables are saved as .csv", at: fileLiteral) }
            text = TableExport.csv(table)
        case .sweep(let sweep):
            guard url.pathExtension.lowercased() == "csv" else { throw call.error("a sweep's table is saved as .csv", at: fileLiteral) }
            text = TableExport.csv(sweep.table)
        default:
            throw call.error("cannot save a \(value.typeName); save takes marginals, samples, tables, models or plots", at: call.positionals[0])
        }
        try AtomicFile.write(text, to: url, command: "save", location: fileLiteral.location)
        context.output.stream(.stdout, "Saved \(call.positionals[0].textValue) to \(fileLiteral.textValue)\n")
        return nil
    }
}
