/// Points of one panel, each with the λ that colours it, optionally over reference points
/// (e.g. the data, or held-out data) drawn in grey underneath.
public struct SampleSet: Sendable {
    public var title: String
    public var x: [Double], y: [Double], lambda: [Double]
    public var reference: PointCloud?
    public init(title: String, x: [Double], y: [Double], lambda: [Double], reference: PointCloud? = nil) {
        self.title = title; self.x = x; self.y = y; self.lambda = lambda; self.reference = reference
    }
}

/// Uncoloured points.
public struct PointCloud: Sendable {
    public var x: [Double], y: [Double]
    public init(x: [Double], y: [Double]) { self.x = x; self.y = y }
}

/// One sample's path; `value` (λ) colours it along its length.
public struct Trajectory: Sendable {
    public var x: [Double], y: [Double], value: [Double]
    public init(x: [Double], y: [Double], value: [Double]) { self.x = x; self.y = y; self.value = value }
}

/// One panel of trajectories over faint anchor marginals.
public struct TrajectorySet: Sendable {
    public var title: String
    public var paths: [Trajectory]
    public var marginals: SampleSet
    public init(title: String, paths: [Trajectory], marginals: SampleSet) {
        self.title = title; self.paths = paths; self.marginals = marginals
    }
}

/// An ellipse in data units: semi-axes a, b; angle in radians from the x axis.
public struct Ellipse: Sendable {
    public var cx: Double, cy: Double, a: Double, b: Double, angle: Double
    public init(cx: Double, cy: Double, a: Double, b: Double, angle: Double) {
        self.cx = cx; self.cy = cy; self.a = a; self.b = b; self.angle = angle
    }
}

/// One panel of metric ellipses, optionally over samples.
public struct EllipseSet: Sendable {
    public var title: String
    public var ellipses: [Ellipse]
    public var samples: SampleSet?
    public init(title: String, ellipses: [Ellipse], samples: SampleSet?) {
        self.title = title; self.ellipses = ellipses; self.samples = samples
    }
}

/// Values on a grid: `values[j][i]` at (x[i], y[j]); NaN cells stay blank.
public struct Heatmap: Sendable {
    public var x: [Double], y: [Double], values: [[Double]]
    public init(x: [Double], y: [Double], values: [[Double]]) { self.x = x; self.y = y; self.values = values }
}

/// One heat-map panel, optionally with samples on top.
public struct FieldSet: Sendable {
    public var title: String
    public var field: Heatmap
    public var samples: SampleSet?
    public init(title: String, field: Heatmap, samples: SampleSet?) { self.title = title; self.field = field; self.samples = samples }
}

/// One named line of a line chart.
public struct Series: Sendable {
    public var name: String
    public var x: [Double], y: [Double]
    public init(name: String, x: [Double], y: [Double]) { self.name = name; self.x = x; self.y = y }
}

/// One-dimensional values against λ.
public struct ValueSet: Sendable {
    public var lambda: [Double], value: [Double]
    public init(lambda: [Double], value: [Double]) { self.lambda = lambda; self.value = value }
}
