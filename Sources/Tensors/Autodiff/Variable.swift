/// A tensor value together with its identity on a ``Tape``.
///
/// Operations on variables compute their value immediately; if any operand was
/// recorded on a tape, the operation is recorded too so gradients can flow back.
/// `Variable(tensor)` makes an untracked constant: computations built only from
/// constants record nothing (the no-tape inference path).
public struct Variable {
    /// The computed value.
    public let value: Tensor
    /// Node index on `tape`, or −1 for a constant.
    let id: Int
    /// The tape this variable was recorded on, if any.
    let tape: Tape?

    init(value: Tensor, id: Int, tape: Tape?) {
        self.value = value
        self.id = id
        self.tape = tape
    }

    /// An untracked constant (no gradient flows into it).
    public init(_ value: Tensor) { self.init(value: value, id: -1, tape: nil) }

    /// Shape of the value.
    public var shape: [Int] { value.shape }
    /// Rank of the value.
    public var rank: Int { value.rank }
    /// Whether the variable is recorded on a tape.
    public var isTracked: Bool { tape != nil && id >= 0 }

    /// A constant copy of this variable, cut off from the tape (stop-gradient).
    public var detached: Variable { Variable(value) }
}

extension Variable {
    /// Records a unary op: `backward(g)` returns the input gradient.
    static func unary(_ x: Variable, _ value: Tensor, _ backward: @escaping (Tensor) -> Tensor) -> Variable {
        guard let tape = x.tape, x.id >= 0 else { return Variable(value) }
        return tape.record(value, inputs: [x.id]) { g, _ in [backward(g)] }
    }

    /// Records an op with several inputs; untracked inputs are skipped.
    static func nary(_ xs: [Variable], _ value: Tensor, op: String,
                     _ backward: @escaping (Tensor, [Bool]) -> [Tensor?]) throws -> Variable {
        var tape: Tape?
        for x in xs where x.id >= 0 && x.tape != nil {
            if let t = tape, t !== x.tape { throw TensorError.tapeMismatch(op: op) }
            tape = x.tape
        }
        guard let tape else { return Variable(value) }
        return tape.record(value, inputs: xs.map { $0.tape === tape ? $0.id : -1 }, backward: backward)
    }
}
