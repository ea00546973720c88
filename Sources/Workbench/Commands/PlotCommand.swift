import Foundation
import HTI
import Plots

/// `plot`: marginals and samples, a model's trajectories, metric, potential or
/// loss curves, as SVG figures — values that can be named and saved.
enum PlotCommand {
    static var all: [CommandSpec] { [plot] }

    static let plot = CommandSpec(
        name: "plot",
        summary: "Plot a value: marginals or samples (coloured by λ, one panel per condition class); a model's trajectories over its marginals, or its metric, potential or loss curves. Figures of one data set share axis limits. The plot is a value: name it and save it as .svg.",
        positionals: [
            PositionalSpec("value", .variable, "marginals, samples or a model"),
            PositionalSpec("view", .word(["trajectories", "animate", "metric", "potential", "loss"]),
                           "for a model: what to show (default: trajectories; animate: the samples travel their paths, looping); for samples at several λ: animate", required: false),
        ],
        options: [
            OptionSpec("n", .integer(1...10_000), "for trajectories: start samples per condition class", default: "25"),
            OptionSpec("refine", .integer(0...100), "for trajectories: least-action L-BFGS iterations on each path (as `sample … refine=`)", default: "0, the amortiser's paths"),
            OptionSpec("x", .text, "the output on the horizontal axis", default: "the first output"),
            OptionSpec("y", .text, "the output on the vertical axis", default: "the second output"),
            OptionSpec("over", .text, "for samples: reference points drawn in grey underneath, a variable holding marginals or a CSV file in quotes"),
            OptionSpec("facet", .choice(["condition", "lambda"]), "for marginals and samples: a panel per condition class, or per λ", default: "condition"),
            OptionSpec("row", .integer(1...100_000_000), "for metric and potential with continuous conditions: show the condition of this row of the data (counted by λ, then in file order)", default: "the row nearest the mean condition"),
            OptionSpec("condition", .numbers, "for metric and potential with continuous conditions: the condition values, one per condition column"),
            OptionSpec("aspect", .choice(["equal", "auto"]), "equal: one unit as long on both axes (outputs in the same units); auto: each axis fills the panel", default: "equal for two outputs"),
            OptionSpec("scale", .choice(["auto", "linear", "log", "symlog"]), "for loss: the y axis; auto is log or symlog when a loss spans decades", default: "auto"),
            OptionSpec("alpha", .number, "marker opacity, above 0 and at most 1", default: "each view's own"),
            OptionSpec("size", .number, "marker radius in pixels, above 0 and at most 20", default: "each view's own"),
            OptionSpec("palette", .choice(Palette.allCases.map(\.rawValue)), "viridis, cividis, or categorical (colour-blind-safe colours for up to five λ)", default: "viridis"),
            OptionSpec("width", .integer(300...4000), "figure width in pixels", default: "860, a notebook column"),
            OptionSpec("height", .integer(150...4000), "figure height in pixels", default: "from the panels' aspect"),
        ],
        examples: ["plot d", "p = plot m", "plot m refine=5", "p = plot m animate", "plot s over=d facet=lambda", "plot m metric", "plot m potential row=12",
                   "plot m loss", "plot d palette=cividis alpha=0.4 size=3", #"save p "trajectories.svg""#],
        producesValue: true
    ) { context, call in
        let value = try call.variable(at: 0, in: context.variables)
        let view = call.positionals.count > 1 ? call.positionals[1].textValue : nil
        switch value {
        case .marginals(let m):
            if view == "animate" { return .figure(try MarginalsPlot.animated(m, call, context)) }
            if let view { throw call.error("`\(view)` is a view of a model; marginals and samples are plotted as points", at: call.positionals[1]) }
            return .figure(try MarginalsPlot.figure(m, call, context))
        case .model(let model):
            let axes = try PlotAxes(model.marginals, call)
            var style = try PlotOptions.style(call, dimension: model.dimension)
            style.limits = PlotOptions.limits(model.marginals, axes: axes)
            switch view ?? "trajectories" {
            case "metric": return .figure(try ModelPlots.metric(model, axes: axes, condition: try ConditionChoice(model.marginals, call), style: style))
            case "potential": return .figure(try ModelPlots.potential(model, axes: axes, condition: try ConditionChoice(model.marginals, call), style: style))
            case "loss": return .figure(ModelPlots.loss(model, scale: PlotOptions.lossScale(call), style: style))
            default:
                return .figure(try ModelPlots.trajectories(model, axes: axes, perClass: call.integer("n") ?? 25,
                                                           refine: call.integer("refine") ?? 0, style: style, context: context,
                                                           animated: view == "animate"))
            }
        default:
            throw call.error("cannot plot a \(value.typeName); plot takes marginals, samples or a model", at: call.positionals[0])
        }
    }
}

/// Which two outputs a plot shows.
struct PlotAxes {
    let x: Int, y: Int
    let xName: String, yName: String

    init(_ m: Marginals, _ call: Invocation) throws {
        func index(_ option: String, default fallback: Int) throws -> Int {
            guard let name = call.text(option) else { return min(fallback, m.dimension - 1) }
            guard let i = m.outputNames.firstIndex(of: name) else {
                throw call.error("no output named `\(name)`; the outputs are " + m.outputNames.joined(separator: ", "),
                                 at: call.options[option]?.first)
            }
            return i
        }
        x = try index("x", default: 0)
        y = try index("y", default: 1)
        xName = m.outputNames[x]
        yName = m.outputNames[y]
    }
}
