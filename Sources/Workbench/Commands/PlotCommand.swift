import Foundation
import HTI
import Plots

/// `plot`: marginals and samples, a model's trajectories, metric, potential or
/// loss curves, as SVG figures — values that can be named and saved.
enum PlotCommand {
    static var all: [CommandSpec] { [plot] }

    static let plot = CommandSpec(
        name: "plot",
        summary: "Plot a value: marginals or samples (coloured by λ, one panel per condition class); a model's trajectories over its marginals, or its metric, potential or loss curves. The plot is a value: name it and save it as .svg.",
        positionals: [
            PositionalSpec("value", .variable, "marginals, samples or a model"),
            PositionalSpec("view", .word(["trajectories", "metric", "potential", "loss"]),
                           "for a model: what to show (default: trajectories)", required: false),
        ],
        options: [
            OptionSpec("n", .integer(1...10_000), "for trajectories: start samples per condition class", default: "25"),
            OptionSpec("x", .text, "the output on the horizontal axis", default: "the first output"),
            OptionSpec("y", .text, "the output on the vertical axis", default: "the second output"),
        ],
        examples: ["plot d", "p = plot m", "plot m metric", "plot m potential", "plot m loss", #"save p "trajectories.svg""#],
        producesValue: true
    ) { context, call in
        let value = try call.variable(at: 0, in: context.variables)
        let view = call.positionals.count > 1 ? call.positionals[1].textValue : nil
        switch value {
        case .marginals(let m):
            if let view { throw call.error("`\(view)` is a view of a model; marginals and samples are plotted as points", at: call.positionals[1]) }
            let axes = try PlotAxes(m, call)
            let isSamples = m.source.hasPrefix("samples")
            let panels = PlotData.panels(m, axes: axes)
            if m.dimension == 1 {
                return .figure(Figure.strip(m.anchors.map { a in ValueSet(lambda: Array(repeating: a.lambda, count: a.count), value: a.outputs.map(Double.init)) },
                                            title: (isSamples ? "Samples" : "Marginals") + " of \(m.source)", value: m.outputNames[0],
                                            anchors: m.lambdas))
            }
            let title = (isSamples ? "Samples: " : "Marginals: ") + m.source
            return .figure(isSamples
                ? Figure.samples(panels, title: title, x: axes.xName, y: axes.yName, anchors: m.lambdas)
                : Figure.marginals(panels, title: title, x: axes.xName, y: axes.yName, anchors: m.lambdas))
        case .model(let model):
            let axes = try PlotAxes(model.marginals, call)
            switch view ?? "trajectories" {
            case "metric": return .figure(try ModelPlots.metric(model, axes: axes))
            case "potential": return .figure(try ModelPlots.potential(model, axes: axes))
            case "loss": return .figure(ModelPlots.loss(model))
            default: return .figure(try ModelPlots.trajectories(model, axes: axes, perClass: call.integer("n") ?? 25))
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

/// Marginals and samples as plot panels: one per condition class.
enum PlotData {
    static func panels(_ m: Marginals, axes: PlotAxes) -> [SampleSet] {
        let d = m.dimension
        let classes: [String]? = { if case .categorical(_, let names) = m.condition { return names }; return nil }()
        let groups: [(String, Int?)] = classes.map { names in names.enumerated().map { ("\(m.condition.names.first ?? "class") \($1)", $0) } }
            ?? [(m.source, nil)]
        return groups.map { title, index in
            var xs: [Double] = [], ys: [Double] = [], ls: [Double] = []
            for anchor in m.anchors {
                for i in 0..<anchor.count {
                    if let index, case .classes(let labels) = anchor.conditions, Int(labels[i]) != index { continue }
                    xs.append(Double(anchor.outputs[i * d + axes.x]))
                    ys.append(Double(anchor.outputs[i * d + axes.y]))
                    ls.append(anchor.lambda)
                }
            }
            return SampleSet(title: title, x: xs, y: ys, lambda: ls)
        }
    }
}
