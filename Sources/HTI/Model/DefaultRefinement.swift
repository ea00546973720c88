/// How much least-action refinement a draw gets when the user asks for none: refined
/// paths sit closer to the data (on the semicircles, CD 0.024 → 0.012 and NLL −0.67 → −0.97
/// at the held-out λ; benchmarks/quality.md), and cost about 0.4 ms per path and anchor
/// pair on two cores, so small draws are refined and large ones take the amortiser's paths.
extension HTIModel {
    /// The iterations a refined default draw takes (5 is within noise of 10 or 20 in quality).
    public static let defaultRefinementIterations = 5
    /// The most paths (start samples × anchor pairs the λ fall in) refined by default:
    /// about a second of sampling on two cores.
    public static let refinedByDefaultUpTo = 2_000

    /// How many paths a draw of `count` start samples at `lambdas` computes: one per start
    /// sample in each anchor pair some λ falls in (refinement works on each).
    public func pathCount(starts count: Int, at lambdas: [Double]) -> Int {
        let (paths, overflow) = count.multipliedReportingOverflow(by: Set(lambdas.map(pairIndex(of:))).count)
        return overflow ? Int.max : paths
    }

    /// The refinement a draw gets by default: `defaultRefinementIterations` up to
    /// `refinedByDefaultUpTo` paths, none (the amortiser's paths) beyond.
    public func defaultRefinement(starts count: Int, at lambdas: [Double]) -> Int {
        pathCount(starts: count, at: lambdas) <= HTIModel.refinedByDefaultUpTo ? HTIModel.defaultRefinementIterations : 0
    }
}
