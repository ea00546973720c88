import ArgumentParser
import Benchmarks
import Foundation
import HTI
import Tensors

/// `hti bench SUITE`: speed and quality measurements, each printed as one JSON object per line.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Run a benchmark; each prints one JSON object per line.",
        subcommands: [Core.self, Fit.self, Quality.self, Sample.self, Score.self])

    /// `core`: tensor kernels against their matrix products.
    struct Core: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tensor kernels: sgemm and MLP training steps against their products alone.")
        func run() throws { for record in try CoreBenchmark.run() { print(record.jsonLine) } }
    }

    /// `fit DATA`: a full default fit, timed by phase.
    struct Fit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A full fit with the preset's settings (or those given), timed by phase.")
        @OptionGroup var options: BenchFitOptions
        func run() throws { try BenchFit(options: options, scored: false, refine: nil, validation: nil).run() }
    }

    /// `quality DATA`: fit on the training anchors, score at held-out λ as the paper does.
    struct Quality: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Fit on the training anchors and score at held-out λ as the paper does, beside the baselines.")
        @OptionGroup var options: BenchFitOptions
        @Option(help: "Least-action L-BFGS iterations on each sampled path, scored besides the amortised paths (0: none; default: what `sample` does with no refine= on this task).") var refine: Int?
        @Option(help: "With --preset ett: score as the paper does on the forecaster's outputs at unseen quantiles (data/ett_quantiles_validation.csv), fitting on every training window.") var validation: String?
        func run() throws { try BenchFit(options: options, scored: true, refine: refine, validation: validation).run() }
    }

    /// `sample MODEL`: 10,000 points at one λ.
    struct Sample: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Sample 10,000 points at one λ from a saved model, against its matrix products.")
        @Argument(help: "A saved model, e.g. semicircles.htimodel.") var model: String
        @Option(help: "Instead, time the default draw of this many points (refined as `sample` refines a draw that size), against the same draw on the amortiser's paths.") var points: Int?
        func run() throws {
            var benchmark = SamplingBenchmark(model: try HTIModel.load(from: URL(fileURLWithPath: model)))
            guard let points else { return print(try benchmark.run().jsonLine) }
            guard (1...1_000_000).contains(points) else { throw ValidationError("--points must be from 1 to 1,000,000, not \(points)") }
            benchmark.points = points
            print(try benchmark.defaultDraw().jsonLine)
        }
    }

    /// `score MODEL DATA`: re-score a saved model at held-out λ.
    struct Score: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Re-score a saved model at the held-out λ of its data set's task.")
        @Argument(help: "A saved model.") var model: String
        @Argument(help: "The data file the model's task comes from.") var data: String
        @Option(help: "Which of the paper's data sets the file is (semicircles, moons, ett); default: the model's preset.") var preset: String?
        @Option(help: "Least-action L-BFGS iterations on each sampled path (0: the amortiser's paths as they are).") var refine: Int = 0
        @Option(help: "With --preset ett: score on the forecaster's outputs at unseen quantiles (data/ett_quantiles_validation.csv); DATA is then the training file.") var validation: String?
        @Option(help: "Read the paths on this λ scale (linear, log, logit, probit) instead of the model's: the paths do not depend on it, so one fit serves every scale.") var scale: String?

        func run() throws {
            var fitted = try HTIModel.load(from: URL(fileURLWithPath: model))
            if let scale { fitted = try fitted.reading(on: try BenchFitOptions.parseScale(scale)) }
            let known = try preset.map(BenchFitOptions.parsePreset) ?? fitted.marginals.preset
            let taskMarginals = try BenchFitOptions.load(data, as: known, suite: "score")
            guard let task = try BenchFitOptions.task(for: taskMarginals, as: known, validation: validation, suite: "score") else {
                throw ValidationError("\(data): no held-out task for this data")
            }
            let began = Date()
            let samples = try fitted.sample(at: task.lambdas, from: task.start, refine: refine)
            var record: [String: Any] = ["name": "score", "model": model, "refine": refine, "scores": try task.score(samples),
                                         "sample_seconds": Date().timeIntervalSince(began), "scale": fitted.settings.scale.rawValue,
                                         "baseline_scores": try task.baselineScores(scale: fitted.settings.scale)]
            if let lines = try task.perWindowLineScores(scale: fitted.settings.scale) { record["per_window_line_scaled_scores"] = lines }
            try printJSON(record)
        }
    }
}

/// What `bench fit` and `bench quality` share: the data, its preset, and overrides of the schedule.
struct BenchFitOptions: ParsableArguments {
    @Argument(help: "The data file (the semicircles, moons or ETT CSV from data/).") var data: String
    @Option(help: "Which of the paper's data sets the file is (semicircles, moons, ett); it decides the columns, the settings and the held-out task.") var preset: String
    @Option(help: "Training steps.") var steps: Int?
    @Option(help: "Metric: learned or identity.") var metric: String?
    @Option(help: "Potential: density or none.") var potential: String?
    @Option(help: "Keep only these anchors (hold the others out), e.g. 0,1.") var anchors: String?
    @Option(help: "Seed (default: 0 for bench fit; for bench quality seeds 0–4, one record each, then a record of their mean, sd and worst).") var seed: UInt64?
    @Option(help: "L-BFGS iterations per c-transform.") var lbfgs: Int?
    @Option(help: "Amortiser warm-up steps.") var amortiserSteps: Int?
    @Option(help: "Amortiser refit steps.") var amortiserRefit: Int?
    @Option(help: "Amortiser hidden width.") var amortiserWidth: Int?
    @Option(help: "Amortiser refit period (steps).") var amortiserPeriod: Int?
    @Option(help: "Amortiser final refit steps.") var amortiserFinal: Int?
    @Option(help: "Samples per pair per step (minibatch).") var batch: Int?
    @Option(help: "Couplings per pair per amortiser step.") var amortiserBatch: Int?
    @Option(help: "Learning rate of g and T.") var dualRate: Double?
    @Option(help: "α, the weight of the potential.") var weight: Double?
    @Option(help: "Save the fitted model here.") var save: String?
    @Option(help: "λ scale: linear, log, logit or probit (default: the preset's).") var scale: String?
    @Option(help: "The paths' action: energy or lengths (default: the preset's).") var action: String?
    @Option(help: "Steps of the maps' matching to their target anchors after training, 0: none (default: the preset's).") var matching: Int?

    func dataPreset() throws -> DataPreset { try BenchFitOptions.parsePreset(preset) }

    /// One of the paper's files read with its preset's columns, and marked with the preset.
    static func load(_ path: String, as preset: DataPreset, suite: String, minimumAnchors: Int = 2) throws -> Marginals {
        guard let columns = preset.columns else {
            throw ValidationError("hti bench \(suite) needs --preset semicircles|moons|ett, naming which of the paper's data sets \(path) is")
        }
        var marginals = try CSVMarginalsLoader.load(path: path, columns: columns, minimumAnchors: minimumAnchors)
        marginals.preset = preset
        return marginals
    }

    /// The held-out task a suite scores on: the paper's ETT validation (`--validation FILE`, read with
    /// the same preset), or the preset's own task; nil where the data has none.
    static func task(for marginals: Marginals, as preset: DataPreset, validation: String?, suite: String) throws -> HeldOutTask? {
        guard let validation else { return try HeldOutTask.make(for: marginals) }
        let held = try load(validation, as: preset, suite: suite, minimumAnchors: 1)
        return try HeldOutTask.ettValidation(train: marginals, validation: held)
    }

    /// The choice named `name` for `--option`, or an error listing the choices.
    static func parse<Choice: CaseIterable & RawRepresentable>(_ name: String, option: String) throws -> Choice
        where Choice.RawValue == String {
        guard let known = Choice(rawValue: name) else {
            throw ValidationError("--\(option) \(name): unknown; one of \(Choice.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return known
    }

    static func parseScale(_ name: String) throws -> LambdaScale { try parse(name, option: "scale") }

    static func parsePreset(_ name: String) throws -> DataPreset { try parse(name, option: "preset") }
}

/// One benchmarked fit, optionally scored.
struct BenchFit {
    let options: BenchFitOptions
    let scored: Bool
    let refine: Int?
    let validation: String?
    var suite: String { scored ? "quality" : "fit" }
    /// The seeds a scored run fits when none is given: quality claims need seeds 0–4, not one run.
    static let qualitySeeds: [UInt64] = [0, 1, 2, 3, 4]

    /// One record per seed, and for several seeds a last record of their spread (`SeedSpread`).
    func run() throws {
        let seeds = options.seed.map { [$0] } ?? (scored ? BenchFit.qualitySeeds : [0])
        if seeds.count > 1, options.save != nil {
            throw ValidationError("--save keeps one model: give --seed S with it (without --seed, bench quality fits seeds 0–4)")
        }
        var records: [[String: Any]] = []
        for seed in seeds {
            let record = try fitAndScore(seed: seed)
            try printJSON(record)
            records.append(record)
        }
        guard seeds.count > 1 else { return }
        let summary = BenchFit.seedSummary(records, seeds: seeds)
        try printJSON(summary)
        FileHandle.standardError.write(Data(BenchFit.describe(summary).utf8))
    }

    /// Mean, sd and worst over the seeds' records of each HTI score and of the fit time; the baselines,
    /// which no seed changes, as the first record has them.
    static func seedSummary(_ records: [[String: Any]], seeds: [UInt64]) -> [String: Any] {
        func record(_ spread: SeedSpread) -> [String: Double] {
            ["mean": spread.mean, "sd": spread.standardDeviation, "worst": spread.worst]
        }
        var summary: [String: Any] = ["name": "seeds", "seeds": seeds.map { Int($0) }]
        for key in ["data", "variant", "steps", "held_out", "baseline_scores", "nearest_anchor_scores",
                    "per_window_line_scores", "per_window_line_scaled_scores", "scale", "refine", "default_refine"] {
            if let value = records.first?[key] { summary[key] = value }
        }
        for key in ["scores", "refined_scores"] {
            let runs = records.compactMap { $0[key] as? [String: Double] }
            if !runs.isEmpty { summary[key] = SeedSpread.of(runs).mapValues(record) }
        }
        summary["seconds"] = SeedSpread(records.compactMap { $0["seconds"] as? Double }).map(record)
        return summary
    }

    /// The summary in a line per score, for the terminal.
    static func describe(_ summary: [String: Any]) -> String {
        let seeds = (summary["seeds"] as? [Int])?.map(String.init).joined(separator: ", ") ?? ""
        var lines = ["seeds \(seeds): mean ± sd (worst)"]
        for (key, label) in [("scores", "amortised paths"), ("refined_scores", "refined paths")] {
            guard let scores = summary[key] as? [String: [String: Double]] else { continue }
            for (name, spread) in scores.sorted(by: { $0.key < $1.key }) {
                lines.append("  \(label) \(name): " + String(format: "%.4g ± %.2g (%.4g)", spread["mean"] ?? .nan, spread["sd"] ?? .nan,
                                                                  spread["worst"] ?? .nan))
            }
        }
        if let seconds = summary["seconds"] as? [String: Double] {
            lines.append(String(format: "  fit time: %.0f s mean, %.0f s at most", seconds["mean"] ?? .nan, seconds["worst"] ?? .nan))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Fits with `seed`, times it, and (for quality) scores it: one record.
    func fitAndScore(seed: UInt64) throws -> [String: Any] {
        let data = options.data
        let known = try options.dataPreset()
        var marginals = try BenchFitOptions.load(data, as: known, suite: suite)
        if let anchors = options.anchors {
            marginals = try marginals.keeping(lambdas: anchors.split(separator: ",").compactMap { Double($0) })
        }
        let task = scored ? try BenchFitOptions.task(for: marginals, as: known, validation: validation, suite: suite) : nil
        if scored, let task { marginals = task.train }
        var settings = known.fitSettings
        if let steps = options.steps { settings.steps = steps }
        if let metric = options.metric { settings.metric = try BenchFitOptions.parse(metric, option: "metric") }
        if let potential = options.potential { settings.potential = try BenchFitOptions.parse(potential, option: "potential") }
        settings.seed = seed
        if let lbfgs = options.lbfgs { settings.lbfgsIterations = lbfgs }
        if let amortiserSteps = options.amortiserSteps { settings.amortiserInitialSteps = amortiserSteps }
        if let amortiserRefit = options.amortiserRefit { settings.amortiserRefitSteps = amortiserRefit }
        if let amortiserWidth = options.amortiserWidth { settings.amortiserWidth = amortiserWidth }
        if let amortiserPeriod = options.amortiserPeriod { settings.amortiserPeriod = amortiserPeriod }
        if let amortiserFinal = options.amortiserFinal { settings.amortiserFinalSteps = amortiserFinal }
        if let batch = options.batch { settings.batchSize = batch }
        if let amortiserBatch = options.amortiserBatch { settings.amortiserBatchSize = amortiserBatch }
        if let dualRate = options.dualRate { settings.dualLearningRate = dualRate }
        if let weight = options.weight { settings.potentialWeight = weight }
        if let scale = options.scale { settings.lambdaScale = try BenchFitOptions.parseScale(scale) }
        if let action = options.action { settings.pathAction = try BenchFitOptions.parse(action, option: "action") as FitSettings.PathAction }
        if let matching = options.matching { settings.matchingSteps = matching }
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
        if let save = options.save { try model.save(to: URL(fileURLWithPath: save)) }
        record["sample_10k_ms"] = try SamplingBenchmark(model: model).run().seconds * 1000
        if let task {
            let sampled = Date()
            record["scores"] = try task.score(try model.sample(at: task.lambdas, from: task.start))
            record["sample_seconds"] = Date().timeIntervalSince(sampled)
            // What `sample` does with no refine= on this task: refined paths when it is small enough.
            let start = task.start ?? model.defaultStart()
            let defaultRefinement = model.defaultRefinement(starts: start.count, at: task.lambdas)
            record["default_refine"] = defaultRefinement
            record["paths"] = model.pathCount(starts: start.count, at: task.lambdas)
            let refinement = refine ?? defaultRefinement
            if refinement > 0 {
                let refined = Date()
                record["refined_scores"] = try task.score(try model.sample(at: task.lambdas, from: task.start, refine: refinement))
                record["refined_sample_seconds"] = Date().timeIntervalSince(refined)
                record["refine"] = refinement
            }
            record["baseline_scores"] = try task.baselineScores(scale: settings.scale)
            if let nearest = try task.nearestAnchorScores() { record["nearest_anchor_scores"] = nearest }
            if let lines = try task.perWindowLineScores() { record["per_window_line_scores"] = lines }
            // The same lines on the model's λ scale: the peer that shares its one assumption about pace.
            if settings.scale != .linear, let lines = try task.perWindowLineScores(scale: settings.scale) {
                record["per_window_line_scaled_scores"] = lines
                record["scale"] = settings.scale.rawValue
            }
            record["held_out"] = task.lambdas
        }
        record["seed"] = Int(seed)
        return record
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
     "amortiser_batch": s.amortiserBatchSize ?? 0, "amortiser_final": s.amortiserFinalSteps, "dual_rate": s.dualLearningRate,
     "metric": s.metric.rawValue, "action": s.action.rawValue, "matching": s.matching]
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
