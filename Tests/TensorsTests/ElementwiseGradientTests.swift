import Testing
@testable import Tensors

@Suite("Elementwise ops: gradients against a Double reference")
struct ElementwiseGradientTests {
    let key = RandomKey(seed: 7)

    /// A unary op: its name, an input range inside its domain, its kinks, the taped op and its reference.
    typealias UnaryOp = (name: String, range: ClosedRange<Float>, kinks: [Float],
                         taped: (Variable) -> Variable, reference: (Reference) -> Reference)

    static let unaryOps: [UnaryOp] = [
        ("exp", -1.5...1.5, [], { exp($0) }, { $0.exp() }),
        ("log", 0.2...2, [], { log($0) }, { $0.log() }),
        ("sqrt", 0.2...2, [], { sqrt($0) }, { $0.sqrt() }),
        ("softplus", -3...3, [], { softplus($0) }, { $0.softplus() }),
        ("relu", -1.5...1.5, [0], { relu($0) }, { $0.relu() }),
        ("leakyRelu", -1.5...1.5, [0], { leakyRelu($0, slope: 0.1) }, { $0.leakyRelu(slope: 0.1) }),
        ("leakyRelu default slope", -1.5...1.5, [0], { leakyRelu($0) }, { $0.leakyRelu() }),
        ("tanh", -2...2, [], { tanh($0) }, { $0.tanh() }),
        ("sigmoid", -3...3, [], { sigmoid($0) }, { $0.sigmoid() }),
        ("sin", -3...3, [], { sin($0) }, { $0.sin() }),
        ("cos", -3...3, [], { cos($0) }, { $0.cos() }),
        ("abs", -1.5...1.5, [0], { abs($0) }, { $0.abs() }),
        ("clip", -1.5...1.5, [-0.5, 0.7], { clip($0, -0.5, 0.7) }, { $0.clip(-0.5, 0.7) }),
        ("square", -1.5...1.5, [], { square($0) }, { $0.square() }),
        ("pow", 0.3...2, [], { pow($0, 1.7) }, { $0.pow(1.7) }),
        ("negate", -1...1, [], { -$0 }, { $0.map { -$0 } }),
        ("scalar affine", -1...1, [], { 2 - ($0 * 3 + 1) / 4 }, { $0.map { 2 - ($0 * 3 + 1) / 4 } }),
        ("scalar affine, other sides", -1...1, [], { 0.5 + 1.5 * ($0 - 0.25) }, { $0.map { 0.5 + 1.5 * ($0 - 0.25) } }),
    ]

    @Test("unary ops on random shapes", arguments: 0..<4)
    func unaryOps(trial: Int) throws {
        let k = key.fold(in: UInt64(trial))
        let s = GradientCheck.shape(trial % 4, key: k)  // rank 0 to 3
        for (i, op) in Self.unaryOps.enumerated() {
            let xs = GradientCheck.inputs([s], key: k.fold(in: op.name), range: op.range, kinks: op.kinks)
            try GradientCheck.againstDouble(xs, key: k.fold(in: UInt64(i)), name: op.name) { v in op.taped(v[0]) } reference: { r in op.reference(r[0]) }
        }
    }

    /// The same op on the tape and in the reference.
    typealias BinaryOp = (name: String, taped: (Variable, Variable) throws -> Variable, reference: (Reference, Reference) -> Reference)

    func checkBinaryOps(_ shapes: [[Int]], key k: RandomKey) throws {
        let xs = GradientCheck.inputs(shapes, key: k)
        let positive = GradientCheck.inputs(shapes, key: k, range: 0.5...2)
        let ops: [([Tensor], BinaryOp)] = [
            (xs, ("add", { try $0 + $1 }, { $0 + $1 })),
            (xs, ("subtract", { try $0 - $1 }, { $0 - $1 })),
            (xs, ("multiply", { try $0 * $1 }, { $0 * $1 })),
            ([xs[0], positive[1]], ("divide", { try $0 / $1 }, { $0 / $1 })),  // denominators away from 0
            ([xs[0], positive[1]], ("atan2", { try atan2($0, $1) }, { Reference.atan2($0, $1) })),  // points away from the origin
        ]
        for (i, (inputs, op)) in ops.enumerated() {
            try GradientCheck.againstDouble(inputs, key: k.fold(in: UInt64(i)), name: "\(op.name) \(shapes)") { v in try op.taped(v[0], v[1]) }
                reference: { r in op.reference(r[0], r[1]) }
        }
    }

    @Test("broadcasting binary ops, chosen shapes", arguments: [
        [[3, 4], [3, 4]], [[3, 4], [4]], [[3, 1], [1, 4]], [[2, 3, 4], [3, 4]], [[2, 3, 1], [2, 1, 4]], [[4], []], [[], [2, 3]],
    ])
    func binaryOps(shapes: [[Int]]) throws {
        try checkBinaryOps(shapes, key: key.fold(in: "\(shapes)"))
    }

    @Test("broadcasting binary ops, random shapes", arguments: 0..<8)
    func randomBinaryOps(trial: Int) throws {
        let k = key.fold(in: "broadcast\(trial)")
        try checkBinaryOps(GradientCheck.broadcastPair(key: k), key: k)
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
