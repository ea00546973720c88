/// How much least-action refinement a draw gets when the user asks for none: refined
/// paths sit closer to the data (on the semicircles, CD 0.023 → 0.012 and NLL −0.89 → −1.07
/// at the held-out λ, seeds 0–4; benchmarks/quality.md), and cost 0.3–1.2 ms per path and
/// anchor pair at 10 iterations on two cores, so small draws are refined and large ones
/// take the amortiser's paths.
extension HTIModel {
    /// The iterations a small refined default draw takes. 10 against 5 on the same five
    /// semicircles fits: CD lower on every seed (0.0138 → 0.0123; worst 0.0175 → 0.0159,
    /// inside the paper's 0.016), NLL too; 20 no better than 10; moons and ETT within noise
    /// (benchmarks/quality.md, "Semicircles in 1001 steps").
    public static let defaultRefinementIterations = 10
    /// The most paths refined by default with `defaultRefinementIterations`.
    public static let fullyRefinedByDefaultUpTo = 1_000
    /// The iterations a larger draw gets, up to `refinedByDefaultUpTo` paths.
    public static let shorterRefinementIterations = 5
    /// The most paths (start samples × anchor pairs the λ fall in) refined by default. The two
    /// tiers keep a default draw near a second on two cores: a path's refinement costs
    /// 0.03–0.12 ms per iteration (semicircles, moons, ETT), so at most about 10,000 path
    /// iterations are spent.
    public static let refinedByDefaultUpTo = 2_000

    /// How many paths a draw of `count` start samples at `lambdas` computes: one per start
    /// sample in each anchor pair some λ falls in (refinement works on each).
    public func pathCount(starts count: Int, at lambdas: [Double]) -> Int {
        let (paths, overflow) = count.multipliedReportingOverflow(by: Set(lambdas.map(pairIndex(of:))).count)
        return overflow ? Int.max : paths
    }

    /// The refinement a draw gets by default: `defaultRefinementIterations` up to
    /// `fullyRefinedByDefaultUpTo` paths, `shorterRefinementIterations` up to
    /// `refinedByDefaultUpTo`, none (the amortiser's paths) beyond.
    public func defaultRefinement(starts count: Int, at lambdas: [Double]) -> Int {
        HTIModel.defaultRefinement(paths: pathCount(starts: count, at: lambdas))
    }

    /// The refinement by default for a draw of `paths` paths.
    public static func defaultRefinement(paths: Int) -> Int {
        paths <= fullyRefinedByDefaultUpTo ? defaultRefinementIterations
            : paths <= refinedByDefaultUpTo ? shorterRefinementIterations : 0
    }
}
