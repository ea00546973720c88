/// One held-out score over several seeds, as every quality claim reports it: the mean, the sample
/// standard deviation, and the worst value — the largest, since every held-out score here (NLL, CD,
/// W2², MSE) is better lower.
public struct SeedSpread: Sendable, Equatable {
    public let mean: Double
    /// The sample standard deviation (n − 1); 0 for a single seed.
    public let standardDeviation: Double
    public let worst: Double
    public let count: Int

    /// The spread of `values`; nil when there are none.
    public init?(_ values: [Double]) {
        guard let largest = values.max() else { return nil }
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        self.mean = mean
        standardDeviation = values.count > 1 ? (squares / (n - 1)).squareRoot() : 0
        worst = largest
        count = values.count
    }

    /// Per score name, its spread over `runs` (a run without the score is left out of that score's spread).
    public static func of(_ runs: [[String: Double]]) -> [String: SeedSpread] {
        let names = Set(runs.flatMap(\.keys))
        var spreads: [String: SeedSpread] = [:]
        for name in names {
            spreads[name] = SeedSpread(runs.compactMap { $0[name] })
        }
        return spreads
    }
}
