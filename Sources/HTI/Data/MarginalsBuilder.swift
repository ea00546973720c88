/// Groups rows of (λ, outputs, condition) into anchors and validates the
/// result: at least two λ values, enough samples per anchor, every class at every anchor.
struct MarginalsBuilder {
    /// Fewer samples than this at an anchor cannot support a density estimate or a transport map.
    static let minimumSamplesPerAnchor = 2

    let source: String
    let lambdaName: String
    let outputNames: [String]
    var condition: ConditionSchema
    /// Marginals need two λ; a set of start points needs only one.
    var minimumAnchors = 2
    /// One accumulator per λ, appended to in place: rows arrive one at a time,
    /// and copying an anchor's samples per row made loading quadratic.
    private struct Accumulator {
        var outputs: [Float] = []
        var classes: [Int32] = []
        var vectors: [Float] = []
    }
    private var rows: [Double: Accumulator] = [:]
    private var classIndex: [String: Int32] = [:]

    init(source: String, lambdaName: String, outputNames: [String], condition: ConditionSchema) {
        self.source = source
        self.lambdaName = lambdaName
        self.outputNames = outputNames
        self.condition = condition
    }

    /// More classes than this cannot be a class column (each class is a network input).
    static let maximumClasses = 10_000

    mutating func add(lambda: Double, outputs: [Float], className: String?, vector: [Float]) throws {
        var index: Int32?
        if let className {
            if let known = classIndex[className] {
                index = known
            } else {
                guard classIndex.count < MarginalsBuilder.maximumClasses else {
                    throw MarginalsError.tooManyClasses(source: source, column: condition.names.first ?? "condition",
                                                        limit: MarginalsBuilder.maximumClasses)
                }
                index = Int32(classIndex.count)
                classIndex[className] = index
            }
        }
        // Mutated through the dictionary's default subscript: no copy of the accumulated rows.
        rows[lambda, default: Accumulator()].outputs.append(contentsOf: outputs)
        if let index { rows[lambda, default: Accumulator()].classes.append(index) }
        if !vector.isEmpty { rows[lambda, default: Accumulator()].vectors.append(contentsOf: vector) }
    }

    /// The validated marginals. Class names are ordered numerically when all are numbers, else as text,
    /// so class 0 is `0` and not whichever came first in the file.
    func build() throws -> Marginals {
        guard !rows.isEmpty else { throw MarginalsError.empty(source: source) }
        let lambdas = rows.keys.sorted()
        guard lambdas.count >= minimumAnchors else { throw MarginalsError.tooFewAnchors(source: source, found: lambdas) }
        let names = classIndex.keys.sorted { a, b in
            if let x = Double(a), let y = Double(b) { return x < y }
            return a < b
        }
        var remap = [Int32](repeating: 0, count: names.count)
        for (position, name) in names.enumerated() { if let index = classIndex[name] { remap[Int(index)] = Int32(position) } }

        var schema = condition
        if case .categorical(let name, _) = condition { schema = .categorical(name: name, classes: names) }
        let dimension = outputNames.count
        var anchors: [Anchor] = []
        for lambda in lambdas {
            guard let entry = rows[lambda] else { continue }
            let count = entry.outputs.count / max(1, dimension)
            guard count >= MarginalsBuilder.minimumSamplesPerAnchor else {
                throw MarginalsError.tooFewSamples(source: source, lambda: lambda, count: count,
                                                   minimum: MarginalsBuilder.minimumSamplesPerAnchor)
            }
            let values: ConditionValues
            switch schema {
            case .none: values = .none
            case .categorical:
                let classes = entry.classes.map { remap[Int($0)] }
                let present = Set(classes)
                for (position, name) in names.enumerated() where !present.contains(Int32(position)) {
                    throw MarginalsError.classMissing(source: source, className: name, lambda: lambda)
                }
                values = .classes(classes)
            case .continuous(let columns): values = .vectors(entry.vectors, width: columns.count)
            }
            anchors.append(Anchor(lambda: lambda, count: count, outputs: entry.outputs, conditions: values))
        }
        return Marginals(source: source, lambdaName: lambdaName, outputNames: outputNames, condition: schema,
                         anchors: anchors)
    }
}
