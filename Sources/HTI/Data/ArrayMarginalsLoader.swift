import Foundation
import ZIPFoundation

/// Reads marginals from a NumPy array shaped [anchors, samples, D + C]: the
/// first D columns are outputs, the rest conditions. λ values are given, or
/// (for `.npz`) read from an array named `lambdas`.
public enum ArrayMarginalsLoader {
    public struct Layout: Sendable, Equatable {
        /// λ of each anchor, in the array's order; nil to read `lambdas` from an `.npz`.
        public var lambdas: [Double]?
        /// D; nil means every column is an output.
        public var outputCount: Int?
        /// The condition columns hold class labels (one column) rather than continuous values.
        public var categorical: Bool

        public init(lambdas: [Double]? = nil, outputCount: Int? = nil, categorical: Bool = false) {
            self.lambdas = lambdas
            self.outputCount = outputCount
            self.categorical = categorical
        }
    }

    public static func load(path: String, layout: Layout) throws -> Marginals {
        let source = (path as NSString).lastPathComponent
        let data: Data
        do { data = try UntrustedFile.read(path) } catch {
            throw MarginalsError.unreadable(source: path, reason: "\(error)")
        }
        if path.hasSuffix(".npz") {
            let arrays = try npzArrays(data, source: source)
            let main = arrays["marginals"] ?? arrays.filter { $0.key != "lambdas" }.sorted { $0.key < $1.key }.first?.value
            guard let main else { throw MarginalsError.badArray(source: source, reason: "the archive holds no array") }
            var layout = layout
            if layout.lambdas == nil, let stored = arrays["lambdas"] { layout.lambdas = stored.values.map(Double.init) }
            return try marginals(from: main, layout: layout, source: source)
        }
        return try marginals(from: NPYArray.decode(data, source: source), layout: layout, source: source)
    }

    /// The most an `.npz` may inflate to, all arrays together (1 GiB). Sizes are
    /// checked against what the archive declares before inflating, and again while
    /// inflating, so an archive that lies about its sizes is stopped at the limit too.
    public static let inflatedLimit = 1 << 30

    static func npzArrays(_ data: Data, source: String) throws -> [String: NPYArray] {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw MarginalsError.badArray(source: source, reason: "not a NumPy .npz (zip) archive")
        }
        let entries = archive.filter { $0.path.hasSuffix(".npy") }
        var declared: UInt64 = 0
        for entry in entries {
            let (sum, overflow) = declared.addingReportingOverflow(entry.uncompressedSize)
            declared = overflow ? .max : sum
        }
        guard declared <= UInt64(inflatedLimit) else {
            throw MarginalsError.badArray(source: source, reason: "the archive's arrays inflate to \(declared) bytes, over the limit of \(inflatedLimit) bytes (1 GiB)")
        }
        struct TooLarge: Error {}
        var arrays: [String: NPYArray] = [:]
        for entry in entries {
            var bytes = Data()
            let allowed = Int(entry.uncompressedSize)
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    guard bytes.count + chunk.count <= allowed else { throw TooLarge() }
                    bytes.append(chunk)
                }
            } catch is TooLarge {
                throw MarginalsError.badArray(source: source, reason: "\(entry.path) inflates to more than the \(allowed) bytes it declares")
            } catch {
                throw MarginalsError.badArray(source: source, reason: "cannot extract \(entry.path) from the archive")
            }
            arrays[String(entry.path.dropLast(4))] = try NPYArray.decode(bytes, source: "\(source):\(entry.path)")
        }
        return arrays
    }

    static func marginals(from array: NPYArray, layout: Layout, source: String) throws -> Marginals {
        guard array.shape.count == 3 else {
            throw MarginalsError.badArray(source: source, reason: "expected shape [anchors, samples, columns], found \(array.shape)")
        }
        let (anchorCount, samples, columns) = (array.shape[0], array.shape[1], array.shape[2])
        guard let lambdas = layout.lambdas else {
            throw MarginalsError.badArray(source: source, reason: "give the λ of each of the \(anchorCount) anchors (lambdas=…)")
        }
        guard lambdas.count == anchorCount else {
            throw MarginalsError.badArray(source: source, reason: "\(lambdas.count) λ values given for \(anchorCount) anchors")
        }
        let outputs = layout.outputCount ?? columns
        guard outputs >= 1, outputs <= columns else {
            throw MarginalsError.badArray(source: source, reason: "outputs=\(outputs) but the array has \(columns) columns")
        }
        let conditionCount = columns - outputs
        if layout.categorical && conditionCount != 1 {
            throw MarginalsError.badArray(source: source, reason: "a categorical condition needs exactly one condition column, found \(conditionCount)")
        }
        let outputNames = (0..<outputs).map { "y\($0)" }
        let conditionNames = (0..<conditionCount).map { "c\($0)" }
        let schema: ConditionSchema = conditionCount == 0 ? .none
            : layout.categorical ? .categorical(name: "c0", classes: []) : .continuous(names: conditionNames)
        var builder = MarginalsBuilder(source: source, lambdaName: "lambda", outputNames: outputNames, condition: schema)
        for a in 0..<anchorCount {
            for s in 0..<samples {
                let row = Array(array.values[((a * samples + s) * columns)..<((a * samples + s + 1) * columns)])
                if let bad = row.firstIndex(where: { !$0.isFinite }) {
                    throw MarginalsError.badArray(source: source, reason: "non-finite value at [\(a), \(s), \(bad)]")
                }
                let label = layout.categorical ? Marginals.classLabel(row[outputs]) : nil
                try builder.add(lambda: lambdas[a], outputs: Array(row[..<outputs]), className: label,
                            vector: layout.categorical ? [] : Array(row[outputs...]))
            }
        }
        return try builder.build()
    }
}

extension Marginals {
    /// Class labels that are whole numbers print without a decimal point.
    static func classLabel(_ value: Float) -> String {
        value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(value)
    }
}
