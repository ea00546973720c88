import Foundation
import PropertyBased
import Testing
@testable import HTI

@Suite struct NPYArrayTests {
    @Test func roundTripsAnyShapeAndValues() async {
        await propertyCheck(count: 200, input: Gen.int(in: 1...4).array(of: 1...3), Gen.float(in: -1e6...1e6)) { shape, seed in
            let count = shape.reduce(1, *)
            let values = (0..<count).map { Float($0) * seed / 7 }
            let array = NPYArray(shape: shape, values: values)
            let decoded = try? NPYArray.decode(array.encoded(), source: "x.npy")
            #expect(decoded == array)
        }
    }

    @Test func randomBytesNeverCrash() async {
        let header = Array(NPYArray(shape: [2, 2], values: [1, 2, 3, 4]).encoded())
        await propertyCheck(count: 500, input: Gen.int(in: 0...(header.count - 1)), Gen<UInt8>.value(in: 0...255), Gen.int(in: 0...header.count)) { at, byte, cut in
            var bytes = header
            bytes[at] = byte
            do { _ = try NPYArray.decode(Data(bytes.prefix(cut)), source: "x.npy") } catch {
                #expect(error is MarginalsError)
            }
        }
    }

    @Test func readsNumpyWrittenFloat64BigEndianAndInts() throws {
        func npy(_ descr: String, _ payload: [UInt8]) -> Data {
            var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': (2,), }"
            header += String(repeating: " ", count: (64 - (10 + header.utf8.count + 1) % 64) % 64) + "\n"
            return Data(NPYArray.magic + [1, 0, UInt8(header.utf8.count), 0] + Array(header.utf8) + payload)
        }
        let f8 = [1.5, -2.0].flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) }
        #expect(try NPYArray.decode(npy("<f8", f8), source: "a").values == [1.5, -2])
        let bigF4 = [Float(3), 4].flatMap { withUnsafeBytes(of: $0.bitPattern.bigEndian, Array.init) }
        #expect(try NPYArray.decode(npy(">f4", bigF4), source: "a").values == [3, 4])
        let i8 = [Int64(-7), 9].flatMap { withUnsafeBytes(of: $0.littleEndian, Array.init) }
        #expect(try NPYArray.decode(npy("<i8", i8), source: "a").values == [-7, 9])
        #expect(throws: MarginalsError.self) { try NPYArray.decode(npy("<c8", i8), source: "a") }
    }

    @Test func arrayMarginalsSplitOutputsAndClasses() throws {
        // 2 anchors × 3 samples × (2 outputs + 1 class)
        let values: [Float] = [0, 0, 0, 1, 1, 1, 2, 2, 0, 5, 5, 1, 6, 6, 0, 7, 7, 1]
        let array = NPYArray(shape: [2, 3, 3], values: values)
        let m = try ArrayMarginalsLoader.marginals(from: array, layout: .init(lambdas: [0.1, 0.7], outputCount: 2, categorical: true),
                                                   source: "a.npy")
        #expect(m.lambdas == [0.1, 0.7])
        #expect(m.condition == .categorical(name: "c0", classes: ["0", "1"]))
        #expect(m.anchors[1].outputs == [5, 5, 6, 6, 7, 7])
        #expect(throws: MarginalsError.badArray(source: "a.npy", reason: "1 λ values given for 2 anchors")) {
            try ArrayMarginalsLoader.marginals(from: array, layout: .init(lambdas: [0], outputCount: 2), source: "a.npy")
        }
    }
}
