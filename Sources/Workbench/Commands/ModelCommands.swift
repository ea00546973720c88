import Foundation
import HTI
import Plots

/// Fitting models, sampling from them, and comparing the paper's ablations.
enum ModelCommands {
    static var all: [CommandSpec] { [fit, sample, compare] }

    static let fit = CommandSpec(
        name: "fit",
        summary: "Fit an HTI model to marginals (conditional Lagrangian OT with a learned metric and a density potential); shows live progress and ends with a summary. Interrupting leaves the session unchanged.",
        positionals: [PositionalSpec("data", .variable, "marginals from `load`")],
        options: FitOptions.specs,
        examples: ["m = fit d seed=0", "m = fit d metric=identity potential=none steps=200"],
        producesValue: true
    ) { context, call in
        let data = try marginals(call, context)
        let settings = try FitOptions.settings(for: data, call)
        let model = try train(data, settings, context: context, label: "fit \(settings.variantName)")
        context.output.display(ValueRenderer.bundle(.model(model)))
        return .model(model)
    }

    /// Runs a fit with a progress bar; an interrupt becomes `Interrupted` (the session stays as it was).
    static func train(_ data: Marginals, _ settings: FitSettings, context: CommandContext, label: String) throws -> HTIModel {
        let view = FitProgressView(output: context.output, label: label, counter: context.variables.count,
                                   capped: settings.timeLimit != nil)
        let cancellation = context.cancellation
        do {
            let model = try Trainer(marginals: data, settings: settings).fit(progress: { view.update($0) },
                                                                             isCancelled: { cancellation.isCancelled })
            let steps = model.stoppedByTimeLimit ? "\(model.history.count) of \(settings.steps) steps (the time= budget)" : "\(settings.steps) steps"
            view.finish("\(label): \(steps) in \(Session.formatDuration(model.fitSeconds))")
            return model
        } catch let interrupt as CancellationError {
            view.finish("\(label): interrupted")
            throw interrupt
        } catch let error as FitError {
            view.finish("\(label): failed")
            throw WorkbenchError(.failed, error.description, command: "fit")
        }
    }

    static func marginals(_ call: Invocation, _ context: CommandContext) throws -> Marginals {
        guard case .marginals(let data) = try call.variable(at: 0, in: context.variables) else {
            throw call.error("`\(call.positionals[0].textValue)` holds no marginals; load some with `load`", at: call.positionals[0])
        }
        return data
    }

    static let sample = CommandSpec(
        name: "sample",
        summary: "Sample a fitted model at any λ between its first and last anchor: start samples (the data at the first λ, or from=) carried along their trajectories.",
        positionals: [PositionalSpec("model", .variable, "a model from `fit` or `load`")],
        options: [
            OptionSpec("lambda", .numbers, "where to sample: one or more λ, separated by commas"),
            OptionSpec("n", .integer(1...1_000_000), "start samples per condition class (cycling through the data)", default: "all start samples"),
            OptionSpec("from", .text, "start points: a CSV file in quotes with the data's column names, or a variable holding samples"),
            OptionSpec("refine", .integer(0...100), "least-action refinement: L-BFGS iterations on each path's action, from the amortiser's guess (samples sit closer to the data; 10 iterations take 0.3–1.2 s per 1,000 paths on two cores); 0 takes the amortiser's paths as they are", default: refineDefault),
            OptionSpec("clamp", .choice(["on", "off"]), "on: points a path carries outside the data's box are moved onto its edge; off: they are kept where the path put them (either way a note says how many)", default: "on"),
        ],
        examples: ["s = sample m lambda=0.25,0.75", "s = sample m lambda=0.5 clamp=off", #"s = sample m lambda=0.5 n=200 from="start.csv""#, "s = sample m lambda=0.25 refine=5"],
        producesValue: true
    ) { context, call in
        guard case .model(let model) = try call.variable(at: 0, in: context.variables) else {
            throw call.error("`\(call.positionals[0].textValue)` holds no model; make one with `fit`", at: call.positionals[0])
        }
        guard let lambdas = call.numbers("lambda") else {
            throw call.error("sample needs lambda=…, e.g. lambda=0.25,0.75 (the model covers \(range(model)))", at: call.positionals[0])
        }
        let lambdaLiteral = call.options["lambda"]?.first
        for lambda in lambdas where !(model.lambdas[0]...model.lambdas[model.lambdas.count - 1]).contains(lambda) {
            throw call.error("\(model.marginals.lambdaName) = \(Value.format(lambda)) is outside the fitted range \(range(model)); HTI interpolates, it does not extrapolate",
                             at: lambdaLiteral, kind: .value)
        }
        var start = model.defaultStart(perCondition: call.integer("n"))
        if let fromLiteral = call.options["from"]?.first {
            let given = try startData(fromLiteral, model: model, context: context)
            do { start = try model.start(from: given) } catch let error as HTIModel.StartError {
                throw call.error(error.description, at: fromLiteral, kind: .value)
            }
        }
        do {
            let draw = try interruptibleSample(model, at: lambdas, from: start, call, context)
            if let note = unrefinedNote(model, at: lambdas, from: start, call) { context.output.stream(.stdout, note + "\n") }
            if let note = clampingNote(draw, model: model) { context.output.stream(.stdout, note + "\n") }
            if let note = beyondTrainingNote(draw) { context.output.stream(.stdout, note + "\n") }
            var samples = draw.samples
            samples.source = "samples of \(call.positionals[0].textValue)"
            return .marginals(samples)
        } catch let error as SamplingError {
            throw call.error(error.description, at: lambdaLiteral, kind: .value)
        }
    }

    /// What `refine=` defaults to, as the help says it (HTIModel.defaultRefinement decides).
    static let refineDefault = "\(HTIModel.defaultRefinementIterations) for up to \(Figure.grouped(HTIModel.fullyRefinedByDefaultUpTo)) paths (start samples × anchor pairs), "
        + "\(HTIModel.shorterRefinementIterations) up to \(Figure.grouped(HTIModel.refinedByDefaultUpTo)), else 0"

    /// Samples with the call's `refine=` (by default, refined when the draw is small) and
    /// `clamp=`, stopping when the cell is interrupted (refinement can take seconds); an
    /// interrupt surfaces as the session's own.
    static func interruptibleSample(_ model: HTIModel, at lambdas: [Double], from start: HTIModel.Start,
                                    _ call: Invocation, _ context: CommandContext) throws -> HTIModel.Draw {
        let cancellation = context.cancellation
        return try model.draw(at: lambdas, from: start, refine: refinement(model, at: lambdas, from: start, call),
                              clamp: call.text("clamp") != "off", isCancelled: { cancellation.isCancelled })
    }

    static func refinement(_ model: HTIModel, at lambdas: [Double], from start: HTIModel.Start, _ call: Invocation) -> Int {
        call.integer("refine") ?? model.defaultRefinement(starts: start.count, at: lambdas)
    }

    /// Said when a draw is too large to be refined by default, so the faster, rougher paths are no surprise.
    static func unrefinedNote(_ model: HTIModel, at lambdas: [Double], from start: HTIModel.Start, _ call: Invocation) -> String? {
        guard call.integer("refine") == nil, model.defaultRefinement(starts: start.count, at: lambdas) == 0 else { return nil }
        let paths = model.pathCount(starts: start.count, at: lambdas)
        return "Note: \(Figure.grouped(paths)) paths, more than the \(Figure.grouped(HTIModel.refinedByDefaultUpTo)) refined by default: "
            + "these are the amortiser's paths (refine=\(HTIModel.shorterRefinementIterations) sits closer to the data, at 0.2–0.7 s per 1,000 paths)"
    }

    /// What clamping did, when any point left the data's box: nothing is changed silently.
    static func clampingNote(_ draw: HTIModel.Draw, model: HTIModel) -> String? {
        guard draw.pointsOutsideBox > 0 else { return nil }
        let total = draw.samples.anchors.reduce(0) { $0 + $1.count }
        let box = zip(model.marginals.outputNames, zip(draw.box.lower, draw.box.upper)).map { name, range in
            "\(name) ∈ [\(Value.format(Double(range.0))), \(Value.format(Double(range.1)))]"
        }.joined(separator: ", ")
        let outcome = draw.clamped ? "were moved onto its edge (clamp=off keeps them where the paths put them)"
                                   : "are kept where the paths put them (clamp=on moves them onto its edge)"
        return "Note: \(draw.pointsOutsideBox) of \(total) sampled points fell outside the data's box \(box) and \(outcome)."
    }

    /// Said when start points lie beyond what the networks were trained on, since they are read at its edge.
    static func beyondTrainingNote(_ draw: HTIModel.Draw) -> String? {
        guard draw.startsBeyondTraining > 0 else { return nil }
        let starts = draw.samples.anchors.first?.count ?? 0
        return "Note: \(draw.startsBeyondTraining) of \(starts) start points lie beyond the training data (outside its box, "
            + "or with a condition outside the range of the training conditions); the networks read them at the nearest edge of that range."
    }

    static func range(_ model: HTIModel) -> String {
        "[\(Value.format(model.lambdas.first ?? 0)), \(Value.format(model.lambdas.last ?? 0))]"
    }

    /// Start points named by `from=`: a variable holding marginals, or a CSV with the model's columns.
    static func startData(_ literal: Literal, model: HTIModel, context: CommandContext) throws -> Marginals {
        if case .string = literal.kind {
            let m = model.marginals
            let categorical: Bool = { if case .categorical = m.condition { return true }; return false }()
            let columns = ColumnSelection(lambda: m.lambdaName, outputs: m.outputNames, conditions: m.condition.names,
                                          categorical: categorical)
            let given: Marginals
            do {
                given = try CSVMarginalsLoader.load(path: context.resolve(path: literal.textValue).path, columns: columns, minimumAnchors: 1,
                                                    isCancelled: { context.cancellation.isCancelled })
            } catch let error as MarginalsError {
                throw WorkbenchError(.file, error.description, command: "sample", at: literal.location)
            }
            return try atFirstAnchor(given, model: model, literal: literal)
        }
        guard case .marginals(let given)? = context.variables[literal.textValue] else {
            throw WorkbenchError(.name, "from= takes a CSV file in quotes or a variable holding samples; `\(literal.textValue)` is neither",
                                 command: "sample", at: literal.location)
        }
        return try atFirstAnchor(given, model: model, literal: literal)
    }

    /// Start points are carried from the model's first anchor: points given at any other λ
    /// would be moved as if they were there, so they are refused rather than silently misread.
    static func atFirstAnchor(_ given: Marginals, model: HTIModel, literal: Literal) throws -> Marginals {
        guard let first = model.lambdas.first else { return given }
        let tolerance = 1e-9 * max(1, abs(first))
        if let other = given.lambdas.first(where: { abs($0 - first) > tolerance }) {
            let name = model.marginals.lambdaName
            throw WorkbenchError(.value, "start points must be at the model's first anchor \(name) = \(Value.format(first)), "
                                 + "where every path starts; `\(literal.textValue)` has points at \(name) = \(Value.format(other))",
                                 command: "sample", at: literal.location)
        }
        return given
    }

    static let compare = CommandSpec(
        name: "compare",
        summary: "Fit the paper's ablations (every combination of the metric and potential values given) and tabulate them; with held-out scores and the straight-line and nearest-anchor baselines for a preset's data or for any data with holdout=.",
        positionals: [PositionalSpec("data", .variable, "marginals from `load`")],
        options: FitOptions.specs.map { option in
            var option = option
            if option.name == "metric" { option.kind = .words(["learned", "identity"]); option.defaultText = "learned,identity" }
            if option.name == "potential" { option.kind = .words(["density", "none"]); option.defaultText = "density,none" }
            return option
        } + [OptionSpec("refine", .integer(0...100), "score samples whose paths had this many least-action L-BFGS iterations (as `sample … refine=`)",
                        default: refineDefault),
             OptionSpec("holdout", .numbers, "hold out these interior anchors of any data: fit on the others, score W2² at them beside the straight-line and nearest-anchor baselines", default: "the preset's task, else none")],
        examples: ["compare d metric=learned,identity potential=density,none seed=0 steps=300", "compare d holdout=0.5 steps=300"],
        producesValue: true
    ) { context, call in
        // The one-seed case of `sweep` (Sweep.swift), tabulated with the straight-line baseline;
        // each fit shows `fit`'s progress bar and a failed fit fails the command.
        let data = try marginals(call, context)
        let plan = try Sweep(data: data, call: call, metrics: call.words("metric") ?? ["learned", "identity"],
                             potentials: call.words("potential") ?? ["density", "none"], seeds: [call.integer("seed") ?? 0])
        let outcomes = try LocalFits.run(plan, view: nil, label: "compare", context: context)
        return .table(try plan.result(outcomes, layout: .compare, call: call, context: context).table)
    }
}
