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
        // Keys sorted: the same model gives the same bytes in every process (a dictionary's order
        // is seeded per process, so a Ray job's file and the local one differed in the header alone).
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let settingsJSON = (try? encoder.encode(settings)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
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
            "preset": .text(marginals.preset.rawValue),
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
