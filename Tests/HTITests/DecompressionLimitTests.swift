import Foundation
import Testing
import ZIPFoundation
@testable import HTI

/// `.npz` archives are untrusted: what they declare is checked against a limit
/// before inflating, and what they inflate to is checked against what they declared.
@Suite struct DecompressionLimitTests {
    /// An archive holding one deflated `.npy` of `values` zeros (shape [1, values/2, 2]).
    static func archive(values: Int) throws -> Data {
        let npy = NPYArray(shape: [1, values / 2, 2], values: [Float](repeating: 0, count: values)).encoded()
        let archive = try Archive(data: Data(), accessMode: .create)
        try archive.addEntry(with: "marginals.npy", type: .file, uncompressedSize: Int64(npy.count), compressionMethod: .deflate) { position, size in
            npy.subdata(in: Int(position)..<(Int(position) + size))
        }
        return try #require(archive.data)
    }

    /// Rewrites the uncompressed size every header of the archive declares.
    static func declaring(_ size: UInt32, in data: Data) -> Data {
        var bytes = [UInt8](data)
        func patch(at offset: Int) {
            for k in 0..<4 { bytes[offset + k] = UInt8((size >> (8 * UInt32(k))) & 0xff) }
        }
        for i in 0..<(bytes.count - 4) {
            let signature = UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
            if signature == 0x0403_4b50, i + 26 <= bytes.count { patch(at: i + 22) }  // local file header
            if signature == 0x0201_4b50, i + 28 <= bytes.count { patch(at: i + 24) }  // central directory header
        }
        return Data(bytes)
    }

    @Test func anHonestArchiveLoads() throws {
        let arrays = try ArrayMarginalsLoader.npzArrays(try DecompressionLimitTests.archive(values: 2000), source: "ok.npz")
        #expect(arrays["marginals"]?.values.count == 2000)
    }

    @Test func anArchiveDeclaringMoreThanTheLimitIsRefusedBeforeInflating() throws {
        let bomb = DecompressionLimitTests.declaring(0xF000_0000, in: try DecompressionLimitTests.archive(values: 2000))
        do {
            _ = try ArrayMarginalsLoader.npzArrays(bomb, source: "bomb.npz")
            Issue.record("the archive was inflated")
        } catch let error as MarginalsError {
            #expect(error.description.contains("over the limit of \(ArrayMarginalsLoader.inflatedLimit) bytes (1 GiB)"), "\(error)")
        }
    }

    @Test func anArchiveInflatingPastWhatItDeclaresIsStopped() throws {
        // 4 MB of zeros declared as 1,000 bytes.
        let liar = DecompressionLimitTests.declaring(1000, in: try DecompressionLimitTests.archive(values: 1 << 20))
        #expect(throws: MarginalsError.self) { try ArrayMarginalsLoader.npzArrays(liar, source: "liar.npz") }
    }
}
