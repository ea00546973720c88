import Foundation

/// The JSON header of a `.htimodel` file, as one `Codable` value: what the model was
/// fitted with and on (`ModelFile` stores the index of its arrays beside these fields).
/// It is untrusted on reading: a value that decodes has the right types only, and
/// `ModelFileReader` checks every range and every array against the others.
///
/// Format versions (the number after the magic bytes): 2 stores `settings` as a JSON
/// object; 1, written before, stored it as a string of JSON, and is still read.
public struct ModelHeader: Codable, Equatable, Sendable {
    public var settings: FitSettings
    /// The settings' variant name, for readers that show a model without loading it.
    public var variant: String
    public var source: String
    /// The data set preset by name; absent in files written before presets existed.
    public var preset: String?
    public var lambdaName: String
    public var outputs: [String]
    public var condition: Condition
    public var lambdas: [Double]
    /// Per anchor: "none", "classes" or "vectors" (which condition arrays it has).
    public var conditionKinds: [String]
    public var fitSeconds: Double?
    public var phaseSeconds: [String: Double]?

    /// The data's condition: its kind and, by kind, a name and classes or column names.
    public struct Condition: Codable, Equatable, Sendable {
        public var kind: String
        public var name: String?
        public var classes: [String]?
        public var names: [String]?

        public init(kind: String, name: String? = nil, classes: [String]? = nil, names: [String]? = nil) {
            self.kind = kind
            self.name = name
            self.classes = classes
            self.names = names
        }
    }

    enum CodingKeys: String, CodingKey {
        case settings, variant, source, preset, outputs, condition, lambdas
        case lambdaName = "lambda_name"
        case conditionKinds = "condition_kinds"
        case fitSeconds = "fit_seconds"
        case phaseSeconds = "phase_seconds"
    }

    /// The decoder's `userInfo` key for the file's format version.
    static let formatVersionKey = CodingUserInfoKey(rawValue: "htimodel.formatVersion")!

    public init(settings: FitSettings, variant: String, source: String, preset: String?, lambdaName: String,
                outputs: [String], condition: Condition, lambdas: [Double], conditionKinds: [String],
                fitSeconds: Double?, phaseSeconds: [String: Double]?) {
        self.settings = settings
        self.variant = variant
        self.source = source
        self.preset = preset
        self.lambdaName = lambdaName
        self.outputs = outputs
        self.condition = condition
        self.lambdas = lambdas
        self.conditionKinds = conditionKinds
        self.fitSeconds = fitSeconds
        self.phaseSeconds = phaseSeconds
    }

    public init(from decoder: Decoder) throws {
        let fields = try decoder.container(keyedBy: CodingKeys.self)
        if decoder.userInfo[ModelHeader.formatVersionKey] as? UInt32 == 1 {
            // Version 1 kept the settings as a string of JSON inside the header.
            let text = try fields.decode(String.self, forKey: .settings)
            do { settings = try JSONDecoder().decode(FitSettings.self, from: Data(text.utf8)) } catch {
                throw DecodingError.dataCorruptedError(forKey: .settings, in: fields,
                                                       debugDescription: "the settings are not valid: \(error)")
            }
        } else {
            settings = try fields.decode(FitSettings.self, forKey: .settings)
        }
        variant = try fields.decode(String.self, forKey: .variant)
        source = try fields.decode(String.self, forKey: .source)
        preset = try fields.decodeIfPresent(String.self, forKey: .preset)
        lambdaName = try fields.decode(String.self, forKey: .lambdaName)
        outputs = try fields.decode([String].self, forKey: .outputs)
        condition = try fields.decode(Condition.self, forKey: .condition)
        lambdas = try fields.decode([Double].self, forKey: .lambdas)
        conditionKinds = try fields.decode([String].self, forKey: .conditionKinds)
        fitSeconds = try fields.decodeIfPresent(Double.self, forKey: .fitSeconds)
        phaseSeconds = try fields.decodeIfPresent([String: Double].self, forKey: .phaseSeconds)
    }

    /// A decoding error in the user's terms: which field, and what was wrong with it.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context, _ last: CodingKey? = nil) -> String {
            let keys = context.codingPath + (last.map { [$0] } ?? [])
            return keys.isEmpty ? "the header" : "`\(field(keys))`"
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context, key)) is missing"
        case .typeMismatch(let type, let context): return "\(path(context)) is not \(describe(type))"
        case .valueNotFound(let type, let context): return "\(path(context)) is null, not \(describe(type))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "it is not JSON" : "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    /// A field as the user reads it: `settings.steps`, `lambdas[1]`.
    static func field(_ keys: [CodingKey]) -> String {
        let text = keys.map { key -> String in key.intValue.map { "[\($0)]" } ?? "." + key.stringValue }.joined()
        return text.hasPrefix(".") ? String(text.dropFirst()) : text
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "text"
        case is Double.Type, is Int.Type, is Float.Type: return "a number"
        case is Bool.Type: return "true or false"
        case is [Any].Type: return "a list"
        default: return type == [String: Any].self ? "an object" : "a \(type)"
        }
    }
}
