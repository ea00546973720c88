import ArgumentParser
import Foundation
import HTI
import Tensors

/// `hti bench SUITE`: speed measurements printed as one JSON object per line.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Run a benchmark: `core` (tensor kernels), `fit DATA` (a full default fit), `quality DATA` (fit on the training anchors, score at held-out λ as the paper does) `sample MODEL.htimodel` (10,000 points at one λ) or `score MODEL.htimodel DATA` (re-score a saved model at held-out λ).")

    @Argument(help: "The suite: core, fit, quality, sample or score.") var suite: String
    @Argument(help: "For fit and quality: the data file (semicircles, moons or ETT CSV from data/); for sample and score: a saved model.") var data: String?
    @Option(help: "For fit, quality and score: which of the paper's data sets the file is (semicircles, moons, ett); it decides the columns, the settings and the held-out task.") var preset: String?
    @Option(help: "For fit: override the number of training steps.") var steps: Int?
    @Option(help: "For fit: metric learned|identity.") var metric: String?
    @Option(help: "For fit: potential density|none.") var potential: String?
    @Option(help: "For fit: keep only these anchors (hold the others out), e.g. 0,1.") var anchors: String?
    @Option(help: "For fit: seed.") var seed: UInt64 = 0
    @Option(help: "For fit: L-BFGS iterations per c-transform.") var lbfgs: Int?
    @Option(help: "For fit: amortiser warm-up steps.") var amortiserSteps: Int?
    @Option(help: "For fit: amortiser refit steps.") var amortiserRefit: Int?
    @Option(help: "For fit: amortiser hidden width.") var amortiserWidth: Int?
    @Option(help: "For fit: amortiser refit period (steps).") var amortiserPeriod: Int?
    @Option(help: "For fit: amortiser final refit steps.") var amortiserFinal: Int?
    @Option(help: "For fit: samples per pair per step (minibatch).") var batch: Int?
    @Option(help: "For fit: couplings per pair per amortiser step.") var amortiserBatch: Int?
    @Option(help: "For fit: learning rate of g and T.") var dualRate: Double?
    @Option(help: "For score and quality: least-action L-BFGS iterations on each sampled path (score: 0 by default, the amortiser's paths as they are; quality: 5, scored besides the amortised paths).") var refine: Int?
    @Option(help: "For fit and quality: save the fitted model here.") var save: String?
    @Argument(help: "For score: the data file the model's task comes from.") var taskData: String?
    @Option(help: "For quality with --preset ett: score as the paper does on the forecaster's outputs at unseen quantiles (data/ett_quantiles_validation.csv), fitting on every training window.") var validation: String?

    func run() throws {
        switch suite {
        case "core":
            for record in CoreBenchmark.run() { print(record.jsonLine) }
        case "fit": try fit(scored: false)
        case "quality": try fit(scored: true)
        case "score":
            guard let data, let taskData else { throw ValidationError("hti bench score needs a model file and its data file") }
            let model = try HTIModel.load(from: URL(fileURLWithPath: data))
            let known = try dataPreset(default: model.marginals.preset)
            guard let columns = known.columns else { throw ValidationError("hti bench score needs --preset semicircles|moons|ett") }
            var taskMarginals = try CSVMarginalsLoader.load(path: taskData, columns: columns)
            taskMarginals.preset = known
            guard let task = try HeldOutTask.make(for: taskMarginals) else {
                throw ValidationError("\(taskData): no held-out task for this data")
            }
            let began = Date()
            let samples = try model.sample(at: task.lambdas, from: task.start, refine: refine ?? 0)
            let record: [String: Any] = ["name": "score", "model": data, "refine": refine ?? 0, "scores": try task.score(samples),
                                         "sample_seconds": Date().timeIntervalSince(began)]
            try printJSON(record)
        case "sample":
            guard let data else { throw ValidationError("hti bench sample needs a model file, e.g. semicircles.htimodel") }
            let model = try HTIModel.load(from: URL(fileURLWithPath: data))
            print(try SamplingBenchmark(model: model).run().jsonLine)
        default: throw ValidationError("unknown benchmark suite `\(suite)`; available: core, fit, quality, sample, score")
        }
    }

    /// The --preset given, or `fallback` when none is.
    private func dataPreset(default fallback: DataPreset) throws -> DataPreset {
        guard let preset else { return fallback }
        guard let known = DataPreset(rawValue: preset) else {
            throw ValidationError("--preset \(preset): unknown; one of \(DataPreset.names.joined(separator: ", "))")
        }
        return known
    }

    private func fit(scored: Bool) throws {
        guard let data else { throw ValidationError("hti bench \(suite) needs a data file, e.g. data/semicircles.csv") }
        let known = try dataPreset(default: .none)
        guard let columns = known.columns else {
            throw ValidationError("hti bench \(suite) needs --preset semicircles|moons|ett, naming which of the paper's data sets \(data) is")
        }
        var marginals = try CSVMarginalsLoader.load(path: data, columns: columns)
        marginals.preset = known
        if let anchors {
            marginals = try marginals.keeping(lambdas: anchors.split(separator: ",").compactMap { Double($0) })
        }
        let task: HeldOutTask?
        if scored, let validation {
            var held = try CSVMarginalsLoader.load(path: validation, columns: columns, minimumAnchors: 1)
            held.preset = known
            task = try HeldOutTask.ettValidation(train: marginals, validation: held)
        } else {
            task = scored ? try HeldOutTask.make(for: marginals) : nil
        }
        if scored, let task { marginals = task.train }
        var settings = known.fitSettings
        if let steps { settings.steps = steps }
        if let metric { settings.metric = FitSettings.Metric(rawValue: metric) ?? settings.metric }
        if let potential { settings.potential = FitSettings.Potential(rawValue: potential) ?? settings.potential }
        settings.seed = seed
        if let lbfgs { settings.lbfgsIterations = lbfgs }
        if let amortiserSteps { settings.amortiserInitialSteps = amortiserSteps }
        if let amortiserRefit { settings.amortiserRefitSteps = amortiserRefit }
        if let amortiserWidth { settings.amortiserWidth = amortiserWidth }
        if let amortiserPeriod { settings.amortiserPeriod = amortiserPeriod }
        if let amortiserFinal { settings.amortiserFinalSteps = amortiserFinal }
        if let batch { settings.batchSize = batch }
        if let amortiserBatch { settings.amortiserBatchSize = amortiserBatch }
        if let dualRate { settings.dualLearningRate = dualRate }
        let started = Date()
        var lastStep = 0
        let model = try Trainer(marginals: marginals, settings: settings).fit(progress: { progress in
            if progress.step != lastStep && progress.step % 10 == 0 {
                lastStep = progress.step
                FileHandle.standardError.write(Data("step \(progress.step)/\(progress.totalSteps) \(progress.phase) \(progress.losses.sorted { $0.key < $1.key }.map { "\($0.key)=\(String(format: "%.4g", $0.value))" }.joined(separator: " ")) eta \(Int(progress.remaining ?? 0))s\n".utf8))
            }
        })
        let seconds = Date().timeIntervalSince(started)
        var record: [String: Any] = [
            "name": "fit", "data": data, "variant": settings.variantName, "steps": settings.steps,
            "seconds": seconds, "steps_per_second": Double(settings.steps) / seconds,
            "peak_rss_mb": PeakMemory.residentMegabytes(), "final_losses": model.history.last ?? [:],
            "phase_seconds": model.phaseSeconds, "settings": settingsSummary(settings),
        ]
        if let save { try model.save(to: URL(fileURLWithPath: save)) }
        record["sample_10k_ms"] = try SamplingBenchmark(model: model).run().seconds * 1000
        if let task {
            let sampled = Date()
            record["scores"] = try task.score(try model.sample(at: task.lambdas, from: task.start))
            record["sample_seconds"] = Date().timeIntervalSince(sampled)
            let refinement = refine ?? 5
            if refinement > 0 {
                let refined = Date()
                record["refined_scores"] = try task.score(try model.sample(at: task.lambdas, from: task.start, refine: refinement))
                record["refined_sample_seconds"] = Date().timeIntervalSince(refined)
                record["refine"] = refinement
            }
            record["baseline_scores"] = try task.baselineScores()
            if let nearest = try task.nearestAnchorScores() { record["nearest_anchor_scores"] = nearest }
            if let lines = try task.perWindowLineScores() { record["per_window_line_scores"] = lines }
            record["held_out"] = task.lambdas
        }
        try printJSON(record)
    }
}

/// One JSON object on one line, keys sorted, as every suite prints its record.
private func printJSON(_ record: [String: Any]) throws {
    print(String(decoding: try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]), as: UTF8.self))
}

/// The settings that matter for speed and quality, for the record.
private func settingsSummary(_ s: FitSettings) -> [String: Any] {
    ["lbfgs": s.lbfgsIterations, "amortiser_width": s.amortiserWidth, "amortiser_initial": s.amortiserInitialSteps,
     "amortiser_refit": s.amortiserRefitSteps, "amortiser_period": s.amortiserPeriod, "bandwidth": s.bandwidth ?? -1,
     "weight": s.potentialWeight, "path_points": s.pathPoints, "batch": s.batchSize ?? 0,
     "amortiser_batch": s.amortiserBatchSize ?? 0, "amortiser_final": s.amortiserFinalSteps, "dual_rate": s.dualLearningRate]
}

/// Peak resident set size of this process (VmHWM), in MB.
enum PeakMemory {
    static func residentMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kb / 1024
    }
}
