import Foundation
import HTI

/// Marginals as a JSON file a fit job reads: every output and condition value
/// stored as its Float32 bits (little-endian, base64), so the job fits on
/// exactly the numbers the kernel holds — a decimal round trip could move a
/// value by one ulp and the model with it.
public struct FitData: Codable, Sendable, Equatable {
    public struct AnchorData: Codable, Sendable, Equatable {
        public var lambda: Double
        public var count: Int
        /// count × D Float32 values.
        public var outputs: String
        /// "none", "classes" (Int32 labels) or "vectors" (count × width Float32 values).
        public var conditionKind: String
        public var conditions: String?
        public var conditionWidth: Int?
    }

    public var version: Int = 1
    public var source: String
    public var lambdaName: String
    public var outputNames: [String]
    /// "none", "categorical" (with `conditionName` and `classes`) or "continuous" (with `conditionNames`).
    public var conditionSchema: String
    public var conditionName: String?
    public var classes: [String]?
    public var conditionNames: [String]?
    public var anchors: [AnchorData]

    /// Why a data file could not become marginals.
    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    public init(_ marginals: Marginals) {
        source = marginals.source
        lambdaName = marginals.lambdaName
        outputNames = marginals.outputNames
        switch marginals.condition {
        case .none: conditionSchema = "none"
        case .categorical(let name, let classes):
            conditionSchema = "categorical"
            conditionName = name
            self.classes = classes
        case .continuous(let names):
            conditionSchema = "continuous"
            conditionNames = names
        }
        anchors = marginals.anchors.map { anchor in
            var data = AnchorData(lambda: anchor.lambda, count: anchor.count, outputs: FitData.bits(anchor.outputs.map(\.bitPattern)),
                                  conditionKind: "none")
            switch anchor.conditions {
            case .none: break
            case .classes(let labels):
                data.conditionKind = "classes"
                data.conditions = FitData.bits(labels.map { UInt32(bitPattern: $0) })
            case .vectors(let values, let width):
                data.conditionKind = "vectors"
                data.conditions = FitData.bits(values.map(\.bitPattern))
                data.conditionWidth = width
            }
            return data
        }
    }

    /// The marginals back, checking every count against the arrays.
    public func marginals() throws -> Marginals {
        let condition: ConditionSchema
        switch conditionSchema {
        case "none": condition = .none
        case "categorical":
            guard let conditionName, let classes else { throw Invalid(description: "a categorical condition without its name or classes") }
            condition = .categorical(name: conditionName, classes: classes)
        case "continuous":
            guard let conditionNames else { throw Invalid(description: "continuous conditions without their names") }
            condition = .continuous(names: conditionNames)
        default: throw Invalid(description: "unknown condition schema `\(conditionSchema)`")
        }
        let d = outputNames.count
        let decoded = try anchors.map { data -> Anchor in
            let outputs = try FitData.words(data.outputs, count: data.count * d, what: "outputs").map(Float.init(bitPattern:))
            let conditions: ConditionValues
            switch data.conditionKind {
            case "none": conditions = .none
            case "classes":
                let labels = try FitData.words(data.conditions ?? "", count: data.count, what: "class labels")
                conditions = .classes(labels.map { Int32(bitPattern: $0) })
            case "vectors":
                guard let width = data.conditionWidth, width >= 0 else { throw Invalid(description: "condition vectors without a width") }
                let values = try FitData.words(data.conditions ?? "", count: data.count * width, what: "conditions")
                conditions = .vectors(values.map(Float.init(bitPattern:)), width: width)
            default: throw Invalid(description: "unknown condition kind `\(data.conditionKind)`")
            }
            return Anchor(lambda: data.lambda, count: data.count, outputs: outputs, conditions: conditions)
        }
        return Marginals(source: source, lambdaName: lambdaName, outputNames: outputNames, condition: condition, anchors: decoded)
    }

    static func bits(_ words: [UInt32]) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(words.count * 4)
        for word in words {
            // Least significant byte first: little-endian on every host.
            for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt32(shift))) }
        }
        return Data(bytes).base64EncodedString()
    }

    static func words(_ base64: String, count: Int, what: String) throws -> [UInt32] {
        guard count >= 0, let data = Data(base64Encoded: base64), data.count == count * 4 else {
            throw Invalid(description: "the \(what) do not hold \(count) values")
        }
        let bytes = [UInt8](data)
        return (0..<count).map { i in
            (0..<4).reduce(UInt32(0)) { word, b in word | UInt32(bytes[4 * i + b]) << UInt32(8 * b) }
        }
    }
}
