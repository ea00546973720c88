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
        for (entry, parameters) in zip(networkLayout, weights) { add(entry.prefix, parameters) }
        var conditionKinds: [String] = []
        for (k, anchor) in marginals.anchors.enumerated() {
            arrays.append(NamedArray(name: "data/\(k)/outputs", shape: [anchor.count, dimension], values: anchor.outputs))
            switch anchor.conditions {
            case .none: conditionKinds.append("none")
            case .classes(let labels):
                conditionKinds.append("classes")
                arrays.append(NamedArray(name: "data/\(k)/conditions", shape: [labels.count], values: labels.map(Float.init)))
            case .vectors(let values, let width):
                conditionKinds.append("vectors")
                arrays.append(NamedArray(name: "data/\(k)/conditions", shape: [anchor.count, width], values: values))
            }
        }
        let lossNames = Array(Set(history.flatMap(\.keys))).sorted()
        for name in lossNames {
            arrays.append(NamedArray(name: "history/\(name)", shape: [history.count],
                                     values: history.map { Float($0[name] ?? .nan) }))
        }
        let condition: ModelHeader.Condition
        switch marginals.condition {
        case .none: condition = .init(kind: "none")
        case .categorical(let name, let classes): condition = .init(kind: "categorical", name: name, classes: classes)
        case .continuous(let names): condition = .init(kind: "continuous", names: names)
        }
        // JSON holds no infinity or NaN: a time that is not finite is not written.
        let header = ModelHeader(settings: settings, variant: settings.variantName, source: marginals.source,
                                 preset: marginals.preset.rawValue, lambdaName: marginals.lambdaName,
                                 outputs: marginals.outputNames, condition: condition, lambdas: marginals.lambdas,
                                 conditionKinds: conditionKinds, fitSeconds: fitSeconds.isFinite ? fitSeconds : nil,
                                 phaseSeconds: phaseSeconds.filter { $0.value.isFinite })
        return ModelFile(header: header, arrays: arrays)
    }

    /// Rebuilds a model from its file, checking every field and array against the
    /// others (ModelFileReader.swift); `source` names the file in errors.
    public init(file: ModelFile, source: String) throws {
        self = try ModelFileReader(file: file, source: source).model()
    }

    /// Writes the model atomically (a half-written file never replaces a good one).
    public func save(to url: URL) throws {
        try modelFile().encoded().write(to: url, options: .atomic)
    }

    /// Reads a model file.
    public static func load(from url: URL) throws -> HTIModel {
        let data: Data
        do { data = try UntrustedFile.read(url.path) } catch {
            throw ModelFileError(source: url.path, reason: .unreadable, detail: "\(error)")
        }
        return try HTIModel(file: ModelFile.decode(data, source: url.lastPathComponent), source: url.lastPathComponent)
    }
}
