import Tensors

/// The learned parts besides the metric: the spline amortiser, and for each
/// consecutive pair of anchors a dual potential g_k and a transport map T_k.
public struct Networks: Sendable {
    public let dimension: Int
    public let features: Int
    public let amortiser: ConditionedMLP
    public let potentials: [ConditionedMLP]
    public let maps: [ConditionedMLP]
    public let scaling: OutputScaling
    let knotsPerPath: Int

    /// Hidden widths of g_k and T_k (METHOD.md: 4 × 64).
    static let dualHidden = [64, 64, 64, 64]

    public init(dimension: Int, features: Int, pairs: Int, knots: Int, amortiserWidth: Int, scaling: OutputScaling) {
        self.dimension = dimension
        self.scaling = scaling
        self.knotsPerPath = knots
        self.features = features
        amortiser = ConditionedMLP("amortiser", widths: [2 * dimension, amortiserWidth, amortiserWidth, dimension * knots],
                                   conditionFeatures: features, activation: .relu)
        potentials = (0..<pairs).map {
            ConditionedMLP("potential\($0)", widths: [dimension] + Networks.dualHidden + [1], conditionFeatures: features, activation: .relu)
        }
        maps = (0..<pairs).map {
            ConditionedMLP("map\($0)", widths: [dimension] + Networks.dualHidden + [dimension], conditionFeatures: features, activation: .relu)
        }
    }

    /// Knots [n, D·K] for paths from x to y.
    public func knots(x: Variable, y: Variable, features: Variable, _ p: BoundParameters) throws -> Variable {
        try scaling.toDataUnits(amortiser(concat([scaling.normalised(x), scaling.normalised(y)], axis: 1), condition: features, p),
                                repeats: knotsPerPath)
    }

    /// g_k(y) [n].
    public func potential(_ k: Int, _ y: Variable, features: Variable, _ p: BoundParameters) throws -> Variable {
        try reshape(potentials[k](scaling.normalised(y), condition: features, p), [y.shape[0]])
    }

    /// T_k(x) = x + MLP(x, c) [n, D]. The MLP reads x held inside the training outputs' box:
    /// beyond it a ReLU network's displacement grows along straight lines, however far out
    /// the start point is (see ConditionFeatures for the same on conditions).
    public func map(_ k: Int, _ x: Variable, features: Variable, _ p: BoundParameters) throws -> Variable {
        try x + scaling.toDataUnits(maps[k](scaling.normalised(scaling.heldInBox(x)), condition: features, p))
    }
}
