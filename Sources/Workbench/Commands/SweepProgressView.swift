import CellIO
import Foundation
import HTI

/// The live display of a sweep: one display with a row per fit (queued, running
/// with step and ETA, done, failed with the reason), updated in place at most
/// twice a second however many jobs report, and always once at the end.
final class SweepProgressView {
    /// Where one fit stands.
    enum State: Equatable {
        case queued
        case submitted(attempt: Int)
        case running(step: Int, total: Int, phase: String, eta: Double?, done: Double?)
        case done(seconds: Double)
        case failed(String)
        case retrying(attempt: Int, reason: String)
        case stopped

        var text: String {
            switch self {
            case .queued: return "queued"
            case .submitted(let attempt): return attempt > 1 ? "queued (attempt \(attempt))" : "queued on the cluster"
            case .running(let step, let total, let phase, let eta, _):
                var text = phase == "training" || phase.isEmpty ? "running · step \(step)/\(total)" : "running · \(phase)"
                if let eta { text += " · ETA " + FitProgressView.duration(eta) }
                return text
            case .done(let seconds): return "done in " + Session.formatDuration(seconds)
            case .failed(let reason): return "failed: " + reason
            case .retrying(let attempt, let reason): return "retrying (attempt \(attempt)) after: " + reason
            case .stopped: return "stopped"
            }
        }

        var fraction: Double {
            switch self {
            // The trainer's share of the work (warm-up and final fit included) when it reported one.
            case .running(let step, let total, _, _, let done): return min(1, done ?? (total > 0 ? Double(step) / Double(total) : 0))
            case .done, .failed, .stopped: return 1
            default: return 0
            }
        }
    }

    private let output: OutputChannel
    private let displayID: String
    private let title: String
    private let labels: [String]
    private var states: [State]
    private var footer = ""
    private var lastShown = Date.distantPast
    private var lastBundle: MimeBundle?
    private let interval: TimeInterval = 0.5

    init(output: OutputChannel, title: String, labels: [String], counter: Int) {
        self.output = output
        self.title = title
        self.labels = labels
        states = labels.map { _ in .queued }
        displayID = "hti-sweep-\(ProcessInfo.processInfo.processIdentifier)-\(counter)-\(UInt64(Date().timeIntervalSince1970 * 1000))"
        let first = bundle()
        lastBundle = first
        lastShown = Date()
        output.display(first, displayID: displayID)
    }

    func set(_ index: Int, _ state: State) {
        guard states.indices.contains(index), states[index] != state else { return }
        states[index] = state
        refresh()
    }

    /// A fit's progress as the trainer or a job reports it.
    func update(_ index: Int, _ progress: FitProgress) {
        set(index, .running(step: progress.step, total: progress.totalSteps, phase: progress.phase, eta: progress.remaining,
                            done: progress.fraction))
    }

    func state(_ index: Int) -> State { states[index] }

    /// The last display, shown whatever the throttle says, with a closing line.
    func finish(_ text: String) {
        footer = text
        refresh(force: true)
    }

    private func refresh(force: Bool = false) {
        let now = Date()
        guard force || now.timeIntervalSince(lastShown) >= interval else { return }
        let next = bundle()
        guard next != lastBundle else { return }
        lastShown = now
        lastBundle = next
        output.updateDisplay(next, displayID: displayID)
    }

    private func bundle() -> MimeBundle {
        let width = labels.map(\.count).max() ?? 0
        var plain = [title]
        var html = "<div style=\"font-family:monospace\"><div><b>\(Table.escape(title))</b></div><table class=\"hti-sweep\">"
        for (label, state) in zip(labels, states) {
            let percent = Int((state.fraction * 100).rounded())
            plain.append("  " + label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + state.text)
            html += "<tr><td style=\"text-align:left\">\(Table.escape(label))</td>"
                + "<td><progress value=\"\(percent)\" max=\"100\" style=\"width:8em\"></progress></td>"
                + "<td style=\"text-align:left\">\(Table.escape(state.text))</td></tr>"
        }
        html += "</table>"
        if !footer.isEmpty {
            plain.append(footer)
            html += "<div>\(Table.escape(footer))</div>"
        }
        return .rich("text/html", html + "</div>", plain: plain.joined(separator: "\n"))
    }
}
