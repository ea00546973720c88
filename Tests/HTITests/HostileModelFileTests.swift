import Foundation
import PropertyBased
import Testing
@testable import HTI

/// `.htimodel` files are untrusted input: a file whose checksum was recomputed
/// after tampering must give a `ModelFileError`, never a crash, and a file that
/// loads must sample.
@Suite struct HostileModelFileTests {
    /// A tiny fitted model with two condition classes, three anchors.
    static let model: HTIModel = {
        var rng = SplitMix(seed: 11)
        let anchors = [0.0, 0.5, 1.0].map { lambda -> Anchor in
            let count = 12
            let outputs = (0..<(count * 2)).map { i in Float(rng.normal() * 0.3) + (i % 2 == 0 ? Float(lambda) : 0) }
            return Anchor(lambda: lambda, count: count, outputs: outputs, conditions: .classes((0..<count).map { Int32($0 % 2) }))
        }
        let data = Marginals(source: "tiny", lambdaName: "lambda", outputNames: ["x", "y"],
                             condition: .categorical(name: "arc", classes: ["0", "1"]), anchors: anchors)
        var settings = TrainerTests.quick(metric: .learned, potential: .density, steps: 1)
        settings.amortiserInitialSteps = 2
        settings.amortiserFinalSteps = 2
        settings.amortiserWidth = 8
        do { return try Trainer(marginals: data, settings: settings).fit() } catch { fatalError("the fixture fit failed: \(error)") }
    }()

    static let file = model.modelFile()

    /// Re-encodes a changed file (the checksum is recomputed, so only validation can catch it).
    static func load(_ file: ModelFile) throws -> HTIModel {
        try HTIModel(file: ModelFile.decode(try file.encoded(), source: "hostile.htimodel"), source: "hostile.htimodel")
    }

    /// The property every mutated file must have: an error, or a model that samples.
    static func errorOrSamples(_ load: () throws -> HTIModel) {
        do {
            let model = try load()
            _ = try model.sample(at: [0.25, 0.75], from: model.defaultStart(perCondition: 3))
        } catch is ModelFileError {
        } catch {
            Issue.record("expected a ModelFileError or a model that samples, got \(error)")
        }
    }

    static func replacing(_ name: String, in file: ModelFile, _ change: (inout NamedArray) -> Void) -> ModelFile {
        var copy = file
        if let index = copy.arrays.firstIndex(where: { $0.name == name }) { change(&copy.arrays[index]) }
        return copy
    }

    @Test func theUntouchedFileLoadsAndSamples() throws {
        let loaded = try HostileModelFileTests.load(HostileModelFileTests.file)
        #expect(loaded.weights == HostileModelFileTests.model.weights)
        _ = try loaded.sample(at: [0.3], from: loaded.defaultStart(perCondition: 2))
    }

    @Test(arguments: [1e300, 4.0e18, Double(1 << 61), -1, 2.5])
    func absurdArrayShapesAreRefusedBeforeAllocating(dimension: Double) {
        guard var file = try? HostileModelFileTests.file.encodedHeaderless() else { Issue.record("not encoded"); return }
        // The header's index is rebuilt by `encoded()`, so the shape is changed in the raw JSON.
        file = file.replacingFirstShape(with: dimension)
        #expect(String(decoding: file, as: UTF8.self).contains("\"shape\":[\(dimension)"), "the shape was rewritten")
        #expect(throws: ModelFileError.self) { _ = try ModelFile.decode(file, source: "hostile.htimodel").arrays.count }
    }

    @Test(arguments: [Float.nan, 1e10, -1, 2, 0.5, .infinity])
    func classLabelsOutsideTheClassListAreRefused(label: Float) {
        let file = HostileModelFileTests.replacing("data/0/conditions", in: HostileModelFileTests.file) { $0.values[3] = label }
        #expect(throws: ModelFileError.self) { try HostileModelFileTests.load(file) }
    }

    @Test func aClassListShorterThanTheLabelsIsRefused() {
        var file = HostileModelFileTests.file
        file.header.condition = .init(kind: "categorical", name: "arc", classes: ["0"])
        #expect(throws: ModelFileError.self) { try HostileModelFileTests.load(file) }
    }

    @Test func aClassWithNoSamplesAtAnAnchorIsRefused() {
        let file = HostileModelFileTests.replacing("data/0/conditions", in: HostileModelFileTests.file) { array in
            array.values = array.values.map { _ in 0 }
        }
        #expect(throws: ModelFileError.self) { try HostileModelFileTests.load(file) }
    }

    @Test func weightsOfTheWrongShapeOrNotFiniteAreRefused() {
        let name = try? #require(HostileModelFileTests.file.arrays.first { $0.name.hasPrefix("amortiser/") }?.name)
        let reshaped = HostileModelFileTests.replacing(name ?? "", in: HostileModelFileTests.file) { array in
            array.shape = [array.values.count]
        }
        #expect(throws: ModelFileError.self) { try HostileModelFileTests.load(reshaped) }
        let poisoned = HostileModelFileTests.replacing(name ?? "", in: HostileModelFileTests.file) { $0.values[0] = .nan }
        #expect(throws: ModelFileError.self) { try HostileModelFileTests.load(poisoned) }
        var missing = HostileModelFileTests.file
        missing.arrays.removeAll { $0.name == name }
        #expect(throws: ModelFileError.self) { try HostileModelFileTests.load(missing) }
        var extra = HostileModelFileTests.file
        extra.arrays.append(NamedArray(name: "metric/surprise", shape: [1], values: [1]))
        #expect(throws: ModelFileError.self) { try HostileModelFileTests.load(extra) }
    }

    @Test func settingsOutOfRangeAreRefused() throws {
        let changes: [(String, (inout FitSettings) -> Void)] = [
            ("amortiserWidth = 1000000000", { $0.amortiserWidth = 1_000_000_000 }), ("splineKnots = 0", { $0.splineKnots = 0 }),
            ("pathPoints = 100000000", { $0.pathPoints = 100_000_000 }), ("potentialWeight = -1", { $0.potentialWeight = -1 }),
            ("steps = 0", { $0.steps = 0 }),
        ]
        for (label, change) in changes {
            var file = HostileModelFileTests.file
            change(&file.header.settings)
            #expect(throws: ModelFileError.self, "\(label)") { try HostileModelFileTests.load(file) }
        }
    }

    @Test func lambdasMustBeFiniteAndIncreasing() {
        for lambdas: [Double] in [[0, 0, 1], [1, 0.5, 0], [0, .nan, 1], [0, 0.5]] {
            var file = HostileModelFileTests.file
            file.header.lambdas = lambdas
            #expect(throws: ModelFileError.self, "\(lambdas)") { try HostileModelFileTests.load(file) }
        }
    }

    /// Random changes to arrays: values set to specials, shapes changed, arrays dropped.
    @Test func mutatedArraysGiveAnErrorOrAModelThatSamples() async {
        let file = HostileModelFileTests.file
        let specials: [Float] = [.nan, .infinity, -.infinity, 1e10, -1, 0, 3, 1e-40, .greatestFiniteMagnitude]
        await propertyCheck(count: 200, input: Gen.int(in: 0...(file.arrays.count - 1)), Gen.int(in: 0...2),
                            Gen.int(in: 0...(specials.count - 1)), Gen.int(in: 0...1_000_000)) { which, how, special, position in
            var copy = file
            switch how {
            case 0 where !copy.arrays[which].values.isEmpty:
                copy.arrays[which].values[position % copy.arrays[which].values.count] = specials[special]
            case 1:
                var shape = copy.arrays[which].shape
                if !shape.isEmpty { shape[position % shape.count] = special }
                copy.arrays[which].shape = shape
                copy.arrays[which].values = [Float](repeating: 0.5, count: shape.reduce(1, *))
            default:
                copy.arrays.remove(at: which)
            }
            HostileModelFileTests.errorOrSamples { try HostileModelFileTests.load(copy) }
        }
    }

    /// Random byte changes anywhere before the checksum, with the checksum recomputed.
    @Test func mutatedBytesGiveAnErrorOrAModelThatSamples() async throws {
        let data = [UInt8](try HostileModelFileTests.file.encoded().dropLast(32))
        await propertyCheck(count: 300, input: Gen.int(in: 0...(data.count - 1)), Gen<UInt8>.value(in: 1...255)) { at, flip in
            var bytes = data
            bytes[at] ^= flip
            let sealed = ModelFile.sealed(Data(bytes))
            HostileModelFileTests.errorOrSamples {
                try HTIModel(file: ModelFile.decode(sealed, source: "m"), source: "m")
            }
        }
    }

    /// The header region is where the interesting damage is: mutate only its bytes.
    @Test func mutatedHeaderBytesGiveAnErrorOrAModelThatSamples() async throws {
        let data = [UInt8](try HostileModelFileTests.file.encoded().dropLast(32))
        let headerEnd = 16 + Int(UInt32(littleEndian: data, at: 12))
        await propertyCheck(count: 300, input: Gen.int(in: 16...(headerEnd - 1)), Gen.element(of: Array("0123456789-.e[]{},\"x ".utf8))) { at, byte in
            var bytes = data
            bytes[at] = byte ?? 0x20
            let sealed = ModelFile.sealed(Data(bytes))
            HostileModelFileTests.errorOrSamples {
                try HTIModel(file: ModelFile.decode(sealed, source: "m"), source: "m")
            }
        }
    }
}

private extension ModelFile {
    /// The encoded file without its checksum.
    func encodedHeaderless() throws -> Data { try encoded().dropLast(32) }
}

private extension Data {
    /// Rewrites the first `"shape":[N,…]` of the header to start with `dimension`, then reseals.
    func replacingFirstShape(with dimension: Double) -> Data {
        let bytes = [UInt8](self)
        let headerLength = Int(UInt32(littleEndian: bytes, at: 12))
        guard let header = String(bytes: bytes[16..<(16 + headerLength)], encoding: .utf8),
              let range = header.range(of: #""shape":["#) else { return ModelFile.sealed(self) }
        let rest = header[range.upperBound...]
        let number = rest.prefix { $0 != "," && $0 != "]" }
        let replaced = header[..<range.upperBound] + "\(dimension)" + rest.dropFirst(number.count)
        var body = Data(bytes[0..<8])
        body.appendLittleEndian(UInt32(bytes[8]) | UInt32(bytes[9]) << 8 | UInt32(bytes[10]) << 16 | UInt32(bytes[11]) << 24)
        body.appendLittleEndian(UInt32(replaced.utf8.count))
        body.append(contentsOf: Array(replaced.utf8))
        body.append(contentsOf: bytes[(16 + headerLength)...])
        return ModelFile.sealed(body)
    }
}
