import Foundation
import HTI

/// A grid of fits on one data set — every variant given (metric × potential)
/// for every seed — and the table of what came of them. `sweep` runs it
/// locally or on a cluster; `compare` is its one-seed case, tabulated as before
/// with the straight-line baseline. Both fit, score and tabulate here.
struct Sweep {
    /// One fit to run.
    struct Job {
        var settings: FitSettings
        var variant: String { settings.variantName }
        var seed: Int { Int(settings.seed) }
        var label: String { "\(variant) seed \(seed)" }
    }

    /// What became of a job: a model, or why there is none.
    struct Outcome {
        var model: HTIModel?
        var failure: String?

        static func failed(_ reason: String) -> Outcome { Outcome(model: nil, failure: reason) }
    }

    /// How the table is laid out: `compare`'s (baseline row, no seed column) or `sweep`'s.
    enum Layout { case compare, sweep }

    let data: Marginals
    /// The paper's held-out task for the data, when it is one of the paper's data sets.
    let task: HeldOutTask?
    /// What every job fits on: the task's training anchors, or all the data.
    let training: Marginals
    let jobs: [Job]

    init(data: Marginals, call: Invocation, metrics: [String], potentials: [String], seeds: [Int]) throws {
        self.data = data
        if let held = call.numbers("holdout") {
            do { task = try HeldOutTask.holdingOut(held, of: data) } catch let error as MarginalsError {
                throw call.error(error.description, at: call.options["holdout"]?.first, kind: .value)
            }
        } else {
            task = try HeldOutTask.make(for: data)
        }
        training = task?.train ?? data
        var jobs: [Job] = []
        for metric in metrics {
            for potential in potentials {
                for seed in seeds {
                    var settings = try FitOptions.settings(for: training, call)
                    settings.metric = FitSettings.Metric(rawValue: metric) ?? .learned
                    settings.potential = FitSettings.Potential(rawValue: potential) ?? .density
                    settings.seed = UInt64(seed)
                    jobs.append(Job(settings: settings))
                }
            }
        }
        self.jobs = jobs
    }

    /// Scores every model (at the task's held-out λ, as `sample … refine=` would draw them)
    /// and tabulates the fits; failed fits keep their row, with the reason.
    func result(_ outcomes: [Outcome], layout: Layout, call: Invocation, context: CommandContext, place: String? = nil) throws -> SweepResult {
        var scoreNames: [String] = []
        var rows: [[TableCell]] = []
        if let task {
            // Beside the fits, what doing nothing clever scores: a fit that does not beat these has not earned its keep.
            // Straight lines move at constant speed on the fits' λ scale, so they differ from them only in the paths.
            let scale = jobs.first?.settings.scale ?? .linear
            let baseline = try task.baselineScores(scale: scale)
            scoreNames = baseline.keys.sorted()
            // A sweep's table holds its fits alone, one row each (take and the Ray tests read it so).
            if layout == .compare {
                let lines = "straight lines (OT pairs)" + (scale == .linear ? "" : ", even in \(scale.rawValue)(\(data.lambdaName))")
                var baselines = [(task.kind == .ett ? "start forecasts unchanged" : lines, baseline)]
                if let nearest = try task.nearestAnchorScores(isCancelled: { context.cancellation.isCancelled }) {
                    baselines.append(("nearest trained anchor, copied", nearest))
                }
                for (name, scores) in baselines {
                    rows.append([.text(name), .number(.nan, shown: ""), .number(.nan, shown: "")]
                                + scoreNames.map { ScoreTable.cell(scores[$0] ?? .nan) })
                }
            }
        }
        var fits: [SweepResult.Fit] = []
        for (job, outcome) in zip(jobs, outcomes) {
            var row: [TableCell] = [.text(job.variant)]
            if layout == .sweep { row.append(.number(Double(job.seed), shown: String(job.seed))) }
            if let model = outcome.model {
                row += [.number(model.fitSeconds, shown: Session.formatDuration(model.fitSeconds)),
                        ScoreTable.cell(model.history.last?["dual"] ?? .nan)]
                if let task {
                    let samples = try ModelCommands.interruptibleSample(model, at: task.lambdas, from: task.start ?? model.defaultStart(),
                                                                        call, context).samples
                    let scores = try task.score(samples, isCancelled: { context.cancellation.isCancelled })
                    row += scoreNames.map { ScoreTable.cell(scores[$0] ?? .nan) }
                }
                if layout == .sweep { row.append(.text("done")) }
            } else {
                row += [.number(.nan, shown: ""), .number(.nan, shown: "")] + scoreNames.map { _ in TableCell.number(.nan, shown: "") }
                if layout == .sweep { row.append(.text("failed: " + (outcome.failure ?? "no model"))) }
            }
            rows.append(row)
            fits.append(SweepResult.Fit(variant: job.variant, seed: job.seed, model: outcome.model, failure: outcome.failure))
        }
        let heldOut = task.map { " — scored at held-out \(data.lambdaName) = " + $0.lambdas.map(Value.format).joined(separator: ", ") } ?? ""
        let table: Table
        switch layout {
        case .compare:
            table = Table(title: "Ablations on \(data.source)\(heldOut)",
                          columns: ["variant", "fit time", "final dual"] + scoreNames.map { $0.uppercased() },
                          units: [nil, "s", nil] + scoreNames.map { _ in nil },
                          cells: rows, numericColumns: Set(1..<(3 + scoreNames.count)))
        case .sweep:
            let seeds = Array(Set(jobs.map(\.seed))).sorted().map(String.init).joined(separator: ", ")
            table = Table(title: "Sweep on \(data.source): \(jobs.count) fits, seeds \(seeds)\(place.map { " on \($0)" } ?? "")\(heldOut)",
                          columns: ["variant", "seed", "fit time", "final dual"] + scoreNames.map { $0.uppercased() } + ["status"],
                          units: [nil, nil, "s", nil] + scoreNames.map { _ in nil } + [nil],
                          cells: rows, numericColumns: Set(1..<(4 + scoreNames.count)))
        }
        return SweepResult(table: table, fits: fits)
    }
}
