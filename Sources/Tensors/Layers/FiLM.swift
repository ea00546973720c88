/// Feature-wise linear modulation: `FiLM(h, c) = γ(c) ⊙ h + β(c)`, with
/// `γ(c) = 1 + c·W_γ + b_γ` and `β(c) = c·W_β + b_β`, so that γ starts near 1
/// and the modulation starts near the identity. Parameters: `"<name>.gamma.*"`,
/// `"<name>.beta.*"`.
public struct FiLM: Sendable {
    /// Parameter name prefix.
    public let name: String
    /// Condition features.
    public let conditionFeatures: Int
    /// Modulated features.
    public let features: Int
    let gamma: Dense
    let beta: Dense

    /// Describes a FiLM layer.
    public init(_ name: String, conditionFeatures: Int, features: Int) {
        self.name = name; self.conditionFeatures = conditionFeatures; self.features = features
        gamma = Dense("\(name).gamma", inputs: conditionFeatures, outputs: features)
        beta = Dense("\(name).beta", inputs: conditionFeatures, outputs: features)
    }

    /// The names and shapes ``initialize(_:key:)`` creates.
    public var parameterShapes: [(name: String, shape: [Int])] { gamma.parameterShapes + beta.parameterShapes }

    /// Adds γ and β parameters.
    public func initialize(_ parameters: inout Parameters, key: RandomKey) {
        gamma.initialize(&parameters, key: key)
        beta.initialize(&parameters, key: key)
    }

    /// Modulates `h` (`[n, features]`) by the condition `c` (`[n, conditionFeatures]`).
    public func callAsFunction(_ h: Variable, condition c: Variable, _ p: BoundParameters) throws -> Variable {
        try (gamma(c, p) + 1) * h + beta(c, p)
    }
}
