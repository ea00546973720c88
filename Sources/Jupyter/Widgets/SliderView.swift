import CellIO
import Foundation

/// A slider with a play button above an HTML view that a closure redraws for the
/// slider's value — the one composite the language needs ("a slider bound to this
/// closure"), built from `@jupyter-widgets/controls` 2.0 models: `FloatSlider` and
/// `Play` in an `HBox`, an `HTML`, all in a `VBox`, each with its layout and style.
///
/// Redraws happen on the shell thread as the front-end's updates are handled; updates
/// that queue up while one is drawn arrive as one batch, and only the latest value is
/// drawn (the kernel never draws a stale value).
public final class SliderView: @unchecked Sendable {
    /// The frames the play button steps through from minimum to maximum.
    public static let playFrames = 40

    public let box: Widget
    public let slider: Widget
    public let play: Widget
    public let view: Widget
    /// The parts shown only through others (layouts, the row of controls): closed with the view.
    private let parts: [Widget]
    private let styles: [Widget]
    private let render: (Double) -> String
    public private(set) var shownValue: Double
    /// How many times the view was drawn (the first drawing included).
    public private(set) var drawCount = 1

    public init(manager: WidgetManager, range: SliderRange, render: @escaping (Double) -> String) {
        self.render = render
        shownValue = range.value
        func layout(_ extra: [String: JSONValue] = [:]) -> Widget { manager.create(.base("LayoutModel", view: "LayoutView"), state: extra) }
        let sliderLayout = layout(["width": "32em"]), playLayout = layout(), rowLayout = layout(), viewLayout = layout(),
            boxLayout = layout()
        let sliderStyle = manager.create(.style("SliderStyleModel"), state: ["description_width": "", "handle_color": .null])
        let playStyle = manager.create(.style("DescriptionStyleModel"), state: ["description_width": ""])
        let viewStyle = manager.create(.style("HTMLStyleModel"), state: [
            "description_width": "", "font_size": .null, "text_color": .null, "background": .null,
        ])
        let decimals = max(0, Int((-log10(range.step)).rounded(.up)))
        slider = manager.create(.controls("FloatSliderModel", view: "FloatSliderView"), state: [
            "value": .double(range.value), "min": .double(range.minimum), "max": .double(range.maximum),
            "step": .double(range.step), "description": .string(range.label), "description_allow_html": false,
            "continuous_update": true, "orientation": "horizontal", "readout": true, "readout_format": .string(".\(decimals)f"),
            "behavior": "drag-tap", "disabled": false, "tabbable": .null, "tooltip": .null, "_dom_classes": [],
            "layout": sliderLayout.reference, "style": sliderStyle.reference,
        ])
        play = manager.create(.controls("PlayModel", view: "PlayView"), state: [
            "value": 0, "min": 0, "max": .int(SliderView.playFrames), "step": 1, "interval": 150, "playing": false,
            "repeat": true, "show_repeat": true, "description": "", "description_allow_html": false, "disabled": false,
            "tabbable": .null, "tooltip": .null, "_dom_classes": [], "layout": playLayout.reference, "style": playStyle.reference,
        ])
        let row = manager.create(.controls("HBoxModel", view: "HBoxView"), state: [
            "children": [play.reference, slider.reference], "box_style": "", "tabbable": .null, "tooltip": .null,
            "_dom_classes": [], "layout": rowLayout.reference,
        ])
        view = manager.create(.controls("HTMLModel", view: "HTMLView"), state: [
            "value": .string(render(range.value)), "description": "", "description_allow_html": false, "placeholder": "",
            "disabled": false, "tabbable": .null, "tooltip": .null, "_dom_classes": [], "layout": viewLayout.reference,
            "style": viewStyle.reference,
        ])
        box = manager.create(.controls("VBoxModel", view: "VBoxView"), state: [
            "children": [row.reference, view.reference], "box_style": "", "tabbable": .null, "tooltip": .null,
            "_dom_classes": [], "layout": boxLayout.reference,
        ])
        parts = [sliderLayout, playLayout, rowLayout, viewLayout, boxLayout, row]
        styles = [sliderStyle, playStyle, viewStyle]
        // The observers hold the view: it lives as long as its widgets do (closing them lets it go).
        manager.observe(slider) { [self] keys in
            guard keys.contains("value"), let value = self.slider.state["value"]?.doubleValue else { return }
            self.draw(value)
        }
        manager.observe(play) { [self] keys in
            // The play button steps an index; the kernel turns it into the slider's value.
            guard keys.contains("value"), let frame = self.play.state["value"]?.doubleValue else { return }
            let value = range.minimum + (range.maximum - range.minimum) * min(1, max(0, frame / Double(SliderView.playFrames)))
            self.slider.set(["value": .double(value)])
            self.draw(value)
        }
    }

    /// Every widget this view is made of (to close them together).
    public var ids: [String] { ([box, slider, play, view] + parts + styles).map(\.id) }

    /// The display data that shows the view.
    public var viewData: JSONValue { WidgetManager.viewData(box) }

    private func draw(_ value: Double) {
        guard value != shownValue else { return }
        shownValue = value
        drawCount += 1
        view.set(["value": .string(render(value))])
    }
}
