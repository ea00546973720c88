/// A multilayer perceptron: dense layers of the given widths with an activation
/// between them (none after the last unless `finalActivation` is set).
/// Layers are named `"<name>.0"`, `"<name>.1"`, ….
public struct MLP: Sendable {
    /// Parameter name prefix.
    public let name: String
    /// Widths including input and output, e.g. `[2, 128, 128, 4]`.
    public let widths: [Int]
    /// Hidden activation.
    public let activation: Activation
    /// Activation applied to the output.
    public let finalActivation: Activation
    /// The dense layers in order.
    public let layers: [Dense]

    /// Describes an MLP with `widths.count − 1` dense layers.
    public init(_ name: String, widths: [Int], activation: Activation, finalActivation: Activation = .identity) {
        precondition(widths.count >= 2, "MLP needs at least input and output widths")
        self.name = name; self.widths = widths
        self.activation = activation; self.finalActivation = finalActivation
        self.layers = (0..<(widths.count - 1)).map { Dense("\(name).\($0)", inputs: widths[$0], outputs: widths[$0 + 1]) }
    }

    /// Adds all layers' parameters.
    public func initialize(_ parameters: inout Parameters, key: RandomKey) {
        for l in layers { l.initialize(&parameters, key: key) }
    }

    /// A fresh parameter set for this MLP alone.
    public func initialParameters(key: RandomKey) -> Parameters {
        var p = Parameters(); initialize(&p, key: key); return p
    }

    /// Applies the MLP.
    public func callAsFunction(_ x: Variable, _ p: BoundParameters) throws -> Variable {
        var h = x
        for (i, l) in layers.enumerated() {
            h = try l(h, p)
            h = i + 1 < layers.count ? activation(h) : finalActivation(h)
        }
        return h
    }
}
