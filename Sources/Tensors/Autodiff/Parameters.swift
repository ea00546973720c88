/// An ordered dictionary of named tensors: model parameters, their gradients, or
/// optimiser state. Order is insertion order, so iteration, saving and the
/// optimisers' reductions are deterministic.
public struct Parameters: Sequence, Equatable, Codable, Sendable {
    /// Parameter names in insertion order.
    public private(set) var names: [String] = []
    private var storage: [String: Tensor] = [:]

    /// Creates an empty set.
    public init() {}

    /// Creates a set from name–tensor pairs, keeping their order.
    public init(_ pairs: [(String, Tensor)]) {
        for (n, t) in pairs { self[n] = t }
    }

    /// The tensor named `name`; setting nil removes it.
    public subscript(name: String) -> Tensor? {
        get { storage[name] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: name) == nil { names.append(name) }
            } else if storage.removeValue(forKey: name) != nil {
                names.removeAll { $0 == name }
            }
        }
    }

    /// The tensor named `name`.
    /// - Throws: ``TensorError/missingParameter(name:)``.
    public func tensor(_ name: String) throws -> Tensor {
        guard let t = storage[name] else { throw TensorError.missingParameter(name: name) }
        return t
    }

    /// Number of tensors.
    public var count: Int { names.count }
    /// Total number of scalars over all tensors.
    public var scalarCount: Int { storage.values.reduce(0) { $0 + $1.count } }

    /// Iterates `(name, tensor)` in insertion order.
    public func makeIterator() -> AnyIterator<(String, Tensor)> {
        var i = 0
        return AnyIterator {
            guard i < names.count else { return nil }
            defer { i += 1 }
            return (names[i], storage[names[i]]!)
        }
    }

    /// Mutates a tensor in place without copying its storage when uniquely referenced.
    mutating func modify(_ name: String, _ body: (inout Tensor) -> Void) {
        body(&storage[name]!)
    }

    /// Zeros shaped like every tensor of `other` (used for optimiser moments).
    public static func zeros(like other: Parameters) -> Parameters {
        Parameters(other.map { ($0.0, Tensor.zeros($0.1.shape)) })
    }

    private struct Entry: Codable { let name: String; let tensor: Tensor }

    public init(from decoder: Decoder) throws {
        let entries = try [Entry](from: decoder)
        self.init(entries.map { ($0.name, $0.tensor) })
    }

    public func encode(to encoder: Encoder) throws {
        try map { Entry(name: $0.0, tensor: $0.1) }.encode(to: encoder)
    }

    public static func == (a: Parameters, b: Parameters) -> Bool {
        a.names == b.names && a.storage == b.storage
    }
}

/// Parameters registered on a tape, looked up by name when a layer runs.
/// Built by ``Tape/bind(_:)`` for training, or ``BoundParameters/constant(_:)``
/// for inference without a tape.
public struct BoundParameters {
    /// Names in the original order.
    public let names: [String]
    let variables: [String: Variable]

    init(names: [String], variables: [String: Variable]) {
        self.names = names
        self.variables = variables
    }

    /// Parameters as untracked constants: layers run without recording anything.
    public static func constant(_ parameters: Parameters) -> BoundParameters {
        var vars: [String: Variable] = [:]
        for (n, t) in parameters { vars[n] = Variable(t) }
        return BoundParameters(names: parameters.names, variables: vars)
    }

    /// The variable for `name`.
    /// - Throws: ``TensorError/missingParameter(name:)``.
    public subscript(name: String) -> Variable {
        get throws {
            guard let v = variables[name] else { throw TensorError.missingParameter(name: name) }
            return v
        }
    }
}
