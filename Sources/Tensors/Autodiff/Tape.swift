/// A reverse-mode autodiff tape: it records each operation's inputs and a
/// backward closure, then replays them in reverse in ``gradients(of:wrt:seed:)``.
///
/// Create one tape per differentiated computation (e.g. one training step);
/// values computed on variables without a tape are not recorded at all, which is
/// the inference fast path. A tape is not thread-safe.
public final class Tape {
    /// A recorded operation: which nodes it read and how to push a gradient back.
    struct Node {
        /// Node ids of the inputs (−1 for untracked constants).
        let inputs: [Int]
        /// Given the output gradient and which inputs need a gradient, returns the
        /// input gradients (nil where not needed or not defined).
        let backward: ((Tensor, [Bool]) -> [Tensor?])?
        let shape: [Int]
    }

    var nodes: [Node] = []

    /// Creates an empty tape.
    public init() {}

    /// Number of recorded nodes (leaves and operations).
    public var count: Int { nodes.count }

    /// Registers `value` as a differentiable leaf (a parameter or an input point).
    public func variable(_ value: Tensor) -> Variable {
        nodes.append(Node(inputs: [], backward: nil, shape: value.shape))
        return Variable(value: value, id: nodes.count - 1, tape: self)
    }

    /// Registers every parameter as a leaf and returns them by name.
    public func bind(_ parameters: Parameters) -> BoundParameters {
        var vars: [String: Variable] = [:]
        for (name, t) in parameters { vars[name] = variable(t) }
        return BoundParameters(names: parameters.names, variables: vars)
    }

    func record(_ value: Tensor, inputs: [Int], backward: @escaping (Tensor, [Bool]) -> [Tensor?]) -> Variable {
        nodes.append(Node(inputs: inputs, backward: backward, shape: value.shape))
        return Variable(value: value, id: nodes.count - 1, tape: self)
    }

    /// Gradients of `loss` with respect to each of `variables`, in order.
    ///
    /// - Parameters:
    ///   - seed: the cotangent of `loss`; defaults to 1 for a one-element loss. Pass
    ///     ones to get the gradient of the sum of a vector of per-sample losses.
    /// - Returns: one tensor per variable, zeros where the loss does not depend on it.
    /// - Throws: ``TensorError/nonScalarLoss(shape:)`` or ``TensorError/tapeMismatch(op:)``.
    public func gradients(of loss: Variable, wrt variables: [Variable], seed: Tensor? = nil) throws -> [Tensor] {
        for v in variables where v.id >= 0 && v.tape !== self { throw TensorError.tapeMismatch(op: "gradients") }
        guard loss.tape === self, loss.id >= 0 else {
            return variables.map { Tensor.zeros($0.shape) }
        }
        let seedTensor: Tensor
        if let seed {
            guard seed.shape == loss.shape else {
                throw TensorError.shapeMismatch(op: "gradients(seed)", lhs: loss.shape, rhs: seed.shape)
            }
            seedTensor = seed
        } else {
            guard loss.value.count == 1 else { throw TensorError.nonScalarLoss(shape: loss.shape) }
            seedTensor = Tensor(shape: loss.shape, repeating: 1)
        }
        // Which nodes lie on a path from a requested variable (forward sweep).
        let last = loss.id
        var needed = [Bool](repeating: false, count: last + 1)
        for v in variables where v.id >= 0 && v.id <= last { needed[v.id] = true }
        for i in 0...last where !needed[i] {
            for j in nodes[i].inputs where j >= 0 && needed[j] { needed[i] = true; break }
        }
        let requested = Set(variables.map(\.id))
        var grads = [Tensor?](repeating: nil, count: last + 1)
        grads[last] = seedTensor
        for i in stride(from: last, through: 0, by: -1) {
            guard needed[i], let g = grads[i], let backward = nodes[i].backward else { continue }
            let inputs = nodes[i].inputs
            if !requested.contains(i) { grads[i] = nil }  // free memory early
            let flags = inputs.map { $0 >= 0 && needed[$0] }
            let inGrads = backward(g, flags)
            for (k, j) in inputs.enumerated() where flags[k] {
                guard let ig = inGrads[k] else { continue }
                if grads[j] == nil { grads[j] = ig } else { Kernels.addInPlace(&grads[j]!, ig) }
            }
        }
        return variables.map { v in
            (v.id >= 0 && v.id <= last ? grads[v.id] : nil) ?? Tensor.zeros(v.shape)
        }
    }

    /// Gradients of `loss` with respect to bound parameters, as a `Parameters`
    /// dictionary with the same names and order.
    public func gradients(of loss: Variable, wrt parameters: BoundParameters, seed: Tensor? = nil) throws -> Parameters {
        let vars = parameters.names.map { parameters.variables[$0]! }
        let gs = try gradients(of: loss, wrt: vars, seed: seed)
        var out = Parameters()
        for (name, g) in zip(parameters.names, gs) { out[name] = g }
        return out
    }
}
