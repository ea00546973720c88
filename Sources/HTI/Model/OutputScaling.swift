import Tensors

/// What the networks see of the outputs: centred and scaled to unit spread
/// when the data is far from unit scale (ETT readings sit around 40 with a
/// spread of 5 — raw, they would saturate freshly initialised layers), and
/// untouched when it is already near unit scale, so the paper's bandwidths
/// and settings for such data keep their meaning. Paths, the metric's
/// velocities and the potential stay in the data's own units either way.
public struct OutputScaling: Sendable, Equatable {
    public let mean: [Float]
    public let spread: [Float]
    public let isIdentity: Bool
    /// The training outputs' box, in data units (what `heldInBox` holds a map's input to).
    public let lower: [Float]
    public let upper: [Float]

    public init(marginals: Marginals) {
        (lower, upper) = marginals.bounds
        let (mean, spread) = OutputScaling.moments(marginals)
        let d = marginals.dimension
        isIdentity = (0..<d).allSatisfy { abs(mean[$0]) < 3 && spread[$0] > 0.2 && spread[$0] < 5 }
        self.mean = isIdentity ? Array(repeating: 0, count: d) : mean.map(Float.init)
        self.spread = isIdentity ? Array(repeating: 1, count: d) : spread.map(Float.init)
    }

    /// Each output's standard deviation over all anchors.
    public static func spreads(of marginals: Marginals) -> [Double] { moments(marginals).spread }

    static func moments(_ marginals: Marginals) -> (mean: [Double], spread: [Double]) {
        let d = marginals.dimension
        var sum = [Double](repeating: 0, count: d), squares = sum
        var n = 0.0
        for anchor in marginals.anchors {
            for i in 0..<anchor.count {
                for k in 0..<d {
                    let v = Double(anchor.outputs[i * d + k])
                    sum[k] += v; squares[k] += v * v
                }
                n += 1
            }
        }
        let mean = sum.map { $0 / max(n, 1) }
        let spread = (0..<d).map { max(1e-6, (squares[$0] / max(n, 1) - mean[$0] * mean[$0]).squareRoot()) }
        return (mean, spread)
    }

    /// x [n, D] with each output held inside the training data's box: what a map's network
    /// reads (Networks.map). Points inside it — every training sample — come back as they
    /// are, the same variable, so fits and their gradients are unchanged; otherwise a
    /// constant: no fit differentiates a map by its input (maps are regressed on
    /// c-transform solutions, never chained under a gradient).
    func heldInBox(_ x: Variable) throws -> Variable {
        let d = lower.count
        guard d > 0, x.shape.count == 2, x.shape[1] == d, (0..<d).allSatisfy({ lower[$0] <= upper[$0] }) else { return x }
        var values = x.value.scalars
        var moved = false
        for (i, v) in values.enumerated() {
            let held = min(max(v, lower[i % d]), upper[i % d])
            if held != v { values[i] = held; moved = true }
        }
        return moved ? Variable(try Tensor(shape: x.shape, scalars: values)) : x
    }

    /// (x − mean) / spread, for network inputs [n, D].
    func normalised(_ x: Variable) throws -> Variable {
        guard !isIdentity else { return x }
        return try (x - Variable(Tensor(shape: [1, mean.count], scalars: mean))) / Variable(Tensor(shape: [1, spread.count], scalars: spread))
    }

    /// Network outputs in unit scale back to data units ([n, D·repeats], ordered by dimension).
    func toDataUnits(_ x: Variable, repeats: Int = 1) throws -> Variable {
        guard !isIdentity else { return x }
        let factors = spread.flatMap { Array(repeating: $0, count: repeats) }
        return try x * Variable(Tensor(shape: [1, factors.count], scalars: factors))
    }
}
