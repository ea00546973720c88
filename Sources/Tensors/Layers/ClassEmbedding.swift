/// A learned vector per class, `"<name>.embedding"` `[classes, features]`,
/// initialised like Flax's `nn.Embed` (normal with variance `1/features`).
public struct ClassEmbedding: Sendable {
    /// Parameter name prefix.
    public let name: String
    /// Number of classes.
    public let classes: Int
    /// Embedding width.
    public let features: Int

    /// Describes an embedding table.
    public init(_ name: String, classes: Int, features: Int) {
        self.name = name; self.classes = classes; self.features = features
    }

    /// Name of the table parameter.
    public var tableName: String { "\(name).embedding" }

    /// Adds the table.
    public func initialize(_ parameters: inout Parameters, key: RandomKey) {
        parameters[tableName] = key.fold(in: tableName).normal([classes, features], std: (1 / Float(features)).squareRoot())
    }

    /// Looks up one row per label: `[labels.count, features]`.
    public func callAsFunction(_ labels: [Int], _ p: BoundParameters) throws -> Variable {
        try gather(p[tableName], labels)
    }
}
