import CellIO
import Foundation
import HTI
import Plots

/// `explore`: a model's samples at a λ the user drags (a live widget in a notebook;
/// the samples at the starting λ in a terminal or a headless run).
enum ExploreCommand {
    static var all: [CommandSpec] { [explore] }

    /// Paths drawn by default: enough to see the distribution, few enough to redraw within 100 ms.
    static let defaultPaths = 1000

    static let explore = CommandSpec(
        name: "explore",
        summary: "Explore a model live: a λ slider (with a play button) above its samples at the slider's λ, over the anchors' data, redrawn as you drag; without a notebook, the samples at the starting λ.",
        positionals: [PositionalSpec("model", .variable, "a model from `fit` or `load`")],
        options: [
            OptionSpec("lambda", .number, "the λ to start at", default: "midway between the first and last anchor"),
            OptionSpec("n", .integer(1...100_000), "start samples per condition class", default: "1,000 paths in all"),
            OptionSpec("x", .text, "the output on the horizontal axis", default: "the first output"),
            OptionSpec("y", .text, "the output on the vertical axis", default: "the second output"),
        ],
        examples: ["explore m", "explore m lambda=0.3 n=500"]
    ) { context, call in
        guard case .model(let model) = try call.variable(at: 0, in: context.variables) else {
            throw call.error("`\(call.positionals[0].textValue)` holds no model; make one with `fit`", at: call.positionals[0])
        }
        guard let first = model.lambdas.first, let last = model.lambdas.last else { return nil }
        let start = call.number("lambda") ?? (first + last) / 2
        guard (first...last).contains(start) else {
            throw call.error("\(model.marginals.lambdaName) = \(Value.format(start)) is outside the fitted range \(ModelCommands.range(model))",
                             at: call.options["lambda"]?.first, kind: .value)
        }
        let classes = max(1, model.marginals.condition.classCount)
        let points = model.defaultStart(perCondition: call.integer("n") ?? max(1, defaultPaths / classes))
        let axes = try PlotAxes(model.marginals, call)
        let name = call.positionals[0].textValue
        let draw = { (lambda: Double) throws -> Figure in
            try ExploreCommand.figure(model, name: name, points: points, at: lambda, axes: axes)
        }
        let figure = try draw(start)
        var bundle = ValueRenderer.bundle(.figure(figure))
        if let widgets = context.widgets {
            let step = (last - first) / 100
            let view = widgets.slider(SliderRange(minimum: first, maximum: last, step: step, value: start,
                                                  label: model.marginals.lambdaName)) { lambda in
                do { return try draw(lambda).svg } catch { return "<p>\(Table.escape("\(error)"))</p>" }
            }
            // Front-ends with the widget extension show the live view; others, the static figure.
            bundle.data["application/vnd.jupyter.widget-view+json"] = view.displayData
            context.createdWidgets[name, default: []] += view.ids
        } else {
            context.output.stream(.stdout, "(explore is live in a notebook; here, the samples at \(model.marginals.lambdaName) = \(Value.format(start)))\n")
        }
        context.output.display(bundle)
        return nil
    }

    /// The samples at `lambda`, one panel per class, over the anchors' data.
    static func figure(_ model: HTIModel, name: String, points: HTIModel.Start, at lambda: Double, axes: PlotAxes) throws -> Figure {
        var samples = try model.sample(at: [lambda], from: points)
        samples.source = "samples of \(name)"
        // Fixed axis limits (the model's data), so the view does not jump as λ moves.
        var style = PlotStyle()
        style.aspect = model.dimension == 2 ? .equal : .auto
        style.limits = PlotOptions.limits(model.marginals, axes: axes)
        let panels = PlotData.panels(samples, axes: axes, reference: model.marginals)
        return Figure.samples(panels, title: "\(model.settings.variantName) samples at \(model.marginals.lambdaName) = \(String(format: "%.2f", lambda))",
                              x: axes.xName, y: axes.yName, anchors: model.lambdas, referenceLabel: "the anchors' data", style: style)
    }
}
