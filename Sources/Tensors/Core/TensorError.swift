/// Errors raised by tensor construction, operations and optimisers.
///
/// Every case carries enough context (the operation and the shapes involved) to
/// produce a message a notebook user can act on without reading the source.
public enum TensorError: Error, Equatable, CustomStringConvertible {
    /// Two operands of `op` have incompatible shapes.
    case shapeMismatch(op: String, lhs: [Int], rhs: [Int])
    /// The scalar count does not match the product of the requested shape.
    case scalarCountMismatch(shape: [Int], count: Int)
    /// An operand of `op` has a rank the operation does not support.
    case unsupportedRank(op: String, shape: [Int], expected: String)
    /// An axis, index or range argument of `op` is out of bounds.
    case invalidArgument(op: String, message: String)
    /// A parameter name was looked up but is not present.
    case missingParameter(name: String)
    /// A gradient was requested for a loss that is not a scalar and no seed was given.
    case nonScalarLoss(shape: [Int])
    /// Variables recorded on different tapes were combined in `op`.
    case tapeMismatch(op: String)

    public var description: String {
        switch self {
        case let .shapeMismatch(op, lhs, rhs):
            return "\(op): incompatible shapes \(lhs) and \(rhs)"
        case let .scalarCountMismatch(shape, count):
            return "shape \(shape) needs \(shape.reduce(1, *)) scalars but \(count) were given"
        case let .unsupportedRank(op, shape, expected):
            return "\(op): operand of shape \(shape) has rank \(shape.count), expected \(expected)"
        case let .invalidArgument(op, message):
            return "\(op): \(message)"
        case let .missingParameter(name):
            return "no parameter named \"\(name)\""
        case let .nonScalarLoss(shape):
            return "gradients(of:) needs a scalar loss (or an explicit seed), got shape \(shape)"
        case let .tapeMismatch(op):
            return "\(op): operands were recorded on different tapes"
        }
    }
}
