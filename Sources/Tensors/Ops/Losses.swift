/// Mean squared error `mean((prediction − target)²)` over all scalars, as one op
/// accumulated in Double (the training loss of the benchmarks).
/// - Throws: ``TensorError/shapeMismatch(op:lhs:rhs:)`` unless shapes are equal.
public func meanSquaredError(_ prediction: Variable, _ target: Variable) throws -> Variable {
    let p = prediction.value, t = target.value
    guard p.shape == t.shape else { throw TensorError.shapeMismatch(op: "meanSquaredError", lhs: p.shape, rhs: t.shape) }
    let diff = Kernels.zip(p, t) { $0 - $1 }
    let n = Float(max(p.count, 1))
    let value = Float(Kernels.sumOfSquares(diff.scalars) / Double(max(p.count, 1)))
    return try Variable.nary([prediction, target], Tensor(value), op: "meanSquaredError") { g, need in
        let s = 2 * g.scalars[0] / n
        let gp = Kernels.map(diff) { $0 * s }
        return [need[0] ? gp : nil, need[1] ? Kernels.map(gp) { -$0 } : nil]
    }
}
