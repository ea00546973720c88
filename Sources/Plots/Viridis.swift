/// The viridis colour map (perceptually uniform, readable in colour-blind
/// vision and in grey), interpolated between 17 of its published colours.
enum Viridis {
    static let stops: [(Double, Double, Double)] = [
        (68, 1, 84), (72, 26, 108), (71, 47, 125), (65, 68, 135), (57, 86, 140), (49, 104, 142), (42, 120, 142),
        (35, 136, 142), (31, 152, 139), (34, 168, 132), (53, 183, 121), (84, 197, 104), (122, 209, 81),
        (165, 219, 54), (210, 226, 27), (253, 231, 37), (253, 231, 37),
    ]

    /// The colour at t ∈ [0, 1] (clamped) as `#rrggbb`.
    static func hex(_ t: Double) -> String {
        let clamped = t.isFinite ? min(1, max(0, t)) : 0
        let position = clamped * Double(stops.count - 2)
        let i = min(Int(position), stops.count - 2), f = position - Double(i)
        let (a, b) = (stops[i], stops[i + 1])
        func channel(_ x: Double, _ y: Double) -> Int { Int((x + (y - x) * f).rounded()) }
        let r = channel(a.0, b.0), g = channel(a.1, b.1), bl = channel(a.2, b.2)
        return "#" + [r, g, bl].map { String($0, radix: 16).leftPadded(2) }.joined()
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
