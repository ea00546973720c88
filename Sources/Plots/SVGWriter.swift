/// Builds SVG text with fixed-precision numbers (no locale, so output is
/// byte-identical everywhere) and escaped text.
struct SVGWriter {
    private(set) var text = ""
    /// Every text element's box, in drawing order (for layout checks).
    private(set) var boxes: [TextBox] = []
    /// Notes that belong under the figure (e.g. "showing 3,000 of 11,000 points"), not over the data.
    var notes: [String] = []
    /// Markers drawn and given, over the panels that were thinned.
    var thinned = (drawn: 0, total: 0)

    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var s = String(rounded)
        if s.contains("e") { s = "0" }
        return s
    }

    /// One decimal: enough for pixel positions inside dense shapes.
    static func short(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }

    mutating func raw(_ s: String) { text += s; text += "\n" }

    mutating func text(_ s: String, x: Double, y: Double, size: Double = 11, anchor: String = "middle",
                       weight: String = "normal", rotate: Bool = false, fill: String = "#222") {
        let transform = rotate ? " transform=\"rotate(-90 \(SVGWriter.number(x)) \(SVGWriter.number(y)))\"" : ""
        boxes.append(TextBox(s, x: x, y: y, size: size, anchor: anchor, bold: weight == "bold", rotated: rotate))
        raw("<text x=\"\(SVGWriter.number(x))\" y=\"\(SVGWriter.number(y))\" font-size=\"\(SVGWriter.number(size))\" text-anchor=\"\(anchor)\" font-weight=\"\(weight)\" fill=\"\(fill)\"\(transform)>\(SVGWriter.escape(s))</text>")
    }

    /// Appends another writer's output (its text, boxes and notes) after this one's.
    mutating func append(_ other: SVGWriter) {
        text += other.text
        boxes += other.boxes
        notes += other.notes
        thinned.drawn += other.thinned.drawn; thinned.total += other.thinned.total
    }

    /// `text` at the largest size from `size` down to `minimum` that fits `width`, cut with "…" if even that is too wide.
    static func fit(_ text: String, width: Double, size: Double, minimum: Double, bold: Bool) -> (text: String, size: Double) {
        var s = size
        while s > minimum && TextMetrics.width(text, size: s, bold: bold) > width { s = max(minimum, s - 0.5) }
        guard TextMetrics.width(text, size: s, bold: bold) > width else { return (text, s) }
        var characters = Array(text)
        while !characters.isEmpty && TextMetrics.width(String(characters) + "…", size: s, bold: bold) > width { characters.removeLast() }
        return (String(characters) + "…", s)
    }

    /// `text` broken at spaces into lines no wider than `width` (a word wider than that is cut with "…").
    static func wrap(_ text: String, width: Double, size: Double, bold: Bool) -> [String] {
        var lines: [String] = [], current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if TextMetrics.width(candidate, size: size, bold: bold) <= width || current.isEmpty {
                current = candidate
            } else {
                lines.append(current); current = word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.map { fit($0, width: width, size: size, minimum: size, bold: bold).text }
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String = "#444", width: Double = 1) {
        raw("<line x1=\"\(SVGWriter.number(x1))\" y1=\"\(SVGWriter.number(y1))\" x2=\"\(SVGWriter.number(x2))\" y2=\"\(SVGWriter.number(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(SVGWriter.number(width))\"/>")
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, stroke: String = "none", rx: Double = 0) {
        raw("<rect x=\"\(SVGWriter.number(x))\" y=\"\(SVGWriter.number(y))\" width=\"\(SVGWriter.number(w))\" height=\"\(SVGWriter.number(h))\" rx=\"\(SVGWriter.number(rx))\" fill=\"\(fill)\" stroke=\"\(stroke)\"/>")
    }
}
