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
    private var rows: [Double: (outputs: [Float], classes: [Int32], vectors: [Float])] = [:]
    private var classIndex: [String: Int32] = [:]

    init(source: String, lambdaName: String, outputNames: [String], condition: ConditionSchema) {
        self.source = source
        self.lambdaName = lambdaName
        self.outputNames = outputNames
        self.condition = condition
    }

    mutating func add(lambda: Double, outputs: [Float], className: String?, vector: [Float]) {
        var entry = rows[lambda] ?? ([], [], [])
        entry.outputs += outputs
        if let className {
            let index: Int32
            if let known = classIndex[className] {
                index = known
            } else {
                index = Int32(classIndex.count)
                classIndex[className] = index
            }
            entry.classes.append(index)
        }
        entry.vectors += vector
        rows[lambda] = entry
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
        for (position, name) in names.enumerated() { remap[Int(classIndex[name]!)] = Int32(position) }

        var schema = condition
        if case .categorical(let name, _) = condition { schema = .categorical(name: name, classes: names) }
        let dimension = outputNames.count
        var anchors: [Anchor] = []
        for lambda in lambdas {
            let entry = rows[lambda]!
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
