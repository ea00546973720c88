/// How a figure is drawn, independent of what it shows: the options `plot` takes
/// (`aspect=`, `alpha=`, `size=`, `palette=`, `width=`, `height=`) and the axis limits
/// shared by every figure of one data set.
public struct PlotStyle: Sendable, Equatable {
    public enum Aspect: String, Sendable, CaseIterable {
        /// One unit is as long on x as on y: circles stay round, metric ellipses undistorted.
        case equal
        /// Each axis fills its panel.
        case auto
    }

    public var aspect: Aspect
    public var palette: Palette
    /// Marker opacity in (0, 1]; nil: each view's own default.
    public var alpha: Double?
    /// Marker radius in px; nil: each view's own default.
    public var markerSize: Double?
    /// Figure width in px. The default fits a notebook column (about 900 px) without scaling,
    /// so every text keeps its size (at least 10 px); wider figures scale their text up.
    public var width: Double
    /// Figure height in px; nil: from the panels' aspect.
    public var height: Double?
    /// Data limits every panel covers at least (e.g. the data set's box, so that its
    /// marginals, samples and trajectories share axes); nil: the points drawn.
    public var limits: AxisLimits?

    public static let notebookWidth = 860.0

    public init(aspect: Aspect = .auto, palette: Palette = .viridis, alpha: Double? = nil, markerSize: Double? = nil,
                width: Double = PlotStyle.notebookWidth, height: Double? = nil, limits: AxisLimits? = nil) {
        self.aspect = aspect
        self.palette = palette
        self.alpha = alpha
        self.markerSize = markerSize
        self.width = width
        self.height = height
        self.limits = limits
    }

    /// Text sizes grow with figures wider than 900 px, which a notebook shrinks to its column.
    var textScale: Double { max(1, width / 900) }
}

/// The x and y data ranges a figure's panels cover at least.
public struct AxisLimits: Sendable, Equatable {
    public var x: ClosedRange<Double>, y: ClosedRange<Double>
    public init(x: ClosedRange<Double>, y: ClosedRange<Double>) { self.x = x; self.y = y }
}

/// The text sizes of one figure, in px.
struct TextSizes {
    let title, panelTitle, axisLabel, tick, legend, note, minimum: Double

    init(scale: Double) {
        title = 15 * scale; panelTitle = 12.5 * scale; axisLabel = 12 * scale; tick = 11 * scale
        legend = 11.5 * scale; note = 10.5 * scale; minimum = 10.5 * scale
    }
}
