import Tensors

/// The learned Riemannian metric G(q | c) = Rᵀ diag(e) R (METHOD.md, "K_θ"):
/// eigenvalues e = 0.1 + 0.9·softmax(·), bounded away from zero, and a
/// rotation R — one angle for D = 2, a product of Givens rotations for D > 2.
/// Each angle comes from two network outputs, normalised to (cos, sin), which
/// is atan2 without its branch cut. With `.identity`, G = I.
public struct MetricField: Sendable {
    public let dimension: Int
    public let learned: Bool
    public let network: ConditionedMLP
    /// How positions are presented to the network.
    public let scaling: OutputScaling?

    static let hidden = 128

    public init(dimension: Int, conditionFeatures: Int, learned: Bool, scaling: OutputScaling? = nil) {
        self.dimension = dimension
        self.scaling = scaling
        self.learned = learned
        let rotations = dimension * (dimension - 1) / 2
        network = ConditionedMLP("metric", widths: [dimension, MetricField.hidden, MetricField.hidden, dimension + 2 * rotations],
                                 conditionFeatures: conditionFeatures, activation: .leakyRelu(slope: 0.01))
    }

    /// vᵀ G(q) v for each row: points, velocities [m, D], condition features [m, F] → [m].
    public func quadraticForm(points: Variable, velocities: Variable, condition: Variable, _ p: BoundParameters) throws -> Variable {
        guard learned else { return try sum(square(velocities), axes: [1]) }
        let d = dimension
        let out = try network(scaling?.normalised(points) ?? points, condition: condition, p)
        let eigen = try softmax(slice(out, axis: 1, range: 0..<d), axis: 1) * 0.9 + 0.1
        var components = try (0..<d).map { try slice(velocities, axis: 1, range: $0..<($0 + 1)) }
        var column = d
        for i in 0..<d {
            for j in (i + 1)..<max(i + 1, d) {
                let a = try slice(out, axis: 1, range: column..<(column + 1))
                let b = try slice(out, axis: 1, range: (column + 1)..<(column + 2))
                let radius = sqrt(try square(a) + square(b) + 1e-12)
                let cosine = try b / radius, sine = try a / radius
                let (u, w) = (components[i], components[j])
                components[i] = try cosine * u + sine * w
                components[j] = try cosine * w - sine * u
                column += 2
            }
        }
        var total = try slice(eigen, axis: 1, range: 0..<1) * square(components[0])
        for k in 1..<d { total = try total + slice(eigen, axis: 1, range: k..<(k + 1)) * square(components[k]) }
        return try reshape(total, [total.shape[0]])
    }

    /// The metric as matrices at given points (for `plot m metric`): [m, D, D] row-major.
    public func matrices(points: Tensor, condition: Tensor, _ parameters: Parameters) throws -> [[Float]] {
        let m = points.shape[0], d = dimension
        var result = [[Float]](repeating: [Float](repeating: 0, count: d * d), count: m)
        // G's columns: G e_k = quadratic-form polarisation is costly; evaluate G v for basis vectors instead.
        for k in 0..<d {
            for l in k..<d {
                var v = [Float](repeating: 0, count: m * d)
                for i in 0..<m { v[i * d + k] += 1; if l != k { v[i * d + l] += 1 } }
                let q = try quadraticForm(points: Variable(points), velocities: Variable(try Tensor(shape: [m, d], scalars: v)),
                                          condition: Variable(condition), .constant(parameters)).value.scalars
                for i in 0..<m {
                    if k == l { result[i][k * d + k] = q[i] } else { result[i][k * d + l] = q[i] }
                }
            }
        }
        // Off-diagonals from (e_k + e_l)ᵀG(e_k + e_l) = G_kk + G_ll + 2 G_kl.
        for i in 0..<m {
            for k in 0..<d {
                for l in (k + 1)..<max(k + 1, d) {
                    let g = (result[i][k * d + l] - result[i][k * d + k] - result[i][l * d + l]) / 2
                    result[i][k * d + l] = g
                    result[i][l * d + k] = g
                }
            }
        }
        return result
    }
}
