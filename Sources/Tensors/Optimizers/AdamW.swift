import Foundation

/// Adam with decoupled weight decay (Loshchilov & Hutter), bias correction and
/// optional global-norm gradient clipping, acting on named ``Parameters``.
///
/// One step, for each scalar (after clipping `g`):
/// `m ← β₁m + (1−β₁)g`, `v ← β₂v + (1−β₂)g²`, `m̂ = m/(1−β₁ᵗ)`, `v̂ = v/(1−β₂ᵗ)`,
/// `p ← p − lr·(m̂/(√v̂ + ε) + λ·p)` — the same update as optax's
/// `chain(clip_by_global_norm, adamw)`. Decay applies to every parameter.
public struct AdamW: Sendable {
    /// Step size.
    public var learningRate: Float
    /// First-moment decay β₁.
    public var beta1: Float
    /// Second-moment decay β₂.
    public var beta2: Float
    /// Denominator offset ε (added to √v̂).
    public var epsilon: Float
    /// Decoupled weight decay λ (0 gives plain Adam).
    public var weightDecay: Float
    /// Clip gradients to this global norm first, if set.
    public var maxGradientNorm: Float?
    /// Number of updates applied so far.
    public private(set) var step: Int = 0
    /// First moments, by parameter name.
    public private(set) var firstMoment = Parameters()
    /// Second moments, by parameter name.
    public private(set) var secondMoment = Parameters()
    /// Global gradient norm seen at the last update (before clipping).
    public private(set) var lastGradientNorm: Double = 0

    /// Creates the optimiser (defaults as optax's `adamw`, weight decay 1e-4).
    public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
                weightDecay: Float = 1e-4, maxGradientNorm: Float? = nil) {
        self.learningRate = learningRate; self.beta1 = beta1; self.beta2 = beta2
        self.epsilon = epsilon; self.weightDecay = weightDecay; self.maxGradientNorm = maxGradientNorm
    }

    /// Applies one update to `parameters` in place.
    /// - Throws: ``TensorError/missingParameter(name:)`` if a gradient is missing,
    ///   ``TensorError/shapeMismatch(op:lhs:rhs:)`` if shapes differ.
    public mutating func update(_ parameters: inout Parameters, gradients: Parameters) throws {
        for (name, p) in parameters {
            let g = try gradients.tensor(name)
            guard g.shape == p.shape else { throw TensorError.shapeMismatch(op: "AdamW.update(\(name))", lhs: p.shape, rhs: g.shape) }
        }
        var scale: Float = 1
        lastGradientNorm = GradientClipping.globalNorm(gradients)
        if let maxNorm = maxGradientNorm, lastGradientNorm > Double(maxNorm) {
            scale = Float(Double(maxNorm) / lastGradientNorm)
        }
        if step == 0 || firstMoment.names != parameters.names {
            firstMoment = Parameters.zeros(like: parameters)
            secondMoment = Parameters.zeros(like: parameters)
        }
        step += 1
        let t = Double(step)
        let c1 = Float(1 / (1 - Foundation.pow(Double(beta1), t)))
        let c2 = Float(1 / (1 - Foundation.pow(Double(beta2), t)))
        let (b1, b2, lr, eps, wd) = (beta1, beta2, learningRate, epsilon, weightDecay)
        var m = firstMoment, v = secondMoment
        firstMoment = Parameters(); secondMoment = Parameters()  // keep storage unique for in-place updates
        for name in parameters.names {
            let g = gradients[name]!
            m.modify(name) { mt in v.modify(name) { vt in parameters.modify(name) { pt in
                let n = pt.count
                pt.scalars.withUnsafeMutableBufferPointer { pp in
                    mt.scalars.withUnsafeMutableBufferPointer { mp in
                        vt.scalars.withUnsafeMutableBufferPointer { vp in
                            g.scalars.withUnsafeBufferPointer { gp in
                                let p = pp.baseAddress!, m = mp.baseAddress!, v = vp.baseAddress!, gs = gp.baseAddress!
                                Parallel.forRanges(n, work: n &* 2) { r in  // memory-bound: four streams, a square root
                                    for i in r {
                                        let gi = gs[i] * scale
                                        let mi = b1 * m[i] + (1 - b1) * gi
                                        let vi = b2 * v[i] + (1 - b2) * gi * gi
                                        m[i] = mi; v[i] = vi
                                        p[i] -= lr * ((mi * c1) / ((vi * c2).squareRoot() + eps) + wd * p[i])
                                    }
                                }
                            }
                        }
                    }
                }
            } } }
        }
        firstMoment = m; secondMoment = v
    }
}

/// Adam (no weight decay): ``AdamW`` with `weightDecay = 0`.
public struct Adam: Sendable {
    var inner: AdamW

    /// Creates the optimiser (defaults as optax's `adam`).
    public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
                maxGradientNorm: Float? = nil) {
        inner = AdamW(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
                      weightDecay: 0, maxGradientNorm: maxGradientNorm)
    }

    /// Step size.
    public var learningRate: Float { get { inner.learningRate } set { inner.learningRate = newValue } }
    /// Number of updates applied so far.
    public var step: Int { inner.step }

    /// Applies one update to `parameters` in place (see ``AdamW/update(_:gradients:)``).
    public mutating func update(_ parameters: inout Parameters, gradients: Parameters) throws {
        try inner.update(&parameters, gradients: gradients)
    }
}
