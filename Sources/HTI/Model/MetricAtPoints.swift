import Tensors

extension HTIModel {
    /// The fitted metric G at each point (row-major, count × D) under each point's condition:
    /// one D × D matrix per point, row-major. For views that draw G (plot m metric) without
    /// handling tensors themselves.
    public func metricMatrices(at points: [Float], conditions: ConditionValues) throws -> [[Float]] {
        let count = points.count / max(dimension, 1)
        return try geometry.metric.matrices(points: Tensor(shape: [count, dimension], scalars: points),
                                            condition: features.matrix(conditions, count: count), metricParameters)
    }
}
