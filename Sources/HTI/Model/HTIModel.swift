import Tensors

/// A fitted HTI model: the data it was fitted on, its settings, and every
/// learned weight. Sampling needs no optimisation: start samples are pushed
/// through the maps T_k and along the amortised paths.
public struct HTIModel: Sendable {
    public private(set) var settings: FitSettings
    public let marginals: Marginals
    public let features: ConditionFeatures
    public var metricParameters: Parameters
    public var amortiserParameters: Parameters
    public var potentialParameters: [Parameters]
    public var mapParameters: [Parameters]
    /// Per step: named losses, for `plot m loss`.
    public var history: [[String: Double]]
    /// Whether `time=` ended training before `settings.steps` (the history holds the steps taken).
    public var stoppedByTimeLimit: Bool { settings.timeLimit != nil && history.count < settings.steps }
    /// Wall time of the fit, seconds.
    public var fitSeconds: Double
    /// Where that time went, by phase (c-transform, dual, map, metric, amortiser).
    public var phaseSeconds: [String: Double] = [:]

    public var lambdas: [Double] { marginals.lambdas }
    public var dimension: Int { marginals.dimension }

    /// The geometry (metric, spline basis, potential) this model's paths live in.
    public var geometry: PathGeometry {
        let metric = metricField
        let potential = settings.potential == .density
            ? DensityPotential(marginals: marginals, weight: settings.potentialWeight, bandwidth: settings.bandwidth,
                               conditionBandwidth: settings.conditionBandwidth)
            : nil
        return PathGeometry(dimension: dimension, basis: SplineBasis(knots: settings.splineKnots, points: settings.pathPoints),
                            metric: metric, potential: potential, action: settings.action)
    }

    /// The metric G (learned, or the identity) on this model's outputs and conditions.
    public var metricField: MetricField {
        MetricField(dimension: dimension, conditionFeatures: features.width, learned: settings.metric == .learned,
                    scaling: OutputScaling(marginals: marginals))
    }

    public var networks: Networks {
        Networks(dimension: dimension, features: features.width, pairs: marginals.anchors.count - 1,
                 knots: settings.splineKnots, amortiserWidth: settings.amortiserWidth, scaling: OutputScaling(marginals: marginals))
    }

    /// The same model reading its paths on another λ scale. The paths do not depend on the
    /// scale (the fit sees only the anchors' order), so no refit is needed.
    public func reading(on scale: LambdaScale) throws -> HTIModel {
        try scale.requireDefined(at: lambdas)
        var copy = self
        copy.settings.lambdaScale = scale
        return copy
    }

    /// Start points for sampling: outputs [count × D] with their conditions.
    public struct Start: Sendable {
        public var outputs: [Float]
        public var conditions: ConditionValues
        public var count: Int

        public init(outputs: [Float], conditions: ConditionValues, count: Int) {
            self.outputs = outputs
            self.conditions = conditions
            self.count = count
        }
    }

    /// The default start: the samples at λ_0, or `perCondition` of them per class
    /// (cycling through a class's samples when asked for more than it has).
    public func defaultStart(perCondition: Int? = nil) -> Start {
        let anchor = marginals.anchors[0]
        guard let perCondition else { return Start(outputs: anchor.outputs, conditions: anchor.conditions, count: anchor.count) }
        let d = dimension
        var picked: [Int] = []
        var labels: [Int32] = []
        switch anchor.conditions {
        case .classes(let classes):
            let classCount = Set(classes).count
            for c in 0..<classCount {
                let members = classes.indices.filter { Int(classes[$0]) == c }
                for i in 0..<perCondition { picked.append(members[i % members.count]); labels.append(Int32(c)) }
            }
        default:
            picked = (0..<perCondition).map { $0 % anchor.count }
        }
        let outputs = picked.flatMap { anchor.outputs[($0 * d)..<(($0 + 1) * d)] }
        let conditions: ConditionValues
        switch anchor.conditions {
        case .classes: conditions = .classes(labels)
        case .vectors(let values, let width): conditions = .vectors(picked.flatMap { values[($0 * width)..<(($0 + 1) * width)] }, width: width)
        case .none: conditions = .none
        }
        return Start(outputs: outputs, conditions: conditions, count: picked.count)
    }

    /// Samples at each λ (in [λ_0, λ_K]); one group per λ, conditions as the start's,
    /// clamped to the data's box (`draw` says how many were and can turn it off).
    /// `refine` > 0 takes that many least-action L-BFGS iterations on each path
    /// (PathRefinement.swift): sharper samples, at the cost of evaluating the action.
    public func sample(at lambdas: [Double], from start: Start? = nil, refine: Int = 0,
                       isCancelled: () -> Bool = { false }) throws -> Marginals {
        try draw(at: lambdas, from: start, refine: refine, isCancelled: isCancelled).samples
    }

    /// What `draw` returns: the samples and what clamping did to them.
    public struct Draw: Sendable {
        public var samples: Marginals
        /// Sampled points (one per start sample and λ) with a coordinate outside the
        /// data's box: moved onto its edge when clamping was on, left where they are otherwise.
        public var pointsOutsideBox: Int
        public var clamped: Bool
        /// The box: per output, the lowest and highest value in the training anchors.
        public var box: (lower: [Float], upper: [Float])
        /// Start samples beyond the training data — outside the box, or with a continuous
        /// condition outside the training range — which the networks read at its edge
        /// (ConditionFeatures, OutputScaling.heldInBox).
        public var startsBeyondTraining: Int
    }

    /// `sample`, reporting clamping: with `clamp` on, points the paths carry outside
    /// the data's box are moved onto its edge (a path's spline can overshoot where
    /// the data has none); off, they are returned as the paths put them.
    public func draw(at lambdas: [Double], from start: Start? = nil, refine: Int = 0, clamp: Bool = true,
                     isCancelled: () -> Bool = { false }) throws -> Draw {
        let start = start ?? defaultStart()
        let (all, outside) = try positionsAndOverflow(of: start, at: lambdas, refine: refine, clamp: clamp,
                                                      isCancelled: isCancelled)
        let anchors = zip(lambdas, all).map { lambda, points in
            Anchor(lambda: lambda, count: start.count, outputs: points, conditions: start.conditions)
        }
        var result = marginals
        result.source = "samples"
        result.anchors = anchors
        let box = marginals.bounds
        return Draw(samples: result, pointsOutsideBox: outside, clamped: clamp, box: box,
                    startsBeyondTraining: startsBeyondTraining(start, box: box))
    }

    /// How many start samples lie beyond the training data (see `Draw.startsBeyondTraining`), `box` its bounds.
    func startsBeyondTraining(_ start: Start, box: (lower: [Float], upper: [Float])) -> Int {
        let (lower, upper) = box, d = dimension
        let conditionBeyond = features.beyondTrainingRange(start.conditions, count: start.count)
        return (0..<start.count).filter { i in
            conditionBeyond[i] || (0..<d).contains { k in
                let v = start.outputs[i * d + k]
                return v < lower[k] || v > upper[k]
            }
        }.count
    }

    /// Each start sample's position at each λ of `grid`: [grid.count][count × D], clamped to the data's box.
    public func positions(of start: Start, at grid: [Double], refine: Int = 0,
                          isCancelled: () -> Bool = { false }) throws -> [[Float]] {
        try positionsAndOverflow(of: start, at: grid, refine: refine, clamp: true, isCancelled: isCancelled).positions
    }

    /// Which anchor pair λ falls in (pair k runs from anchor k to k + 1).
    func pairIndex(of lambda: Double) -> Int {
        var k = 0
        while k < lambdas.count - 2 && lambdas[k + 1] < lambda { k += 1 }
        return k
    }

    /// The positions, and how many of them (one per sample and λ) lay outside the data's box.
    private func positionsAndOverflow(of start: Start, at grid: [Double], refine: Int, clamp: Bool,
                                      isCancelled: () -> Bool) throws -> (positions: [[Float]], outside: Int) {
        guard let first = lambdas.first, let last = lambdas.last else { return ([], 0) }
        for lambda in grid where !(first...last).contains(lambda) || !lambda.isFinite {
            throw SamplingError.outsideRange(lambda: lambda, range: first...last)
        }
        let n = start.count, d = dimension
        let featureMatrix = Variable(features.matrix(start.conditions, count: n))
        let nets = networks
        let (lower, upper) = marginals.bounds
        // Only the pairs some λ of the grid falls in are computed: positions at anchors up
        // to the last of them (pushforward through T_0, T_1, …), and those pairs' knots.
        let needed = Set(grid.map(pairIndex(of:)))
        let lastPair = needed.max() ?? 0
        var atAnchor = [Variable(try Tensor(shape: [n, d], scalars: start.outputs))]
        for k in 0...lastPair {
            atAnchor.append(try nets.map(k, atAnchor[k], features: featureMatrix, .constant(mapParameters[k])))
        }
        var knots: [Int: Tensor] = [:]
        let refinementGeometry = refine > 0 ? geometry : nil
        for k in needed.sorted() {
            let amortised = try nets.knots(x: atAnchor[k], y: atAnchor[k + 1], features: featureMatrix, .constant(amortiserParameters)).value
            if let refinementGeometry {
                knots[k] = try refinedKnots(x: atAnchor[k], y: atAnchor[k + 1], knots: amortised, features: featureMatrix.value,
                                            conditions: start.conditions, iterations: refine, geometry: refinementGeometry,
                                            isCancelled: isCancelled)
            } else {
                knots[k] = amortised
            }
        }
        let basis = SplineBasis(knots: settings.splineKnots, points: settings.pathPoints)
        var outside = 0
        let positions = grid.map { lambda in
            let k = pairIndex(of: lambda)
            let s = settings.scale.fraction(of: lambda, from: lambdas[k], to: lambdas[k + 1])
            let row = basis.row(at: s)
            let x = atAnchor[k].value.scalars, y = atAnchor[k + 1].value.scalars, w = knots[k]?.scalars ?? []
            var out = [Float](repeating: 0, count: n * d)
            let sf = Float(s)
            for i in 0..<n {
                var isOutside = false
                for c in 0..<d {
                    var value = (1 - sf) * x[i * d + c] + sf * y[i * d + c]
                    let base = i * d * basis.knots + c * basis.knots
                    for j in 0..<basis.knots { value += row[j] * w[base + j] }
                    if value < lower[c] || value > upper[c] {
                        isOutside = true
                        if clamp { value = min(upper[c], max(lower[c], value)) }
                    }
                    out[i * d + c] = value
                }
                if isOutside { outside += 1 }
            }
            return out
        }
        return (positions, outside)
    }
}
