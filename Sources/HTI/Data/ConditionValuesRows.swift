extension ConditionValues {
    /// The conditions of the given samples, in the order given.
    public func rows(_ indices: [Int]) -> ConditionValues {
        switch self {
        case .none: return .none
        case .classes(let labels): return .classes(indices.map { labels[$0] })
        case .vectors(let values, let width):
            var picked = [Float]()
            picked.reserveCapacity(indices.count * width)
            for i in indices { picked += values[(i * width)..<((i + 1) * width)] }
            return .vectors(picked, width: width)
        }
    }
}
