import Foundation

/// What a fit job prints to stdout, one JSON object a line: progress while it fits,
/// then a result or an error. The kernel reads them from Ray's logs endpoint.
public struct FitJobLine: Codable, Sendable, Equatable {
    public enum Event: String, Codable, Sendable { case progress, result, error }

    /// Marks the line as the job's own among whatever else the logs hold.
    public var hti: Event
    public var step: Int?
    public var total: Int?
    public var phase: String?
    /// Seconds left, estimated by the trainer.
    public var eta: Double?
    /// The share of the fit's work done (FitProgress.fraction); absent from older jobs' lines.
    public var fraction: Double?
    /// Result: the model's file, as the spec named it.
    public var model: String?
    public var fitSeconds: Double?
    /// Result: the last value of each loss.
    public var losses: [String: Double]?
    /// Error: why the fit failed, for the sweep's row.
    public var message: String?

    public init(_ event: Event) { hti = event }

    enum CodingKeys: String, CodingKey {
        case hti, step, total, phase, eta, fraction, model, losses, message
        case fitSeconds = "fit_seconds"
    }

    /// The line as the job prints it (compact JSON with sorted keys).
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? #"{"hti":"error"}"#
    }

    /// The job's lines in a log, in order; other lines (Ray's own, a stack trace) are skipped.
    public static func parse(log: String) -> [FitJobLine] {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return log.split(whereSeparator: \.isNewline).compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix(#"{"#), trimmed.contains(#""hti""#) else { return nil }
            return try? decoder.decode(FitJobLine.self, from: Data(trimmed.utf8))
        }
    }
}
