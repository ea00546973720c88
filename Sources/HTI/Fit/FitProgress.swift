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

    public init(step: Int, totalSteps: Int, losses: [String: Double], elapsed: TimeInterval,
                remaining: TimeInterval?, phase: String) {
        self.step = step
        self.totalSteps = totalSteps
        self.losses = losses
        self.elapsed = elapsed
        self.remaining = remaining
        self.phase = phase
    }

    public var fraction: Double { totalSteps == 0 ? 1 : Double(step) / Double(totalSteps) }
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
