import Testing
@testable import Tensors

@Suite("Elementwise ops: finite-difference gradients")
struct ElementwiseGradientTests {
    let key = RandomKey(seed: 7)

    @Test("unary ops", arguments: 0..<3)
    func unaryOps(trial: Int) throws {
        let k = key.fold(in: UInt64(trial))
        let s = GradientCheck.shape(trial % 3 + 1, key: k)
        let ops: [(String, ClosedRange<Float>, [Float], (Variable) -> Variable)] = [
            ("exp", -1.5...1.5, [], { exp($0) }),
            ("log", 0.2...2, [], { log($0) }),
            ("sqrt", 0.2...2, [], { sqrt($0) }),
            ("softplus", -3...3, [], { softplus($0) }),
            ("relu", -1.5...1.5, [0], { relu($0) }),
            ("leakyRelu", -1.5...1.5, [0], { leakyRelu($0, slope: 0.1) }),
            ("tanh", -2...2, [], { tanh($0) }),
            ("sigmoid", -3...3, [], { sigmoid($0) }),
            ("sin", -3...3, [], { sin($0) }),
            ("cos", -3...3, [], { cos($0) }),
            ("abs", -1.5...1.5, [0], { abs($0) }),
            ("clip", -1.5...1.5, [-0.5, 0.7], { clip($0, -0.5, 0.7) }),
            ("square", -1.5...1.5, [], { square($0) }),
            ("pow", 0.3...2, [], { pow($0, 1.7) }),
            ("negate", -1...1, [], { -$0 }),
            ("scalar affine", -1...1, [], { 2 - ($0 * 3 + 1) / 4 }),
        ]
        for (i, (name, range, kinks, f)) in ops.enumerated() {
            let xs = GradientCheck.inputs([s], key: k.fold(in: name), range: range, kinks: kinks)
            try GradientCheck.check(xs, key: k.fold(in: UInt64(i))) { v in f(v[0]) }
        }
    }

    @Test("broadcasting binary ops", arguments: [
        [[3, 4], [3, 4]], [[3, 4], [4]], [[3, 1], [1, 4]], [[2, 3, 4], [3, 4]], [[2, 3, 1], [2, 1, 4]], [[4], []], [[], [2, 3]],
    ])
    func binaryOps(shapes: [[Int]]) throws {
        let k = key.fold(in: "\(shapes)")
        let xs = GradientCheck.inputs(shapes, key: k)
        try GradientCheck.check(xs, key: k) { v in try v[0] + v[1] }
        try GradientCheck.check(xs, key: k) { v in try v[0] - v[1] }
        try GradientCheck.check(xs, key: k) { v in try v[0] * v[1] }
        let pos = GradientCheck.inputs(shapes, key: k, range: 0.5...2)
        try GradientCheck.check([xs[0], pos[1]], key: k) { v in try v[0] / v[1] }
        try GradientCheck.check([pos[0], xs[1]], key: k, atol: 5e-3) { v in try atan2(v[1], v[0]) }
    }

    @Test("forward values are correct")
    func forwardValues() throws {
        let x = Variable(try Tensor(shape: [2, 2], scalars: [1, -2, 3, -4]))
        #expect(relu(x).value.scalars == [1, 0, 3, 0])
        #expect(leakyRelu(x).value.scalars == [1, -0.02, 3, -0.04])
        #expect(clip(x, -1, 2).value.scalars == [1, -1, 2, -1])
        let b = Variable(Tensor([10, 20]))
        #expect(try (x + b).value.scalars == [11, 18, 13, 16])
        #expect(softplus(Variable(Tensor([100]))).value.scalars == [100])
        #expect(Swift.abs(try atan2(Variable(Tensor([1])), Variable(Tensor([0]))).value.scalars[0] - Float.pi / 2) < 1e-6)
    }
}
