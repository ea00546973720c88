import Foundation

/// One benchmark result: a name, the median seconds of one repetition, and
/// extra numeric fields (e.g. `gflops`, `batch`). Printed as one JSON object per
/// line by `hti bench core`.
public struct BenchmarkRecord: Sendable, Equatable {
    /// Benchmark name, e.g. `"metric_step"`.
    public var name: String
    /// Median wall-clock seconds of one repetition.
    public var seconds: Double
    /// Extra fields in output order.
    public var extra: [(String, Double)]

    /// Creates a record.
    public init(name: String, seconds: Double, extra: [(String, Double)] = []) {
        self.name = name; self.seconds = seconds; self.extra = extra
    }

    /// The record as a single-line JSON object: `{"name":…,"seconds":…,…}`.
    public var jsonLine: String {
        func number(_ v: Double) -> String {
            v.isFinite ? (v == v.rounded() && Swift.abs(v) < 1e15 ? String(Int64(v)) : String(format: "%.6g", v)) : "null"
        }
        let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        var parts = ["\"name\":\"\(escaped)\"", "\"seconds\":\(String(format: "%.6g", seconds))"]
        parts += extra.map { "\"\($0.0)\":\(number($0.1))" }
        return "{" + parts.joined(separator: ",") + "}"
    }

    public static func == (a: BenchmarkRecord, b: BenchmarkRecord) -> Bool {
        a.name == b.name && a.seconds == b.seconds && a.extra.map(\.0) == b.extra.map(\.0) && a.extra.map(\.1) == b.extra.map(\.1)
    }
}
