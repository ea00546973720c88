import Foundation
import HTI
import Plots

/// The style options `plot` shares across views, read and checked once.
enum PlotOptions {
    /// `aspect=`, `alpha=`, `size=`, `palette=`, `width=`, `height=`; equal aspect by default for
    /// two outputs (which are then taken to share units).
    static func style(_ call: Invocation, dimension: Int) throws -> PlotStyle {
        var style = PlotStyle()
        style.aspect = call.text("aspect").flatMap(PlotStyle.Aspect.init(rawValue:)) ?? (dimension == 2 ? .equal : .auto)
        style.palette = call.text("palette").flatMap(Palette.init(rawValue:)) ?? .viridis
        if let alpha = call.number("alpha") {
            guard alpha > 0 && alpha <= 1 else {
                throw call.error("alpha= is an opacity above 0 and at most 1, not \(Value.format(alpha))", at: call.options["alpha"]?.first, kind: .value)
            }
            style.alpha = alpha
        }
        if let size = call.number("size") {
            guard size > 0 && size <= 20 else {
                throw call.error("size= is a marker radius in pixels above 0 and at most 20, not \(Value.format(size))", at: call.options["size"]?.first, kind: .value)
            }
            style.markerSize = size
        }
        if let width = call.integer("width") { style.width = Double(width) }
        if let height = call.integer("height") { style.height = Double(height) }
        return style
    }

    /// The data set's box in the plotted outputs: every figure of one data set covers it, so its
    /// marginals, samples and trajectories can be compared side by side.
    static func limits(_ m: Marginals, axes: PlotAxes) -> AxisLimits? {
        let (lower, upper) = m.bounds
        guard axes.x < lower.count, axes.y < lower.count else { return nil }
        let lx = Double(lower[axes.x]), ux = Double(upper[axes.x]), ly = Double(lower[axes.y]), uy = Double(upper[axes.y])
        guard [lx, ux, ly, uy].allSatisfy(\.isFinite), lx <= ux, ly <= uy else { return nil }
        return AxisLimits(x: lx...ux, y: ly...uy)
    }

    static func lossScale(_ call: Invocation) -> AxisScale? {
        switch call.text("scale") {
        case "linear": return .linear
        case "log": return .log
        case "symlog": return .symlog(threshold: 1)
        default: return nil
        }
    }

    /// Reference points for `over=`: a variable holding marginals, or a CSV file (in quotes) with the same columns as `like`.
    static func reference(_ call: Invocation, like m: Marginals, context: CommandContext) throws -> (Marginals, String)? {
        guard let literal = call.options["over"]?.first else { return nil }
        if case .string = literal.kind {
            let categorical: Bool = { if case .categorical = m.condition { return true }; return false }()
            let columns = ColumnSelection(lambda: m.lambdaName, outputs: m.outputNames, conditions: m.condition.names, categorical: categorical)
            do {
                let loaded = try CSVMarginalsLoader.load(path: context.resolve(path: literal.textValue).path, columns: columns, minimumAnchors: 1,
                                                         isCancelled: { context.cancellation.isCancelled })
                return (loaded, (literal.textValue as NSString).lastPathComponent)
            } catch let error as MarginalsError {
                throw WorkbenchError(.file, error.description, command: "plot", at: literal.location)
            }
        }
        guard case .marginals(let given)? = context.variables[literal.textValue] else {
            throw call.error("over= takes a variable holding marginals or a CSV file in quotes; `\(literal.textValue)` is neither", at: literal, kind: .name)
        }
        guard given.outputNames == m.outputNames else {
            throw call.error("`\(literal.textValue)` has outputs " + given.outputNames.joined(separator: ", ") + "; the plotted value has "
                             + m.outputNames.joined(separator: ", "), at: literal, kind: .value)
        }
        return (given, literal.textValue)
    }
}
