import HTI

/// A fitted model as a table: what it is, what it was fitted on, how long it took, where it ended.
enum ModelSummary {
    static func table(_ model: HTIModel) -> Table {
        let s = model.settings
        var rows: [[String]] = [
            ["variant", s.variantName + " (metric \(s.metric.rawValue), potential \(s.potential.rawValue))"],
            ["data", "\(model.marginals.source): \(model.marginals.sampleCount) samples at \(model.marginals.lambdaName) = "
                + model.lambdas.map(Value.format).joined(separator: ", ")],
            ["preset", model.marginals.preset == .none ? "none (settings chosen for data of any kind)"
                : "\(model.marginals.preset.rawValue) (settings chosen for the paper's \(model.marginals.preset.rawValue) data)"],
            ["steps", (model.stoppedByTimeLimit
                ? "\(model.history.count) of \(s.steps), stopped by time=\(Session.formatDuration(s.timeLimit ?? 0))"
                : "\(s.steps)") + " (L-BFGS \(s.lbfgsIterations), seed \(s.seed))"],
        ]
        rows.append(["paths", "\(s.action.rawValue) action" + (s.action == .energy ? " (evenly paced)" : " (summed segment lengths, the reference code's)")
            + (s.matching > 0 ? "; maps matched to their anchors in \(s.matching) steps" : "")])
        if s.scale != .linear {
            // Shown when it is not the paper's linear λ, since it moves every sample between anchors.
            rows.append(["λ scale", "\(s.scale.rawValue) (samples between anchors are read where \(s.scale.rawValue)(\(model.marginals.lambdaName)) lies)"])
        }
        if s.potential == .density {
            // The bandwidth actually used, and where it came from when no one chose it.
            let bandwidth = s.bandwidth.map(Value.format)
                ?? "\(Value.format(DensityPotential.scottBandwidth(model.marginals))) (Scott's rule)"
            rows.append(["potential", "α = \(Value.format(s.potentialWeight)), bandwidth \(bandwidth)"])
        }
        rows.append(["fit time", Session.formatDuration(model.fitSeconds)])
        if let last = model.history.last {
            rows.append(["final losses", last.sorted { $0.key < $1.key }.map { "\($0.key) \(ScoreTable.format($0.value))" }.joined(separator: ", ")])
        }
        return Table(title: "HTI model \(s.variantName)", columns: ["", ""], rows: rows)
    }

    static func summary(_ model: HTIModel) -> String {
        "HTI model \(model.settings.variantName) fitted on \(model.marginals.source) ("
            + [model.marginals.preset.label, "\(model.lambdas.count) anchors", "\(model.settings.steps) steps"]
                .compactMap { $0 }.joined(separator: ", ") + ")"
    }
}
