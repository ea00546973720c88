import Testing
@testable import Tensors

/// The gradient checker must be able to fail: a check whose tolerance swallowed
/// real errors would pass for every op and prove nothing.
@Suite("The Double gradient checker rejects small errors")
struct GradientCheckTests {
    let xs = GradientCheck.inputs([[3, 2]], key: RandomKey(seed: 5))

    /// `2x` on the tape, with its backward scaled by `gradientFactor`.
    func doubling(_ x: Variable, gradientFactor: Float) throws -> Variable {
        customOp([x], value: try Tensor(shape: x.shape, scalars: x.value.scalars.map { 2 * $0 })) { g in
            [Tensor(unchecked: g.shape, g.scalars.map { 2 * gradientFactor * $0 })]
        }
    }

    @Test("a correct custom op passes")
    func correctPasses() throws {
        try GradientCheck.againstDouble(xs, key: RandomKey(seed: 6)) { v in try doubling(v[0], gradientFactor: 1) }
            reference: { r in r[0].map { 2 * $0 } }
    }

    /// Runs the checker on `2x` with the given errors and expects it to report one whose text contains `report`.
    func expectRejected(gradientFactor: Float, referenceFactor: Double, report: String) throws {
        try withKnownIssue {
            try GradientCheck.againstDouble(xs, key: RandomKey(seed: 6)) { v in try doubling(v[0], gradientFactor: gradientFactor) }
                reference: { r in r[0].map { 2 * referenceFactor * $0 } }
        } matching: { issue in issue.comments.contains { $0.rawValue.contains(report) } }
    }

    @Test("a backward off by 0.1% fails")
    func wrongBackwardFails() throws {
        try expectRejected(gradientFactor: 1.001, referenceFactor: 1, report: "vs Double differences")
    }

    @Test("a forward off by 0.01% fails")
    func wrongForwardFails() throws {
        try expectRejected(gradientFactor: 1, referenceFactor: 1.0001, report: "forward element")
    }
}
