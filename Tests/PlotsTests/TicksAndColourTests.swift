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

struct LabelsAndKeysTests {
    @Test func labelsShowTheValueAndStayDistinct() {
        #expect(Ticks.label(0.5, step: 1) == "0.5")        // a lone tick at λ = 0.5 once read "0"
        #expect(Ticks.labels([2.5]) == ["2.5"])            // and samples at 2.5 read "2"
        #expect(Ticks.labels([2, 2.5, 3]) == ["2.0", "2.5", "3.0"])
        #expect(Ticks.labels([0, 0.99, 1]) == ["0.00", "0.99", "1.00"])
        #expect(Ticks.labels([-0.0001, 0], step: 0.5) == ["-0.0001", "0.0000"] || Ticks.labels([-0.0001, 0], step: 0.5).allSatisfy { !$0.hasPrefix("-0.0") || $0 != "-0" })
        for values in [[0.1, 0.1000001], [1e-7, 2e-7], [10, 10.25, 10.5], [1, 2, 3]] {
            let labels = Ticks.labels(values)
            #expect(Set(labels).count == values.count, "\(values) → \(labels)")
        }
        #expect(Ticks.labels([700_000, 1_400_000]).allSatisfy { $0.contains("e") })
    }

    @Test func aFewLambdaValuesGetALegendWithOneSwatchEachAndManyGetABar() {
        for count in 1...5 {
            let values = (0..<count).map { Double($0) * 0.25 }
            guard case .legend(_, let entries, _) = Key.lambda(values: values, anchors: [0, 1], palette: .viridis).1 else {
                Issue.record("\(count) λ values got no legend"); continue
            }
            #expect(entries.map(\.label) == Ticks.labels(values))
            #expect(Set(entries.map(\.colour)).count == count)
        }
        guard case .bar(_, _, let ticks, let marks) = Key.lambda(values: (0..<6).map(Double.init), anchors: [0, 5], palette: .viridis).1 else {
            Issue.record("six λ values should get a bar"); return
        }
        #expect(marks == [0, 5] && ticks == [0, 5])
        guard case .bar(_, _, let anchorTicks, _) = Key.lambda(values: [0, 0.3, 0.5, 0.99], anchors: [0, 0.5, 0.99], palette: .viridis,
                                                             continuous: true).1 else { Issue.record("paths get a bar"); return }
        #expect(anchorTicks == [0, 0.5, 0.99], "a continuous bar labels the anchors")
    }

    @Test func aLegendNamesAnchorsThatAreNotSampled() {
        guard case .legend(_, _, let note) = Key.lambda(values: [0.25, 0.75], anchors: [0, 0.5, 1], palette: .categorical).1 else {
            Issue.record("no legend"); return
        }
        #expect(note == "anchors: 0.0, 0.5, 1.0")
    }

    @Test func categoricalPaletteIsOkabeIto() {
        guard case .legend(_, let entries, _) = Key.lambda(values: [0, 1, 2], anchors: [], palette: .categorical).1 else { return }
        #expect(entries.map(\.colour) == Array(OkabeIto.colours.prefix(3)))
        #expect(Cividis.hex(0) == "#00204d" && Cividis.hex(1) == "#ffea46")
    }

    @Test func spikyLossesSwitchToSymlogAndDecadesToLog() {
        let spiky = [-3.0, -1, 700_000, 0.5, -0.7, 0.2] + Array(repeating: -0.6, count: 50)
        guard case .symlog(let threshold) = AxisScale.automatic(for: spiky) else { Issue.record("\(AxisScale.automatic(for: spiky))"); return }
        #expect(threshold > 0 && threshold <= 1)
        #expect(AxisScale.automatic(for: [700_000, 3, 1, 0.5, 0.4]) == .log)
        #expect(AxisScale.automatic(for: [3, 2, 1.5, 1.2]) == .linear)
        #expect(AxisScale.automatic(for: [-1, 0.5, 0.2, -0.3]) == .linear)
        #expect(AxisScale.log.ticks(2.9...5.6, target: 4).map(\.label) == ["1000", "1e4", "1e5"])
        let s = AxisScale.symlog(threshold: 0.1)
        for v in [-1000.0, -0.05, 0, 0.05, 3, 7e5] { #expect(abs(s.inverse(s.forward(v)) - v) <= 1e-9 * max(1, abs(v))) }
        let ticks = s.ticks(s.forward(-10)...s.forward(1e6))
        #expect(ticks.contains { $0.label == "0" } && ticks.map(\.position) == ticks.map(\.position).sorted())
    }
}
