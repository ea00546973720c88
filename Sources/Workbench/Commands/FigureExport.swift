import Foundation
import Plots

/// Writes a figure as SVG, or as PNG or PDF through librsvg's `rsvg-convert` (a maintained
/// converter that renders these SVGs faithfully); `save p "fig.png"` calls this.
enum FigureExport {
    enum Failure: Error, CustomStringConvertible, Equatable {
        case unsupported(String)
        case converterMissing(format: String)
        case conversionFailed(format: String, status: Int32, message: String)

        var description: String {
            switch self {
            case .unsupported(let ext): return "a plot saves as .svg, .png or .pdf, not .\(ext)"
            case .converterMissing(let format):
                return "saving a plot as .\(format) needs rsvg-convert (librsvg; `apt-get install librsvg2-bin` or `brew install librsvg`), which is not installed; save it as .svg instead"
            case .conversionFailed(let format, let status, let message):
                return "rsvg-convert could not write the .\(format) (exit status \(status))" + (message.isEmpty ? "" : ": \(message)")
            }
        }
    }

    /// PNGs are rendered at twice the figure's size, sharp on high-density screens and in print.
    static let pngScale = 2

    /// Where rsvg-convert is: on PATH, or in the usual install folders.
    static func converter(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        let folders = (environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"]
        return folders.lazy.map { URL(fileURLWithPath: $0).appendingPathComponent("rsvg-convert") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// The bytes of `figure` in the format `url`'s extension names (svg, png or pdf).
    static func data(figure: Figure, format: String, converter: URL? = FigureExport.converter()) throws -> Data {
        let format = format.lowercased()
        if format == "svg" { return Data(figure.svg.utf8) }
        guard format == "png" || format == "pdf" else { throw Failure.unsupported(format) }
        guard let converter else { throw Failure.converterMissing(format: format) }
        let process = Process()
        process.executableURL = converter
        var arguments = ["--format", format]
        if format == "png" { arguments += ["--zoom", String(pngScale)] }
        process.arguments = arguments
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input; process.standardOutput = output; process.standardError = errors
        try process.run()
        // Written from another thread so a large output cannot fill its pipe while the input is still being written.
        let svg = Data(figure.svg.utf8)
        let writer = Thread { input.fileHandleForWriting.write(svg); try? input.fileHandleForWriting.close() }
        writer.start()
        let result = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, !result.isEmpty else {
            throw Failure.conversionFailed(format: format, status: process.terminationStatus,
                                           message: message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return result
    }
}
