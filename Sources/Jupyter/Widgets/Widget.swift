import CellIO
/// One Jupyter widget model living in the kernel (ipywidgets' message protocol 2.1,
/// `packages/schema/messages.md`): a comm on target `jupyter.widget` whose state is
/// synchronised both ways. Kernel-side changes go out as `update`; a front-end's
/// `update` is applied, echoed back as `echo_update` (as protocol 2.1 asks), and
/// reported to `onChange` once per batch of messages; `request_state` is answered
/// with the full state.
public final class Widget: @unchecked Sendable {
    public let model: WidgetModelName
    public private(set) var state: [String: JSONValue]
    /// The comm carrying this widget; its id is the model id.
    let comm: Comm
    /// Called with the keys a front-end changed, after a batch of its messages is applied.
    var onChange: (Set<String>) -> Void = { _ in }

    public var id: String { comm.id }
    /// How a state value refers to this widget (`"IPY_MODEL_…"`).
    public var reference: JSONValue { .string("IPY_MODEL_" + id) }

    init(model: WidgetModelName, state: [String: JSONValue], comm: Comm) {
        self.model = model
        self.state = state
        self.comm = comm
    }

    /// The state as it goes on the wire: the model's identity fields and its values.
    var fullState: [String: JSONValue] { model.identity.merging(state) { _, value in value } }

    /// Changes state from the kernel's side and sends the change.
    public func set(_ changes: [String: JSONValue]) {
        for (key, value) in changes { state[key] = value }
        comm.send(["method": "update", "state": .object(changes), "buffer_paths": []])
    }

    /// Applies a batch of front-end messages (oldest first).
    func receive(_ messages: [JSONValue]) {
        var changed = Set<String>()
        for data in messages {
            switch data["method"]?.stringValue {
            case "update":
                guard let changes = data["state"]?.objectValue else { continue }
                for (key, value) in changes {
                    state[key] = value
                    changed.insert(key)
                }
                comm.send(["method": "echo_update", "state": .object(changes), "buffer_paths": []])
            case "request_state":
                comm.send(["method": "update", "state": .object(fullState), "buffer_paths": []])
            default:
                continue  // `custom` messages mean nothing to these models
            }
        }
        if !changed.isEmpty { onChange(changed) }
    }
}

/// Which front-end classes a widget's model and view are.
public struct WidgetModelName: Sendable, Equatable {
    public var name: String
    public var module: String
    public var moduleVersion: String
    public var viewName: String?
    public var viewModule: String?
    public var viewModuleVersion: String?

    public init(_ name: String, module: String, version: String, view: String?, viewModule: String? = nil, viewVersion: String? = nil) {
        self.name = name
        self.module = module
        moduleVersion = version
        viewName = view
        self.viewModule = view == nil ? nil : (viewModule ?? module)
        viewModuleVersion = view == nil ? nil : (viewVersion ?? version)
    }

    /// `@jupyter-widgets/controls` 2.0 models.
    public static func controls(_ name: String, view: String?) -> WidgetModelName {
        WidgetModelName(name, module: "@jupyter-widgets/controls", version: "2.0.0", view: view)
    }

    /// `@jupyter-widgets/base` 2.0 models (layouts).
    public static func base(_ name: String, view: String?) -> WidgetModelName {
        WidgetModelName(name, module: "@jupyter-widgets/base", version: "2.0.0", view: view)
    }

    /// Style models live in controls but are viewed by base's `StyleView`.
    public static func style(_ name: String) -> WidgetModelName {
        WidgetModelName(name, module: "@jupyter-widgets/controls", version: "2.0.0", view: "StyleView",
                        viewModule: "@jupyter-widgets/base", viewVersion: "2.0.0")
    }

    var identity: [String: JSONValue] {
        [
            "_model_name": .string(name), "_model_module": .string(module), "_model_module_version": .string(moduleVersion),
            "_view_name": viewName.map(JSONValue.string) ?? .null,
            "_view_module": viewModule.map(JSONValue.string) ?? .null,
            "_view_module_version": viewModuleVersion.map(JSONValue.string) ?? .null,
        ]
    }
}
