/// Start points for sampling taken from other data (a file or samples): every
/// sample of it, with its condition translated to the model's — classes by
/// name, continuous conditions as they are (unseen contexts are the point).
extension HTIModel {
    public enum StartError: Error, CustomStringConvertible, Equatable {
        case outputsDiffer(model: [String], given: [String])
        case conditionsDiffer(model: [String], given: [String])
        case unknownClass(name: String, known: [String])

        public var description: String {
            switch self {
            case .outputsDiffer(let model, let given):
                return "the start points have outputs \(given.joined(separator: ",")); the model's are \(model.joined(separator: ","))"
            case .conditionsDiffer(let model, let given):
                return "the start points have conditions \(given.isEmpty ? "none" : given.joined(separator: ",")); the model's are \(model.isEmpty ? "none" : model.joined(separator: ","))"
            case .unknownClass(let name, let known):
                return "class `\(name)` is not one the model was fitted on (" + known.joined(separator: ", ") + ")"
            }
        }
    }

    public func start(from data: Marginals) throws -> Start {
        guard data.outputNames == marginals.outputNames else {
            throw StartError.outputsDiffer(model: marginals.outputNames, given: data.outputNames)
        }
        guard data.condition.names == marginals.condition.names else {
            throw StartError.conditionsDiffer(model: marginals.condition.names, given: data.condition.names)
        }
        var outputs: [Float] = []
        var labels: [Int32] = []
        var vectors: [Float] = []
        var count = 0
        for anchor in data.anchors {
            outputs += anchor.outputs
            count += anchor.count
            switch (anchor.conditions, data.condition, marginals.condition) {
            case (.classes(let given), .categorical(_, let givenNames), .categorical(_, let modelNames)):
                for label in given {
                    let name = givenNames[Int(label)]
                    guard let index = modelNames.firstIndex(of: name) else { throw StartError.unknownClass(name: name, known: modelNames) }
                    labels.append(Int32(index))
                }
            case (.vectors(let values, _), _, _): vectors += values
            default: break
            }
        }
        let conditions: ConditionValues
        switch marginals.condition {
        case .categorical: conditions = .classes(labels)
        case .continuous(let names): conditions = .vectors(vectors, width: names.count)
        case .none: conditions = .none
        }
        return Start(outputs: outputs, conditions: conditions, count: count)
    }
}
