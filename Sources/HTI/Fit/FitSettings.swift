/// Everything a fit can be told. Defaults are the paper's (METHOD.md), except
/// where benchmarks/quality.md records a measured change made for speed.
public struct FitSettings: Sendable, Equatable, Codable {
    public enum Metric: String, Sendable, Codable, CaseIterable {
        /// G learned by an MLP of q (the paper's K_θ).
        case learned
        /// G = I (the paper's K_I ablation).
        case identity
    }

    public enum Potential: String, Sendable, Codable, CaseIterable {
        /// U = α · log(KDE + ε) (the paper's −Û).
        case density
        /// U = 0 (ablation).
        case none
    }

    /// How a path's action counts its motion (PathGeometry). Both add the potential at each of the
    /// path's points; they differ in the kinetic part, P the path's points, Δq_j its segments:
    public enum PathAction: String, Sendable, Codable, CaseIterable {
        /// Σ_j √(Δq_jᵀ G Δq_j), the segments' lengths summed: the reference code's. A path's length does
        /// not change when its points slide along it, so the potential alone decides where they sit:
        /// on the density's peaks, with the path crossing the gaps between them in a single segment.
        case lengths
        /// √((P − 1) · Σ_j Δq_jᵀ G Δq_j): the path's length when its points are evenly spaced, and more
        /// the more they bunch (Cauchy–Schwarz), so the potential must pay for every point it holds back.
        case energy
    }

    public var metric: Metric = .learned
    public var potential: Potential = .density
    /// Outer training steps. The paper takes 2001 (1001 for ETT); 1001 scored better at held-out λ
    /// on the semicircles and on data nobody tuned for, in half the time (benchmarks/quality.md,
    /// "Semicircles in 1001 steps" and "Data nobody tuned for"); `preset=moons` keeps 2001.
    public var steps: Int = 1001
    /// KDE bandwidth on outputs; nil: Scott's rule.
    public var bandwidth: Double?
    /// KDE bandwidth on continuous conditions.
    public var conditionBandwidth: Double = 1
    /// α, the weight of the potential.
    public var potentialWeight: Double = 0.01
    /// L-BFGS iterations of each c-transform (paper: 3–10; 3 here, see benchmarks/quality.md).
    public var lbfgsIterations: Int = 3
    /// Learning rate of the dual potentials g_k and maps T_k (AdamW).
    public var dualLearningRate: Double = 1e-4
    /// Learning rate of the metric (AdamW), updated every `metricPeriod` steps.
    public var metricLearningRate: Double = 5e-3
    public var metricPeriod: Int = 10
    /// Amortiser: Adam steps at start, then a refit every `amortiserPeriod` steps of `amortiserRefitSteps`.
    /// (Paper: 1001 and 1001 at width 1024; minibatched, warm-started refits of 50 steps
    /// at width 256 keep held-out quality — benchmarks/quality.md.)
    public var amortiserInitialSteps: Int = 300
    public var amortiserRefitSteps: Int = 50
    public var amortiserPeriod: Int = 25
    /// Adam steps of the amortiser's last refit, after training (sampling uses its paths).
    public var amortiserFinalSteps: Int = 500

    /// Warm-up and final amortiser fits shrink with very short fits (a 2-step trial fit
    /// should not spend a minute on paths); from 100 steps on they are as set.
    var scheduledAmortiserInitialSteps: Int { min(amortiserInitialSteps, 3 * steps + 20) }
    var scheduledAmortiserFinalSteps: Int { min(amortiserFinalSteps, 5 * steps + 20) }
    public var amortiserLearningRate: Double = 1e-4
    public var amortiserWidth: Int = 256
    /// Free spline knots per path, and the points each path is evaluated at.
    public var splineKnots: Int = 15
    public var pathPoints: Int = 20
    public var seed: UInt64 = 0
    /// Samples per pair in each training step's c-transform, dual and map updates; nil: all (paper: full batch).
    public var batchSize: Int? = 128
    /// Couplings per pair in each amortiser step; nil: all.
    public var amortiserBatchSize: Int? = 128
    /// Wall-clock budget in seconds, nil: none. Training stops at the last step after which
    /// another step and the final amortiser fit would not fit in it (at least one step is
    /// taken); the model's history says how many were. Optional, so older files decode as nil.
    public var timeLimit: Double?
    /// The scale on which λ moves evenly, which sets where between two anchors a path is read
    /// (LambdaScale). Optional, so files written before scales existed decode as nil: linear.
    public var lambdaScale: LambdaScale?
    /// `lambdaScale`, linear where none is set.
    public var scale: LambdaScale { lambdaScale ?? .linear }
    /// The paths' action. Optional, so files written before there was a choice decode as nil: the
    /// lengths, which they were fitted with.
    public var pathAction: PathAction?
    /// `pathAction`, the lengths where none is set.
    public var action: PathAction { pathAction ?? .lengths }
    /// Steps of the maps' matching to their target anchors after training (Trainer+Matching.swift);
    /// nil (files written before it) or 0: none. Only for class or no conditions.
    public var matchingSteps: Int?
    /// `matchingSteps`, 0 where none is set.
    public var matching: Int { matchingSteps ?? 0 }

    public init() {}

    /// The paper's name for this variant: K_I, K_θ, K_I−Û or K_θ−Û.
    public var variantName: String {
        (metric == .learned ? "K_θ" : "K_I") + (potential == .density ? "−Û" : "")
    }
}
