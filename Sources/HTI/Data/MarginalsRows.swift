extension ConditionSchema {
    /// Number of classes of a categorical condition; 0 otherwise.
    public var classCount: Int {
        if case .categorical(_, let classes) = self { return classes.count }
        return 0
    }
}

extension Marginals {
    /// The same data with only samples `range` of every anchor (for anchors
    /// whose samples are paired row by row, e.g. forecasts of the same windows).
    public func rows(_ range: Range<Int>) -> Marginals {
        var result = self
        result.anchors = anchors.map { anchor in
            let kept = Array(range.clamped(to: 0..<anchor.count))
            let d = dimension
            return Anchor(lambda: anchor.lambda, count: kept.count,
                          outputs: kept.flatMap { anchor.outputs[($0 * d)..<(($0 + 1) * d)] },
                          conditions: anchor.conditions.rows(kept))
        }
        return result
    }
}
