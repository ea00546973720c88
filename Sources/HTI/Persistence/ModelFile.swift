import Crypto
import Foundation

/// The on-disk container of a fitted model: one file holding a format
/// version, a JSON header (settings, data summary, anchor λ values, the
/// array index) and every weight array as little-endian Float32, closed by a
/// SHA-256 of everything before it, so truncation and tampering are detected.
///
///   "HTIMODEL" · version (UInt32) · header length (UInt32) · header JSON · arrays · SHA-256 (32 bytes)
public struct ModelFile: Sendable, Equatable {
    public static let magic = Array("HTIMODEL".utf8)
    public static let version: UInt32 = 1
    /// The most values one array may declare (1 GiB of Float32): a header asking
    /// for more is damaged or hostile, and is refused before anything is allocated.
    public static let maximumArrayValues = 1 << 28

    /// Free-form metadata (settings, data summary); must be a JSON object.
    public var header: [String: HeaderValue]
    /// Named arrays in a fixed order; loading gives them back bit-identically.
    public var arrays: [NamedArray]

    public init(header: [String: HeaderValue], arrays: [NamedArray]) {
        self.header = header
        self.arrays = arrays
    }

    public func encoded() -> Data {
        var index: [HeaderValue] = []
        for array in arrays {
            index.append(.object(["name": .text(array.name), "shape": .list(array.shape.map { .number(Double($0)) })]))
        }
        var full = header
        full["arrays"] = .list(index)
        let headerData = HeaderValue.object(full).json()
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
        guard version == ModelFile.version else { throw fail(.unsupportedVersion(version)) }
        let headerLength = Int(UInt32(littleEndian: bytes, at: 12))
        guard 16 + headerLength <= body.count,
              case .object(var header)? = try? HeaderValue.parse(Data(bytes[16..<(16 + headerLength)])) else {
            throw fail(.badHeader)
        }
        guard case .list(let index)? = header.removeValue(forKey: "arrays") else { throw fail(.badHeader) }
        // Every size below comes from the file: each is checked (whole, in range,
        // overflow-free, within the bytes actually present) before anything is allocated.
        var offset = 16 + headerLength
        var arrays: [NamedArray] = []
        var names = Set<String>()
        for entry in index {
            guard case .object(let fields) = entry, case .text(let name)? = fields["name"],
                  case .list(let dims)? = fields["shape"] else { throw fail(.badHeader) }
            func bad(_ why: String) -> ModelFileError { ModelFileError(source: source, reason: .badHeader, detail: "array `\(name)`: \(why)") }
            guard names.insert(name).inserted else { throw bad("named twice") }
            guard dims.count <= 8 else { throw bad("\(dims.count) dimensions") }
            var shape: [Int] = []
            for dim in dims {
                guard case .number(let n) = dim, n >= 0, n == n.rounded(), n <= Double(ModelFile.maximumArrayValues) else {
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
        return ModelFile(header: header, arrays: arrays)
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
        case notAModel, truncated, checksumMismatch, unsupportedVersion(UInt32), badHeader, unreadable
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
        case .unsupportedVersion(let v): return "\(source) has model format version \(v); this HTI reads version \(ModelFile.version)"
        case .badHeader: return "\(source) has a malformed header" + (detail.map { " (\($0))" } ?? "")
        case .unreadable: return "cannot read \(source)" + (detail.map { ": \($0)" } ?? "")
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
