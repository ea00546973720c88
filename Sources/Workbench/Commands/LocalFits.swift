import Foundation
import HTI

/// Runs a sweep's fits here, one after another, as `fit` would (the same trainer,
/// so a seed gives the same model as `fit … seed=` and as a cluster job).
enum LocalFits {
    /// With a sweep display, a failed fit fails its row; without one (`compare`) every fit
    /// shows `fit`'s own progress bar and a failure fails the command, as it always has.
    /// An interrupt stops the running fit and throws `Interrupted` (the session is unchanged).
    static func run(_ sweep: Sweep, view: SweepProgressView?, label: String, context: CommandContext) throws -> [Sweep.Outcome] {
        guard let view else {
            return try sweep.jobs.map { job in
                Sweep.Outcome(model: try ModelCommands.train(sweep.training, job.settings, context: context, label: "\(label) \(job.variant)"))
            }
        }
        let cancellation = context.cancellation
        var outcomes: [Sweep.Outcome] = []
        for (index, job) in sweep.jobs.enumerated() {
            view.set(index, .running(step: 0, total: job.settings.steps, phase: "starting", eta: nil, done: nil))
            do {
                let model = try Trainer(marginals: sweep.training, settings: job.settings)
                    .fit(progress: { view.update(index, $0) }, isCancelled: { cancellation.isCancelled })
                view.set(index, .done(seconds: model.fitSeconds))
                outcomes.append(Sweep.Outcome(model: model))
            } catch is CancellationError {
                view.set(index, .stopped)
                view.finish("\(label): interrupted")
                throw CancellationError()
            } catch let error as FitError {
                view.set(index, .failed(error.description))
                outcomes.append(.failed(error.description))
            }
        }
        return outcomes
    }
}
