import CellIO

/// The session's live views, built from this module's widgets: a slider is a `SliderView`.
extension WidgetManager: LiveViews {
    public func slider(_ range: SliderRange, render: @escaping (Double) -> String) -> LiveView {
        let view = SliderView(manager: self, range: range, render: render)
        return LiveView(displayData: view.viewData, ids: view.ids)
    }
}
