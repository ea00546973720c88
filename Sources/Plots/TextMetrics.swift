/// Text widths from Helvetica's published metrics (Arial and Liberation Sans, what
/// `font-family="Helvetica, Arial, sans-serif"` resolves to, share them), so text can be
/// measured before it is placed: titles shrink or wrap instead of clipping, axis labels
/// clear the tick labels, and a test can check that no two texts overlap.
enum TextMetrics {
    /// Ascent and descent as fractions of the font size (a little generous, so boxes cover the glyphs).
    static let ascent = 0.80, descent = 0.24

    /// Advance widths in 1/1000 em of ASCII 32…126, regular and bold.
    private static let regular: [Int] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    ]
    private static let bold: [Int] = [
        278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
        975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
        333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
        611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
    ]

    /// The width of `text` at `size` px. Characters outside ASCII (λ, θ, −, ·, …) come from
    /// a fallback font and are counted wide; every width carries a 4% margin.
    static func width(_ text: String, size: Double, bold isBold: Bool = false) -> Double {
        let table = isBold ? bold : regular
        var units = 0
        for scalar in text.unicodeScalars {
            let v = Int(scalar.value)
            units += (32...126).contains(v) ? table[v - 32] : 640
        }
        return Double(units) / 1000 * size * 1.04
    }
}

/// The box a text element covers on the canvas, in pixels.
struct TextBox: Equatable, Sendable {
    var minX: Double, minY: Double, maxX: Double, maxY: Double

    /// The box of `text` drawn at (x, y) with the given anchor; `rotated` is SVG's rotate(-90 x y).
    init(_ text: String, x: Double, y: Double, size: Double, anchor: String, bold: Bool, rotated: Bool) {
        let w = TextMetrics.width(text, size: size, bold: bold)
        let start = anchor == "middle" ? -w / 2 : anchor == "end" ? -w : 0
        let up = TextMetrics.ascent * size, down = TextMetrics.descent * size
        if rotated {  // (x + dx, y + dy) ↦ (x + dy, y − dx)
            minX = x - up; maxX = x + down; minY = y - start - w; maxY = y - start
        } else {
            minX = x + start; maxX = x + start + w; minY = y - up; maxY = y + down
        }
    }

    init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX; self.minY = minY; self.maxX = maxX; self.maxY = maxY
    }

    func overlaps(_ other: TextBox) -> Bool {
        minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
    }

    func inside(width: Double, height: Double) -> Bool {
        minX >= 0 && minY >= 0 && maxX <= width && maxY <= height
    }
}
