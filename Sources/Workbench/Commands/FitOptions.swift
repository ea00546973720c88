import HTI

/// The options `fit` and `compare` share, read into fit settings on top of
/// the settings of the data's preset (DataPreset: the paper's, METHOD.md, for its data sets).
enum FitOptions {
    static let specs: [OptionSpec] = [
        OptionSpec("metric", .choice(["learned", "identity"]), "the metric G: learned (K_θ) or the identity (K_I)",
                   default: "the preset's (identity with preset=semicircles), else learned"),
        OptionSpec("potential", .choice(["density", "none"]), "the potential U: the data's log-density (−Û) or none", default: "density"),
        OptionSpec("bandwidth", .number, "KDE bandwidth of the potential", default: "the preset's (load … preset=), else Scott's rule"),
        OptionSpec("weight", .number, "α, the weight of the potential", default: "the preset's, else 0.01"),
        OptionSpec("steps", .integer(1...100_000), "training steps", default: "1001 (2001 with preset=moons)"),
        OptionSpec("lbfgs", .integer(1...100), "L-BFGS iterations per c-transform", default: "3"),
        OptionSpec("seed", .integer(0...Int(Int32.max)), "random seed: the same seed gives the same model", default: "0"),
        OptionSpec("scale", .choice(LambdaScale.names),
                   "the scale on which λ moves evenly, which sets where between two anchors a sample is read: linear, log (rates), logit or probit (probabilities, quantile levels)",
                   default: "the preset's (logit with preset=ett), else linear"),
        OptionSpec("action", .choice(FitSettings.PathAction.allCases.map(\.rawValue)),
                   "how a path's action counts its motion: energy (evenly paced: a path's points cannot bunch on the density's peaks and cross the gaps in one jump) or lengths (the reference code's summed segment lengths)",
                   default: "the preset's (energy with preset=semicircles), else lengths"),
        OptionSpec("matching", .integer(0...100_000),
                   "after training, steps that match each map's outputs to the next anchor's samples (class or no conditions only); 0: none",
                   default: "the preset's (300 with preset=semicircles), else 0"),
        OptionSpec("time", .text, "a time budget for each fit, e.g. 90s, 5m or 1h: training stops early so the fit ends within it (the summary says after how many steps)",
                   default: "none"),
    ]

    static func settings(for data: Marginals, _ call: Invocation) throws -> FitSettings {
        var settings = data.preset.fitSettings
        if let metric = call.text("metric") { settings.metric = FitSettings.Metric(rawValue: metric) ?? settings.metric }
        if let potential = call.text("potential") { settings.potential = FitSettings.Potential(rawValue: potential) ?? settings.potential }
        if let bandwidth = call.number("bandwidth") {
            guard bandwidth > 0 else { throw call.error("bandwidth must be positive", at: call.options["bandwidth"]?.first) }
            settings.bandwidth = bandwidth
        }
        if let weight = call.number("weight") {
            guard weight >= 0 else { throw call.error("weight must be zero or positive", at: call.options["weight"]?.first) }
            settings.potentialWeight = weight
        }
        if let action = call.text("action") { settings.pathAction = FitSettings.PathAction(rawValue: action) ?? settings.pathAction }
        if let matching = call.integer("matching") {
            settings.matchingSteps = matching
            do { try settings.requireMatchingPossible(for: data.condition) } catch {
                throw call.error("\(error); \(data.source) has continuous conditions", at: call.options["matching"]?.first, kind: .value)
            }
        }
        if let steps = call.integer("steps") { settings.steps = steps }
        if let lbfgs = call.integer("lbfgs") { settings.lbfgsIterations = lbfgs }
        if let seed = call.integer("seed") { settings.seed = UInt64(seed) }
        if let scale = call.text("scale") {
            settings.lambdaScale = LambdaScale(rawValue: scale) ?? settings.lambdaScale
            do { try settings.scale.requireDefined(at: data.lambdas) } catch {
                throw call.error("\(error)", at: call.options["scale"]?.first, kind: .value)
            }
        }
        if let time = call.text("time") {
            guard let seconds = seconds(in: time) else {
                throw call.error("time= is a duration such as 90s, 5m or 1h (a bare number is seconds), not `\(time)`",
                                 at: call.options["time"]?.first, kind: .value)
            }
            settings.timeLimit = seconds
        }
        return settings
    }

    /// "90", "90s", "5m", "5min", "1.5h" → seconds; nil for anything else or a non-positive duration.
    static func seconds(in text: String) -> Double? {
        let units: [(String, Double)] = [("min", 60), ("s", 1), ("m", 60), ("h", 3600)]
        var number = Substring(text.lowercased()), scale = 1.0
        for (suffix, factor) in units where number.hasSuffix(suffix) {
            number = number.dropLast(suffix.count)
            scale = factor
            break
        }
        guard let value = Double(number), value.isFinite, value > 0, value * scale <= 1e7 else { return nil }
        return value * scale
    }
}
