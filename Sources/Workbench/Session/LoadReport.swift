import HTI

/// What `load` tells the user about what it decided for them: which columns became
/// outputs and conditions when they were not named, and warnings for columns that
/// look wrong for their role (a constant column; many classes that look like numbers).
enum LoadReport {
    /// More distinct classes than this in a categorical column deserve a second look.
    static let manyClasses = 20

    /// A note (nil when nothing was guessed) and warnings, for marginals read with these choices.
    static func messages(for m: Marginals, outputsGiven: Bool, conditionGiven: Bool) -> (note: String?, warnings: [String]) {
        var note: String?
        if !outputsGiven || !conditionGiven {
            let condition: String
            switch m.condition {
            case .none: condition = "no condition (name condition columns with condition=…)"
            case .categorical(let name, let classes): condition = "condition `\(name)` as \(classes.count) classes"
            case .continuous(let names): condition = "continuous condition " + names.map { "`\($0)`" }.joined(separator: ", ")
            }
            note = "\(m.source): λ from `\(m.lambdaName)`, outputs " + m.outputNames.map { "`\($0)`" }.joined(separator: ", ")
                + (outputsGiven ? "" : " (every other column)") + "; " + condition
        }
        var warnings: [String] = []
        let (lower, upper) = m.bounds
        for (d, name) in m.outputNames.enumerated() where d < lower.count && lower[d] == upper[d] {
            warnings.append("warning: output `\(name)` has the same value (\(Value.format(Double(lower[d])))) in every row")
        }
        switch m.condition {
        case .categorical(let name, let classes):
            let numeric = classes.compactMap(Double.init)
            let fractional = numeric.count == classes.count && numeric.contains { $0 != $0.rounded() }
            if classes.count > manyClasses || fractional {
                warnings.append("warning: condition `\(name)` has \(classes.count) distinct values read as classes"
                                + (fractional ? ", some of them fractional numbers" : "")
                                + "; if it is a number to condition on, load it with `continuous`")
            }
        case .continuous(let names):
            for (c, name) in names.enumerated() where constantCondition(m, column: c, width: names.count) {
                warnings.append("warning: condition `\(name)` has the same value in every row")
            }
        case .none:
            break
        }
        return (note, warnings)
    }

    private static func constantCondition(_ m: Marginals, column: Int, width: Int) -> Bool {
        var first: Float?
        for anchor in m.anchors {
            guard case .vectors(let values, _) = anchor.conditions else { return false }
            for i in 0..<anchor.count {
                let v = values[i * width + column]
                if let first, first != v { return false }
                first = v
            }
        }
        return first != nil
    }
}
