import CellIO
import Foundation
import HTI

/// The live progress bar of `fit`: one display, updated in place (the trainer
/// already limits reports to ten a second), ending as the fit's summary. The bar
/// counts the amortiser's warm-up and final fit as the work they are.
final class FitProgressView {
    let output: OutputChannel
    let displayID: String
    let label: String
    /// Whether the fit has a time= budget (then no warning about its length).
    let capped: Bool
    /// Fits longer than this get one warning, once their length has been measured.
    static let longFit: Double = 600
    private var warned = false

    init(output: OutputChannel, label: String, counter: Int, capped: Bool = false) {
        self.output = output
        self.label = label
        self.capped = capped
        displayID = "hti-fit-\(ProcessInfo.processInfo.processIdentifier)-\(counter)-\(UInt64(Date().timeIntervalSince1970 * 1000))"
        output.display(bundle(text: "\(label): starting", fraction: 0), displayID: displayID)
    }

    func update(_ progress: FitProgress) {
        let fraction = progress.fraction
        // Warned once a training step has been timed (the estimate is measured, not the prior).
        if !capped, !warned, progress.step >= 1, let remaining = progress.remaining, progress.elapsed + remaining > FitProgressView.longFit {
            warned = true
            output.stream(.stderr, "Warning: \(label) will take about \(FitProgressView.duration(progress.elapsed + remaining)) in all; "
                          + "interrupt and fit again with time=… (e.g. time=5m) to cap it, or fewer steps=\n")
        }
        let losses = progress.losses.sorted { $0.key < $1.key }.map { "\($0.key) \(Value.format(($0.value * 1e4).rounded() / 1e4))" }
        // Every phase is named: the warm-up and the final amortiser fit carry their own counts.
        var text = progress.phase == "training" ? "\(label): step \(progress.step)/\(progress.totalSteps)" : "\(label): \(progress.phase)"
        if !losses.isEmpty { text += " · " + losses.joined(separator: " · ") }
        if let remaining = progress.remaining { text += " · ETA " + FitProgressView.duration(remaining) }
        output.updateDisplay(bundle(text: text, fraction: fraction), displayID: displayID)
    }

    func finish(_ text: String) {
        output.updateDisplay(bundle(text: text, fraction: 1), displayID: displayID)
    }

    private func bundle(text: String, fraction: Double) -> MimeBundle {
        let width = 30, filled = Int((fraction * Double(width)).rounded())
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let percent = Int((fraction * 100).rounded())
        let html = "<div style=\"font-family:monospace\"><progress value=\"\(percent)\" max=\"100\" style=\"width:16em\"></progress> "
            + "\(percent)% " + Table.escape(text) + "</div>"
        return .rich("text/html", html, plain: "[\(bar)] \(percent)% \(text)")
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 60 ? "\(s / 60) min \(String(format: "%02d", s % 60)) s" : "\(s) s"
    }
}
