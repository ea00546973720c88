import Tensors

/// Paths and their cost. A path from x to y is the straight line plus a
/// spline perturbation given by knots (SplineBasis); its action is
///
///   E = K − Σ_segments U(q),  q the segment's start,
///
/// with the kinetic part K as `action` says (FitSettings.PathAction): the summed
/// segment lengths Σ √(Δqᵀ G(q) Δq) (the reference code's, METHOD.md), or
/// √((P − 1) · Σ Δqᵀ G(q) Δq), which equals them for evenly spaced points and
/// grows as points bunch. The transport cost is c(x, y) = ½ E².
public struct PathGeometry: Sendable {
    public let dimension: Int
    public let basis: SplineBasis
    public let metric: MetricField
    public let potential: DensityPotential?
    /// Which kinetic part the action takes (FitSettings.PathAction): the `action` it was made with.
    public let kinetic: FitSettings.PathAction
    /// Added to each segment so √ stays differentiable where a path stands still.
    static let segmentOffset: Float = 1e-6

    public init(dimension: Int, basis: SplineBasis, metric: MetricField, potential: DensityPotential?,
                action: FitSettings.PathAction = .lengths) {
        self.dimension = dimension
        self.basis = basis
        self.metric = metric
        self.potential = potential
        self.kinetic = action
    }

    var points: Int { basis.times.count }
    var knotCount: Int { basis.knots }

    /// Path points [n, P, D] for endpoints x, y [n, D] and knots [n, D·K] (ordered by dimension, then knot).
    public func pathPoints(x: Variable, y: Variable, knots: Variable) throws -> Variable {
        let n = x.shape[0], d = dimension, p = points
        let s = basis.times.map(Float.init)
        let startWeights = Variable(try Tensor(shape: [1, p], scalars: s.map { 1 - $0 }))
        let endWeights = Variable(try Tensor(shape: [1, p], scalars: s))
        let basisMatrix = Variable(try Tensor(shape: [p, knotCount], scalars: basis.matrix))
        let straight = try matmul(reshape(x, [n * d, 1]), startWeights) + matmul(reshape(y, [n * d, 1]), endWeights)
        let bend = try matmul(reshape(knots, [n * d, knotCount]), basisMatrix, transposeB: true)
        return try transpose(reshape(straight + bend, [n, d, p]), [0, 2, 1])
    }

    /// The action E of each path [n], given path points [n, P, D] and per-sample
    /// condition features [n, F] (for the metric) and conditions (for the potential).
    public func action(path: Variable, features: Tensor, conditions: ConditionValues,
                       _ metricParameters: BoundParameters) throws -> Variable {
        let n = path.shape[0], d = dimension, segments = points - 1
        let starts = try reshape(slice(path, axis: 1, range: 0..<segments), [n * segments, d])
        let ends = try reshape(slice(path, axis: 1, range: 1..<points), [n * segments, d])
        let steps = try ends - starts + PathGeometry.segmentOffset
        let repeated = PathGeometry.repeatRows(n, segments)
        let segmentFeatures = try gather(Variable(features), repeated)
        let squares = try metric.quadraticForm(points: starts, velocities: steps, condition: segmentFeatures, metricParameters)
        let held = try potential.map { try potentialTerm($0, at: starts, conditions: conditions, repeated: repeated) }
        switch kinetic {
        case .lengths:
            var perSegment = sqrt(squares + 1e-12)
            if let held { perSegment = try perSegment - held }
            return try sum(reshape(perSegment, [n, segments]), axes: [1])
        case .energy:
            let motion = sqrt(try sum(reshape(squares, [n, segments]), axes: [1]) * Float(segments) + 1e-12)
            guard let held else { return motion }
            return try motion - sum(reshape(held, [n, segments]), axes: [1])
        }
    }

    /// ½ E² for each path.
    public func cost(path: Variable, features: Tensor, conditions: ConditionValues, _ metricParameters: BoundParameters) throws -> Variable {
        try square(action(path: path, features: features, conditions: conditions, metricParameters)) * 0.5
    }

    /// U at path points as a tape op whose backward is the KDE's analytic gradient.
    func potentialTerm(_ potential: DensityPotential, at points: Variable, conditions: ConditionValues, repeated: [Int]) throws -> Variable {
        let m = points.shape[0], d = dimension
        var classes: [Int32]?
        var vectors: [Float]?
        switch conditions {
        case .classes(let labels): classes = repeated.map { labels[$0] }
        case .vectors(let values, let width):
            var expanded = [Float](repeating: 0, count: m * width)
            for (row, source) in repeated.enumerated() {
                for c in 0..<width { expanded[row * width + c] = values[source * width + c] }
            }
            vectors = expanded
        case .none: break
        }
        var gradient = [Float](repeating: 0, count: m * d)
        let values = gradient.withUnsafeMutableBufferPointer { buffer in
            potential.evaluate(points.value.scalars, count: m, classes: classes, conditions: vectors,
                               gradient: points.isTracked ? buffer.baseAddress : nil)
        }
        let value = try Tensor(shape: [m], scalars: values)
        let localGradient = try Tensor(shape: [m, d], scalars: gradient)
        return customOp([points], value: value) { upstream in
            var g = localGradient.scalars
            let u = upstream.scalars
            for i in 0..<m { for k in 0..<d { g[i * d + k] *= u[i] } }
            return [try? Tensor(shape: [m, d], scalars: g)]
        }
    }

    /// [0,0,…,1,1,…]: each of n rows repeated `times` times.
    static func repeatRows(_ n: Int, _ times: Int) -> [Int] {
        var rows = [Int]()
        rows.reserveCapacity(n * times)
        for i in 0..<n { for _ in 0..<times { rows.append(i) } }
        return rows
    }
}
