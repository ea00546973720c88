import ArgumentParser
import Foundation
import HTI
import Workbench

/// `hti fit-job SPEC.json`: one fit of a sweep, as a Ray job runs it. Fits exactly as
/// `fit` does (the same trainer and settings), writes the model where the spec says,
/// and prints JSON lines on stdout — progress at most twice a second, then one result
/// line (or one error line and exit status 1) — which the kernel reads from the job's logs.
struct FitJobCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit-job",
        abstract: "Run one fit from a JSON spec written by `sweep … on=ray` (a cluster job's entrypoint); print progress and the result as JSON lines.")

    @Argument(help: "The fit's spec (JSON), in the sweep's folder of the store.") var spec: String

    func run() throws {
        // Ray reads the logs while the job runs: every line must leave at once.
        setvbuf(stdout, nil, _IOLBF, 0)
        let specURL = URL(fileURLWithPath: spec).standardizedFileURL
        do {
            let decoder = JSONDecoder()
            let fit = try decoder.decode(FitSpec.self, from: Data(contentsOf: specURL))
            guard fit.version == 1 else { throw JobFailure("\(spec) is a spec of version \(fit.version); this hti reads version 1") }
            fit.adoptBLASThreads()
            let dataURL = FitSpec.resolve(fit.data, besides: specURL)
            let marginals = try decoder.decode(FitData.self, from: Data(contentsOf: dataURL)).marginals()
            let throttle = ProgressThrottle(maximumRate: 2) { progress in
                var line = FitJobLine(.progress)
                line.step = progress.step
                line.total = progress.totalSteps
                line.phase = progress.phase
                line.eta = progress.remaining
                line.fraction = progress.fraction
                print(line.json)
            }
            let model = try Trainer(marginals: marginals, settings: fit.settings).fit(progress: { throttle.report($0) })
            let modelURL = FitSpec.resolve(fit.model, besides: specURL)
            try model.save(to: modelURL)
            var result = FitJobLine(.result)
            result.model = fit.model
            result.fitSeconds = model.fitSeconds
            result.losses = model.history.last
            print(result.json)
        } catch {
            var line = FitJobLine(.error)
            line.message = String(describing: error)
            print(line.json)
            throw ExitCode(1)
        }
    }

    /// A spec this binary cannot run.
    struct JobFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
