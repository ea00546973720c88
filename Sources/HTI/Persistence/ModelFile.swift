import Crypto
import Foundation

/// The on-disk container of a fitted model: one file holding a format
/// version, a JSON header (`ModelHeader`: settings, data summary, anchor λ values,
/// the array index) and every weight array as little-endian Float32, closed by a
/// SHA-256 of everything before it, so truncation and tampering are detected.
///
///   "HTIMODEL" · version (UInt32) · header length (UInt32) · header JSON · arrays · SHA-256 (32 bytes)
public struct ModelFile: Sendable, Equatable {
    public static let magic = Array("HTIMODEL".utf8)
    /// The format version written; `readableVersions` are the ones read (see `ModelHeader`).
    public static let version: UInt32 = 2
    public static let readableVersions: ClosedRange<UInt32> = 1...2
    /// The most values one array may declare (1 GiB of Float32): a header asking
    /// for more is damaged or hostile, and is refused before anything is allocated.
    public static let maximumArrayValues = 1 << 28

    /// What the model was fitted with and on.
    public var header: ModelHeader
    /// Named arrays in a fixed order; loading gives them back bit-identically.
    public var arrays: [NamedArray]

    public init(header: ModelHeader, arrays: [NamedArray]) {
        self.header = header
        self.arrays = arrays
    }

    /// The file's bytes; fails only if a header number is not finite (JSON cannot hold it).
    public func encoded() throws -> Data {
        let index = arrays.map { StoredHeader.ArrayEntry(name: $0.name, shape: $0.shape.map(Double.init)) }
        let headerData: Data
        do { headerData = try StoredHeader(header: header, arrays: index).encoded() } catch let EncodingError.invalidValue(value, context) {
            throw ModelFileError(source: "the model", reason: .unwritable,
                                 detail: "`\(ModelHeader.field(context.codingPath))` is \(value), which a file cannot hold")
        }
        var data = Data(ModelFile.magic)
        data.appendLittleEndian(ModelFile.version)
        data.appendLittleEndian(UInt32(headerData.count))
        data.append(headerData)
        for array in arrays {
            array.values.withUnsafeBufferPointer { buffer in
                for value in buffer { data.appendLittleEndian(value.bitPattern) }
            }
        }
        return ModelFile.sealed(data)
    }

    /// `body` followed by its SHA-256, as a file ends.
    static func sealed(_ body: Data) -> Data {
        var data = body
        data.append(contentsOf: SHA256.hash(data: body))
        return data
    }

    public static func decode(_ data: Data, source: String) throws -> ModelFile {
        func fail(_ reason: ModelFileError.Reason) -> ModelFileError { ModelFileError(source: source, reason: reason) }
        let bytes = [UInt8](data)
        guard bytes.count >= 16 + 32, Array(bytes[0..<8]) == magic else {
            throw fail(bytes.count >= 8 && Array(bytes[0..<8]) == magic ? .truncated : .notAModel)
        }
        let body = bytes[..<(bytes.count - 32)]
        guard Array(SHA256.hash(data: Data(body))) == Array(bytes[(bytes.count - 32)...]) else { throw fail(.checksumMismatch) }
        let version = UInt32(littleEndian: bytes, at: 8)
        guard readableVersions.contains(version) else { throw fail(.unsupportedVersion(version)) }
        let headerLength = Int(UInt32(littleEndian: bytes, at: 12))
        guard 16 + headerLength <= body.count else { throw fail(.badHeader) }
        let stored = try StoredHeader.decode(Data(bytes[16..<(16 + headerLength)]), version: version, source: source)
        // Every size below comes from the file: each is checked (whole, in range,
        // overflow-free, within the bytes actually present) before anything is allocated.
        var offset = 16 + headerLength
        var arrays: [NamedArray] = []
        var names = Set<String>()
        for entry in stored.arrays {
            let name = entry.name, dims = entry.shape
            func bad(_ why: String) -> ModelFileError { ModelFileError(source: source, reason: .badHeader, detail: "array `\(name)`: \(why)") }
            guard names.insert(name).inserted else { throw bad("named twice") }
            guard dims.count <= 8 else { throw bad("\(dims.count) dimensions") }
            var shape: [Int] = []
            for n in dims {
                guard n >= 0, n == n.rounded(), n <= Double(ModelFile.maximumArrayValues) else {
                    throw bad("its shape is not a list of whole numbers up to \(ModelFile.maximumArrayValues)")
                }
                shape.append(Int(n))
            }
            var count = 1
            for n in shape {
                let (product, overflow) = count.multipliedReportingOverflow(by: n)
                guard !overflow, product <= ModelFile.maximumArrayValues else {
                    throw bad("shape \(shape) has more than \(ModelFile.maximumArrayValues) values")
                }
                count = product
            }
            guard count <= (body.count - offset) / 4 else { throw fail(.truncated) }
            let values = [Float](unsafeUninitializedCapacity: count) { buffer, initialised in
                for i in 0..<count { buffer[i] = Float(bitPattern: UInt32(littleEndian: bytes, at: offset + 4 * i)) }
                initialised = count
            }
            offset += count * 4
            arrays.append(NamedArray(name: name, shape: shape, values: values))
        }
        guard offset == body.count else { throw fail(.badHeader) }
        return ModelFile(header: stored.header, arrays: arrays)
    }
}

/// The header JSON as the file holds it: `ModelHeader`'s fields and, beside them, the
/// `arrays` index (each array's name and shape, in the order the values follow).
struct StoredHeader: Codable {
    var header: ModelHeader
    var arrays: [ArrayEntry]

    /// The shape is read as numbers, not integers, so a hostile size (2.5, -1, 1e300)
    /// is refused with its own message, before any allocation.
    struct ArrayEntry: Codable {
        var name: String
        var shape: [Double]
    }

    private enum CodingKeys: String, CodingKey { case arrays }

    init(header: ModelHeader, arrays: [ArrayEntry]) {
        self.header = header
        self.arrays = arrays
    }

    // One JSON object for both: the header's keys and `arrays` share a level.
    init(from decoder: Decoder) throws {
        header = try ModelHeader(from: decoder)
        arrays = try decoder.container(keyedBy: CodingKeys.self).decode([ArrayEntry].self, forKey: .arrays)
    }

    func encode(to encoder: Encoder) throws {
        try header.encode(to: encoder)
        var fields = encoder.container(keyedBy: CodingKeys.self)
        try fields.encode(arrays, forKey: .arrays)
    }

    /// Keys sorted: the same model gives the same bytes in every process (a dictionary's order
    /// is seeded per process, so a Ray job's file and the local one once differed in the header alone).
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }

    /// Reads a header of the given format version; a type error names the field.
    static func decode(_ data: Data, version: UInt32, source: String) throws -> StoredHeader {
        let decoder = JSONDecoder()
        decoder.userInfo[ModelHeader.formatVersionKey] = version
        do { return try decoder.decode(StoredHeader.self, from: data) } catch let error as DecodingError {
            throw ModelFileError(source: source, reason: .badHeader, detail: ModelHeader.describe(error))
        } catch {
            throw ModelFileError(source: source, reason: .badHeader, detail: "\(error)")
        }
    }
}

/// One weight array: a name, a shape and its values (row-major).
public struct NamedArray: Sendable, Equatable {
    public var name: String
    public var shape: [Int]
    public var values: [Float]

    public init(name: String, shape: [Int], values: [Float]) {
        self.name = name
        self.shape = shape
        self.values = values
    }
}

/// Why a model file could not be loaded.
public struct ModelFileError: Error, Equatable, CustomStringConvertible {
    public enum Reason: Equatable {
        case notAModel, truncated, checksumMismatch, unsupportedVersion(UInt32), badHeader, unreadable, unwritable
    }
    public var source: String
    public var reason: Reason
    /// What exactly was wrong, when known (the header field, or the system's message).
    public var detail: String?

    public init(source: String, reason: Reason, detail: String? = nil) {
        self.source = source
        self.reason = reason
        self.detail = detail
    }

    public var description: String {
        switch reason {
        case .notAModel: return "\(source) is not an HTI model file"
        case .truncated: return "\(source) is truncated (the file is incomplete)"
        case .checksumMismatch: return "\(source) is damaged or was modified: its checksum does not match"
        case .unsupportedVersion(let v):
            let readable = ModelFile.readableVersions
            return "\(source) has model format version \(v); this HTI reads versions \(readable.lowerBound) to \(readable.upperBound)"
        case .badHeader: return "\(source) has a malformed header" + (detail.map { " (\($0))" } ?? "")
        case .unreadable: return "cannot read \(source)" + (detail.map { ": \($0)" } ?? "")
        case .unwritable: return "cannot write \(source)" + (detail.map { ": \($0)" } ?? "")
        }
    }
}

extension Data {
    mutating func appendLittleEndian(_ value: UInt32) {
        append(contentsOf: [UInt8(value & 0xff), UInt8((value >> 8) & 0xff), UInt8((value >> 16) & 0xff), UInt8(value >> 24)])
    }
}

extension UInt32 {
    init(littleEndian bytes: [UInt8], at offset: Int) {
        self = UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }
}
