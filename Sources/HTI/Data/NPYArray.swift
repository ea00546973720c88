import Foundation

/// A NumPy `.npy` array of numbers, read as Float32 (the precision the method
/// runs in). Reads little- and big-endian f4/f8/i4/i8 in C order; writes `<f4`.
public struct NPYArray: Sendable, Equatable {
    public var shape: [Int]
    public var values: [Float]

    public init(shape: [Int], values: [Float]) {
        self.shape = shape
        self.values = values
    }

    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    /// Decodes `.npy` bytes; `source` names the file in errors.
    public static func decode(_ data: Data, source: String) throws -> NPYArray {
        let bytes = [UInt8](data)
        func fail(_ reason: String) -> MarginalsError { .badArray(source: source, reason: reason) }
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else { throw fail("not a NumPy .npy array (bad magic bytes)") }
        let major = bytes[6]
        let headerLength: Int
        let headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw fail("truncated .npy header") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        default:
            throw fail(".npy format version \(major) is not supported")
        }
        guard headerStart + headerLength <= bytes.count,
              let header = String(bytes: bytes[headerStart..<(headerStart + headerLength)], encoding: .utf8) else {
            throw fail("truncated .npy header")
        }
        guard let descr = field("descr", in: header).map({ $0.trimmingCharacters(in: CharacterSet(charactersIn: "'\" ")) }) else {
            throw fail(".npy header has no descr")
        }
        if field("fortran_order", in: header)?.trimmingCharacters(in: .whitespaces) == "True" {
            throw fail("Fortran-ordered arrays are not supported; save with np.ascontiguousarray")
        }
        guard let shapeText = shapeField(in: header) else { throw fail(".npy header has no shape") }
        let shape = try shapeText.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.map { part -> Int in
                guard let n = Int(part), n >= 0 else { throw fail("bad shape (\(shapeText))") }
                return n
            }
        let (count, overflow) = shape.reduce((1, false)) { acc, n in
            let (product, o) = acc.0.multipliedReportingOverflow(by: n)
            return (product, acc.1 || o)
        }
        guard !overflow, count < 1 << 31 else { throw fail("array too large (shape \(shape))") }

        let order = descr.first
        let kind = String(descr.dropFirst())
        let little = order == "<" || order == "|" || order == "="
        guard order == "<" || order == ">" || order == "|" || order == "=" else { throw fail("dtype \(descr) is not supported") }
        let width: Int
        switch kind {
        case "f4", "i4": width = 4
        case "f8", "i8": width = 8
        default: throw fail("dtype \(descr) is not supported; use float32, float64, int32 or int64")
        }
        let start = headerStart + headerLength
        guard bytes.count - start >= count * width else {
            throw fail("data is truncated: shape \(shape) needs \(count * width) bytes, found \(bytes.count - start)")
        }
        var values = [Float](repeating: 0, count: count)
        for i in 0..<count {
            var raw: UInt64 = 0
            for b in 0..<width {
                let byte = UInt64(bytes[start + i * width + b])
                raw |= little ? byte << (8 * UInt64(b)) : byte << (8 * UInt64(width - 1 - b))
            }
            switch kind {
            case "f4": values[i] = Float(bitPattern: UInt32(truncatingIfNeeded: raw))
            case "f8": values[i] = Float(Double(bitPattern: raw))
            case "i4": values[i] = Float(Int32(truncatingIfNeeded: raw))
            default: values[i] = Float(Int64(bitPattern: raw))
            }
        }
        return NPYArray(shape: shape, values: values)
    }

    /// Encodes as version-1 `.npy`, `<f4`, C order.
    public func encoded() -> Data {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': \(shapeText), }"
        // Pad so the data starts on a 64-byte boundary, as NumPy does.
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data(NPYArray.magic + [1, 0])
        let length = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xff), UInt8(length >> 8)])
        data.append(contentsOf: Array(header.utf8))
        for value in values {
            let bits = value.bitPattern
            data.append(contentsOf: [UInt8(bits & 0xff), UInt8((bits >> 8) & 0xff), UInt8((bits >> 16) & 0xff), UInt8(bits >> 24)])
        }
        return data
    }

    private static func field(_ name: String, in header: String) -> String? {
        guard let key = header.range(of: "'\(name)'") ?? header.range(of: "\"\(name)\""),
              let colon = header[key.upperBound...].firstIndex(of: ":") else { return nil }
        let rest = header[header.index(after: colon)...]
        let end = rest.firstIndex(of: ",") ?? rest.firstIndex(of: "}") ?? rest.endIndex
        return String(rest[..<end])
    }

    private static func shapeField(in header: String) -> String? {
        guard let key = header.range(of: "'shape'") ?? header.range(of: "\"shape\""),
              let open = header[key.upperBound...].firstIndex(of: "("),
              let close = header[open...].firstIndex(of: ")") else { return nil }
        return String(header[header.index(after: open)..<close])
    }
}
