/// The viridis colour map (perceptually uniform, readable in colour-blind
/// vision and in grey), interpolated between 17 of its published colours.
enum Viridis {
    static let stops: [(Double, Double, Double)] = [
        (68, 1, 84), (72, 26, 108), (71, 47, 125), (65, 68, 135), (57, 86, 140), (49, 104, 142), (42, 120, 142),
        (35, 136, 142), (31, 152, 139), (34, 168, 132), (53, 183, 121), (84, 197, 104), (122, 209, 81),
        (165, 219, 54), (210, 226, 27), (253, 231, 37), (253, 231, 37),
    ]

    /// The colour at t ∈ [0, 1] (clamped) as `#rrggbb`.
    static func hex(_ t: Double) -> String { ColourMaps.interpolate(stops, t) }
}

/// Cividis: viridis re-derived to look the same to viewers with deuteranopia
/// (blue to yellow, lightness rising linearly), from viridisLite's ten colours.
enum Cividis {
    static let stops: [(Double, Double, Double)] = [
        (0, 32, 77), (0, 51, 111), (57, 72, 107), (87, 92, 109), (112, 113, 115), (138, 135, 121),
        (166, 157, 117), (196, 181, 108), (228, 207, 91), (255, 234, 70), (255, 234, 70),
    ]

    static func hex(_ t: Double) -> String { ColourMaps.interpolate(stops, t) }
}

/// Okabe & Ito's eight colours, distinguishable in every common colour-vision deficiency;
/// ordered so the first few differ most (the yellow, weak on white, comes late).
enum OkabeIto {
    static let colours = ["#0072b2", "#e69f00", "#009e73", "#d55e00", "#cc79a7", "#56b4e9", "#000000", "#f0e442"]
    static func hex(_ index: Int) -> String { colours[((index % colours.count) + colours.count) % colours.count] }
}

/// Which colours a figure uses: a continuous map for λ and values, and, with `categorical`,
/// Okabe–Ito colours for a few discrete λ (continuous bars then stay viridis).
public enum Palette: String, Sendable, CaseIterable {
    case viridis, cividis, categorical

    /// The continuous map's colour at t ∈ [0, 1].
    func continuous(_ t: Double) -> String { self == .cividis ? Cividis.hex(t) : Viridis.hex(t) }
}

enum ColourMaps {
    static func interpolate(_ stops: [(Double, Double, Double)], _ t: Double) -> String {
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
