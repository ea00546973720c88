import Foundation
@testable import Plots

/// Reads a figure's text elements back out of its SVG and checks them the way a reader would:
/// every text inside the canvas, none overlapping another, none under 10 px at 900 px width.
enum TextLayout {
    struct Element { var text: String; var box: TextBox; var size: Double }

    /// The canvas size from the root element.
    static func canvas(_ svg: String) -> (width: Double, height: Double) {
        func attribute(_ name: String) -> Double {
            guard let range = svg.range(of: " \(name)=\"") else { return 0 }
            return Double(svg[range.upperBound...].prefix { $0 != "\"" }) ?? 0
        }
        return (attribute("width"), attribute("height"))
    }

    /// Every `<text …>…</text>`, with its box from the text metrics and its attributes.
    static func elements(_ svg: String) -> [Element] {
        var out: [Element] = []
        var animatedPlaces = Set<String>()
        var rest = svg[...]
        while let open = rest.range(of: "<text ") {
            guard let close = rest[open.upperBound...].range(of: "</text>"),
                  let tagEnd = rest[open.upperBound..<close.lowerBound].firstIndex(of: ">") else { break }
            let tag = String(rest[open.upperBound..<tagEnd])
            var inner = String(rest[rest.index(after: tagEnd)..<close.lowerBound])
            // An animated label (the λ readout of `plot m animate`): its labels share a place and show one at a time,
            // so its box is the text before the animation element, counted once.
            let animated = inner.contains("<animate")
            if let animation = inner.range(of: "<animate") { inner = String(inner[..<animation.lowerBound]) }
            let content = unescape(inner)
            if animated && !animatedPlaces.insert((attribute("x") ?? "") + "," + (attribute("y") ?? "")).inserted {
                rest = rest[close.upperBound...]
                continue
            }
            func attribute(_ name: String) -> String? {
                guard let r = tag.range(of: "\(name)=\"") else { return nil }
                return String(tag[r.upperBound...].prefix { $0 != "\"" })
            }
            let size = Double(attribute("font-size") ?? "") ?? 0
            let box = TextBox(content, x: Double(attribute("x") ?? "") ?? 0, y: Double(attribute("y") ?? "") ?? 0, size: size,
                              anchor: attribute("text-anchor") ?? "start", bold: attribute("font-weight") == "bold",
                              rotated: attribute("transform")?.hasPrefix("rotate(-90") == true)
            out.append(Element(text: content, box: box, size: size))
            rest = rest[close.upperBound...]
        }
        return out
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// What is wrong with the figure's text, one line per problem (empty: nothing).
    static func problems(_ svg: String, renderedWidth: Double = 900) -> [String] {
        let (width, height) = canvas(svg)
        let texts = elements(svg)
        var problems: [String] = []
        let scale = renderedWidth / max(width, 1)
        for t in texts {
            if !t.box.inside(width: width, height: height) { problems.append("“\(t.text)” leaves the \(width)×\(height) canvas: \(t.box)") }
            if t.size * scale < 10 - 1e-9 { problems.append("“\(t.text)” is \(t.size * scale) px at \(renderedWidth) px width") }
        }
        for i in texts.indices {
            for j in texts.indices where j > i && texts[i].box.overlaps(texts[j].box) {
                problems.append("“\(texts[i].text)” overlaps “\(texts[j].text)”")
            }
        }
        return problems
    }

    /// Renders the SVG to PNG at `width` px with rsvg-convert; nil when rsvg-convert is not installed.
    static func renderPNG(_ svg: String, width: Int = 900) throws -> Data? {
        let candidates = ["/usr/bin/rsvg-convert", "/usr/local/bin/rsvg-convert", "/opt/homebrew/bin/rsvg-convert"]
        guard let tool = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plots-render-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("figure.svg"), output = folder.appendingPathComponent("figure.png")
        try svg.write(to: input, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-w", String(width), input.path, "-o", output.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return Data() }
        return try Data(contentsOf: output)
    }
}
