/// The ranges every fit setting must lie in. One check serves the trainer
/// (settings from options) and model loading (settings from a file someone
/// else wrote), so a model that loads never asks for absurd networks or schedules.
extension FitSettings {
    /// Throws `FitError.invalidSetting` naming the first setting out of range.
    public func validate() throws {
        func require(_ ok: Bool, _ why: @autoclosure () -> String) throws {
            if !ok { throw FitError.invalidSetting(why()) }
        }
        try require((1...1_000_000).contains(steps), "steps must be from 1 to 1000000 (found \(steps))")
        try require((1...1_000).contains(lbfgsIterations), "lbfgs must be from 1 to 1000 (found \(lbfgsIterations))")
        try require((1...256).contains(splineKnots) && (2...10_000).contains(pathPoints),
                    "paths need 1–256 knots and 2–10000 points (found \(splineKnots) and \(pathPoints))")
        try require(metricPeriod >= 1 && amortiserPeriod >= 1, "update periods must be at least 1")
        try require((1...16_384).contains(amortiserWidth), "the amortiser width must be from 1 to 16384 (found \(amortiserWidth))")
        for (name, steps) in [("initial", amortiserInitialSteps), ("refit", amortiserRefitSteps), ("final", amortiserFinalSteps)] {
            try require((0...1_000_000).contains(steps), "the amortiser's \(name) steps must be from 0 to 1000000 (found \(steps))")
        }
        try require((0...100_000).contains(matching), "matching must be from 0 to 100000 steps (found \(matching))")
        if let h = bandwidth { try require(h.isFinite && h > 0, "bandwidth must be a positive number (found \(h))") }
        try require(conditionBandwidth.isFinite && conditionBandwidth > 0, "the condition bandwidth must be positive")
        try require(potentialWeight.isFinite && potentialWeight >= 0, "weight must be zero or positive (found \(potentialWeight))")
        for (name, rate) in [("dual", dualLearningRate), ("metric", metricLearningRate), ("amortiser", amortiserLearningRate)] {
            try require(rate.isFinite && rate > 0, "the \(name) learning rate must be positive (found \(rate))")
        }
        if let limit = timeLimit { try require(limit.isFinite && limit > 0, "the time limit must be a positive number of seconds (found \(limit))") }
        for size in [batchSize, amortiserBatchSize].compactMap({ $0 }) {
            try require(size >= 1, "batch sizes must be at least 1 (found \(size))")
        }
    }

    /// That matching, if asked for, can be done on data with `condition`: it pairs samples within a
    /// class, and with continuous conditions every sample has its own.
    public func requireMatchingPossible(for condition: ConditionSchema) throws {
        if matching > 0, case .continuous = condition {
            throw FitError.invalidSetting("matching needs class conditions or none: with continuous conditions every sample has "
                + "its own, and matching outputs to the next anchor's samples would mix them")
        }
    }

    /// `validate()`, and that every anchor λ lies where the settings' scale is defined.
    public func validate(for lambdas: [Double]) throws {
        try validate()
        try scale.requireDefined(at: lambdas)
    }
}
