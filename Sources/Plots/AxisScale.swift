import Foundation

/// How an axis maps values to positions: linear, log10, or symmetric log (linear within
/// ±`threshold`, logarithmic beyond it) for data that spans decades and crosses zero.
public enum AxisScale: Sendable, Equatable {
    case linear, log
    case symlog(threshold: Double)

    /// The axis coordinate of `value`; NaN where it has none (non-positive values on a log axis).
    func forward(_ value: Double) -> Double {
        switch self {
        case .linear: return value
        case .log: return value > 0 ? log10(value) : .nan
        case .symlog(let c): return value < 0 ? -log10(1 + -value / c) : log10(1 + value / c)
        }
    }

    /// The value at axis coordinate `t` (inverse of `forward`).
    func inverse(_ t: Double) -> Double {
        switch self {
        case .linear: return t
        case .log: return pow(10, t)
        case .symlog(let c): return t < 0 ? -c * (pow(10, -t) - 1) : c * (pow(10, t) - 1)
        }
    }

    /// A name for axis labels: "loss (log scale)".
    var suffix: String {
        switch self {
        case .linear: return ""
        case .log: return " (log scale)"
        case .symlog: return " (symlog scale)"
        }
    }

    /// Linear unless the values span decades: log when they are all positive and the largest is
    /// at least 100× the smallest; symlog when they also reach zero or below and the largest
    /// magnitude is at least 1,000× a typical small one (its threshold is that power of ten).
    public static func automatic(for values: [Double]) -> AxisScale {
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return .linear }
        if lo > 0 { return hi / lo >= 100 ? .log : .linear }
        let magnitudes = finite.map { abs($0) }.filter { $0 > 0 }.sorted()
        guard let largest = magnitudes.last else { return .linear }
        let small = magnitudes[magnitudes.count / 10]
        guard largest / small >= 1000 else { return .linear }
        return .symlog(threshold: pow(10, floor(log10(small))))
    }

    /// Tick positions (axis coordinates) and labels over the axis range `range`.
    func ticks(_ range: ClosedRange<Double>, target: Int = 5) -> [(position: Double, label: String)] {
        switch self {
        case .linear:
            let ticks = Ticks.nice(range.lowerBound, range.upperBound, target: target)
            let step = ticks.count > 1 ? ticks[1] - ticks[0] : nil
            return Array(zip(ticks, Ticks.labels(ticks, step: step)))
        case .log:
            let decades = (Int(ceil(range.lowerBound - 1e-9))...max(Int(ceil(range.lowerBound - 1e-9)), Int(floor(range.upperBound + 1e-9))))
                .filter { range.contains(Double($0)) }
            if decades.count < 2 {  // less than a decade: plain ticks, labelled with their values
                let ticks = Ticks.nice(pow(10, range.lowerBound), pow(10, range.upperBound), target: target)
                    .filter { $0 > 0 }
                let step = ticks.count > 1 ? ticks[1] - ticks[0] : nil
                return Array(zip(ticks.map(log10), Ticks.labels(ticks, step: step)))
            }
            let every = max(1, (decades.count + target + 1) / (target + 2))  // decade labels are short: a few more fit
            return decades.filter { ($0 - decades[0]) % every == 0 }.map { (Double($0), Ticks.powerOfTen(Double($0)) ?? "") }
        case .symlog(let c):
            var values: [Double] = range.contains(0) ? [0] : []
            var magnitude = c
            var powers: [Double] = []
            while magnitude <= max(abs(inverse(range.lowerBound)), abs(inverse(range.upperBound))) * (1 + 1e-9) {
                powers.append(magnitude); magnitude *= 10
            }
            let every = max(1, (powers.count + 2) / 3)  // at most about three per side
            let kept = powers.enumerated().filter { ($0.offset - (powers.count - 1)) % every == 0 }.map(\.element)
            for p in kept {
                if range.contains(forward(p)) { values.append(p) }
                if range.contains(forward(-p)) { values.append(-p) }
            }
            values.sort()
            return values.map { (forward($0), AxisScale.compact($0)) }
        }
    }

    /// A short label for a power of ten or zero: "0", "100", "-1e4".
    static func compact(_ value: Double) -> String {
        if value == 0 { return "0" }
        let k = Int((log10(abs(value))).rounded())
        let text = Ticks.powerOfTen(Double(k)) ?? ""
        return value < 0 ? "-" + text : text
    }
}
