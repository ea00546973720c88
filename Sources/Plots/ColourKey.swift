/// How values become colours: positions on a continuous map, or one colour per
/// value for a few discrete λ.
struct ColourScale {
    enum Kind {
        case continuous(ClosedRange<Double>)
        case discrete(values: [Double], colours: [String])
    }

    let kind: Kind
    let palette: Palette

    func colour(_ value: Double) -> String {
        switch kind {
        case .continuous(let range):
            // Quantised to 64 levels so markers group into a few elements.
            let t = (min(1, max(0, ColourScale.fraction(value, range))) * 63).rounded() / 63
            return palette.continuous(t)
        case .discrete(let values, let colours):
            guard let nearest = values.indices.min(by: { abs(values[$0] - value) < abs(values[$1] - value) }) else { return "#444444" }
            return colours[nearest]
        }
    }

    static func fraction(_ value: Double, _ range: ClosedRange<Double>) -> Double {
        let span = range.upperBound - range.lowerBound
        return span > 0 ? (value - range.lowerBound) / span : 0.5
    }

    static func range(_ values: [Double]) -> ClosedRange<Double> {
        let finite = values.filter { $0.isFinite }
        guard let lo = finite.min(), let hi = finite.max() else { return 0...1 }
        return lo...max(hi, lo)
    }

    /// Sorted distinct finite values (equal to within 1e-12 counted once).
    static func distinct(_ values: [Double]) -> [Double] {
        var out: [Double] = []
        for v in values.filter(\.isFinite).sorted() where out.last.map({ abs($0 - v) > 1e-12 * max(1, abs(v)) }) ?? true { out.append(v) }
        return out
    }
}

/// One row of a legend.
struct LegendEntry {
    enum Shape { case marker, line, swatch }
    var label: String, colour: String, shape: Shape
    var opacity = 1.0
}

/// What explains the colours: a continuous bar, a legend of named colours, or nothing.
enum Key {
    case bar(label: String, range: ClosedRange<Double>, ticks: [Double], marks: [Double])
    case legend(title: String?, entries: [LegendEntry], note: String?)
    case none

    /// Discrete λ get a legend (one swatch per value) up to this many values; more get a bar.
    static let discreteLimit = 5

    /// The colours and key for points at λ `values` (and, for paths, λ varying continuously):
    /// a legend of each λ when there are few of them, else a bar whose ticks are the anchors
    /// when there are few of those; anchors outside `values` are named in the legend's note.
    static func lambda(values: [Double], anchors: [Double], palette: Palette, continuous: Bool = false) -> (ColourScale, Key) {
        let distinct = ColourScale.distinct(values)
        let full = ColourScale.range(values + anchors)
        if !continuous && (1...discreteLimit).contains(distinct.count) {
            let colours = distinct.enumerated().map { k, v in
                palette == .categorical ? OkabeIto.hex(k) : palette.continuous(distinct.count == 1 && anchors.count < 2 ? 0.5 : ColourScale.fraction(v, full))
            }
            let labels = Ticks.labels(distinct)
            let others = ColourScale.distinct(anchors).filter { a in !distinct.contains { abs($0 - a) <= 1e-12 * max(1, abs(a)) } }
            let note = others.isEmpty ? nil : "anchors: " + Ticks.labels(ColourScale.distinct(anchors)).joined(separator: ", ")
            return (ColourScale(kind: .discrete(values: distinct, colours: colours), palette: palette),
                    .legend(title: "λ", entries: zip(labels, colours).map { LegendEntry(label: $0, colour: $1, shape: .marker) }, note: note))
        }
        let named = ColourScale.distinct(anchors + (!continuous && distinct.count <= discreteLimit ? distinct : []))
        let ticks = (2...6).contains(named.count) ? named : Ticks.nice(full.lowerBound, full.upperBound, target: 4)
        return (ColourScale(kind: .continuous(full), palette: palette == .categorical ? .viridis : palette),
                .bar(label: "λ", range: full, ticks: ticks, marks: anchors))
    }

    /// Width the key needs to the right of the panels: at least a fixed minimum, so that figures of one
    /// data set with different keys still get panels of the same size (and the same axes).
    func width(_ sizes: TextSizes) -> Double {
        if case .none = self { return 0 }
        return max(130 * sizes.legend / 11.5, measuredWidth(sizes))
    }

    private func measuredWidth(_ sizes: TextSizes) -> Double {
        switch self {
        case .none: return 0
        case .bar(let label, let range, let ticks, _):
            let labels = Key.barLabels(ticks, range)
            let widest = labels.map { TextMetrics.width($0, size: sizes.tick) }.max() ?? 0
            return max(12 + 16 + 6 + widest, TextMetrics.width(label, size: sizes.legend, bold: true) + 8) + 14
        case .legend(let title, let entries, let note):
            let widest = entries.map { TextMetrics.width($0.label, size: sizes.legend) + 22 }.max() ?? 0
            let titleWidth = title.map { TextMetrics.width($0, size: sizes.legend, bold: true) } ?? 0
            let noteWidth = note.map { _ in 110.0 * sizes.note / 10.5 } ?? 0  // notes wrap to this width
            return max(widest, titleWidth, noteWidth) + 18
        }
    }

    static func barLabels(_ ticks: [Double], _ range: ClosedRange<Double>) -> [String] {
        let nice = Ticks.nice(range.lowerBound, range.upperBound, target: 4)
        let step = ticks == nice && nice.count > 1 ? nice[1] - nice[0] : nil
        return Ticks.labels(ticks, step: step)
    }

    func draw(_ w: inout SVGWriter, x: Double, y: Double, height: Double, sizes: TextSizes, palette: Palette) {
        switch self {
        case .none: return
        case .bar(let label, let range, let ticks, let marks):
            let steps = 48, barWidth = 16.0, left = x + 12
            let map = palette == .categorical ? Palette.viridis : palette
            for k in 0..<steps {
                let t = 1 - (Double(k) + 0.5) / Double(steps)
                w.rect(left, y + height * Double(k) / Double(steps), barWidth, height / Double(steps) + 0.5, fill: map.continuous(t))
            }
            w.rect(left, y, barWidth, height, fill: "none", stroke: "#888")
            let labels = Key.barLabels(ticks, range)
            let placed = Key.spread(ticks.map { y + height * (1 - ColourScale.fraction($0, range)) }, gap: sizes.tick + 1,
                                    within: (y - sizes.tick / 2)...(y + height + sizes.tick / 2))
            for (k, t) in ticks.enumerated() where range.contains(t) {
                let ty = y + height * (1 - ColourScale.fraction(t, range))
                w.line(left + barWidth, ty, left + barWidth + 4, ty)
                w.text(labels[k], x: left + barWidth + 6, y: placed[k] + sizes.tick * 0.35, size: sizes.tick, anchor: "start")
            }
            for m in marks where range.contains(m) {  // anchors: small triangles pointing at the bar
                let ty = y + height * (1 - ColourScale.fraction(m, range))
                w.raw("<path d=\"M\(SVGWriter.number(left - 8)) \(SVGWriter.number(ty - 4))L\(SVGWriter.number(left - 1)) \(SVGWriter.number(ty))L\(SVGWriter.number(left - 8)) \(SVGWriter.number(ty + 4))Z\" fill=\"#222\"><title>anchor</title></path>")
            }
            w.text(label, x: left + barWidth / 2, y: y - 8, size: sizes.legend, weight: "bold")
        case .legend(let title, let entries, let note):
            var row = y + sizes.legend
            if let title {
                w.text(title, x: x, y: row, size: sizes.legend, anchor: "start", weight: "bold")
                row += sizes.legend * 1.6
            }
            for entry in entries {
                let cy = row - sizes.legend * 0.35
                switch entry.shape {
                case .marker: w.raw("<circle cx=\"\(SVGWriter.number(x + 6))\" cy=\"\(SVGWriter.number(cy))\" r=\"5\" fill=\"\(entry.colour)\" fill-opacity=\"\(SVGWriter.number(entry.opacity))\"/>")
                case .line: w.line(x, cy, x + 14, cy, stroke: entry.colour, width: 2)
                case .swatch: w.rect(x, cy - 5, 14, 10, fill: entry.colour)
                }
                w.text(entry.label, x: x + 20, y: row, size: sizes.legend, anchor: "start")
                row += sizes.legend * 1.6
            }
            if let note {
                for line in SVGWriter.wrap(note, width: 110 * sizes.note / 10.5, size: sizes.note, bold: false) {
                    row += 2
                    w.text(line, x: x, y: row, size: sizes.note, anchor: "start", fill: "#555")
                    row += sizes.note * 1.3
                }
            }
        }
    }

    /// Positions as close to `wanted` as possible with at least `gap` between neighbours (labels of close ticks).
    static func spread(_ wanted: [Double], gap: Double, within bounds: ClosedRange<Double>) -> [Double] {
        let order = wanted.indices.sorted { wanted[$0] < wanted[$1] }
        var placed = wanted
        var previous = -Double.infinity
        for i in order {
            placed[i] = max(wanted[i], previous + gap, bounds.lowerBound)
            previous = placed[i]
        }
        var next = Double.infinity  // pushed past the bottom: slide back up
        for i in order.reversed() {
            placed[i] = min(placed[i], next - gap, bounds.upperBound)
            next = placed[i]
        }
        return placed
    }
}
