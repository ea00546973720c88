import Foundation
import Tensors

/// A fitted model as one `.htimodel` file: settings, the data it was fitted on
/// (the potential and sampling need it), every weight and the loss history.
/// Weights are stored as their Float32 bits, so a loaded model samples
/// bit-identically to the one saved.
extension HTIModel {
    public func modelFile() -> ModelFile {
        var arrays: [NamedArray] = []
        func add(_ prefix: String, _ parameters: Parameters) {
            for name in parameters.names {
                guard let tensor = parameters[name] else { continue }
                arrays.append(NamedArray(name: "\(prefix)/\(name)", shape: tensor.shape, values: tensor.scalars))
            }
        }
        add("metric", metricParameters)
        add("amortiser", amortiserParameters)
        for (k, p) in potentialParameters.enumerated() { add("potential\(k)", p) }
        for (k, p) in mapParameters.enumerated() { add("map\(k)", p) }
        var conditionKinds: [HeaderValue] = []
        for (k, anchor) in marginals.anchors.enumerated() {
            arrays.append(NamedArray(name: "data/\(k)/outputs", shape: [anchor.count, dimension], values: anchor.outputs))
            switch anchor.conditions {
            case .none: conditionKinds.append(.text("none"))
            case .classes(let labels):
                conditionKinds.append(.text("classes"))
                arrays.append(NamedArray(name: "data/\(k)/conditions", shape: [labels.count], values: labels.map(Float.init)))
            case .vectors(let values, let width):
                conditionKinds.append(.text("vectors"))
                arrays.append(NamedArray(name: "data/\(k)/conditions", shape: [anchor.count, width], values: values))
            }
        }
        let lossNames = Array(Set(history.flatMap(\.keys))).sorted()
        for name in lossNames {
            arrays.append(NamedArray(name: "history/\(name)", shape: [history.count],
                                     values: history.map { Float($0[name] ?? .nan) }))
        }
        let settingsJSON = (try? JSONEncoder().encode(settings)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        let schema: HeaderValue
        switch marginals.condition {
        case .none: schema = .object(["kind": .text("none")])
        case .categorical(let name, let classes): schema = .object(["kind": .text("categorical"), "name": .text(name), "classes": .list(classes.map(HeaderValue.text))])
        case .continuous(let names): schema = .object(["kind": .text("continuous"), "names": .list(names.map(HeaderValue.text))])
        }
        let header: [String: HeaderValue] = [
            "settings": .text(settingsJSON),
            "variant": .text(settings.variantName),
            "source": .text(marginals.source),
            "lambda_name": .text(marginals.lambdaName),
            "outputs": .list(marginals.outputNames.map(HeaderValue.text)),
            "condition": schema,
            "lambdas": .list(marginals.lambdas.map(HeaderValue.number)),
            "condition_kinds": .list(conditionKinds),
            "fit_seconds": .number(fitSeconds),
            "phase_seconds": .object(phaseSeconds.mapValues(HeaderValue.number)),
        ]
        return ModelFile(header: header, arrays: arrays)
    }

    /// Rebuilds a model from its file; `source` names the file in errors.
    public init(file: ModelFile, source: String) throws {
        func bad(_ what: String) -> ModelFileError { ModelFileError(source: source, reason: .badHeader, detail: what) }
        let header = file.header
        guard case .text(let settingsJSON)? = header["settings"],
              let settings = try? JSONDecoder().decode(FitSettings.self, from: Data(settingsJSON.utf8)) else { throw bad("settings") }
        guard case .text(let dataSource)? = header["source"], case .text(let lambdaName)? = header["lambda_name"],
              case .list(let outputList)? = header["outputs"], case .list(let lambdaList)? = header["lambdas"],
              case .list(let kindList)? = header["condition_kinds"], case .object(let schemaFields)? = header["condition"],
              case .text(let schemaKind)? = schemaFields["kind"] else { throw bad("data summary") }
        let outputs = outputList.compactMap { if case .text(let t) = $0 { return t } else { return nil } }
        let lambdas = lambdaList.compactMap { if case .number(let n) = $0 { return n } else { return nil } }
        let texts: (HeaderValue?) -> [String] = { value in
            guard case .list(let items)? = value else { return [] }
            return items.compactMap { if case .text(let t) = $0 { return t } else { return nil } }
        }
        let schema: ConditionSchema
        switch schemaKind {
        case "categorical":
            guard case .text(let name)? = schemaFields["name"] else { throw bad("condition") }
            schema = .categorical(name: name, classes: texts(schemaFields["classes"]))
        case "continuous": schema = .continuous(names: texts(schemaFields["names"]))
        default: schema = .none
        }
        var byName: [String: NamedArray] = [:]
        for array in file.arrays { byName[array.name] = array }
        var anchors: [Anchor] = []
        for (k, lambda) in lambdas.enumerated() {
            guard let data = byName["data/\(k)/outputs"], data.shape.count == 2, data.shape[1] == outputs.count,
                  k < kindList.count, case .text(let kind) = kindList[k] else { throw bad("data of anchor \(k)") }
            let count = data.shape[0]
            var conditions = ConditionValues.none
            if kind != "none" {
                guard let c = byName["data/\(k)/conditions"], c.shape.first == count else { throw bad("conditions of anchor \(k)") }
                conditions = kind == "classes" ? .classes(c.values.map { Int32($0) }) : .vectors(c.values, width: c.shape.count > 1 ? c.shape[1] : 1)
            }
            anchors.append(Anchor(lambda: lambda, count: count, outputs: data.values, conditions: conditions))
        }
        guard anchors.count >= 2 else { throw bad("anchors") }
        let marginals = Marginals(source: dataSource, lambdaName: lambdaName, outputNames: outputs, condition: schema, anchors: anchors)
        func parameters(_ prefix: String) throws -> Parameters {
            let pairs = try file.arrays.filter { $0.name.hasPrefix(prefix + "/") }.map { array in
                (String(array.name.dropFirst(prefix.count + 1)), try Tensor(shape: array.shape, scalars: array.values))
            }
            return Parameters(pairs)
        }
        var history: [[String: Double]] = []
        for array in file.arrays where array.name.hasPrefix("history/") {
            let name = String(array.name.dropFirst("history/".count))
            if history.isEmpty { history = Array(repeating: [:], count: array.values.count) }
            for (i, v) in array.values.enumerated() where i < history.count && !v.isNaN { history[i][name] = Double(v) }
        }
        var phases: [String: Double] = [:]
        if case .object(let fields)? = header["phase_seconds"] {
            for (name, value) in fields { if case .number(let n) = value { phases[name] = n } }
        }
        let pairCount = anchors.count - 1
        self.init(settings: settings, marginals: marginals,
                  features: ConditionFeatures(schema: schema, marginals: marginals),
                  metricParameters: try parameters("metric"), amortiserParameters: try parameters("amortiser"),
                  potentialParameters: try (0..<pairCount).map { try parameters("potential\($0)") },
                  mapParameters: try (0..<pairCount).map { try parameters("map\($0)") },
                  history: history, fitSeconds: { if case .number(let n)? = header["fit_seconds"] { return n } else { return 0 } }())
        self.phaseSeconds = phases
        // A file whose weights do not fit the networks its settings describe is damaged, not a model.
        guard metricParameters.names.count > 0 || settings.metric == .identity,
              mapParameters.allSatisfy({ !$0.names.isEmpty }), !amortiserParameters.names.isEmpty else { throw bad("weights") }
    }

    /// Writes the model atomically (a half-written file never replaces a good one).
    public func save(to url: URL) throws {
        try modelFile().encoded().write(to: url, options: .atomic)
    }

    /// Reads a model file.
    public static func load(from url: URL) throws -> HTIModel {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ModelFileError(source: url.path, reason: .unreadable, detail: error.localizedDescription)
        }
        return try HTIModel(file: ModelFile.decode(data, source: url.lastPathComponent), source: url.lastPathComponent)
    }
}
