import Foundation

/// A snapshot of a running fit, reported at most ten times a second.
public struct FitProgress: Sendable, Equatable {
    public var step: Int
    public var totalSteps: Int
    /// Named losses at this step (e.g. "dual", "map", "metric", "path").
    public var losses: [String: Double]
    public var elapsed: TimeInterval
    /// Estimated time to finish, from the mean step time so far.
    public var remaining: TimeInterval?
    /// What the fit is doing now ("amortiser warm-up", "training").
    public var phase: String
    /// The share of the whole fit's work done, warm-up and final amortiser fit included.
    public var fraction: Double

    public init(step: Int, totalSteps: Int, losses: [String: Double], elapsed: TimeInterval,
                remaining: TimeInterval?, phase: String, fraction: Double? = nil) {
        self.step = step
        self.totalSteps = totalSteps
        self.losses = losses
        self.elapsed = elapsed
        self.remaining = remaining
        self.phase = phase
        self.fraction = fraction ?? (totalSteps == 0 ? 1 : Double(step) / Double(totalSteps))
    }
}

/// Where a fit's time goes, for an ETA that is honest from the first second: the
/// amortiser's steps (warm-up, refits, final fit), the training steps and the maps'
/// matching steps are timed apart, since one training step costs several amortiser
/// steps and a mean over both — what the bar used to show — promised hours after a long warm-up.
/// Every moment of the fit is charged to the event that ends it, so the sums are the elapsed time.
struct FitClock {
    /// A training step's cost in amortiser steps, until one has been timed: measured on
    /// the default semicircles fit (benchmarks/quality.md, 2026-11-27: 136 s for 2001
    /// training steps, 73 s for 4800 amortiser steps).
    static let trainingStepInAmortiserSteps = 4.5
    /// A matching step's cost in training steps, until one has been timed: about 5 s for 300
    /// matching steps against 30 s for 1001 training steps on the semicircles (2026-12-07).
    static let matchingStepInTrainingSteps = 0.5

    let started: Date
    let totalSteps: Int
    /// Amortiser and matching steps the whole schedule takes.
    let totalAmortiserSteps: Int, totalMatchingSteps: Int
    private(set) var amortiserSteps = 0, amortiserSeconds = 0.0
    private(set) var steps = 0, trainingSeconds = 0.0
    private(set) var matchingSteps = 0, matchingSeconds = 0.0
    private var mark: Date

    init(settings: FitSettings, started: Date) {
        self.started = started
        mark = started
        totalSteps = settings.steps
        let refits = max(0, settings.steps - 1) / settings.amortiserPeriod
        totalAmortiserSteps = settings.scheduledAmortiserInitialSteps + refits * settings.amortiserRefitSteps
            + settings.scheduledAmortiserFinalSteps
        totalMatchingSteps = settings.matching
    }

    var elapsed: Double { Date().timeIntervalSince(started) }

    private mutating func lap() -> Double {
        let now = Date()
        defer { mark = now }
        return now.timeIntervalSince(mark)
    }

    mutating func amortiserStepDone() {
        amortiserSeconds += lap()
        amortiserSteps += 1
    }

    mutating func trainingStepDone() {
        trainingSeconds += lap()
        steps += 1
    }

    mutating func matchingStepDone() {
        matchingSeconds += lap()
        matchingSteps += 1
    }

    /// Seconds per amortiser, training and matching step, measured (nil before the first).
    var amortiserRate: Double? { amortiserSteps > 0 ? amortiserSeconds / Double(amortiserSteps) : nil }
    var trainingRate: Double? { steps > 0 ? trainingSeconds / Double(steps) : nil }
    var matchingRate: Double? { matchingSteps > 0 ? matchingSeconds / Double(matchingSteps) : nil }

    /// Seconds the rest of the schedule needs: `steps` more training steps, then what is left
    /// of the matching and of the amortiser's schedule (for a time cap: whether another step still fits).
    func secondsFor(trainingSteps: Int, amortiserSteps: Int, matchingSteps: Int) -> Double? {
        guard let a = amortiserRate ?? trainingRate.map({ $0 / FitClock.trainingStepInAmortiserSteps }) else { return nil }
        let t = trainingRate ?? a * FitClock.trainingStepInAmortiserSteps
        let m = matchingRate ?? t * FitClock.matchingStepInTrainingSteps
        return Double(trainingSteps) * t + Double(amortiserSteps) * a + Double(matchingSteps) * m
    }

    /// The share of the work done and the seconds left.
    var estimate: (fraction: Double, remaining: Double?) {
        guard let left = secondsFor(trainingSteps: max(0, totalSteps - steps),
                                    amortiserSteps: max(0, totalAmortiserSteps - amortiserSteps),
                                    matchingSteps: max(0, totalMatchingSteps - matchingSteps)) else { return (0, nil) }
        let done = amortiserSeconds + trainingSeconds + matchingSeconds
        return (done + left > 0 ? done / (done + left) : 1, left)
    }
}

/// Calls its handler at most `rate` times a second, always delivering the final report.
public final class ProgressThrottle: @unchecked Sendable {
    private let handler: (FitProgress) -> Void
    private let interval: TimeInterval
    private var last = Date.distantPast
    private let lock = NSLock()

    public init(maximumRate: Double = 10, handler: @escaping (FitProgress) -> Void) {
        self.handler = handler
        interval = 1 / maximumRate
    }

    public func report(_ progress: FitProgress, force: Bool = false) {
        lock.lock()
        let now = Date()
        let due = force || now.timeIntervalSince(last) >= interval
        if due { last = now }
        lock.unlock()
        if due { handler(progress) }
    }
}
