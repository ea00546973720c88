/// A pointwise nonlinearity selectable by value (for MLP builders and configs).
public enum Activation: Sendable, Equatable, Codable {
    /// No nonlinearity.
    case identity
    /// `max(x, 0)`.
    case relu
    /// Leaky ReLU with the given negative slope (Flax default 0.01).
    case leakyRelu(slope: Float)
    /// Hyperbolic tangent.
    case tanh
    /// Logistic sigmoid.
    case sigmoid
    /// `log(1 + eˣ)`.
    case softplus

    /// Applies the nonlinearity.
    public func callAsFunction(_ x: Variable) -> Variable {
        switch self {
        case .identity: return x
        case .relu: return Tensors.relu(x)
        case let .leakyRelu(slope): return Tensors.leakyRelu(x, slope: slope)
        case .tanh: return Tensors.tanh(x)
        case .sigmoid: return Tensors.sigmoid(x)
        case .softplus: return Tensors.softplus(x)
        }
    }
}
