/// Global-norm gradient clipping (as optax's `clip_by_global_norm`).
public enum GradientClipping {
    /// The Euclidean norm of all gradients together, summed in Double in parameter order.
    public static func globalNorm(_ gradients: Parameters) -> Double {
        var s = 0.0
        for (_, g) in gradients { s += Kernels.sumOfSquares(g.scalars) }
        return s.squareRoot()
    }

    /// Scales all gradients by `maxNorm / norm` when their global norm exceeds `maxNorm`.
    /// - Returns: the (possibly) scaled gradients and the norm before clipping.
    public static func clipByGlobalNorm(_ gradients: Parameters, maxNorm: Float) -> (Parameters, Double) {
        let norm = globalNorm(gradients)
        guard norm > Double(maxNorm) else { return (gradients, norm) }
        let s = Float(Double(maxNorm) / norm)
        return (Parameters(gradients.map { ($0.0, Kernels.map($0.1) { $0 * s }) }), norm)
    }
}
