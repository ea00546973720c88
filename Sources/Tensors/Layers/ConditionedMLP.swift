/// An MLP whose hidden layers are FiLM-modulated by a condition vector:
/// `hᵢ₊₁ = act(FiLMᵢ(Denseᵢ(hᵢ), c))`, with a plain dense output layer.
/// This is the metric network's shape (e.g. 2→128→128→k, leaky ReLU).
public struct ConditionedMLP: Sendable {
    /// Parameter name prefix.
    public let name: String
    /// Widths including input and output.
    public let widths: [Int]
    /// Condition features.
    public let conditionFeatures: Int
    /// Hidden activation.
    public let activation: Activation
    /// Output activation.
    public let finalActivation: Activation
    let dense: [Dense]
    let films: [FiLM]

    /// Describes the network.
    public init(_ name: String, widths: [Int], conditionFeatures: Int, activation: Activation,
                finalActivation: Activation = .identity) {
        precondition(widths.count >= 2, "ConditionedMLP needs at least input and output widths")
        self.name = name; self.widths = widths; self.conditionFeatures = conditionFeatures
        self.activation = activation; self.finalActivation = finalActivation
        dense = (0..<(widths.count - 1)).map { Dense("\(name).\($0)", inputs: widths[$0], outputs: widths[$0 + 1]) }
        films = (1..<(widths.count - 1)).map { FiLM("\(name).film\($0 - 1)", conditionFeatures: conditionFeatures, features: widths[$0]) }
    }

    /// The names and shapes ``initialize(_:key:)`` creates, in its order.
    public var parameterShapes: [(name: String, shape: [Int])] {
        dense.flatMap(\.parameterShapes) + films.flatMap(\.parameterShapes)
    }

    /// Adds all parameters.
    public func initialize(_ parameters: inout Parameters, key: RandomKey) {
        for d in dense { d.initialize(&parameters, key: key) }
        for f in films { f.initialize(&parameters, key: key) }
    }

    /// Applies the network to `x` `[n, widths[0]]` under condition `c` `[n, conditionFeatures]`.
    public func callAsFunction(_ x: Variable, condition c: Variable, _ p: BoundParameters) throws -> Variable {
        var h = x
        for (i, d) in dense.enumerated() {
            if i < films.count, let fused = try fusedLayer(i, h, condition: c, p) {
                h = fused
                continue
            }
            h = try d(h, p)
            if i < films.count { h = try activation(films[i](h, condition: c, p)) } else { h = finalActivation(h) }
        }
        return h
    }

    /// Hidden layer `i` in one fused pass (``ModulatedLinear``), on the tape or off it;
    /// nil when the layered ops must run (an activation the pass does not know).
    private func fusedLayer(_ i: Int, _ h: Variable, condition c: Variable, _ p: BoundParameters) throws -> Variable? {
        let film = films[i], layer = dense[i]
        guard layer.useBias, h.rank == 2, c.rank == 2, ModulatedLinear.supports(activation) else { return nil }
        let weights = ModulatedLinear.Weights(kernel: try p[layer.kernelName], bias: try p[layer.biasName],
                                              gammaKernel: try p[film.gamma.kernelName], gammaBias: try p[film.gamma.biasName],
                                              betaKernel: try p[film.beta.kernelName], betaBias: try p[film.beta.biasName])
        return try ModulatedLinear.apply(h, condition: c, weights, activation: activation)
    }
}
