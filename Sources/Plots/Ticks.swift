import Foundation

/// "Nice" axis ticks: steps of 1, 2 or 5 × 10ᵏ, about `target` of them.
enum Ticks {
    static func nice(_ lower: Double, _ upper: Double, target: Int = 5) -> [Double] {
        guard lower.isFinite, upper.isFinite, upper > lower else { return lower.isFinite ? [lower] : [] }
        let raw = (upper - lower) / Double(max(target, 1))
        let magnitude = pow(10, floor(log10(raw)))
        let steps = [0.5, 1, 2, 5, 10].map { $0 * magnitude }
        var index = steps.firstIndex { $0 >= raw } ?? steps.count - 1
        func ticks(_ step: Double) -> [Double] {
            var ticks: [Double] = []
            var k = ceil(lower / step - 1e-9)
            while k * step <= upper + step * 1e-9 {
                ticks.append(abs(k * step) < step * 1e-9 ? 0 : k * step)
                k += 1
            }
            return ticks
        }
        // A narrow panel asks for few ticks; never fewer than three where a smaller nice step gives them.
        var result = ticks(steps[index])
        while result.count < min(3, target) && index > 0 {
            index -= 1
            result = ticks(steps[index])
        }
        return result
    }

    /// A tick label: as few decimals as the step needs, and enough to show the value itself
    /// (a lone tick at 0.5 reads "0.5", not "0").
    static func label(_ value: Double, step: Double) -> String {
        labels([value], step: step)[0]
    }

    /// Labels for `values`, all with the same number of decimals: the fewest that the step
    /// needs, that show every value to within a thousandth of the step (or exactly, with no
    /// step), and that keep distinct values distinct ("2" and "2.5", never "2" and "2").
    static func labels(_ values: [Double], step: Double? = nil) -> [String] {
        let finite = values.filter(\.isFinite)
        let largest = finite.map { abs($0) }.max() ?? 0
        if largest >= 1e6 { return values.map(scientific) }
        var decimals = 0
        if let step, step > 0, step < 1 { decimals = min(8, Int(ceil(-log10(step) - 1e-9))) }
        let tolerance = (step ?? 0) > 0 ? (step ?? 0) * 1e-3 : 1e-9 * max(1, largest)
        while decimals < 8 {
            let texts = finite.map { format($0, decimals) }
            let exact = zip(finite, texts).allSatisfy { abs((Double($1) ?? .nan) - $0) <= tolerance }
            let distinct = Set(texts).count == Set(finite).count
            if exact && distinct { break }
            decimals += 1
        }
        return values.map { $0.isFinite ? format($0, decimals) : "" }
    }

    /// Fixed decimals, never "-0".
    static func format(_ value: Double, _ decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", value)
        return Double(text) == 0 ? String(format: "%.\(decimals)f", 0.0) : text
    }

    /// Large magnitudes as "7e5", "1.5e6".
    static func scientific(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        if value == 0 { return "0" }
        let exponent = Int(floor(log10(abs(value))))
        let mantissa = value / pow(10, Double(exponent))
        let m = format(mantissa, abs(mantissa - mantissa.rounded()) < 0.05 ? 0 : 1)
        return "\(m)e\(exponent)"
    }
}

extension Ticks {
    /// The label of 10^k: "0.01" … "1000" written out, "1e-3" and "1e4" beyond.
    static func powerOfTen(_ exponent: Double) -> String? {
        guard exponent == exponent.rounded() else { return "" }  // only powers of ten are labelled
        let k = Int(exponent)
        if (-2...3).contains(k) { return label(pow(10, Double(k)), step: pow(10, Double(min(k, 0)))) }
        return "1e\(k)"
    }
}
