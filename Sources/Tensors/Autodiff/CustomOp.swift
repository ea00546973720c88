/// An operation computed outside the tape (e.g. a fused, chunked kernel) that
/// joins the tape with its own backward. `backward` receives the output
/// gradient and returns one gradient per input (nil where none flows).
public func customOp(_ inputs: [Variable], value: Tensor, backward: @escaping (Tensor) -> [Tensor?]) -> Variable {
    guard let tape = inputs.first(where: { $0.isTracked })?.tape else { return Variable(value) }
    return tape.record(value, inputs: inputs.map { $0.tape === tape ? $0.id : -1 }) { gradient, _ in backward(gradient) }
}
