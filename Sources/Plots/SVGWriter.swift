/// Builds SVG text with fixed-precision numbers (no locale, so output is
/// byte-identical everywhere) and escaped text.
struct SVGWriter {
    private(set) var text = ""

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
        raw("<text x=\"\(SVGWriter.number(x))\" y=\"\(SVGWriter.number(y))\" font-size=\"\(SVGWriter.number(size))\" text-anchor=\"\(anchor)\" font-weight=\"\(weight)\" fill=\"\(fill)\"\(transform)>\(SVGWriter.escape(s))</text>")
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String = "#444", width: Double = 1) {
        raw("<line x1=\"\(SVGWriter.number(x1))\" y1=\"\(SVGWriter.number(y1))\" x2=\"\(SVGWriter.number(x2))\" y2=\"\(SVGWriter.number(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(SVGWriter.number(width))\"/>")
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, stroke: String = "none", rx: Double = 0) {
        raw("<rect x=\"\(SVGWriter.number(x))\" y=\"\(SVGWriter.number(y))\" width=\"\(SVGWriter.number(w))\" height=\"\(SVGWriter.number(h))\" rx=\"\(SVGWriter.number(rx))\" fill=\"\(fill)\" stroke=\"\(stroke)\"/>")
    }
}
