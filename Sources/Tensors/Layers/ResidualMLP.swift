/// A residual map `T(x) = x + MLP([x, c])` (the conditional transport map):
/// the MLP sees the point and its condition and outputs a displacement of the
/// point's dimension.
public struct ResidualMLP: Sendable {
    /// Parameter name prefix.
    public let name: String
    /// Point dimension.
    public let dimension: Int
    /// Condition features (0 for none).
    public let conditionFeatures: Int
    /// The displacement network `[dimension + conditionFeatures, hidden…, dimension]`.
    public let mlp: MLP

    /// Describes the map.
    public init(_ name: String, dimension: Int, conditionFeatures: Int, hidden: [Int], activation: Activation) {
        self.name = name; self.dimension = dimension; self.conditionFeatures = conditionFeatures
        mlp = MLP("\(name).mlp", widths: [dimension + conditionFeatures] + hidden + [dimension], activation: activation)
    }

    /// Adds all parameters.
    public func initialize(_ parameters: inout Parameters, key: RandomKey) { mlp.initialize(&parameters, key: key) }

    /// Maps `x` `[n, dimension]` under condition `c` `[n, conditionFeatures]` (nil when none).
    public func callAsFunction(_ x: Variable, condition c: Variable?, _ p: BoundParameters) throws -> Variable {
        let input = try c.map { try concat([x, $0], axis: 1) } ?? x
        return try x + mlp(input, p)
    }
}
