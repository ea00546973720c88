@testable import Tensors

/// Layer parameters in Double, looked up by name as ``BoundParameters`` are.
struct ReferenceParameters {
    let values: [String: Reference]

    subscript(name: String) -> Reference {
        get throws {
            guard let value = values[name] else { throw TensorError.missingParameter(name: name) }
            return value
        }
    }

    /// `x · W + b` with `"<prefix>.kernel"` and `"<prefix>.bias"`.
    func affine(_ x: Reference, _ prefix: String) throws -> Reference {
        x.linear(try self["\(prefix).kernel"], try self["\(prefix).bias"])
    }
}

// The layers' definitions written out again from their documentation, with the
// parameter names as the only thing shared with the Float32 implementations.

extension Activation {
    func reference(_ x: Reference) -> Reference {
        switch self {
        case .identity: return x
        case .relu: return x.relu()
        case let .leakyRelu(slope): return x.leakyRelu(slope: slope)
        case .tanh: return x.tanh()
        case .sigmoid: return x.sigmoid()
        case .softplus: return x.softplus()
        }
    }
}

extension Dense {
    func reference(_ x: Reference, _ p: ReferenceParameters) throws -> Reference {
        useBias ? try p.affine(x, name) : Reference.matmul(x, try p[kernelName])
    }
}

extension MLP {
    func reference(_ x: Reference, _ p: ReferenceParameters) throws -> Reference {
        var h = x
        for i in 0..<(widths.count - 1) {
            h = try p.affine(h, "\(name).\(i)")
            h = i < widths.count - 2 ? activation.reference(h) : finalActivation.reference(h)
        }
        return h
    }
}

extension FiLM {
    /// `γ(c) ⊙ h + β(c)` with `γ(c) = 1 + c·W_γ + b_γ` and `β(c) = c·W_β + b_β`.
    func reference(_ h: Reference, condition c: Reference, _ p: ReferenceParameters) throws -> Reference {
        let gamma = try p.affine(c, "\(name).gamma").map { 1 + $0 }
        return gamma * h + (try p.affine(c, "\(name).beta"))
    }
}

extension ConditionedMLP {
    /// `hᵢ₊₁ = act(FiLMᵢ(Denseᵢ(hᵢ), c))` on the hidden layers, then a plain dense output layer.
    func reference(_ x: Reference, condition c: Reference, _ p: ReferenceParameters) throws -> Reference {
        var h = x
        for i in 0..<(widths.count - 2) {
            let film = FiLM("\(name).film\(i)", conditionFeatures: conditionFeatures, features: widths[i + 1])
            h = activation.reference(try film.reference(try p.affine(h, "\(name).\(i)"), condition: c, p))
        }
        return finalActivation.reference(try p.affine(h, "\(name).\(widths.count - 2)"))
    }
}
