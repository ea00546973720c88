/// Where a command can show a live view: a kernel's widgets, or a headless notebook run
/// that records their state. The session asks for "a slider bound to this drawing" and
/// never sees comms or widget models; the `Jupyter` module builds them.
public protocol LiveViews: AnyObject {
    /// Shows a slider over `range` above a view that `render` redraws (as HTML) for the
    /// slider's value.
    func slider(_ range: SliderRange, render: @escaping (Double) -> String) -> LiveView

    /// Closes the views with these ids (their variable is gone, or their statement failed).
    func close(_ ids: [String])
}

/// A live view once shown: what a display bundle carries to show it, and the ids that close it.
public struct LiveView: Sendable {
    /// The `application/vnd.jupyter.widget-view+json` data that shows the view.
    public var displayData: JSONValue
    public var ids: [String]

    public init(displayData: JSONValue, ids: [String]) {
        self.displayData = displayData
        self.ids = ids
    }
}

/// A slider's range, step, starting value and label.
public struct SliderRange: Sendable, Equatable {
    public var minimum: Double
    public var maximum: Double
    public var step: Double
    public var value: Double
    public var label: String

    public init(minimum: Double, maximum: Double, step: Double, value: Double, label: String) {
        self.minimum = minimum
        self.maximum = maximum
        self.step = step
        self.value = value
        self.label = label
    }
}
