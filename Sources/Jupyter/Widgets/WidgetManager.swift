import CellIO
/// The kernel's widgets: creates them (one comm each), answers the front-end's
/// `jupyter.widget.control` `request_states` so a reloaded page gets them back,
/// closes them on request, and gives the notebook-metadata snapshot headless runners save.
public final class WidgetManager: @unchecked Sendable {
    /// The widget message protocol this implements.
    public static let protocolVersion = "2.1.0"
    static let controlTarget = "jupyter.widget.control"

    private let comms: CommRegistry
    private var widgets: [String: Widget] = [:]
    private var order: [String] = []

    public init(comms: CommRegistry) {
        self.comms = comms
        comms.register(target: WidgetManager.controlTarget) { [weak self] comm, _ in
            return { comm, messages in
                guard let self else { return }
                for data in messages where data["method"]?.stringValue == "request_states" {
                    comm.send(["method": "update_states", "states": self.states(), "buffer_paths": []])
                }
            }
        }
    }

    /// The live widgets' ids, oldest first.
    public var liveIDs: [String] { order }

    /// Creates a widget and opens its comm with its full state.
    public func create(_ model: WidgetModelName, state: [String: JSONValue]) -> Widget {
        var created: Widget?
        let comm = comms.open(target: "jupyter.widget",
                              data: ["state": .object(model.identity.merging(state) { _, value in value }), "buffer_paths": []],
                              metadata: ["version": .string(WidgetManager.protocolVersion)],
                              onMessage: { _, messages in created?.receive(messages) },
                              onClose: { [weak self] in if let id = created?.id { self?.forget(id) } })
        let widget = Widget(model: model, state: state, comm: comm)
        created = widget
        widgets[widget.id] = widget
        order.append(widget.id)
        return widget
    }

    /// Calls `handler` with the changed keys whenever a front-end changes `widget`.
    public func observe(_ widget: Widget, _ handler: @escaping (Set<String>) -> Void) {
        widget.onChange = handler
    }

    /// Closes widgets (their comms) from the kernel's side.
    public func close(_ ids: [String]) {
        for id in ids {
            guard let widget = widgets[id] else { continue }
            comms.close(widget.comm)
            forget(id)
        }
    }

    private func forget(_ id: String) {
        widgets[id]?.onChange = { _ in }  // releases whatever its observer held (a view holding its widgets)
        widgets[id] = nil
        order.removeAll { $0 == id }
    }

    /// Every live widget's full state, keyed by model id, as `update_states` and the
    /// notebook's widget-state metadata carry it.
    public func states() -> JSONValue {
        var states: [String: JSONValue] = [:]
        for id in order {
            guard let widget = widgets[id] else { continue }
            states[id] = [
                "model_name": .string(widget.model.name), "model_module": .string(widget.model.module),
                "model_module_version": .string(widget.model.moduleVersion), "state": .object(widget.fullState),
            ]
        }
        return .object(states)
    }

    /// The notebook metadata (`metadata.widgets`) that lets a saved notebook render its widgets.
    public func notebookMetadata() -> JSONValue {
        ["application/vnd.jupyter.widget-state+json": ["version_major": 2, "version_minor": 0, "state": states()]]
    }

    /// The display data that shows `widget` (its view) in a front-end.
    public static func viewData(_ widget: Widget) -> JSONValue {
        ["model_id": .string(widget.id), "version_major": 2, "version_minor": 1]
    }
}
