/// The outcome of a minimisation (one problem of ``BatchedLBFGS``).
public struct LBFGSResult: Sendable {
    /// The final point.
    public var x: [Double]
    /// Objective at `x`.
    public var value: Double
    /// Largest absolute gradient component at `x`.
    public var gradientNorm: Double
    /// Iterations taken.
    public var iterations: Int
    /// Objective evaluations made.
    public var evaluations: Int
    /// Whether the gradient tolerance was met.
    public var converged: Bool
}
