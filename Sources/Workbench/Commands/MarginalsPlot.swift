import Foundation
import HTI
import Plots

/// `plot d` and `plot s`: marginals or samples as points coloured by λ, optionally over reference points.
enum MarginalsPlot {
    static func figure(_ m: Marginals, _ call: Invocation, _ context: CommandContext) throws -> Figure {
        for option in ["row", "condition", "refine"] where call.has(option) {
            throw call.error("\(option)= is for a model's views (plot m …); `\(m.source)` holds marginals", at: call.options[option]?.first)
        }
        let axes = try PlotAxes(m, call)
        var style = try PlotOptions.style(call, dimension: m.dimension)
        let isSamples = m.source.hasPrefix("samples")
        // Samples remember the model they came from by name: its data gives the anchors and the axis limits.
        let origin = sourceModel(of: m, in: context.variables)
        let data = origin?.marginals ?? m
        let anchors = origin?.lambdas ?? m.lambdas
        let lambdaText = LambdaText.list(LambdaText.distinct(m.lambdas))
        let title = isSamples ? "Samples of \(m.source.dropFirst("samples of ".count)) at \(lambdaSymbol) = \(lambdaText)"
                              : "Marginals: \(m.source)"
        if m.dimension == 1 {
            return Figure.strip([ValueSet(lambda: m.anchors.flatMap { a in Array(repeating: a.lambda, count: a.count) },
                                          value: m.anchors.flatMap { $0.outputs.map(Double.init) })],
                                title: title, value: m.outputNames[0], anchors: anchors, style: style)
        }
        style.limits = PlotOptions.limits(data, axes: axes)
        let reference = try PlotOptions.reference(call, like: m, context: context)
        let facet = call.text("facet") ?? "condition"
        let panels = PlotData.panels(m, axes: axes, facet: facet, reference: reference?.0)
        if isSamples || reference != nil {
            return Figure.samples(panels, title: title, x: axes.xName, y: axes.yName, anchors: anchors, referenceLabel: reference?.1, style: style)
        }
        return Figure.marginals(panels, title: title, x: axes.xName, y: axes.yName, anchors: anchors, style: style)
    }

    /// Samples drawn at several λ from the same start points, played as trajectories: sample i at
    /// each λ is one start point carried along, so its positions in λ order are its path.
    static func animated(_ m: Marginals, _ call: Invocation, _ context: CommandContext) throws -> Figure {
        let isSamples = m.source.hasPrefix("samples")
        guard isSamples, m.anchors.count >= 2, let count = m.anchors.first?.count,
              m.anchors.allSatisfy({ $0.count == count && $0.conditions == m.anchors[0].conditions }) else {
            throw call.error("animate plays samples drawn at two or more λ from the same start points (`sample m lambda=0,0.5,1`)",
                             at: call.positionals.count > 1 ? call.positionals[1] : nil, kind: .value)
        }
        let axes = try PlotAxes(m, call)
        var style = try PlotOptions.style(call, dimension: m.dimension)
        let origin = sourceModel(of: m, in: context.variables)
        style.limits = PlotOptions.limits(origin?.marginals ?? m, axes: axes)
        let background = PlotData.panels(origin?.marginals ?? m, axes: axes)
        let lambdas = m.lambdas, d = m.dimension
        var panels: [TrajectorySet] = []
        for (p, set) in background.enumerated() {
            var paths: [Trajectory] = []
            for i in 0..<count {
                if case .classes(let labels) = m.anchors[0].conditions, background.count > 1, Int(labels[i]) != p { continue }
                paths.append(Trajectory(x: m.anchors.map { Double($0.outputs[i * d + axes.x]) },
                                        y: m.anchors.map { Double($0.outputs[i * d + axes.y]) }, value: lambdas))
            }
            panels.append(TrajectorySet(title: set.title, paths: paths, marginals: set))
        }
        return Figure.animatedTrajectories(panels, title: "Samples of \(m.source.dropFirst("samples of ".count)) through \(lambdaSymbol) = "
                                           + LambdaText.list(LambdaText.distinct(lambdas)),
                                           x: axes.xName, y: axes.yName, anchors: origin?.lambdas ?? lambdas, style: style)
    }

    static let lambdaSymbol = "λ"

    /// The model `sample` named in the samples' source ("samples of m"), if that variable still holds a model with these outputs.
    static func sourceModel(of m: Marginals, in variables: [String: Value]) -> HTIModel? {
        let prefix = "samples of "
        guard m.source.hasPrefix(prefix), case .model(let model)? = variables[String(m.source.dropFirst(prefix.count))],
              model.marginals.outputNames == m.outputNames else { return nil }
        return model
    }
}

/// λ values for titles and grids: distinct, and written as "0.25, 0.75".
enum LambdaText {
    static func distinct(_ values: [Double]) -> [Double] {
        var out: [Double] = []
        for v in values.sorted() where out.last.map({ abs($0 - v) > 1e-12 }) ?? true { out.append(v) }
        return out
    }

    /// Values as a comma-separated list, each written in full ("0.5, 2.5"; more than six are elided).
    static func list(_ values: [Double]) -> String {
        let shown = values.count > 6 ? Array(values.prefix(3)) + Array(values.suffix(2)) : values
        let texts = shown.map(Value.format)
        return values.count > 6 ? texts.prefix(3).joined(separator: ", ") + ", …, " + texts.suffix(2).joined(separator: ", ")
                                : texts.joined(separator: ", ")
    }
}

/// Marginals and samples as plot panels: one per condition class, or one per λ.
enum PlotData {
    /// How the hyperparameter is named in figures: λ, unless the data names it otherwise.
    static func symbol(_ m: Marginals) -> String { m.lambdaName == "lambda" ? "λ" : m.lambdaName }

    static func classNames(_ m: Marginals) -> [String]? {
        if case .categorical(_, let names) = m.condition { return names }
        return nil
    }

    static func panels(_ m: Marginals, axes: PlotAxes, facet: String = "condition", reference: Marginals? = nil) -> [SampleSet] {
        if facet == "lambda" {
            return m.anchors.map { anchor in
                let points = self.points(m, axes: axes, anchors: [anchor], classIndex: nil)
                let matching = reference.map { r in r.anchors.filter { abs($0.lambda - anchor.lambda) <= 1e-9 * max(1, abs(anchor.lambda)) } }
                // Each panel's reference is the reference at its λ; where it has none, the panel says so.
                let cloud = matching.flatMap { $0.isEmpty ? nil : $0 }.map { anchors -> PointCloud in
                    let p = self.points(reference ?? m, axes: axes, anchors: anchors, classIndex: nil)
                    return PointCloud(x: p.x, y: p.y)
                }
                let missing = reference != nil && cloud == nil ? " (no reference here)" : ""
                return SampleSet(title: "\(symbol(m)) = \(Value.format(anchor.lambda))\(missing)",
                                 x: points.x, y: points.y, lambda: points.lambda, reference: cloud)
            }
        }
        let groups: [(String, Int?)] = classNames(m).map { names in names.enumerated().map { ("\(m.condition.names.first ?? "class") \($1)", $0) } }
            ?? [("", nil)]  // one panel: the figure's title already names the data
        return groups.map { title, index in
            let points = self.points(m, axes: axes, anchors: m.anchors, classIndex: index)
            let cloud = reference.map { r -> PointCloud in
                let sameClasses = classNames(r) == classNames(m)
                let p = self.points(r, axes: axes, anchors: r.anchors, classIndex: sameClasses ? index : nil)
                return PointCloud(x: p.x, y: p.y)
            }
            return SampleSet(title: title, x: points.x, y: points.y, lambda: points.lambda, reference: cloud)
        }
    }

    /// The plotted coordinates of the anchors' samples (of one class when `classIndex` is given).
    static func points(_ m: Marginals, axes: PlotAxes, anchors: [Anchor], classIndex: Int?) -> (x: [Double], y: [Double], lambda: [Double]) {
        let d = m.dimension
        var xs: [Double] = [], ys: [Double] = [], ls: [Double] = []
        guard axes.x < d, axes.y < d else { return ([], [], []) }
        for anchor in anchors {
            for i in 0..<anchor.count {
                if let classIndex, case .classes(let labels) = anchor.conditions, Int(labels[i]) != classIndex { continue }
                xs.append(Double(anchor.outputs[i * d + axes.x]))
                ys.append(Double(anchor.outputs[i * d + axes.y]))
                ls.append(anchor.lambda)
            }
        }
        return (xs, ys, ls)
    }
}
