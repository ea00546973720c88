import Foundation
import PropertyBased
import Testing
@testable import HTI

@Suite struct ModelFileTests {
    static let file = ModelFile(
        header: ["settings": .object(["steps": .number(2001), "metric": .text("learned")]), "lambdas": .list([.number(0), .number(0.5)])],
        arrays: [NamedArray(name: "metric/dense0/kernel", shape: [2, 3], values: [1, -2, 3.5, .pi, -0, 1e-30]),
                 NamedArray(name: "empty", shape: [0], values: [])])

    @Test func roundTripsBitIdentically() throws {
        let decoded = try ModelFile.decode(ModelFileTests.file.encoded(), source: "m")
        #expect(decoded == ModelFileTests.file)
        #expect(decoded.arrays[0].values.map(\.bitPattern) == ModelFileTests.file.arrays[0].values.map(\.bitPattern))
    }

    @Test func anyFlippedByteIsDetected() async {
        let data = [UInt8](ModelFileTests.file.encoded())
        await propertyCheck(count: 300, input: Gen.int(in: 0...(data.count - 1)), Gen<UInt8>.value(in: 1...255)) { at, flip in
            var bytes = data
            bytes[at] ^= flip
            #expect(throws: ModelFileError.self) { try ModelFile.decode(Data(bytes), source: "m") }
        }
    }

    @Test func truncationIsNamed() {
        let data = ModelFileTests.file.encoded()
        do { _ = try ModelFile.decode(data.prefix(data.count - 40), source: "m.htimodel"); Issue.record("decoded") } catch let e as ModelFileError {
            #expect(e.reason == .checksumMismatch || e.reason == .truncated)
        } catch {}
        #expect(throws: ModelFileError(source: "x", reason: .notAModel)) { try ModelFile.decode(Data("hello".utf8), source: "x") }
    }

    @Test func theSettingsAreWrittenWithSortedKeysSoEveryProcessWritesTheSameBytes() throws {
        guard case .text(let json)? = HostileModelFileTests.file.header["settings"] else { Issue.record("no settings"); return }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let keys = object.keys.sorted()
        // In the text the keys appear in sorted order.
        let positions = keys.compactMap { json.range(of: "\"\($0)\"")?.lowerBound }
        #expect(positions.count == keys.count && positions == positions.sorted())
    }
}
