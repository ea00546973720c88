import Foundation

/// "Nice" axis ticks: steps of 1, 2 or 5 × 10ᵏ, about `target` of them.
enum Ticks {
    static func nice(_ lower: Double, _ upper: Double, target: Int = 5) -> [Double] {
        guard lower.isFinite, upper.isFinite, upper > lower else { return lower.isFinite ? [lower] : [] }
        let raw = (upper - lower) / Double(max(target, 1))
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        var ticks: [Double] = []
        var k = ceil(lower / step - 1e-9)
        while k * step <= upper + step * 1e-9 {
            ticks.append(abs(k * step) < step * 1e-9 ? 0 : k * step)
            k += 1
        }
        return ticks
    }

    /// A tick label: as few decimals as the step needs.
    static func label(_ value: Double, step: Double) -> String {
        let decimals = step >= 1 ? 0 : min(6, Int(ceil(-log10(step) - 1e-9)))
        return String(format: "%.\(decimals)f", value)
    }
}

extension Ticks {
    /// Labels of a log10 axis: 10^k as "1e-3", "0.01", "100"; other ticks stay unlabelled.
    static func powerOfTen(_ exponent: Double) -> String? {
        guard exponent == exponent.rounded() else { return "" }  // only powers of ten are labelled
        let k = Int(exponent)
        if (-2...3).contains(k) { return label(pow(10, Double(k)), step: pow(10, Double(min(k, 0)))) }
        return "1e\(k)"
    }
}
