import Foundation
import Tensors

/// Reads a model out of a decoded `.htimodel`, trusting nothing in it: the
/// checksum only proves the file is whole, not that whoever wrote it was
/// friendly. Decoding checked the header's types; here every field is checked for range, every array
/// against the shape the settings imply, every value for finiteness and every
/// class label against the class list — so a model that loads can always be sampled.
struct ModelFileReader {
    let file: ModelFile
    let source: String
    private let arrays: [String: NamedArray]

    /// Bounds on what a model may describe; far above any real fit, far below what
    /// would exhaust memory or overflow sizes.
    static let maximumOutputs = 256
    static let maximumAnchors = 10_000
    static let maximumClasses = 10_000
    static let maximumConditionColumns = 4_096

    init(file: ModelFile, source: String) {
        self.file = file
        self.source = source
        var byName: [String: NamedArray] = [:]
        for array in file.arrays { byName[array.name] = array }
        arrays = byName
    }

    private func bad(_ what: String) -> ModelFileError {
        ModelFileError(source: source, reason: .badHeader, detail: what)
    }

    func model() throws -> HTIModel {
        let settings = try readSettings()
        let marginals = try readMarginals()
        // A scale undefined at an anchor (probit with λ = 1) would read paths at no fraction at all.
        do { try settings.scale.requireDefined(at: marginals.lambdas) } catch let error as FitError { throw bad("settings: \(error)") }
        let features = ConditionFeatures(schema: marginals.condition, marginals: marginals)
        var model = HTIModel(settings: settings, marginals: marginals, features: features, metricParameters: Parameters(),
                             amortiserParameters: Parameters(), potentialParameters: [], mapParameters: [],
                             history: [], fitSeconds: 0)
        var used = Set((0..<marginals.anchors.count).flatMap { ["data/\($0)/outputs", "data/\($0)/conditions"] })
        model.weights = try model.networkLayout.map { entry in
            try weights(entry.prefix, shapes: entry.network.parameterShapes, used: &used)
        }
        model.history = try readHistory(used: &used)
        if let unknown = file.arrays.map(\.name).first(where: { !used.contains($0) }) {
            throw bad("array `\(unknown)` belongs to no network of this model")
        }
        if let seconds = file.header.fitSeconds, seconds.isFinite, seconds >= 0 { model.fitSeconds = seconds }
        for (name, n) in file.header.phaseSeconds ?? [:] where n.isFinite && n >= 0 { model.phaseSeconds[name] = n }
        return model
    }

    private func readSettings() throws -> FitSettings {
        let settings = file.header.settings
        do { try settings.validate() } catch let error as FitError { throw bad("settings: \(error)") }
        return settings
    }

    private func readMarginals() throws -> Marginals {
        let outputs = file.header.outputs
        guard (1...Self.maximumOutputs).contains(outputs.count), Set(outputs).count == outputs.count else {
            throw bad("outputs: expected 1 to \(Self.maximumOutputs) distinct names, found \(outputs.count)")
        }
        let lambdas = file.header.lambdas
        guard lambdas.allSatisfy(\.isFinite) else { throw bad("lambdas: every λ must be a finite number") }
        guard (2...Self.maximumAnchors).contains(lambdas.count), zip(lambdas, lambdas.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw bad("lambdas: expected 2 to \(Self.maximumAnchors) increasing values, found \(lambdas.count)")
        }
        let schema = try readSchema()
        let kinds = file.header.conditionKinds
        guard kinds.count == lambdas.count else { throw bad("condition_kinds: \(kinds.count) for \(lambdas.count) anchors") }
        let anchors = try lambdas.indices.map { k in
            try readAnchor(k, lambda: lambdas[k], kind: kinds[k], dimension: outputs.count, schema: schema)
        }
        return Marginals(source: file.header.source, lambdaName: file.header.lambdaName, outputNames: outputs,
                         condition: schema, anchors: anchors, preset: try readPreset())
    }

    /// Files written before presets existed have none: `.none`, the data's own defaults.
    private func readPreset() throws -> DataPreset {
        guard let name = file.header.preset else { return .none }
        guard let preset = DataPreset(rawValue: name) else {
            throw bad("`preset` must be one of \(DataPreset.names.joined(separator: ", "))")
        }
        return preset
    }

    private func readSchema() throws -> ConditionSchema {
        let condition = file.header.condition
        switch condition.kind {
        case "none": return .none
        case "categorical":
            guard let name = condition.name else { throw bad("condition: a categorical condition needs a name") }
            guard let classes = condition.classes else { throw bad("condition: a categorical condition needs its classes") }
            guard (1...Self.maximumClasses).contains(classes.count), Set(classes).count == classes.count else {
                throw bad("condition: expected 1 to \(Self.maximumClasses) distinct classes, found \(classes.count)")
            }
            return .categorical(name: name, classes: classes)
        case "continuous":
            guard let names = condition.names else { throw bad("condition: a continuous condition needs its column names") }
            guard (1...Self.maximumConditionColumns).contains(names.count) else {
                throw bad("condition: expected 1 to \(Self.maximumConditionColumns) continuous columns, found \(names.count)")
            }
            return .continuous(names: names)
        default:
            throw bad("condition: unknown kind `\(condition.kind)`")
        }
    }

    private func readAnchor(_ k: Int, lambda: Double, kind: String, dimension: Int, schema: ConditionSchema) throws -> Anchor {
        guard let data = arrays["data/\(k)/outputs"], data.shape.count == 2, data.shape[1] == dimension,
              data.shape[0] >= MarginalsBuilder.minimumSamplesPerAnchor else {
            throw bad("anchor \(k): its outputs are missing or not [samples ≥ 2, \(dimension)]")
        }
        guard data.values.allSatisfy(\.isFinite) else { throw bad("anchor \(k): an output is not a finite number") }
        let count = data.shape[0]
        let conditions: ConditionValues
        switch (kind, schema) {
        case ("none", .none):
            conditions = .none
        case ("classes", .categorical(_, let classes)):
            guard let c = arrays["data/\(k)/conditions"], c.shape == [count] else {
                throw bad("anchor \(k): its class labels are missing or not one per sample")
            }
            var labels: [Int32] = []
            labels.reserveCapacity(count)
            var present = Set<Int32>()
            for value in c.values {
                guard value.isFinite, value == value.rounded(), value >= 0, value < Float(classes.count) else {
                    throw bad("anchor \(k): class label \(value) is not one of the \(classes.count) classes")
                }
                labels.append(Int32(value))
                present.insert(Int32(value))
            }
            // Sampling draws start points per class: every class must have samples at every anchor.
            guard present.count == classes.count else { throw bad("anchor \(k): some classes have no samples") }
            conditions = .classes(labels)
        case ("vectors", .continuous(let names)):
            guard let c = arrays["data/\(k)/conditions"], c.shape == [count, names.count] else {
                throw bad("anchor \(k): its conditions are missing or not [samples, \(names.count)]")
            }
            guard c.values.allSatisfy(\.isFinite) else { throw bad("anchor \(k): a condition is not a finite number") }
            conditions = .vectors(c.values, width: names.count)
        default:
            throw bad("anchor \(k): condition kind `\(kind)` does not match the data's conditions")
        }
        return Anchor(lambda: lambda, count: count, outputs: data.values, conditions: conditions)
    }

    /// One network's weights: exactly the names and shapes it is made of, all finite.
    private func weights(_ prefix: String, shapes: [(name: String, shape: [Int])], used: inout Set<String>) throws -> Parameters {
        var pairs: [(String, Tensor)] = []
        for (name, shape) in shapes {
            let key = "\(prefix)/\(name)"
            guard let array = arrays[key] else { throw bad("weights: `\(key)` is missing") }
            guard array.shape == shape else { throw bad("weights: `\(key)` has shape \(array.shape), expected \(shape)") }
            guard array.values.allSatisfy(\.isFinite) else { throw bad("weights: `\(key)` holds a value that is not finite") }
            do { pairs.append((name, try Tensor(shape: shape, scalars: array.values))) } catch { throw bad("weights: `\(key)`") }
            used.insert(key)
        }
        return Parameters(pairs)
    }

    private func readHistory(used: inout Set<String>) throws -> [[String: Double]] {
        var history: [[String: Double]] = []
        for array in file.arrays where array.name.hasPrefix("history/") {
            guard array.shape == [array.values.count] else { throw bad("history: `\(array.name)` is not a list") }
            if history.isEmpty { history = Array(repeating: [:], count: array.values.count) }
            guard array.values.count == history.count else { throw bad("history: the loss curves differ in length") }
            let name = String(array.name.dropFirst("history/".count))
            for (i, v) in array.values.enumerated() where !v.isNaN { history[i][name] = Double(v) }
            used.insert(array.name)
        }
        return history
    }
}
