import Foundation
import PropertyBased
import Testing
@testable import HTI

@Suite struct ModelFileTests {
    static let file = ModelFile(
        header: HostileModelFileTests.file.header,
        arrays: [NamedArray(name: "metric/dense0/kernel", shape: [2, 3], values: [1, -2, 3.5, .pi, -0, 1e-30]),
                 NamedArray(name: "empty", shape: [0], values: [])])

    @Test func roundTripsBitIdentically() throws {
        let decoded = try ModelFile.decode(try ModelFileTests.file.encoded(), source: "m")
        #expect(decoded == ModelFileTests.file)
        #expect(decoded.arrays[0].values.map(\.bitPattern) == ModelFileTests.file.arrays[0].values.map(\.bitPattern))
    }

    @Test func anyFlippedByteIsDetected() async throws {
        let data = [UInt8](try ModelFileTests.file.encoded())
        await propertyCheck(count: 300, input: Gen.int(in: 0...(data.count - 1)), Gen<UInt8>.value(in: 1...255)) { at, flip in
            var bytes = data
            bytes[at] ^= flip
            #expect(throws: ModelFileError.self) { try ModelFile.decode(Data(bytes), source: "m") }
        }
    }

    @Test func truncationIsNamed() throws {
        let data = try ModelFileTests.file.encoded()
        do { _ = try ModelFile.decode(data.prefix(data.count - 40), source: "m.htimodel"); Issue.record("decoded") } catch let e as ModelFileError {
            #expect(e.reason == .checksumMismatch || e.reason == .truncated)
        } catch {}
        #expect(throws: ModelFileError(source: "x", reason: .notAModel)) { try ModelFile.decode(Data("hello".utf8), source: "x") }
    }

    @Test func theSettingsAreWrittenWithSortedKeysSoEveryProcessWritesTheSameBytes() throws {
        let header = try ModelFileTests.headerJSON(try HostileModelFileTests.file.encoded())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(header.utf8)) as? [String: Any])
        let settings = try #require(object["settings"] as? [String: Any], "version 2 stores the settings as an object")
        // In the text the top-level keys, then the settings' own keys, appear in sorted order.
        let top = object.keys.sorted().compactMap { header.range(of: "\"\($0)\":")?.lowerBound }
        #expect(top.count == object.keys.count && top == top.sorted())
        let settingsText = try #require(header.range(of: "\"settings\":{").map { header[$0.upperBound...] })
        let inner = settings.keys.sorted().compactMap { settingsText.range(of: "\"\($0)\":")?.lowerBound }
        #expect(inner.count == settings.keys.count && inner == inner.sorted())
    }

    /// A file in format version 1 (the settings as a string of JSON) still loads, to the same model.
    @Test func aVersionOneFileStillLoads() throws {
        let current = try HostileModelFileTests.file.encoded()
        let header = try ModelFileTests.headerJSON(current)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(header.utf8)) as? [String: Any])
        let settings = try JSONSerialization.data(withJSONObject: try #require(object["settings"]), options: [.sortedKeys])
        object["settings"] = String(decoding: settings, as: UTF8.self)
        let oldHeader = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        let bytes = [UInt8](current)
        let headerEnd = 16 + Int(UInt32(littleEndian: bytes, at: 12))
        var body = Data(ModelFile.magic)
        body.appendLittleEndian(1)
        body.appendLittleEndian(UInt32(oldHeader.count))
        body.append(oldHeader)
        body.append(contentsOf: bytes[headerEnd..<(bytes.count - 32)])
        let old = try ModelFile.decode(ModelFile.sealed(body), source: "old.htimodel")
        #expect(old == HostileModelFileTests.file)
        let model = try HTIModel(file: old, source: "old.htimodel")
        #expect(model.weights == HostileModelFileTests.model.weights && model.settings == HostileModelFileTests.model.settings)
        // A version this HTI does not know is refused by number.
        var future = Data(ModelFile.magic)
        future.appendLittleEndian(ModelFile.version + 1)
        future.append(contentsOf: bytes[12..<(bytes.count - 32)])
        #expect(throws: ModelFileError(source: "f", reason: .unsupportedVersion(ModelFile.version + 1))) {
            try ModelFile.decode(ModelFile.sealed(future), source: "f")
        }
    }

    /// The path action and the matching travel with the model; a file that names neither (written
    /// before there was a choice) reads as the lengths and no matching, what it was fitted with.
    @Test func thePathActionAndMatchingAreKept() throws {
        var file = HostileModelFileTests.file
        file.header.settings.pathAction = .energy
        file.header.settings.matchingSteps = 300
        let loaded = try HostileModelFileTests.load(file)
        #expect(loaded.settings.action == .energy && loaded.settings.matching == 300)
        #expect(loaded.geometry.kinetic == .energy, "sampling refines paths under the action they were fitted with")

        let settings = try JSONEncoder().encode(HostileModelFileTests.model.settings)
        var object = try #require(try JSONSerialization.jsonObject(with: settings) as? [String: Any])
        object["pathAction"] = nil
        object["matchingSteps"] = nil
        let old = try JSONDecoder().decode(FitSettings.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(old.action == .lengths && old.matching == 0)
    }

    /// A file asking for an absurd matching, or naming an action this HTI does not know, is refused by name.
    @Test func aBadPathActionOrMatchingIsRefused() throws {
        var file = HostileModelFileTests.file
        file.header.settings.matchingSteps = -5
        do { _ = try HostileModelFileTests.load(file); Issue.record("matching -5 loaded") } catch let error as ModelFileError {
            #expect(error.description.contains("matching"), "\(error)")
        }
        file.header.settings.matchingSteps = 300
        file.header.settings.pathAction = .energy
        let current = try file.encoded()
        let header = try ModelFileTests.headerJSON(current)
        let changed = header.replacingOccurrences(of: "\"pathAction\":\"energy\"", with: "\"pathAction\":\"zigzag\"")
        #expect(changed != header)
        do { _ = try ModelFile.decode(ModelFileTests.withHeader(changed, of: current), source: "t.htimodel"); Issue.record("decoded") }
        catch let error as ModelFileError {
            #expect(error.reason == .badHeader && error.description.contains("pathAction"), "\(error)")
        }
    }

    /// A wrongly typed header field is named in the error.
    @Test func aWronglyTypedFieldIsNamed() throws {
        let current = try HostileModelFileTests.file.encoded()
        let header = try ModelFileTests.headerJSON(current)
        let changed = header.replacingOccurrences(of: "\"lambdas\":[", with: "\"lambdas\":[\"x\",")
        do { _ = try ModelFile.decode(ModelFileTests.withHeader(changed, of: current), source: "t.htimodel"); Issue.record("decoded") }
        catch let error as ModelFileError {
            #expect(error.reason == .badHeader && error.description.contains("`lambdas[0]` is not a number"), "\(error)")
        }
    }

    /// An encoded file with its header replaced by `header`, sealed again (so only validation can catch it).
    static func withHeader(_ header: String, of current: Data) -> Data {
        let bytes = [UInt8](current)
        var body = Data(bytes[0..<12])
        body.appendLittleEndian(UInt32(header.utf8.count))
        body.append(contentsOf: Array(header.utf8))
        body.append(contentsOf: bytes[(16 + Int(UInt32(littleEndian: bytes, at: 12)))..<(bytes.count - 32)])
        return ModelFile.sealed(body)
    }

    /// The header JSON of an encoded file.
    static func headerJSON(_ data: Data) throws -> String {
        let bytes = [UInt8](data)
        let length = Int(UInt32(littleEndian: bytes, at: 12))
        return String(decoding: bytes[16..<(16 + length)], as: UTF8.self)
    }
}
