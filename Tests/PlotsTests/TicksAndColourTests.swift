import Testing
@testable import Plots

struct TicksAndColourTests {
    @Test func ticksAreNiceNumbersCoveringTheRange() {
        #expect(Ticks.nice(0, 1) == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1] || Ticks.nice(0, 1).count == 6)
        let ticks = Ticks.nice(-3.7, 12.2)
        #expect(ticks == [0, 5, 10] || ticks == [-2, 0, 2, 4, 6, 8, 10, 12] || ticks.allSatisfy { $0.truncatingRemainder(dividingBy: 2) == 0 })
        #expect(ticks.first! >= -3.7 && ticks.last! <= 12.2)
        let tiny = Ticks.nice(0.001, 0.0012)
        #expect(tiny.count >= 2 && tiny.allSatisfy { (0.000999...0.001201).contains($0) })
        #expect(Ticks.nice(5, 5) == [5])
        #expect(Ticks.nice(.nan, 1).isEmpty)
    }

    @Test func tickLabelsUseAsManyDecimalsAsTheStep() {
        #expect(Ticks.label(0.2, step: 0.2) == "0.2")
        #expect(Ticks.label(10, step: 5) == "10")
        #expect(Ticks.label(0.0015, step: 0.0005) == "0.0015")
    }

    @Test func viridisRunsFromPurpleToYellowGettingLighter() {
        #expect(Viridis.hex(0) == "#440154")
        #expect(Viridis.hex(1) == "#fde725")
        func luminance(_ hex: String) -> Double {
            let v = Int(hex.dropFirst(), radix: 16)!
            return 0.2126 * Double(v >> 16) + 0.7152 * Double((v >> 8) & 255) + 0.0722 * Double(v & 255)
        }
        let samples = stride(from: 0.0, through: 1.0, by: 0.05).map { luminance(Viridis.hex($0)) }
        #expect(zip(samples, samples.dropFirst()).allSatisfy { $0 <= $1 + 1 })
        #expect(Viridis.hex(-3) == Viridis.hex(0) && Viridis.hex(.nan) == Viridis.hex(0))
    }
}
