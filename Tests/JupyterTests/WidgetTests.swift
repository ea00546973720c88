import CellIO
import Foundation
import Testing
@testable import Jupyter

/// The widget protocol (ipywidgets messages 2.1) as the kernel side speaks it.
@Suite struct WidgetTests {
    final class Sent: @unchecked Sendable {
        var messages: [(type: String, content: JSONValue, metadata: JSONValue)] = []
        func of(_ type: String) -> [JSONValue] { messages.filter { $0.type == type }.map(\.content) }
    }
    let sent = Sent()
    let comms: CommRegistry
    let manager: WidgetManager

    init() {
        let sent = self.sent
        comms = CommRegistry { type, content, metadata in sent.messages.append((type, content, metadata)) }
        manager = WidgetManager(comms: comms)
    }

    @Test func aWidgetOpensItsCommWithItsStateAndTheProtocolVersion() throws {
        let slider = manager.create(.controls("FloatSliderModel", view: "FloatSliderView"), state: ["value": 0.5])
        let open = try #require(sent.messages.first { $0.type == "comm_open" })
        #expect(open.content["target_name"] == "jupyter.widget")
        #expect(open.content["comm_id"]?.stringValue == slider.id)
        #expect(open.metadata["version"] == "2.1.0")
        #expect(open.content["data"]?["state"]?["_model_name"] == "FloatSliderModel")
        #expect(open.content["data"]?["state"]?["_model_module_version"] == "2.0.0")
        #expect(open.content["data"]?["state"]?["value"] == .double(0.5))
        #expect(open.content["data"]?["buffer_paths"] == [])
    }

    @Test func frontEndUpdatesAreAppliedEchoedAndReportedOncePerBatch() {
        let slider = manager.create(.controls("FloatSliderModel", view: "FloatSliderView"), state: ["value": 0.5])
        var reports: [Set<String>] = []
        manager.observe(slider) { reports.append($0) }
        let updates: [JSONValue] = (1...50).map { ["method": "update", "state": ["value": .double(Double($0) / 100)], "buffer_paths": []] }
        #expect(comms.received(commID: slider.id, messages: updates))
        #expect(slider.state["value"] == .double(0.5), "the last of the batch wins")
        #expect(reports == [["value"]])
        let echoes = sent.of("comm_msg").filter { $0["data"]?["method"] == "echo_update" }
        #expect(echoes.count == 50)
    }

    @Test func requestStateSendsTheFullState() {
        let slider = manager.create(.controls("FloatSliderModel", view: "FloatSliderView"), state: ["value": 0.25, "min": 0])
        _ = comms.received(commID: slider.id, messages: [["method": "request_state"]])
        let update = sent.of("comm_msg").last
        #expect(update?["data"]?["method"] == "update")
        #expect(update?["data"]?["state"]?["value"] == .double(0.25) && update?["data"]?["state"]?["_view_name"] == "FloatSliderView")
    }

    @Test func requestStatesReturnsEveryLiveWidgetAndClosedOnesLeave() throws {
        let a = manager.create(.controls("HTMLModel", view: "HTMLView"), state: ["value": "<b>a</b>"])
        let b = manager.create(.base("LayoutModel", view: "LayoutView"), state: [:])
        let sent = self.sent
        let control = Comm(id: "control-1", targetName: WidgetManager.controlTarget) { type, content in
            sent.messages.append((type, content, [:]))
        }
        #expect(comms.opened(control, data: [:]))
        sent.messages.removeAll()
        _ = comms.received(commID: "control-1", messages: [["method": "request_states"]])
        let states = try #require(sent.of("comm_msg").first?["data"])
        #expect(states["method"] == "update_states")
        #expect(Set(states["states"]?.objectValue?.keys.map { $0 } ?? []) == [a.id, b.id])
        #expect(states["states"]?[a.id]?["model_name"] == "HTMLModel")
        manager.close([a.id])
        #expect(sent.of("comm_close").contains { $0["comm_id"]?.stringValue == a.id })
        comms.closed(commID: b.id)  // the front-end closed it
        #expect(manager.liveIDs.isEmpty)
        #expect(manager.notebookMetadata()["application/vnd.jupyter.widget-state+json"]?["state"] == [:])
    }

    @Test func aSliderViewDrawsOnlyTheLatestValueOfABatch() {
        var drawn: [Double] = []
        let view = SliderView(manager: manager, range: .init(minimum: 0, maximum: 1, step: 0.01, value: 0.5, label: "λ")) { value in
            drawn.append(value)
            return "<p>λ = \(value)</p>"
        }
        let updates: [JSONValue] = [0.1, 0.2, 0.3].map { ["method": "update", "state": ["value": .double($0)]] }
        _ = comms.received(commID: view.slider.id, messages: updates)
        #expect(drawn == [0.5, 0.3])
        #expect(view.view.state["value"] == "<p>λ = 0.3</p>")
        let htmlUpdates = sent.of("comm_msg").filter { $0["comm_id"]?.stringValue == view.view.id }
        #expect(htmlUpdates.count == 1, "one redraw sent, not three")
        // Play steps an index that the kernel maps onto the slider's range.
        _ = comms.received(commID: view.play.id, messages: [["method": "update", "state": ["value": .int(SliderView.playFrames)]]])
        #expect(view.slider.state["value"] == .double(1) && drawn.last == 1)
    }
}
