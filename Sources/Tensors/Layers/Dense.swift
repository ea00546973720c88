/// A fully connected layer `y = x·W + b` with parameters `"<name>.kernel"` `[in, out]`
/// and `"<name>.bias"` `[out]`. Kernels start LeCun-normal and biases at zero (Flax defaults).
public struct Dense: Sendable {
    /// Parameter name prefix.
    public let name: String
    /// Input features.
    public let inputs: Int
    /// Output features.
    public let outputs: Int
    /// Whether the layer has a bias.
    public let useBias: Bool

    /// Describes a dense layer (no parameters are created until ``initialize(_:key:)``).
    public init(_ name: String, inputs: Int, outputs: Int, useBias: Bool = true) {
        self.name = name; self.inputs = inputs; self.outputs = outputs; self.useBias = useBias
    }

    /// Name of the kernel parameter.
    public var kernelName: String { "\(name).kernel" }
    /// Name of the bias parameter.
    public var biasName: String { "\(name).bias" }

    /// The names and shapes ``initialize(_:key:)`` creates, without creating them
    /// (to check weights read from a file before trusting them).
    public var parameterShapes: [(name: String, shape: [Int])] {
        [(kernelName, [inputs, outputs])] + (useBias ? [(biasName, [outputs])] : [])
    }

    /// Adds this layer's freshly initialised parameters to `parameters`.
    public func initialize(_ parameters: inout Parameters, key: RandomKey) {
        parameters[kernelName] = Initializer.lecunNormal([inputs, outputs], fanIn: inputs, key: key.fold(in: kernelName))
        if useBias { parameters[biasName] = Tensor.zeros([outputs]) }
    }

    /// Applies the layer to `[batch, inputs]` (or `[a, b, inputs]`).
    public func callAsFunction(_ x: Variable, _ p: BoundParameters) throws -> Variable {
        try linear(x, p[kernelName], useBias ? p[biasName] : nil)
    }
}
