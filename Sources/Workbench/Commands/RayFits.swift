import Foundation
import HTI

/// Runs a sweep's fits as Ray jobs, one job a fit, through the Jobs REST API.
/// Each job runs `hti fit-job SPEC.json` on a node that has `hti` on its PATH;
/// the spec, the training data and the model live in the sweep's folder of the
/// store, which every node must reach (a shared file system). The kernel polls
/// each job's status and logs (progress lines), reads each model back when its
/// job succeeds, resubmits failed jobs up to `retries` times, and on an
/// interrupt stops every job it started before giving up the cell.
struct RayFits {
    let client: RayJobsClient
    /// The store (absolute); the sweep writes into a new folder under it.
    let store: URL
    let retries: Int
    /// CPUs Ray reserves for each job (the fit's entrypoint).
    let cpus: Double
    /// Seconds between polls.
    var pollInterval: TimeInterval = 0.5
    /// Seconds to wait for stopped jobs to say so after an interrupt.
    var stopWait: TimeInterval = 5

    /// One job's bookkeeping while the sweep runs.
    private struct Slot {
        var submissionID = ""
        var attempt = 0
        var status: RayJobsClient.JobStatus = .pending
        var outcome: Sweep.Outcome?
    }

    /// Asks the dashboard for its version: a wrong address fails here, naming it, before anything is written or submitted.
    func checkReachable() throws {
        do { _ = try client.version() } catch let error as RayJobsClient.RayError {
            throw WorkbenchError(.failed, error.description + " — start a head with `ray start --head` or give cluster=\"http://HEAD:8265\"",
                                 command: "sweep")
        }
    }

    func run(_ sweep: Sweep, view: SweepProgressView, context: CommandContext) throws -> [Sweep.Outcome] {
        let address = client.address.absoluteString
        let sweepID = "sweep-" + Self.stamp()
        let folder = store.appendingPathComponent(sweepID)
        let specs = try write(sweep, into: folder)
        var slots = sweep.jobs.map { _ in Slot() }
        let cancellation = context.cancellation

        /// Stops every unfinished job and waits a little for Ray to confirm.
        func stopAll() -> Int {
            let running = slots.indices.filter { slots[$0].attempt > 0 && !slots[$0].status.isFinished }
            for index in running { _ = try? client.stop(slots[index].submissionID) }
            let deadline = Date().addingTimeInterval(stopWait)
            var waiting = running
            while !waiting.isEmpty, Date() < deadline {
                waiting = waiting.filter { index in
                    guard let info = try? client.info(slots[index].submissionID) else { return true }
                    slots[index].status = info.status
                    return !info.status.isFinished
                }
                if !waiting.isEmpty { Thread.sleep(forTimeInterval: 0.2) }
            }
            for index in running { view.set(index, .stopped) }
            return running.count
        }

        func submit(_ index: Int) throws {
            slots[index].attempt += 1
            let attempt = slots[index].attempt
            let id = "hti-\(sweepID)-\(index)-\(attempt)"
            slots[index].submissionID = id
            slots[index].status = .pending
            let entrypoint = "hti fit-job " + RayJobsClient.shellQuoted(specs[index].path)
            try client.submit(entrypoint: entrypoint, submissionID: id, cpus: cpus, environment: [:],
                              metadata: ["hti_sweep": sweepID, "hti_fit": sweep.jobs[index].label])
            view.set(index, .submitted(attempt: attempt))
        }

        do {
            for index in slots.indices {
                if cancellation.isCancelled { throw CancellationError() }
                try submit(index)
            }
            var unreachableSince: Date?
            while slots.contains(where: { $0.outcome == nil }) {
                if cancellation.isCancelled { throw CancellationError() }
                do {
                    for index in slots.indices where slots[index].outcome == nil {
                        if cancellation.isCancelled { throw CancellationError() }
                        if try poll(index, &slots[index], sweep: sweep, specs: specs, view: view) { try submit(index) }
                    }
                    unreachableSince = nil
                } catch let error as RayJobsClient.RayError where error.unreachable {
                    // A head that stays away for half a minute ends the sweep; a blip does not.
                    let since = unreachableSince ?? Date()
                    unreachableSince = since
                    if Date().timeIntervalSince(since) > 30 { throw error }
                }
                Thread.sleep(forTimeInterval: pollInterval)
            }
        } catch is CancellationError {
            let stopped = stopAll()
            view.finish("sweep: interrupted — stopped \(stopped) job\(stopped == 1 ? "" : "s") on \(address)")
            throw CancellationError()
        } catch let error as RayJobsClient.RayError {
            let stopped = stopAll()
            view.finish("sweep: failed — stopped \(stopped) job\(stopped == 1 ? "" : "s")")
            throw WorkbenchError(.failed, error.description, command: "sweep")
        }
        let failed = slots.filter { $0.outcome?.model == nil }.count
        view.finish("sweep: \(slots.count - failed) of \(slots.count) fits done on \(address)" + (failed > 0 ? ", \(failed) failed" : "")
                    + "; models in \(folder.path)")
        return slots.map { $0.outcome ?? .failed("no result") }
    }

    /// One look at one job: its status, then progress or its model; true when it failed
    /// and has attempts left, to be submitted again.
    private func poll(_ index: Int, _ slot: inout Slot, sweep: Sweep, specs: [URL], view: SweepProgressView) throws -> Bool {
        let info = try client.info(slot.submissionID)
        slot.status = info.status
        switch info.status {
        case .pending:
            return false
        case .running:
            let lines = FitJobLine.parse(log: try client.logs(slot.submissionID))
            if let last = lines.last(where: { $0.hti == .progress }) {
                view.set(index, .running(step: last.step ?? 0, total: last.total ?? sweep.jobs[index].settings.steps,
                                         phase: last.phase ?? "training", eta: last.eta, done: last.fraction))
            } else {
                view.set(index, .running(step: 0, total: sweep.jobs[index].settings.steps, phase: "starting", eta: nil, done: nil))
            }
            return false
        case .succeeded:
            let lines = FitJobLine.parse(log: (try? client.logs(slot.submissionID)) ?? "")
            let modelPath = lines.last(where: { $0.hti == .result })?.model ?? ""
            let url = FitSpec.resolve(modelPath.isEmpty ? Self.modelName(index, sweep.jobs[index]) : modelPath, besides: specs[index])
            do {
                let model = try HTIModel.load(from: url)
                view.set(index, .done(seconds: model.fitSeconds))
                slot.outcome = Sweep.Outcome(model: model)
            } catch {
                let reason = "its model \(url.path) cannot be read here (\(error)) — is the store shared by every node?"
                view.set(index, .failed(reason))
                slot.outcome = .failed(reason)
            }
            return false
        case .failed, .stopped:
            let lines = FitJobLine.parse(log: (try? client.logs(slot.submissionID)) ?? "")
            var reason = lines.last(where: { $0.hti == .error })?.message
                ?? (info.status == .stopped ? "stopped on the cluster" : Self.firstLine(info.message) ?? "the job failed")
            if info.status == .stopped { reason = "stopped on the cluster" + (reason == "stopped on the cluster" ? "" : " (\(reason))") }
            if slot.attempt <= retries {
                view.set(index, .retrying(attempt: slot.attempt + 1, reason: reason))
                return true
            }
            view.set(index, .failed(reason))
            slot.outcome = .failed(reason)
            return false
        }
    }

    /// Writes the training data once and one spec per job; returns the specs' paths.
    private func write(_ sweep: Sweep, into folder: URL) throws -> [URL] {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try encoder.encode(FitData(sweep.training)).write(to: folder.appendingPathComponent("data.json"), options: .atomic)
            return try sweep.jobs.enumerated().map { index, job in
                let spec = FitSpec(label: job.label, settings: job.settings, data: "data.json", model: Self.modelName(index, job))
                let url = folder.appendingPathComponent("fit-\(index).json")
                try encoder.encode(spec).write(to: url, options: .atomic)
                return url
            }
        } catch {
            throw WorkbenchError(.file, "cannot write the sweep's files into the store \(folder.path): \(error.localizedDescription)",
                                 command: "sweep")
        }
    }

    /// `3-ktheta-seed2.htimodel`: the job's index, its variant as typed, its seed.
    static func modelName(_ index: Int, _ job: Sweep.Job) -> String {
        "\(index)-\(SweepResult.typeable(job.variant))-seed\(job.seed).htimodel"
    }

    static func firstLine(_ text: String?) -> String? {
        guard let line = text?.split(whereSeparator: \.isNewline).first else { return nil }
        return line.count > 200 ? String(line.prefix(199)) + "…" : String(line)
    }

    /// A sortable, unique-enough name: UTC time and a random suffix.
    static func stamp() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: Date()) + "-" + String(UUID().uuidString.prefix(6)).lowercased()
    }
}
