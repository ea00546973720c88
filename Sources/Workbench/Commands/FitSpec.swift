import CBLAS
import Foundation
import HTI

/// One fit to run as a cluster job (`hti fit-job SPEC.json`): the settings, where
/// the training data lies and where the model goes. Written by `sweep … on=ray`
/// into the sweep's folder of the store, which every node can read.
public struct FitSpec: Codable, Sendable, Equatable {
    /// The format of this file; a job refuses specs it does not know.
    public var version: Int = 1
    /// What the progress display and results call this fit (`K_θ−Û seed 2`).
    public var label: String
    public var settings: FitSettings
    /// The training marginals (`FitData`), as an absolute path or relative to the spec's folder.
    public var data: String
    /// Where the job writes its `.htimodel`, as an absolute path or relative to the spec's folder.
    public var model: String
    /// OpenBLAS threads of the kernel that wrote the spec: the job uses as many, since the
    /// number of threads changes the last bits of some sums and so the model.
    public var blasThreads: Int

    public init(label: String, settings: FitSettings, data: String, model: String, blasThreads: Int = FitSpec.currentBLASThreads) {
        self.label = label
        self.settings = settings
        self.data = data
        self.model = model
        self.blasThreads = blasThreads
    }

    /// The OpenBLAS threads this process uses.
    public static var currentBLASThreads: Int { Int(openblas_get_num_threads()) }

    /// Makes this process use `blasThreads` OpenBLAS threads (a fit job, before it fits).
    public func adoptBLASThreads() {
        if blasThreads >= 1 { openblas_set_num_threads(Int32(blasThreads)) }
    }

    /// A path of the spec (`data`, `model`) as a URL, resolved against the spec file's folder.
    public static func resolve(_ path: String, besides spec: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : spec.deletingLastPathComponent().appendingPathComponent(path)
    }
}

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
    /// Result: the model's file, as the spec named it.
    public var model: String?
    public var fitSeconds: Double?
    /// Result: the last value of each loss.
    public var losses: [String: Double]?
    /// Error: why the fit failed, for the sweep's row.
    public var message: String?

    public init(_ event: Event) { hti = event }

    enum CodingKeys: String, CodingKey {
        case hti, step, total, phase, eta, model, losses, message
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
