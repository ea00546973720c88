import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads CSV (RFC 4180: commas, `"`-quoted fields with `""` for a quote, LF or
/// CRLF line ends) one row at a time from a file in 1 MiB chunks or from text.
///
/// Written by hand, as the brief allows where no library does the job: CSV.swift's
/// stream reader fails at end of file on Linux (`cannotReadFile`, its InputStream
/// reports bytes that are not there) and calls a closure per byte, and SwiftCSV
/// needs the whole text as one String. Here memory is one chunk plus the current
/// row, time is linear in the bytes, and each row's starting line is known, so
/// errors can name it.
struct CSVRowReader {
    enum Problem: Error, Equatable {
        /// A quoted field still open at the end of the file.
        case unterminatedQuote(line: Int)
        /// Bytes that are not UTF-8 text.
        case notUTF8(line: Int)
        case unreadable(String)
    }

    private let descriptor: Int32?
    private var buffer: [UInt8]
    private var position = 0
    private var end: Int
    private var exhausted: Bool
    /// The physical line (1-based) the next byte is on.
    private var currentLine = 1
    /// The physical line the row last returned by `next()` started on.
    private(set) var rowLine = 0

    static let chunkSize = 1 << 20

    /// Reads from an open file descriptor, which the reader closes when done.
    init(descriptor: Int32) {
        self.descriptor = descriptor
        buffer = [UInt8](repeating: 0, count: CSVRowReader.chunkSize)
        end = 0
        exhausted = false
    }

    /// Reads from text already in memory.
    init(text: String) {
        descriptor = nil
        buffer = Array(text.utf8)
        end = buffer.count
        exhausted = true
    }

    /// Closes the file, if this reader read one.
    func close() {
        if let descriptor { Glibc.close(descriptor) }
    }

    private mutating func refill() throws -> Bool {
        guard !exhausted, let descriptor else { return false }
        position = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, CSVRowReader.chunkSize) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Problem.unreadable(String(cString: strerror(errno)))
            }
            end = count
            if count == 0 { exhausted = true }
            return count > 0
        }
    }

    /// The next byte, or nil at the end of the input.
    private mutating func nextByte() throws -> UInt8? {
        if position >= end, !(try refill()) { return nil }
        let byte = buffer[position]
        position += 1
        if byte == UInt8(ascii: "\n") { currentLine += 1 }
        return byte
    }

    private mutating func peekByte() throws -> UInt8? {
        if position >= end, !(try refill()) { return nil }
        return buffer[position]
    }

    /// The next row's fields, trimmed of surrounding spaces and tabs (inside quotes,
    /// spaces are kept); nil at the end. A blank line is a row of one empty field.
    mutating func next() throws -> [String]? {
        guard try peekByte() != nil else { return nil }
        rowLine = currentLine
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false, wasQuoted = false
        func finish() throws {
            var bytes = field[...]
            if !wasQuoted {
                while let first = bytes.first, first == 0x20 || first == 0x09 { bytes = bytes.dropFirst() }
                while let last = bytes.last, last == 0x20 || last == 0x09 || last == 0x0D { bytes = bytes.dropLast() }
            }
            guard let text = String(validating: bytes, as: UTF8.self) else { throw Problem.notUTF8(line: currentLine) }
            fields.append(text)
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        while let byte = try nextByte() {
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if try peekByte() == UInt8(ascii: "\"") {
                        _ = try nextByte()
                        field.append(byte)
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                try finish()
            case UInt8(ascii: "\n"):
                try finish()
                return fields
            case UInt8(ascii: "\""):
                // A quote opens a quoted field only at its start (after any spaces).
                if field.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) && !wasQuoted {
                    field.removeAll(keepingCapacity: true)
                    quoted = true
                    wasQuoted = true
                } else {
                    field.append(byte)
                }
            default:
                if wasQuoted && (byte == 0x20 || byte == 0x09 || byte == 0x0D) { continue }  // spaces after a closing quote
                field.append(byte)
            }
        }
        if quoted { throw Problem.unterminatedQuote(line: rowLine) }
        try finish()
        return fields
    }
}
