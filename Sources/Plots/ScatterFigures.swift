extension Figure {
    /// Scatter of marginals, one panel per set (e.g. per condition class), colour = λ.
    public static func marginals(_ panels: [SampleSet], title: String, x: String, y: String, anchors: [Double],
                                 style: PlotStyle = PlotStyle()) -> Figure {
        scatter(panels, title: title, x: x, y: y, anchors: anchors, kind: "Marginals", referenceLabel: nil, style: style)
    }

    /// Scatter of samples (e.g. drawn at new λ), colour = λ, over the panels' reference points
    /// (named `referenceLabel` in the key) when they have them.
    public static func samples(_ panels: [SampleSet], title: String, x: String, y: String, anchors: [Double],
                               referenceLabel: String? = nil, style: PlotStyle = PlotStyle()) -> Figure {
        scatter(panels, title: title, x: x, y: y, anchors: anchors, kind: "Samples", referenceLabel: referenceLabel, style: style)
    }

    static let referenceColour = "#8c8c8c"

    private static func scatter(_ panels: [SampleSet], title: String, x: String, y: String, anchors: [Double], kind: String,
                                referenceLabel: String?, style: PlotStyle) -> Figure {
        var (scale, key) = Key.lambda(values: panels.flatMap(\.lambda), anchors: anchors, palette: style.palette)
        let total = panels.reduce(0) { $0 + $1.x.count }
        let lambdas = ColourScale.distinct(panels.flatMap(\.lambda)).count
        let hasReference = panels.contains { $0.reference != nil }
        var notes: [String] = []
        if hasReference {
            let label = referenceLabel ?? "reference"
            if case .legend(let title, var entries, let note) = key {
                entries.append(LegendEntry(label: label, colour: referenceColour, shape: .marker, opacity: 0.6))
                key = .legend(title: title, entries: entries, note: note)
            } else {
                notes.append("Grey points: \(label).")
            }
        }
        let contents = panels.map { set in
            Content(title: set.title, xs: set.x + (set.reference?.x ?? []), ys: set.y + (set.reference?.y ?? [])) { w, panel in
                if let reference = set.reference {
                    markers(&w, panel, x: reference.x, y: reference.y, value: [], scale: scale, radius: (style.markerSize ?? 2) * 0.9,
                            opacity: 0.35, colour: referenceColour)
                }
                markers(&w, panel, x: set.x, y: set.y, value: set.lambda, scale: scale, radius: style.markerSize ?? 2,
                        opacity: style.alpha ?? 0.75)
            }
        }
        let over = hasReference ? " over \(referenceLabel ?? "reference points")" : ""
        return compose(title: title, description: "\(kind): \(total) points at \(lambdas) λ values in \(panels.count) panel(s)\(over), \(x) against \(y)",
                       panels: contents, x: x, y: y, key: key, style: style, extraNotes: notes)
    }

    /// One-dimensional values against λ, points coloured by λ.
    public static func strip(_ sets: [ValueSet], title: String, value: String, anchors: [Double], style: PlotStyle = PlotStyle()) -> Figure {
        let lambdas = sets.flatMap(\.lambda), values = sets.flatMap(\.value)
        let (scale, key) = Key.lambda(values: lambdas, anchors: anchors, palette: style.palette)
        let content = Content(title: value, xs: lambdas, ys: values) { w, panel in
            markers(&w, panel, x: lambdas, y: values, value: lambdas, scale: scale, radius: style.markerSize ?? 2,
                    opacity: style.alpha ?? 0.6)
        }
        var style = style
        style.limits = nil  // the data box is in output units; this figure's x axis is λ
        return compose(title: title, description: "Strip: \(values.count) values of \(value) against λ", panels: [content],
                       x: "λ", y: value, key: key, style: style, equalAspect: false)
    }
}
