import Foundation

/// Wall time spent in each phase of a fit, so benchmarks show where it goes.
struct PhaseTimer {
    private(set) var seconds: [String: Double] = [:]

    mutating func measure<T>(_ phase: String, _ body: () throws -> T) rethrows -> T {
        let start = Date()
        defer { seconds[phase, default: 0] += Date().timeIntervalSince(start) }
        return try body()
    }
}
